// The block split (channel_blocks.hpp) on hand-made windows: which events it
// finds, where it cuts a segment, the deltas; and which tracks the parser
// reads in blocks. That parse() gives what parse_checked() gives, blocks or
// not, is fast_path_test.cpp's.
#include <gtest/gtest.h>

#include <cstdint>
#include <initializer_list>
#include <vector>

#include "midiarena/channel_blocks.hpp"
#include "midiarena/allocators/flat_vector.hpp"
#include "midiarena/corpus_gen.hpp"
#include "midiarena/smf_layout.hpp"
#include "midiarena/smf_parser.hpp"

namespace midiarena {
namespace {

using Bytes = std::vector<std::uint8_t>;

// Events laid end to end after one byte that comes before the window, with
// room after it; remembers where each event ends.
struct Stream {
  Bytes bytes{0xFF};
  std::vector<unsigned> ends;  // window offsets of each event's last byte

  Stream& event(std::initializer_list<std::uint8_t> event_bytes) {
    bytes.insert(bytes.end(), event_bytes);
    ends.push_back(static_cast<unsigned>(bytes.size() - 2));
    return *this;
  }
  // Note-ons under running status (1-byte delta, two data bytes) up to the
  // window's end and past it.
  Stream& fill() {
    while (bytes.size() < 1 + blocks::kWindowBytes + 8) event({0x10, 0x3C, 0x40});
    return *this;
  }
  const std::uint8_t* window() const { return bytes.data() + 1; }
  // The window offsets of the ends of events [first, last).
  std::uint64_t ends_of(std::size_t first, std::size_t last) const {
    std::uint64_t mask = 0;
    for (std::size_t i = first; i < last && ends[i] < blocks::kWindowBytes; ++i) mask |= std::uint64_t{1} << ends[i];
    return mask;
  }
};

struct Split {
  blocks::Segment segment;
  blocks::Window window;
};

[[MIDIARENA_TARGET_BLOCKS]] Split split(const Stream& stream) {
  Split result{};
  blocks::load(result.window, stream.window());
  result.segment = blocks::split(result.window);
  return result;
}

class ChannelBlocks : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!blocks::cpu_supported()) GTEST_SKIP() << "this CPU lacks AVX2 or BMI2: the parser reads one event at a time";
  }
};

TEST_F(ChannelBlocks, FindsEveryEventOfAWindowOfTwoDataByteEvents) {
  Stream stream;
  stream.event({0x00, 0x90, 0x3C, 0x40})        // note-on with its status
      .event({0x81, 0x00, 0x3C, 0x00})          // running status, two-byte delta
      .event({0x05, 0xB3, 0x07, 0x64})          // control change
      .event({0x83, 0x7F, 0xE0, 0x00, 0x40})    // pitch bend, two-byte delta
      .fill();
  const Split s = split(stream);
  EXPECT_EQ(s.segment.ends, stream.ends_of(0, stream.ends.size()));
  EXPECT_FALSE(s.segment.broken);
  // Delta values, by where each delta ends: 0, 128, 5, 3 * 128 + 127.
  EXPECT_EQ(s.window.delta_ending_at[0], 0);
  EXPECT_EQ(s.window.delta_ending_at[5], 128);
  EXPECT_EQ(s.window.delta_ending_at[8], 5);
  EXPECT_EQ(s.window.delta_ending_at[13], 3 * 128 + 127);
}

TEST_F(ChannelBlocks, TheByteBeforeTheWindowIsNeverADeltaContinuation) {
  Stream stream;  // its first byte, before the window, is 0xFF
  stream.event({0x05, 0x90, 0x3C, 0x40}).fill();
  EXPECT_EQ(split(stream).window.delta_ending_at[0], 5);
}

// Each kind of event that breaks the pattern cuts the segment before it.
TEST_F(ChannelBlocks, CutsTheSegmentBeforeAnEventThatBreaksThePattern) {
  const std::initializer_list<std::uint8_t> breaking[] = {
      {0x00, 0xC0, 0x05},                    // program change: one data byte
      {0x00, 0xD0, 0x40},                    // channel pressure: one data byte
      {0x00, 0xFF, 0x01, 0x01, 0x41},        // meta event
      {0x00, 0xF0, 0x01, 0xF7},              // sysex
      {0x81, 0x80, 0x00, 0x3C, 0x40},        // three-byte delta
      {0x00, 0x3C, 0x80},                    // data byte 0x80
      {0x00, 0x90, 0x90, 0x3C, 0x40},        // two status bytes
  };
  for (const auto& event : breaking) {
    Stream stream;
    stream.event({0x00, 0x90, 0x3C, 0x40}).event({0x10, 0x3C, 0x00}).event(event).fill();
    const Split s = split(stream);
    EXPECT_TRUE(s.segment.broken) << "event starting " << int{*event.begin()} << " " << int{event.begin()[1]};
    EXPECT_EQ(s.segment.ends, stream.ends_of(0, 2)) << "event starting " << int{*event.begin()} << " "
                                                    << int{event.begin()[1]};
  }
}

// The MTrk bodies of a file.
std::vector<std::span<const std::uint8_t>> tracks_of(const Bytes& file) {
  std::vector<std::span<const std::uint8_t>> tracks;
  for (std::size_t pos = 14; pos + 8 <= file.size();) {
    const std::size_t length = read_be32(&file[pos + 4]);
    tracks.emplace_back(file.data() + pos + 8, length);
    pos += 8 + length;
  }
  return tracks;
}

// Short tracks count too: real files' tracks are mostly a few kilobytes.
// So do the song profiles' sparser instrument tracks (one byte in 8 to 10.6
// at 0x80 or above, in three of the four medium files). The reference
// profile's channel-pressure streams, which no window holds, stay in the
// one-event loop, and so do its tracks with few status bytes.
TEST_F(ChannelBlocks, SongProfileTracksReadInBlocksAndTheReferenceProfilesPressureStreamsOneEventAtATime) {
  for (std::uint32_t index = 0; index < 4; ++index) {
    const Bytes medium = generate_file(find_profile("medium"), /*seed=*/1, index);
    for (const auto& track : tracks_of(medium))
      EXPECT_EQ(blocks::dense(track), track.size() >= 256) << track.size() << "-byte track of medium file " << index;
  }
  const Bytes reference = generate_file(find_profile("reference"), /*seed=*/1, /*index=*/0);
  const auto parsed = parse<FlatVector>(reference);
  const auto chunks = tracks_of(reference);
  std::size_t dense_tracks = 0;
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    std::size_t pressure = 0;
    for (const Event& event : parsed.track(i)) pressure += event.kind() == EventKind::channel_pressure;
    if (10 * pressure >= parsed.track(i).size()) {
      EXPECT_FALSE(blocks::dense(chunks[i])) << "reference track " << i << ": " << pressure << " of "
                                             << parsed.track(i).size() << " events are channel pressure";
    }
    dense_tracks += blocks::dense(chunks[i]);
  }
  // Its conductor track and one 4.5 KB track of one byte in 8.1 at 0x80 or above.
  EXPECT_EQ(dense_tracks, 2u);
}

}  // namespace
}  // namespace midiarena
