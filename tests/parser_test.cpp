// The parser on hand-built files with known dumps: every message kind, VLQ
// edges, running status, sysex, meta, RMID, unknown chunks, SMPTE, format 2.
#include <gtest/gtest.h>

#include <cstdint>
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

Bytes one_track(const TrackWriter& track, std::uint16_t format = 0, std::uint16_t division = 96) {
  return SmfWriter(format, division).track(track).bytes();
}

TEST(Parser, EveryChannelMessageKind) {
  TrackWriter t;
  t.channel(0, 0x80, 60, 64)
      .channel(1, 0x91, 61, 100)
      .channel(2, 0xA2, 62, 5)
      .channel(3, 0xB3, 7, 127)
      .channel(4, 0xC4, 42)
      .channel(5, 0xD5, 99)
      .channel(6, 0xE6, 0x00, 0x40)
      .channel(7, 0xEF, 0x7F, 0x7F)
      .channel(8, 0xE0, 0x00, 0x00)
      .end_of_track();
  EXPECT_EQ(dump_of(one_track(t)),
            "header format=0 tracks=1 division=96\n"
            "track 0\n"
            "0 0 note_off 0 60 64\n"
            "0 1 note_on 1 61 100\n"
            "0 3 poly_aftertouch 2 62 5\n"
            "0 6 control_change 3 7 127\n"
            "0 10 program_change 4 42\n"
            "0 15 channel_pressure 5 99\n"
            "0 21 pitch_bend 6 8192\n"
            "0 28 pitch_bend 15 16383\n"
            "0 36 pitch_bend 0 0\n"
            "0 36 meta 2f -\n");
}

TEST(Parser, VariableLengthQuantityEdges) {
  // Deltas at every VLQ width boundary; ticks accumulate them.
  const std::vector<std::uint32_t> deltas = {0, 0x7F, 0x80, 0x3FFF, 0x4000, 0x1FFFFF, 0x200000, 0x0FFFFFFF};
  TrackWriter t;
  for (std::uint32_t d : deltas) t.channel(d, 0x90, 60, 1, /*running_status=*/false);
  t.end_of_track();
  std::string expected = "header format=0 tracks=1 division=96\ntrack 0\n";
  std::uint64_t tick = 0;
  for (std::uint32_t d : deltas) expected += "0 " + std::to_string(tick += d) + " note_on 0 60 1\n";
  expected += "0 " + std::to_string(tick) + " meta 2f -\n";
  EXPECT_EQ(dump_of(one_track(t)), expected);
}

TEST(Parser, VlqEncodingMatchesTheStandardExamples) {
  // SMF 1.0 specification, "variable-length quantity" table.
  const std::vector<std::pair<std::uint32_t, Bytes>> examples = {
      {0x00, {0x00}}, {0x40, {0x40}}, {0x7F, {0x7F}}, {0x80, {0x81, 0x00}}, {0x2000, {0xC0, 0x00}},
      {0x3FFF, {0xFF, 0x7F}}, {0x4000, {0x81, 0x80, 0x00}}, {0x100000, {0xC0, 0x80, 0x00}},
      {0x1FFFFF, {0xFF, 0xFF, 0x7F}}, {0x200000, {0x81, 0x80, 0x80, 0x00}},
      {0x8000000, {0xC0, 0x80, 0x80, 0x00}}, {0xFFFFFFF, {0xFF, 0xFF, 0xFF, 0x7F}}};
  for (const auto& [value, encoded] : examples) {
    Bytes out;
    append_vlq(out, value);
    EXPECT_EQ(out, encoded) << value;
    // And the parser reads it back as a delta.
    Bytes body = encoded;
    body.insert(body.end(), {0xFF, 0x2F, 0x00});
    const Bytes file = SmfWriter(0, 96).chunk("MTrk", body).declared_tracks(1).bytes();
    EXPECT_EQ(dump_of(file), "header format=0 tracks=1 division=96\ntrack 0\n0 " + std::to_string(value) + " meta 2f -\n");
  }
}

TEST(Parser, RunningStatusIsCountedAndSurvivesMetaAndSysex) {
  TrackWriter t;
  const Bytes gm_reset = {0x7E, 0x7F, 0x09, 0x01, 0xF7};
  t.channel(0, 0x90, 60, 100)
      .channel(0, 0x90, 62, 100)       // running status
      .meta(0, 0x01, "lyric")          // RP-001 would cancel running status here...
      .channel(0, 0x90, 64, 100)       // ...real files rely on it surviving
      .sysex(0, gm_reset)
      .channel(0, 0x90, 65, 0)         // and across sysex too
      .channel(0, 0x80, 60, 0)         // new status, written
      .end_of_track();
  ParseReport report;
  EXPECT_EQ(dump_of(one_track(t), false, &report),
            "header format=0 tracks=1 division=96\n"
            "track 0\n"
            "0 0 note_on 0 60 100\n"
            "0 0 note_on 0 62 100\n"
            "0 0 meta 01 6c79726963\n"
            "0 0 note_on 0 64 100\n"
            "0 0 sysex 7e7f0901f7\n"
            "0 0 note_on 0 65 0\n"
            "0 0 note_off 0 60 0\n"
            "0 0 meta 2f -\n");
  EXPECT_EQ(report.running_status_events, 3u);
  EXPECT_EQ(report.running_status_across_meta_or_sysex, 2u);
}

