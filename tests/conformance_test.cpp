// The 72 MIT conformance files (jazz-soft/test-midi-files): the expected
// outcome of each in strict and in lenient mode. Files not listed here parse
// in strict mode with nothing to repair.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "midiarena/smf_parser.hpp"
#include "test_files.hpp"

namespace midiarena {
namespace {

struct Expected {
  std::string strict_error;  // the full located message
  std::size_t lenient_repairs;  // 0 with a non-empty strict_error: lenient fails too
};

const std::map<std::string, Expected>& expectations() {
  static const std::map<std::string, Expected> table = {
      {"test-2-tracks-type-0.mid", {"at byte 0xa: format 0 file that declares 2 tracks", 1}},
      {"test-corrupt-file-extra-byte.mid", {"at byte 0x113: 1 trailing byte after the last chunk", 1}},
      // The last event (End-of-Track) lacks its length byte: lenient keeps the rest.
      {"test-corrupt-file-missing-byte.mid",
       {"track 0 at byte 0x12: track chunk length 246 runs past the end of the file (245 bytes left)", 2}},
      {"test-empty-file.mid", {"at byte 0x0: not a Standard MIDI File (no 'MThd' header)", 0}},
      {"test-not-a-midi-file.mid", {"at byte 0x0: not a Standard MIDI File (no 'MThd' header)", 0}},
      {"test-illegal-message-all.mid", {"track 0 at byte 0xbb: illegal system message 0xf1 in a track", 13}},
      {"test-illegal-message-f1-xx.mid", {"track 0 at byte 0xd8: illegal system message 0xf1 in a track", 1}},
      {"test-illegal-message-f2-xx-xx.mid", {"track 0 at byte 0xdd: illegal system message 0xf2 in a track", 1}},
      {"test-illegal-message-f3-xx.mid", {"track 0 at byte 0xd5: illegal system message 0xf3 in a track", 1}},
      {"test-illegal-message-f4.mid", {"track 0 at byte 0xcd: illegal system message 0xf4 in a track", 1}},
      {"test-illegal-message-f5.mid", {"track 0 at byte 0xcd: illegal system message 0xf5 in a track", 1}},
      {"test-illegal-message-f6.mid", {"track 0 at byte 0xd0: illegal system message 0xf6 in a track", 1}},
      {"test-illegal-message-f8.mid", {"track 0 at byte 0xd0: illegal system message 0xf8 in a track", 1}},
      {"test-illegal-message-f9.mid", {"track 0 at byte 0xcd: illegal system message 0xf9 in a track", 1}},
      {"test-illegal-message-fa.mid", {"track 0 at byte 0xc9: illegal system message 0xfa in a track", 1}},
      {"test-illegal-message-fb.mid", {"track 0 at byte 0xcc: illegal system message 0xfb in a track", 1}},
      {"test-illegal-message-fc.mid", {"track 0 at byte 0xc8: illegal system message 0xfc in a track", 1}},
      {"test-illegal-message-fd.mid", {"track 0 at byte 0xcd: illegal system message 0xfd in a track", 1}},
      {"test-illegal-message-fe.mid", {"track 0 at byte 0xd2: illegal system message 0xfe in a track", 1}},
  };
  return table;
}

TEST(Conformance, CorpusHasAll72Files) { EXPECT_EQ(testing::conformance_files().size(), 72u); }

TEST(Conformance, EveryFileHasItsExpectedOutcome) {
  for (const auto& path : testing::conformance_files()) {
    SCOPED_TRACE(path.filename().string());
    const auto bytes = testing::read_bytes(path);
    const auto it = expectations().find(path.filename().string());
    if (it == expectations().end()) {
      ParseReport strict, lenient;
      EXPECT_NO_THROW((void)testing::dump_of(bytes, false, &strict));
      EXPECT_EQ(testing::dump_of(bytes, true, &lenient), testing::dump_of(bytes));
      EXPECT_TRUE(lenient.repairs.empty());
      continue;
    }
    const Expected& expected = it->second;
    try {
      (void)testing::dump_of(bytes);
      ADD_FAILURE() << "strict mode accepted it";
    } catch (const ParseError& e) {
      EXPECT_EQ(e.what(), expected.strict_error);
    }
    ParseReport report;
    if (expected.lenient_repairs == 0) {
      EXPECT_THROW((void)testing::dump_of(bytes, true, &report), ParseError);
    } else {
      EXPECT_NO_THROW((void)testing::dump_of(bytes, true, &report));
      EXPECT_EQ(report.repairs.size(), expected.lenient_repairs);
    }
  }
}

TEST(Conformance, RunningStatusAcrossMetaAndSysexIsAcceptedAndCounted) {
  // RP-001 says meta and sysex cancel running status; these files rely on it
  // surviving, as real collections do (mido rejects the sysex one).
  for (const char* name : {"test-running-status-metaevent.mid", "test-running-status-sysex.mid"}) {
    SCOPED_TRACE(name);
    ParseReport report;
    EXPECT_NO_THROW((void)testing::dump_of(testing::read_bytes(testing::conformance_dir() / name), false, &report));
    EXPECT_GT(report.running_status_across_meta_or_sysex, 0u);
  }
}

TEST(Conformance, NonMidiChunkIsSkipped) {
  const auto dump = testing::dump_of(testing::read_bytes(testing::conformance_dir() / "test-non-midi-track.mid"));
  EXPECT_EQ(dump.substr(0, dump.find('\n')), "header format=0 tracks=1 division=96");
  EXPECT_NE(dump.find("note_on 0 60 127"), std::string::npos);
}

}  // namespace
}  // namespace midiarena
