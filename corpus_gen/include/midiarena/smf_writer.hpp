// A small Standard MIDI File writer: the corpus generator's output stage and
// the tests' way to build files byte by byte. It writes exactly what it is
// told (running status only where asked), so tests can also build bad files.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string_view>
#include <vector>

namespace midiarena {

// Appends a variable-length quantity (1..4 bytes for values < 2^28).
void append_vlq(std::vector<std::uint8_t>& out, std::uint32_t value);

class TrackWriter {
 public:
  // A channel message; the status byte is omitted when `running_status` is
  // set and equals the previous channel status in this track.
  TrackWriter& channel(std::uint32_t delta, std::uint8_t status, std::uint8_t data1,
                       std::uint8_t data2 = 0, bool running_status = true);
  TrackWriter& meta(std::uint32_t delta, std::uint8_t type, std::span<const std::uint8_t> payload);
  TrackWriter& meta(std::uint32_t delta, std::uint8_t type, std::string_view text);
  // F0 <len> <bytes>; `bytes` should end with F7 for a complete message.
  TrackWriter& sysex(std::uint32_t delta, std::span<const std::uint8_t> bytes);
  TrackWriter& sysex_escape(std::uint32_t delta, std::span<const std::uint8_t> bytes);
  TrackWriter& end_of_track(std::uint32_t delta = 0);
  // Anything at all, for malformed-input tests.
  TrackWriter& raw(std::initializer_list<std::uint8_t> bytes);

  const std::vector<std::uint8_t>& bytes() const { return bytes_; }

 private:
  std::vector<std::uint8_t> bytes_;
  std::uint8_t running_status_ = 0;
};

class SmfWriter {
 public:
  SmfWriter(std::uint16_t format, std::uint16_t division);
  // Adds an MTrk chunk; `declared_tracks` in MThd counts these unless set.
  SmfWriter& track(const TrackWriter& track);
  SmfWriter& chunk(std::string_view id, std::span<const std::uint8_t> body);
  SmfWriter& declared_tracks(std::uint16_t n);
  std::vector<std::uint8_t> bytes() const;

 private:
  std::uint16_t format_;
  std::uint16_t division_;
  int declared_tracks_ = -1;
  std::uint16_t tracks_ = 0;
  std::vector<std::uint8_t> body_;
};

}  // namespace midiarena