TEST(Parser, SysexAndEscapeKeepTheirBytesAsStored) {
  const Bytes first = {0x43, 0x12, 0x00};
  const Bytes cont = {0x07, 0xF7};
  const Bytes escape = {0xF3, 0x01};  // an escaped system common message
  TrackWriter t;
  t.sysex(0, first).sysex_escape(10, cont).sysex_escape(0, escape).sysex(0, {}).end_of_track();
  EXPECT_EQ(dump_of(one_track(t)),
            "header format=0 tracks=1 division=96\n"
            "track 0\n"
            "0 0 sysex 431200\n"
            "0 10 sysex_escape 07f7\n"
            "0 10 sysex_escape f301\n"
            "0 10 sysex -\n"
            "0 10 meta 2f -\n");
}

TEST(Parser, MetaEventsOfAnyTypeAreKeptRaw) {
  TrackWriter t;
  const Bytes tempo = {0x07, 0xA1, 0x20};
  const Bytes timesig = {0x06, 0x03, 0x18, 0x08};
  const Bytes proprietary = {0x00, 0x00, 0x41, 0x01};
  t.meta(0, 0x03, "Piano").meta(0, 0x51, tempo).meta(0, 0x58, timesig).meta(5, 0x7F, proprietary)
      .meta(0, 0x60, Bytes{}).end_of_track(7);
  EXPECT_EQ(dump_of(one_track(t)),
            "header format=0 tracks=1 division=96\n"
            "track 0\n"
            "0 0 meta 03 5069616e6f\n"
            "0 0 meta 51 07a120\n"
            "0 0 meta 58 06031808\n"
            "0 5 meta 7f 00004101\n"
            "0 5 meta 60 -\n"
            "0 12 meta 2f -\n");
}

TEST(Parser, UnknownChunksAreSkipped) {
  TrackWriter a, b;
  a.channel(0, 0x90, 60, 1).end_of_track();
  b.channel(0, 0x91, 61, 2).end_of_track();
  const Bytes junk = {1, 2, 3, 4, 5};
  const Bytes file = SmfWriter(1, 480).chunk("XFIH", junk).track(a).chunk("Junk", junk).track(b).bytes();
  EXPECT_EQ(dump_of(file),
            "header format=1 tracks=2 division=480\n"
            "track 0\n0 0 note_on 0 60 1\n0 0 meta 2f -\n"
            "track 1\n1 0 note_on 1 61 2\n1 0 meta 2f -\n");
}

TEST(Parser, RiffRmidWrapperIsUnwrapped) {
  TrackWriter t;
  t.channel(0, 0x90, 60, 1).end_of_track();
  const Bytes smf = one_track(t);
  auto le32 = [](Bytes& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  };
  Bytes rmid = {'R', 'I', 'F', 'F'};
  le32(rmid, static_cast<std::uint32_t>(4 + 8 + 3 + 1 + 8 + smf.size()));
  rmid.insert(rmid.end(), {'R', 'M', 'I', 'D', 'I', 'N', 'F', 'O'});  // an odd-sized chunk first: padded
  le32(rmid, 3);
  rmid.insert(rmid.end(), {'a', 'b', 'c', 0});
  rmid.insert(rmid.end(), {'d', 'a', 't', 'a'});
  le32(rmid, static_cast<std::uint32_t>(smf.size()));
  rmid.insert(rmid.end(), smf.begin(), smf.end());
  EXPECT_EQ(dump_of(rmid), dump_of(smf));
}

TEST(Parser, SmpteDivisionIsPrintedRawAndDecoded) {
  TrackWriter t;
  t.end_of_track();
  const std::uint16_t division = 0xE728;  // -25 fps, 40 ticks per frame
  const Bytes file = one_track(t, 0, division);
  EXPECT_EQ(dump_of(file), "header format=0 tracks=1 division=59176\ntrack 0\n0 0 meta 2f -\n");
  const auto parsed = parse<FlatVector>(file);
  EXPECT_TRUE(parsed.header().is_smpte());
  EXPECT_EQ(parsed.header().smpte_fps(), 25);
  EXPECT_EQ(parsed.header().ticks_per_frame(), 40);
}

TEST(Parser, Format2TracksAreIndependent) {
  TrackWriter a, b;
  a.channel(10, 0x90, 60, 1).end_of_track();
  b.channel(20, 0x90, 61, 1).end_of_track();
  EXPECT_EQ(dump_of(SmfWriter(2, 96).track(a).track(b).bytes()),
            "header format=2 tracks=2 division=96\n"
            "track 0\n0 10 note_on 0 60 1\n0 10 meta 2f -\n"
            "track 1\n1 20 note_on 0 61 1\n1 20 meta 2f -\n");
}

TEST(Parser, LongerHeaderChunkIsAllowed) {
  Bytes file = {'M', 'T', 'h', 'd', 0, 0, 0, 8, 0, 0, 0, 1, 0, 96, 0xAA, 0xBB};
  file.insert(file.end(), {'M', 'T', 'r', 'k', 0, 0, 0, 4, 0x00, 0xFF, 0x2F, 0x00});
  EXPECT_EQ(dump_of(file), "header format=0 tracks=1 division=96\ntrack 0\n0 0 meta 2f -\n");
}

TEST(Parser, EmptyTrackListIsValidForFormat1) {
  EXPECT_EQ(dump_of(SmfWriter(1, 96).bytes()), "header format=1 tracks=0 division=96\n");
}

TEST(Parser, EventPayloadViewsOutliveTheInput) {
  TrackWriter t;
  t.meta(0, 0x01, "kept").end_of_track();
  Bytes input = one_track(t);
  const auto file = parse<FlatVector>(input);
  std::fill(input.begin(), input.end(), 0);  // the parsed file owns its payloads
  const Event& text = *file.track(0).begin();
  EXPECT_EQ(std::string(text.payload, text.payload + text.payload_size), "kept");
}

}  // namespace
}  // namespace midiarena
