// Every backend stores the same events: for each conformance file, strict
// and lenient, and for generated files that make arenas, pools and heaps
// grow, every backend's dump (or error) is byte-identical to flat_vector's.
// Under the sanitizer build this is also the clean-teardown test: every
// backend builds, tears down, and unwinds from parse errors mid-track.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "midiarena/allocators/registry.hpp"
#include "midiarena/global_allocator.hpp"
#include "midiarena/smf_writer.hpp"
#include "test_files.hpp"

namespace midiarena {
namespace {

// The dump, or the error when the parse fails.
template <Backend B>
std::string outcome(const std::vector<std::uint8_t>& bytes, bool lenient) {
  try {
    return testing::dump_of<B>(bytes, lenient);
  } catch (const ParseError& e) {
    return std::string("error: ") + e.what();
  }
}

// Checks every backend against flat_vector; true if flat_vector parsed it.
bool expect_backends_agree(const std::vector<std::uint8_t>& bytes, bool lenient) {
  const std::string expected = outcome<FlatVector>(bytes, lenient);
  AllBackends::for_each([&]<Backend B>() {
    EXPECT_EQ(outcome<B>(bytes, lenient), expected) << B::name << (lenient ? ", lenient" : ", strict");
  });
  return !expected.starts_with("error: ");
}

// Several tracks with everything a backend stores: channel messages with
// and without running status, text of every length from 0 to 300 bytes
// (several KiB in all, so byte arenas grow), sysex and sysex escapes.
std::vector<std::uint8_t> busy_file(int tracks, int events_per_track) {
  SmfWriter writer(1, 960);
  for (int t = 0; t < tracks; ++t) {
    TrackWriter track;
    for (int i = 0; i < events_per_track; ++i) {
      const auto ch = static_cast<std::uint8_t>(t % 16);
      const auto v = static_cast<std::uint8_t>(i % 128);
      switch (i % 10) {
        case 0: track.meta(0, 0x01, std::string(static_cast<std::size_t>(i * 7 % 301), 'a' + i % 26)); break;
        case 1: track.channel(3, 0xB0 | ch, 7, v, false); break;
        case 2: track.channel(0, 0xE0 | ch, v, 64); break;
        case 3: track.channel(1, 0xC0 | ch, v); break;
        case 4: {
          const std::vector<std::uint8_t> sysex = {0x7E, 0x7F, 0x09, v, 0xF7};
          i % 20 == 4 ? track.sysex(2, sysex) : track.sysex_escape(2, sysex);
          break;
        }
        default: track.channel(5, 0x90 | ch, v, static_cast<std::uint8_t>(i % 3 == 0 ? 0 : 90)); break;
      }
    }
    writer.track(track.end_of_track());
  }
  return writer.bytes();
}

TEST(Backends, ThisExecutableListsItsBackends) {
  std::vector<std::string> expected = {"boxed_heap",    "flat_vector",  "vec_owned", "typed_arena",
                                       "pmr_monotonic", "pooled_arena", "boost_pool", "typed_arena_exact"};
#if defined(MIDIARENA_GLOBAL_ALLOCATOR_MIMALLOC)
  expected.push_back("mi_heap");
#endif
#if defined(MIDIARENA_GLOBAL_ALLOCATOR_JEMALLOC)
  expected.push_back("je_arena");
#endif
  EXPECT_EQ(AllBackends::names(), expected);
}

TEST(Backends, GlobalAllocatorIsTheOneThisExecutableLinks) {
#if defined(__SANITIZE_ADDRESS__)
  const std::string expected = "asan";  // the sanitizer's malloc serves the process
#else
  const std::string expected = MIDIARENA_GLOBAL_ALLOCATOR;
#endif
  const GlobalAllocator active = detect_global_allocator();
  EXPECT_EQ(active.name, expected) << describe(active);
  if (expected != "asan") {
    EXPECT_FALSE(active.version.empty());
  }
}

TEST(Backends, EveryConformanceFileDumpsAsWithFlatVector) {
  int strict = 0, lenient = 0;
  for (const auto& path : testing::conformance_files()) {
    SCOPED_TRACE(path.filename().string());
    const auto bytes = testing::read_bytes(path);
    strict += expect_backends_agree(bytes, false);
    lenient += expect_backends_agree(bytes, true);
  }
  // conformance_test.cpp: 19 of the 72 files fail strict parsing, 2 of
  // them (not MIDI at all) lenient parsing too.
  EXPECT_EQ(strict, 53);
  EXPECT_EQ(lenient, 70);
}

TEST(Backends, BusyFilesDumpAsWithFlatVector) {
  EXPECT_TRUE(expect_backends_agree(busy_file(1, 10), false));
  EXPECT_TRUE(expect_backends_agree(busy_file(4, 20'000), false));
  EXPECT_TRUE(expect_backends_agree(busy_file(40, 300), false));  // many tracks share arena chunks
}

// A track chunk whose length is far too short: lenient mode reads on to
// End-of-Track, so the track holds more events than its chunk length
// allows for and every reservation made from that length is outgrown.
TEST(Backends, TrackOutgrowingItsChunkLengthDumpsAsWithFlatVector) {
  std::vector<std::uint8_t> bytes = busy_file(1, 5'000);
  const std::uint32_t short_length = 8;  // the first two events, an event boundary
  for (int i = 0; i < 4; ++i) bytes[18 + i] = static_cast<std::uint8_t>(short_length >> (24 - 8 * i));  // MTrk length
  EXPECT_FALSE(expect_backends_agree(bytes, false));
  EXPECT_TRUE(expect_backends_agree(bytes, true));
  ParseReport report;
  EXPECT_EQ(parse<FlatVector>(bytes, {.lenient = true}, &report).track(0).size(), 5'001u);
  EXPECT_EQ(report.repairs.size(), 1u);
}

TEST(Backends, PooledArenasGiveTheSameEventsWhenReused) {
  ArenaPool pool;
  const auto big = busy_file(4, 5'000), small = busy_file(2, 100);
  for (const auto* bytes : {&big, &small, &big, &small}) {
    std::string out;
    dump(out, parse<PooledArena>(*bytes, {}, nullptr, pool));
    EXPECT_EQ(out, testing::dump_of(*bytes));
  }
  EXPECT_EQ(pool.idle_count(), 1u);
}

}  // namespace
}  // namespace midiarena
