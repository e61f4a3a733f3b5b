// The corpus generator: determinism, profile bounds, strict parsing, the
// event-kind mix every profile promises; and the stats it is measured by.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include "midiarena/allocators/flat_vector.hpp"
#include "midiarena/corpus_files.hpp"
#include "midiarena/corpus_gen.hpp"
#include "midiarena/corpus_stats.hpp"
#include "midiarena/prng.hpp"
#include "midiarena/smf_parser.hpp"
#include "midiarena/smf_writer.hpp"
#include "test_files.hpp"

namespace midiarena {
namespace {

namespace fs = std::filesystem;
using Bytes = std::vector<std::uint8_t>;

// A file overshoots its target by less than one bar of one track.
constexpr std::uint64_t kMaxOvershoot = 400;

// What a parsed file holds, at the level of detail the profiles promise.
struct Mix {
  CorpusStats stats;
  std::set<std::uint8_t> controllers;
  std::set<std::uint8_t> meta_types;
  std::uint64_t channel_events = 0;
  std::uint64_t sounding_note_ons = 0;
};

Mix mix_of(const Bytes& bytes) {
  Mix mix;
  mix.stats = file_stats(bytes);  // strict: throws if the file is malformed
  const auto file = parse<FlatVector>(bytes);
  for (std::size_t t = 0; t < file.track_count(); ++t) {
    for (const Event& e : file.track(t)) {
      if (e.kind() == EventKind::control_change) mix.controllers.insert(e.data1());
      if (e.kind() == EventKind::meta) mix.meta_types.insert(e.meta_type());
      mix.channel_events += e.is_channel();
      mix.sounding_note_ons += e.starts_note();
    }
  }
  return mix;
}

void expect_promised_mix(const Bytes& bytes, const std::string& what) {
  SCOPED_TRACE(what);
  const Mix mix = mix_of(bytes);
  const CorpusStats& s = mix.stats;
  EXPECT_EQ(parse<FlatVector>(bytes).header().format, 1);
  EXPECT_GE(s.tracks, 3u);   // conductor + at least two instruments
  EXPECT_LE(s.tracks, 17u);  // conductor + at most sixteen
  EXPECT_GT(s.count(EventKind::note_off), 0u);
  EXPECT_GT(s.zero_velocity_note_ons, 0u);
  EXPECT_GT(mix.sounding_note_ons, 0u);
  EXPECT_GT(s.running_status_events, 0u);
  EXPECT_GT(mix.channel_events - s.running_status_events, 0u) << "no event written with its status byte";
  for (std::uint8_t cc : {1, 7, 10, 11, 64}) EXPECT_TRUE(mix.controllers.count(cc)) << "CC " << int{cc};
  EXPECT_GT(s.count(EventKind::pitch_bend), 0u);
  EXPECT_GT(s.count(EventKind::program_change), 0u);
  EXPECT_GT(s.count(EventKind::sysex), 0u);
  // text, track name, lyric, marker, tempo, time signature, key signature
  for (std::uint8_t type : {0x01, 0x03, 0x05, 0x06, 0x51, 0x58, 0x59}) {
    EXPECT_TRUE(mix.meta_types.count(type)) << "meta type " << int{type};
  }
}

TEST(Prng, SplitMix64KnownAnswers) {
  // Reference outputs of Steele, Lea & Flood's splitmix64 seeded with 0.
  SplitMix64 rng(0);
  EXPECT_EQ(rng.next(), 0xE220A8397B1DCDAFULL);
  EXPECT_EQ(rng.next(), 0x6E789E6AA1B965F4ULL);
  EXPECT_EQ(rng.next(), 0x06C45D188009454FULL);
}

TEST(Prng, Xoshiro256StarStarKnownAnswers) {
  // xoshiro256** 1.0 with its state filled by splitmix64(0), as the authors
  // recommend (outputs of the reference C code).
  Xoshiro256 rng(0);
  EXPECT_EQ(rng.next(), 0x99EC5F36CB75F2B4ULL);
  EXPECT_EQ(rng.next(), 0xBF6E1F784956452AULL);
  EXPECT_EQ(rng.next(), 0x1A5F849D4933E6E0ULL);
  EXPECT_EQ(rng.next(), 0x6AA594F1262D2D2CULL);
}

TEST(Prng, BelowStaysInRangeAndCoversIt) {
  Xoshiro256 rng(7);
  std::set<std::uint32_t> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::uint32_t v = rng.below(6);
    ASSERT_LT(v, 6u);
    seen.insert(v);
  }
  EXPECT_EQ(seen.size(), 6u);
}

TEST(CorpusGen, SameSeedSameBytes) {
  for (const char* name : {"small", "reference"}) {
    const Profile& p = find_profile(name);
    EXPECT_EQ(generate_file(p, 42, 3), generate_file(p, 42, 3)) << name;
  }
}

TEST(CorpusGen, SeedIndexAndProfileEachChangeTheFile) {
  const Profile& small = find_profile("small");
  const Bytes base = generate_file(small, 1, 0);
  EXPECT_NE(base, generate_file(small, 2, 0));
  EXPECT_NE(base, generate_file(small, 1, 1));
  EXPECT_NE(generate_file(find_profile("scaling"), 1, 0), generate_file(find_profile("scaling"), 2, 0));
  EXPECT_NE(generate_file(find_profile("medium"), 1, 0), generate_file(find_profile("large"), 1, 0));
}

TEST(CorpusGen, UnknownProfileNamesTheKnownOnes) {
  try {
    find_profile("huge");
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("small, medium, large, reference, scaling"), std::string::npos) << e.what();
  }
}

