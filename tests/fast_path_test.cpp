// The parser's fast path (unchecked runs of channel events) against the
// checked path it bails out to: parse() and parse_checked() must agree on
// events, repairs, running-status counts and errors, strict and lenient, on
// the conformance files, on generated files of every profile, and on those
// files with single bytes corrupted. The fuzz target checks the same on
// arbitrary input.
#include <gtest/gtest.h>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "midiarena/allocators/flat_vector.hpp"
#include "midiarena/allocators/typed_arena.hpp"
#include "midiarena/channel_blocks.hpp"
#include "midiarena/corpus_gen.hpp"
#include "midiarena/dump.hpp"
#include "midiarena/prng.hpp"
#include "midiarena/smf_parser.hpp"
#include "midiarena/smf_writer.hpp"
#include "test_files.hpp"

namespace midiarena {
namespace {

using Bytes = std::vector<std::uint8_t>;

template <class Parse>
std::string outcome(Parse parse, std::span<const std::uint8_t> input, bool lenient, bool with_report) {
  try {
    ParseReport report;
    std::string out;
    dump(out, parse(input, ParseOptions{.lenient = lenient}, with_report ? &report : nullptr));
    for (const auto& line : report.repairs) out += line + '\n';
    out += "running status " + std::to_string(report.running_status_events) + " across " +
           std::to_string(report.running_status_across_meta_or_sysex) + '\n';
    return out;
  } catch (const ParseError& e) {
    return std::string("error: ") + e.what();
  }
}

// Every mode; the fast path is compared for two backends with different
// writers (a vector, an arena run).
void expect_paths_agree(std::span<const std::uint8_t> input, const std::string& what) {
  for (bool lenient : {false, true})
    for (bool with_report : {false, true}) {
      const std::string checked = outcome(
          [](auto in, const auto& o, auto* r) { return parse_checked<FlatVector>(in, o, r); }, input, lenient,
          with_report);
      const std::string fast = outcome([](auto in, const auto& o, auto* r) { return parse<FlatVector>(in, o, r); },
                                       input, lenient, with_report);
      const std::string arena = outcome(
          [](auto in, const auto& o, auto* r) { return parse<TypedArena>(in, o, r); }, input, lenient,
          with_report);
      ASSERT_EQ(fast, checked) << what << (lenient ? " lenient" : " strict") << (with_report ? " with report" : "");
      ASSERT_EQ(arena, checked) << what << (lenient ? " lenient" : " strict") << (with_report ? " with report" : "");
    }
}

TEST(FastPath, AgreesWithCheckedPathOnTheConformanceFiles) {
  for (const auto& path : testing::conformance_files())
    expect_paths_agree(testing::read_bytes(path), path.filename().string());
}

TEST(FastPath, AgreesWithCheckedPathOnEveryProfile) {
  for (const Profile& profile : profiles())
    expect_paths_agree(generate_file(profile, /*seed=*/3, /*index=*/0), std::string(profile.name));
}

// A byte changed at a pseudo-random offset, `times` times: malformed events
// anywhere in a run, which the fast path must hand to the checked path.
void expect_paths_agree_when_corrupted(const char* profile, int times) {
  const Bytes original = generate_file(find_profile(profile), /*seed=*/5, /*index=*/0);
  Xoshiro256 rng(0xFA57);
  for (int i = 0; i < times; ++i) {
    Bytes corrupted = original;
    const std::size_t at = rng.next() % corrupted.size();
    corrupted[at] = static_cast<std::uint8_t>(rng.next());
    expect_paths_agree(corrupted, std::string(profile) + "-0 with byte " + std::to_string(at) + " corrupted");
  }
}

TEST(FastPath, AgreesWithCheckedPathOnCorruptedFiles) { expect_paths_agree_when_corrupted("small", 300); }

// Medium's tracks are read in blocks (channel_blocks.hpp), small's mostly
// not: a corrupted byte there lands in a window, and must cut its segment.
TEST(FastPath, AgreesWithCheckedPathOnCorruptedFilesReadInBlocks) { expect_paths_agree_when_corrupted("medium", 30); }

// A dense track, read in blocks, whose windows are cut at many offsets by
// every kind of event that breaks the pattern: those the block loop reads
// itself (read_break) and those it leaves to read_event.
TEST(FastPath, AgreesWithCheckedPathOnEveryKindOfBreakInBlocks) {
  Bytes long_meta{0x00, 0xFF, 0x01, 0x81, 0x00};
  long_meta.resize(long_meta.size() + 0x80, 'x');
  const std::vector<Bytes> breaks = {
      {0x00, 0xFF, 0x01, 0x03, 'a', 'b', 'c'},  // a short meta event
      {0x00, 0xFF, 0x7F, 0x02, 0x90, 0x85},     // one whose last bytes would be a status and a continuation
      {0x81, 0x00, 0xC5, 0x10, 0x00, 0x11, 0x83, 0x00, 0x12},  // program change, then its running status
      {0x00, 0xD2, 0x40},                                      // channel pressure
      {0x00, 0xD2, 0x40, 0x05, 0x41, 0x81, 0x00, 0x42},        // a channel-pressure stream
      {0x00, 0x3C, 0x00},                                      // running status across a meta event (after one)
      {0x81, 0x80, 0x00, 0x90, 0x3C, 0x40},                    // a three-byte delta
      {0x00, 0xF0, 0x03, 0x01, 0x02, 0xF7},                    // sysex
      long_meta,
  };
  const std::uint8_t statuses[] = {0x90, 0x80, 0xB1, 0xE2, 0xA3};
  Bytes track;
  for (unsigned i = 0; track.size() < 3 * blocks::kWindowBytes * 64; ++i) {
    if (i % 2 == 0) track.push_back(0x80 | (i & 0x7F));  // a two-byte delta
    track.insert(track.end(), {static_cast<std::uint8_t>(i & 0x7F), statuses[i % 5], 0x3C, 0x40});
    if (i % 7 == 3) {
      const Bytes& event = breaks[(i / 7) % breaks.size()];
      track.insert(track.end(), event.begin(), event.end());
    }
  }
  track.insert(track.end(), {0x00, 0xFF, 0x2F, 0x00});
  if (blocks::cpu_supported()) {
    ASSERT_TRUE(blocks::dense(track));
  }
  const Bytes file = SmfWriter(0, 96).chunk("MTrk", track).declared_tracks(1).bytes();
  ASSERT_EQ(outcome([](auto in, const auto& o, auto* r) { return parse_checked<FlatVector>(in, o, r); }, file,
                    /*lenient=*/false, /*with_report=*/false)
                .rfind("error", 0),
            std::string::npos);
  expect_paths_agree(file, "a dense track with breaks");
}

// A conductor track (tempo changes, no channel event) is dense and read in
// blocks from its first event, before any status byte: a data byte there
// must fail as it does on the checked path, at its offset.
TEST(FastPath, AgreesWithCheckedPathOnMetaEventsBeforeTheFirstStatus) {
  Bytes conductor;
  for (int i = 0; i < 100; ++i) conductor.insert(conductor.end(), {0x60, 0xFF, 0x51, 0x03, 0x07, 0xA1, 0x20});
  if (blocks::cpu_supported()) {
    ASSERT_TRUE(blocks::dense(conductor));
  }
  for (const Bytes& next : {Bytes{0x00, 0x90, 0x3C, 0x40}, Bytes{0x00, 0x3C, 0x40}}) {
    Bytes track = conductor;
    track.insert(track.end(), next.begin(), next.end());
    track.insert(track.end(), conductor.begin(), conductor.end());  // so that the blocks reach it
    track.insert(track.end(), {0x00, 0xFF, 0x2F, 0x00});
    expect_paths_agree(SmfWriter(0, 96).chunk("MTrk", track).declared_tracks(1).bytes(),
                       next.size() == 4 ? "a conductor track, then a note" : "a conductor track, then a data byte");
  }
}

}  // namespace
}  // namespace midiarena
