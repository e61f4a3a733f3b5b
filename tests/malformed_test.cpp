// Malformed input: each case must fail with a clear message at the right
// byte offset and track, and lenient mode must recover what it promises.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "midiarena/allocators/flat_vector.hpp"
#include "midiarena/smf_parser.hpp"
#include "midiarena/smf_writer.hpp"
#include "test_files.hpp"

namespace midiarena {
namespace {

using testing::dump_of;
using Bytes = std::vector<std::uint8_t>;

// The first track's body starts after MThd (14 bytes) and the MTrk header (8).
constexpr std::size_t kBody = 22;

Bytes header(std::uint16_t format, std::uint16_t tracks, std::uint16_t division) {
  return {'M', 'T', 'h', 'd', 0, 0, 0, 6,
          0, static_cast<std::uint8_t>(format),
          static_cast<std::uint8_t>(tracks >> 8), static_cast<std::uint8_t>(tracks),
          static_cast<std::uint8_t>(division >> 8), static_cast<std::uint8_t>(division)};
}

// A format-0 file whose only MTrk chunk holds `body` (length taken from it).
Bytes with_body(std::initializer_list<std::uint8_t> body) {
  return SmfWriter(0, 96).chunk("MTrk", Bytes(body)).declared_tracks(1).bytes();
}

Bytes cat(Bytes a, const Bytes& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

struct Malformed {
  const char* name;
  Bytes file;
  int track;
  std::size_t offset;
  const char* message;
};

std::vector<Malformed> malformed_cases() {
  const Bytes eot = {0x00, 0xFF, 0x2F, 0x00};
  const Bytes good_track = cat({'M', 'T', 'r', 'k', 0, 0, 0, 4}, eot);
  return {
      {"empty_file", {}, kNoTrack, 0, "not a Standard MIDI File (no 'MThd' header)"},
      {"not_midi", {'h', 'e', 'l', 'l', 'o', ' ', 'w', 'o', 'r', 'l', 'd'}, kNoTrack, 0, "not a Standard MIDI File (no 'MThd' header)"},
      {"riff_not_rmid", {'R', 'I', 'F', 'F', 4, 0, 0, 0, 'W', 'A', 'V', 'E'}, kNoTrack, 8, "RIFF file is not RMID (no 'RMID' form type)"},
      {"rmid_without_data", {'R', 'I', 'F', 'F', 12, 0, 0, 0, 'R', 'M', 'I', 'D', 'I', 'N', 'F', 'O', 0, 0, 0, 0},
       kNoTrack, 12, "RMID file has no 'data' chunk"},
      {"rmid_data_past_eof", {'R', 'I', 'F', 'F', 12, 0, 0, 0, 'R', 'M', 'I', 'D', 'd', 'a', 't', 'a', 0xFF, 0xFF, 0, 0},
       kNoTrack, 16, "RMID data chunk length 65535 runs past the end of the file"},
      {"mthd_truncated", {'M', 'T', 'h', 'd', 0, 0}, kNoTrack, 4, "truncated MThd chunk"},
      {"mthd_too_short", {'M', 'T', 'h', 'd', 0, 0, 0, 4, 0, 0, 0, 1}, kNoTrack, 4, "MThd length 4 is shorter than 6"},
      {"mthd_past_eof", {'M', 'T', 'h', 'd', 0, 0, 0, 6, 0, 0}, kNoTrack, 4, "MThd length 6 runs past the end of the file"},
      {"format_3", cat(header(3, 1, 96), good_track), kNoTrack, 8, "unsupported SMF format 3"},
      {"format_0_two_tracks", cat(cat(header(0, 2, 96), good_track), good_track), kNoTrack, 10,
       "format 0 file that declares 2 tracks"},
      {"division_zero", cat(header(0, 1, 0), good_track), kNoTrack, 12, "division of 0 ticks per quarter note"},
      {"smpte_bad_fps", cat(header(0, 1, 0xE928), good_track), kNoTrack, 12, "SMPTE division with 23 frames per second"},
      {"smpte_zero_ticks", cat(header(0, 1, 0xE700), good_track), kNoTrack, 13, "SMPTE division with 0 ticks per frame"},
      // A 22-byte file whose chunk claims 2 GiB: rejected before any allocation.
      {"track_length_2gib", cat(header(0, 1, 96), {'M', 'T', 'r', 'k', 0x80, 0, 0, 0}), 0, 18,
       "track chunk length 2147483648 runs past the end of the file (0 bytes left)"},
      {"unknown_chunk_past_eof", cat(header(1, 0, 96), {'J', 'u', 'n', 'k', 0, 0, 1, 0, 1, 2}), kNoTrack, 18,
       "'Junk' chunk length 256 runs past the end of the file"},
      {"trailing_bytes", cat(cat(header(0, 1, 96), good_track), {0x2A, 0x2A, 0x2A}), kNoTrack, 26,
       "3 trailing bytes after the last chunk"},
      {"fewer_tracks_than_declared", cat(header(1, 2, 96), good_track), kNoTrack, 26,
       "the header declares 2 tracks but the file has 1"},
      {"more_tracks_than_declared", cat(cat(header(1, 1, 96), good_track), good_track), kNoTrack, 26,
       "more MTrk chunks than the 1 the header declares"},
      {"running_status_without_status", with_body({0x00, 0x3C, 0x40}), 0, kBody + 1,
       "running status with no previous status"},
      {"vlq_five_bytes", with_body({0x81, 0x80, 0x80, 0x80, 0x00, 0xFF, 0x2F, 0x00}), 0, kBody,
       "variable-length quantity longer than 4 bytes"},
      {"vlq_truncated", with_body({0x81}), 0, kBody, "truncated variable-length quantity"},
      {"delta_without_event", with_body({0x00}), 0, kBody, "truncated event: delta time with no event"},
      {"channel_message_truncated", with_body({0x00, 0x90, 0x3C}), 0, kBody + 2, "truncated channel message"},
      {"data_byte_high_bit", with_body({0x00, 0x90, 0x3C, 0x90, 0x00, 0xFF, 0x2F, 0x00}), 0, kBody + 3,
       "data byte 0x90 in a channel message has the high bit set"},
      {"program_change_high_bit", with_body({0x00, 0xC0, 0x80, 0x00, 0xFF, 0x2F, 0x00}), 0, kBody + 2,
       "data byte 0x80 in a channel message has the high bit set"},
      {"meta_truncated", with_body({0x00, 0xFF}), 0, kBody, "truncated meta event"},
      {"meta_length_past_track", with_body({0x00, 0xFF, 0x01, 0x05, 0x41}), 0, kBody + 3,
       "meta event length 5 runs past the end of the track (1 byte left)"},
      {"meta_huge_length", with_body({0x00, 0xFF, 0x01, 0xFF, 0xFF, 0xFF, 0x7F}), 0, kBody + 3,
       "meta event length 268435455 runs past the end of the track (0 bytes left)"},
      {"sysex_length_past_track", with_body({0x00, 0xF0, 0x05, 0x7E, 0xF7}), 0, kBody + 2,
       "sysex event length 5 runs past the end of the track (2 bytes left)"},
      {"escape_length_past_track", with_body({0x00, 0xF7, 0x03, 0x01}), 0, kBody + 2,
       "sysex escape event length 3 runs past the end of the track (1 byte left)"},
      {"illegal_system_message", with_body({0x00, 0xF1, 0x10, 0x00, 0xFF, 0x2F, 0x00}), 0, kBody + 1,
       "illegal system message 0xf1 in a track"},
      {"realtime_message", with_body({0x00, 0xF8, 0x00, 0xFF, 0x2F, 0x00}), 0, kBody + 1,
       "illegal system message 0xf8 in a track"},
      {"missing_end_of_track", with_body({0x00, 0x90, 0x3C, 0x40}), 0, kBody + 4, "track ends without End-of-Track"},
      {"bytes_after_end_of_track", with_body({0x00, 0xFF, 0x2F, 0x00, 0x00, 0x90}), 0, kBody + 4,
       "2 bytes after End-of-Track"},
      {"end_of_track_with_payload", with_body({0x00, 0xFF, 0x2F, 0x01, 0x00}), 0, kBody,
       "End-of-Track with a 1-byte payload"},
      {"error_in_second_track",
       cat(cat(header(1, 2, 96), good_track), {'M', 'T', 'r', 'k', 0, 0, 0, 3, 0x00, 0x3C, 0x40}), 1, 35,
       "running status with no previous status"},
  };
}

// Names the case in test output instead of dumping the struct's bytes.
void PrintTo(const Malformed& c, std::ostream* os) { *os << c.name; }

class MalformedInput : public ::testing::TestWithParam<Malformed> {};

TEST_P(MalformedInput, FailsWithMessageOffsetAndTrack) {
  const Malformed& c = GetParam();
  try {
    (void)dump_of(c.file);
    FAIL() << "parsed without error";
  } catch (const ParseError& e) {
    EXPECT_EQ(e.offset(), c.offset);
    EXPECT_EQ(e.track(), c.track);
    EXPECT_EQ(std::string(e.what()), locate(c.track, c.offset, c.message));
  }
}

// The command line: exit status 1 (not a signal, not a sanitizer report),
// nothing on stdout, the located error on stderr.
TEST_P(MalformedInput, CommandLineExitsOneWithTheOffset) {
  const Malformed& c = GetParam();
  const auto dir = std::filesystem::temp_directory_path() / ("midiarena-malformed-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto file = dir / (std::string(c.name) + ".mid");
  std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(c.file.data()),
                                               static_cast<std::streamsize>(c.file.size()));
  const std::string command = std::string(MIDIARENA_CLI) + " dump " + file.string() + " >" + (dir / "out").string() +
                              " 2>" + (dir / "err").string();
  const int status = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 1);
  std::ifstream err(dir / "err");
  const std::string stderr_text((std::istreambuf_iterator<char>(err)), std::istreambuf_iterator<char>());
  EXPECT_EQ(stderr_text, "error: " + file.string() + ": " + locate(c.track, c.offset, c.message) + "\n");
  EXPECT_EQ(std::filesystem::file_size(dir / "out"), 0u);
  std::filesystem::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Parser, MalformedInput, ::testing::ValuesIn(malformed_cases()),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(Malformed, MessagesNameTrackAndHexOffset) {
  EXPECT_EQ(locate(2, 0x1a3f, "running status with no previous status"),
            "track 2 at byte 0x1a3f: running status with no previous status");
  EXPECT_EQ(locate(kNoTrack, 0, "x"), "at byte 0x0: x");
}

// ---- lenient mode: what it repairs, and that it says so ----

std::string lenient_dump(const Bytes& file, ParseReport& report) { return dump_of(file, /*lenient=*/true, &report); }

TEST(Lenient, TruncatedFinalTrackKeepsCompleteEvents) {
  // Chunk claims 100 bytes; 9 are present and the last event is cut short.
  const Bytes file = cat(header(0, 1, 96), {'M', 'T', 'r', 'k', 0, 0, 0, 100, 0x00, 0x90, 0x3C, 0x40, 0x10, 0x80, 0x3C,
                                            0x40, 0x00, 0xFF});
  ParseReport report;
  EXPECT_EQ(lenient_dump(file, report),
            "header format=0 tracks=1 division=96\ntrack 0\n0 0 note_on 0 60 64\n0 16 note_off 0 60 64\n");
  ASSERT_EQ(report.repairs.size(), 2u);
  EXPECT_EQ(report.repairs[0], "track 0 at byte 0x12: track chunk length 100 runs past the end of the file; read the 10 bytes present");
  EXPECT_EQ(report.repairs[1], "track 0 at byte 0x1e: dropped an incomplete event at the end of the file (track 0 at byte 0x1e: truncated meta event)");
}

TEST(Lenient, MissingEndOfTrackBeforeNextChunk) {
  const Bytes file = cat(cat(header(1, 2, 96), {'M', 'T', 'r', 'k', 0, 0, 0, 4, 0x00, 0x90, 0x3C, 0x40}),
                         {'M', 'T', 'r', 'k', 0, 0, 0, 4, 0x00, 0xFF, 0x2F, 0x00});
  ParseReport report;
  EXPECT_EQ(lenient_dump(file, report),
            "header format=1 tracks=2 division=96\ntrack 0\n0 0 note_on 0 60 64\ntrack 1\n1 0 meta 2f -\n");
  ASSERT_EQ(report.repairs.size(), 1u);
  EXPECT_EQ(report.repairs[0], "track 0 at byte 0x1a: missing End-of-Track");
}

TEST(Lenient, ChunkLengthTooShortReadsOnToEndOfTrack) {
  // The chunk says 4 bytes, but the track really runs 8 bytes to its End-of-Track.
  const Bytes file = cat(cat(header(1, 2, 96), {'M', 'T', 'r', 'k', 0, 0, 0, 4, 0x00, 0x90, 0x3C, 0x40, 0x00, 0xFF, 0x2F, 0x00}),
                         {'M', 'T', 'r', 'k', 0, 0, 0, 4, 0x00, 0xFF, 0x2F, 0x00});
  ParseReport report;
  EXPECT_EQ(lenient_dump(file, report),
            "header format=1 tracks=2 division=96\ntrack 0\n0 0 note_on 0 60 64\n0 0 meta 2f -\n"
            "track 1\n1 0 meta 2f -\n");
  ASSERT_EQ(report.repairs.size(), 1u);
  EXPECT_EQ(report.repairs[0], "track 0 at byte 0x1a: track chunk length too short; read on to End-of-Track");
}

TEST(Lenient, ChunkLengthTooLongNextChunkStartsAfterEndOfTrack) {
  // The chunk says 12 bytes, but End-of-Track comes after 4 and the next
  // MTrk starts right there.
  const Bytes file = cat(cat(header(1, 2, 96), {'M', 'T', 'r', 'k', 0, 0, 0, 12, 0x00, 0xFF, 0x2F, 0x00}),
                         {'M', 'T', 'r', 'k', 0, 0, 0, 4, 0x00, 0xFF, 0x2F, 0x00});
  ParseReport report;
  EXPECT_EQ(lenient_dump(file, report),
            "header format=1 tracks=2 division=96\ntrack 0\n0 0 meta 2f -\ntrack 1\n1 0 meta 2f -\n");
  ASSERT_EQ(report.repairs.size(), 1u);
  EXPECT_EQ(report.repairs[0], "track 0 at byte 0x1a: track chunk length too long; the next chunk starts after End-of-Track");
}

TEST(Lenient, BytesAfterEndOfTrackAreIgnored) {
  ParseReport report;
  EXPECT_EQ(lenient_dump(with_body({0x00, 0xFF, 0x2F, 0x00, 0x00, 0x90}), report),
            "header format=0 tracks=1 division=96\ntrack 0\n0 0 meta 2f -\n");
  ASSERT_EQ(report.repairs.size(), 1u);
  EXPECT_EQ(report.repairs[0], "track 0 at byte 0x1a: ignored 2 bytes after End-of-Track");
}

TEST(Lenient, IllegalSystemMessagesAreSkippedWithTheirDataBytes) {
  // F2 carries two data bytes, F3 one, F8 none; the delta before each still counts.
  ParseReport report;
  EXPECT_EQ(lenient_dump(with_body({0x00, 0xF2, 0x01, 0x02, 0x05, 0xF3, 0x03, 0x05, 0xF8, 0x00, 0x90, 0x3C, 0x40,
                                    0x00, 0xFF, 0x2F, 0x00}),
                         report),
            "header format=0 tracks=1 division=96\ntrack 0\n0 10 note_on 0 60 64\n0 10 meta 2f -\n");
  ASSERT_EQ(report.repairs.size(), 3u);
  EXPECT_EQ(report.repairs[0], "track 0 at byte 0x17: skipped illegal system message 0xf2");
  EXPECT_EQ(report.repairs[2], "track 0 at byte 0x1e: skipped illegal system message 0xf8");
}

TEST(Lenient, NonRepairableErrorsStillFail) {
  ParseReport report;
  EXPECT_THROW((void)lenient_dump(with_body({0x00, 0x3C, 0x40}), report), ParseError);
  EXPECT_THROW((void)lenient_dump(with_body({0x00, 0x90, 0x3C, 0x90, 0x00, 0xFF, 0x2F, 0x00}), report), ParseError);
}

}  // namespace
}  // namespace midiarena