TEST(CorpusGen, ReferenceMatchesTheDocumentsLargeMid) {
  // 150 KB +- 10 % and 50,000 +- 5 % events.
  const Profile& p = find_profile("reference");
  for (std::uint64_t seed : {1, 2, 3}) {
    const Bytes bytes = generate_file(p, seed, 0);
    const CorpusStats s = file_stats(bytes);
    EXPECT_GE(bytes.size(), 135'000u) << "seed " << seed;
    EXPECT_LE(bytes.size(), 165'000u) << "seed " << seed;
    EXPECT_GE(s.events, 47'500u) << "seed " << seed;
    EXPECT_LE(s.events, 52'500u) << "seed " << seed;
  }
}

TEST(CorpusGen, SizeClassesStayInTheirBounds) {
  struct Case {
    const char* profile;
    std::uint64_t lo, hi;
    std::vector<std::uint32_t> indices;
  };
  const Case cases[] = {
      {"small", 1'000, 10'000, {0, 1, 2, 3, 4, 5, 6, 7}},
      {"medium", 10'000, 100'000, {0, 1}},
      {"large", 100'000, 1'000'000, {0}},
  };
  for (const Case& c : cases) {
    const Profile& p = find_profile(c.profile);
    for (std::uint32_t index : c.indices) {
      SCOPED_TRACE(std::string(c.profile) + " file " + std::to_string(index));
      const std::uint64_t target = target_events(p, 5, index);
      const CorpusStats s = file_stats(generate_file(p, 5, index));
      EXPECT_GE(s.events, target);
      EXPECT_LT(s.events, target + kMaxOvershoot);
      EXPECT_GE(s.events, c.lo);
      EXPECT_LT(s.events, c.hi);
      EXPECT_GE(s.tracks, 1 + p.min_instrument_tracks);
      EXPECT_LE(s.tracks, 1 + p.max_instrument_tracks);
    }
  }
}

TEST(CorpusGen, ScalingHasOneFilePerDecade) {
  const Profile& p = find_profile("scaling");
  EXPECT_EQ(corpus_size(p, 100), 5u);  // 1K .. 10M
  EXPECT_EQ(corpus_size(p, 2), 2u);
  EXPECT_EQ(target_events(p, 9, 4), 10'000'000u);
  EXPECT_THROW(target_events(p, 9, 5), std::out_of_range);
  for (std::uint32_t index : {0u, 1u, 2u}) {
    const std::uint64_t target = target_events(p, 9, index);
    const CorpusStats s = file_stats(generate_file(p, 9, index));
    EXPECT_EQ(target, std::uint64_t{1000} * (index == 0 ? 1 : index == 1 ? 10 : 100));
    EXPECT_GE(s.events, target);
    EXPECT_LT(s.events, target + kMaxOvershoot);
  }
}

TEST(CorpusGen, EveryProfilePromisesItsMix) {
  for (std::uint64_t seed : {1, 2, 3}) {
    expect_promised_mix(generate_file(find_profile("small"), seed, 0), "small seed " + std::to_string(seed));
  }
  expect_promised_mix(generate_file(find_profile("scaling"), 1, 0), "scaling 1K");
  expect_promised_mix(generate_file(find_profile("medium"), 1, 0), "medium");
  expect_promised_mix(generate_file(find_profile("reference"), 1, 0), "reference");
}

TEST(CorpusGen, CorpusFileNamesAreStable) {
  EXPECT_EQ(corpus_file_name(find_profile("reference"), 0), "reference-0000.mid");
  EXPECT_EQ(corpus_file_name(find_profile("small"), 12), "small-0012.mid");
}

using testing::TempDir;

TEST(CorpusGen, CommandWritesTheLibrarysBytes) {
  TempDir dir;
  const std::string command = std::string(MIDIARENA_CLI) + " gen --profile small --count 2 --seed 11 --out " +
                              (dir.path / "out").string() + " > /dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0);
  const Profile& p = find_profile("small");
  EXPECT_EQ(testing::read_bytes(dir.path / "out" / "small-0000.mid"), generate_file(p, 11, 0));
  EXPECT_EQ(testing::read_bytes(dir.path / "out" / "small-0001.mid"), generate_file(p, 11, 1));
  EXPECT_FALSE(fs::exists(dir.path / "out" / "small-0002.mid"));
}

TEST(CorpusStats, CountsAHandBuiltFile) {
  TrackWriter conductor;
  conductor.meta(0, 0x51, std::string_view("\x07\xA1\x20", 3)).end_of_track();
  const std::uint8_t gm_reset[] = {0x7E, 0x7F, 0x09, 0x01, 0xF7};
  TrackWriter t;
  t.channel(0, 0x90, 60, 100)            // status written
      .channel(0, 0x90, 64, 100)         // running status
      .meta(0, 0x05, "la")               //
      .channel(10, 0x90, 60, 0)          // running status across a meta event
      .channel(0, 0x80, 64, 64)          // status written
      .sysex(0, gm_reset)                //
      .channel(0, 0xB0, 64, 0)           // status written
      .channel(0, 0xB0, 7, 100)          // running status
      .end_of_track();
  const Bytes bytes = SmfWriter(1, 96).track(conductor).track(t).bytes();
  const CorpusStats s = file_stats(bytes);
  EXPECT_EQ(s.files, 1u);
  EXPECT_EQ(s.bytes, bytes.size());
  EXPECT_EQ(s.tracks, 2u);
  EXPECT_EQ(s.events, 11u);
  EXPECT_EQ(s.count(EventKind::note_on), 3u);
  EXPECT_EQ(s.zero_velocity_note_ons, 1u);
  EXPECT_EQ(s.count(EventKind::note_off), 1u);
  EXPECT_EQ(s.count(EventKind::control_change), 2u);
  EXPECT_EQ(s.count(EventKind::sysex), 1u);
  EXPECT_EQ(s.count(EventKind::meta), 4u);
  EXPECT_EQ(s.running_status_events, 3u);
  EXPECT_EQ(s.running_status_across_meta_or_sysex, 1u);
  EXPECT_DOUBLE_EQ(s.running_status_share(), 3.0 / 11.0);
  EXPECT_DOUBLE_EQ(s.bytes_per_event(), static_cast<double>(bytes.size()) / 11.0);

  CorpusStats total = s;
  total += s;
  EXPECT_EQ(total.files, 2u);
  EXPECT_EQ(total.events, 22u);
  EXPECT_EQ(total.count(EventKind::note_on), 6u);
  EXPECT_DOUBLE_EQ(total.running_status_share(), s.running_status_share());

  const nlohmann::json json = s;
  EXPECT_EQ(json["events"], 11);
  EXPECT_EQ(json["events_by_kind"]["note_on"], 3);
  EXPECT_EQ(json["events_by_kind"]["sysex_escape"], 0);
  EXPECT_EQ(json["running_status_across_meta_or_sysex"], 1);
}

TEST(CorpusStats, EmptyCorpusHasNoShares) {
  const CorpusStats none;
  EXPECT_EQ(none.running_status_share(), 0.0);
  EXPECT_EQ(none.bytes_per_event(), 0.0);
}

TEST(CorpusFiles, WalksDirectoriesForMidiExtensions) {
  TempDir dir;
  fs::create_directories(dir.path / "b" / "deep");
  for (const char* name : {"b/deep/z.MID", "b/a.kar", "b/c.midi", "b/d.rmi", "b/notes.txt", "b/e.mid.bak"}) {
    testing::write_bytes(dir.path / name, {});
  }
  const fs::path single = dir.path / "single.bin";  // named files are kept whatever their extension
  testing::write_bytes(single, {});
  const auto files = midi_files({single, dir.path / "b"});
  const std::vector<fs::path> expected = {single, dir.path / "b" / "a.kar", dir.path / "b" / "c.midi",
                                          dir.path / "b" / "d.rmi", dir.path / "b" / "deep" / "z.MID"};
  EXPECT_EQ(files, expected);
}

TEST(CorpusStats, CommandReportsBadFilesAndCountsTheRest) {
  TempDir dir;
  write_corpus(find_profile("small"), 2, 3, dir.path);
  testing::write_bytes(dir.path / "broken.mid", {'M', 'T', 'h', 'd', 0, 0, 0, 6, 0, 1});
  const fs::path out = dir.path / "stats.json";
  const std::string command = std::string(MIDIARENA_CLI) + " stats --json " + dir.path.string() + " > " +
                              out.string() + " 2> " + (dir.path / "stderr.txt").string();
  const int status = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 1);

  std::ifstream in(out);
  const nlohmann::json report = nlohmann::json::parse(in);
  CorpusStats expected = file_stats(testing::read_bytes(dir.path / "small-0000.mid"));
  expected += file_stats(testing::read_bytes(dir.path / "small-0001.mid"));
  EXPECT_EQ(report["files"].size(), 2u);
  EXPECT_EQ(report["total"]["files"], 2);
  EXPECT_EQ(report["total"]["events"], expected.events);
  EXPECT_EQ(report["total"]["bytes"], expected.bytes);
  ASSERT_EQ(report["errors"].size(), 1u);
  EXPECT_EQ(report["errors"][0]["path"], (dir.path / "broken.mid").string());
  const Bytes stderr_bytes = testing::read_bytes(dir.path / "stderr.txt");
  const std::string stderr_text(stderr_bytes.begin(), stderr_bytes.end());
  EXPECT_NE(stderr_text.find("broken.mid"), std::string::npos) << stderr_text;
}

}  // namespace
}  // namespace midiarena
