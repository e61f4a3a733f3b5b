#include "midiarena/smf_writer.hpp"

namespace midiarena {

void append_vlq(std::vector<std::uint8_t>& out, std::uint32_t value) {
  std::uint8_t groups[5];
  int n = 0;
  do {
    groups[n++] = static_cast<std::uint8_t>(value & 0x7F);
    value >>= 7;
  } while (value != 0);
  while (n > 1) out.push_back(static_cast<std::uint8_t>(groups[--n] | 0x80));
  out.push_back(groups[0]);
}

static void append_be32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}

static int data_bytes_for(std::uint8_t status) {
  const std::uint8_t high = status & 0xF0;
  return (high == 0xC0 || high == 0xD0) ? 1 : 2;
}

TrackWriter& TrackWriter::channel(std::uint32_t delta, std::uint8_t status, std::uint8_t data1,
                                  std::uint8_t data2, bool running_status) {
  append_vlq(bytes_, delta);
  if (!running_status || status != running_status_) bytes_.push_back(status);
  running_status_ = status;
  bytes_.push_back(data1);
  if (data_bytes_for(status) == 2) bytes_.push_back(data2);
  return *this;
}

TrackWriter& TrackWriter::meta(std::uint32_t delta, std::uint8_t type,
                               std::span<const std::uint8_t> payload) {
  append_vlq(bytes_, delta);
  bytes_.push_back(0xFF);
  bytes_.push_back(type);
  append_vlq(bytes_, static_cast<std::uint32_t>(payload.size()));
  bytes_.insert(bytes_.end(), payload.begin(), payload.end());
  return *this;
}

TrackWriter& TrackWriter::meta(std::uint32_t delta, std::uint8_t type, std::string_view text) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
  return meta(delta, type, std::span<const std::uint8_t>(p, text.size()));
}

static void append_sysex(std::vector<std::uint8_t>& out, std::uint32_t delta, std::uint8_t status,
                         std::span<const std::uint8_t> bytes) {
  append_vlq(out, delta);
  out.push_back(status);
  append_vlq(out, static_cast<std::uint32_t>(bytes.size()));
  out.insert(out.end(), bytes.begin(), bytes.end());
}

TrackWriter& TrackWriter::sysex(std::uint32_t delta, std::span<const std::uint8_t> bytes) {
  append_sysex(bytes_, delta, 0xF0, bytes);
  return *this;
}

TrackWriter& TrackWriter::sysex_escape(std::uint32_t delta, std::span<const std::uint8_t> bytes) {
  append_sysex(bytes_, delta, 0xF7, bytes);
  return *this;
}

TrackWriter& TrackWriter::end_of_track(std::uint32_t delta) {
  return meta(delta, 0x2F, std::span<const std::uint8_t>{});
}

TrackWriter& TrackWriter::raw(std::initializer_list<std::uint8_t> bytes) {
  bytes_.insert(bytes_.end(), bytes.begin(), bytes.end());
  return *this;
}

SmfWriter::SmfWriter(std::uint16_t format, std::uint16_t division)
    : format_(format), division_(division) {}

SmfWriter& SmfWriter::track(const TrackWriter& track) {
  chunk("MTrk", track.bytes());
  ++tracks_;
  return *this;
}

SmfWriter& SmfWriter::chunk(std::string_view id, std::span<const std::uint8_t> body) {
  body_.insert(body_.end(), id.begin(), id.end());
  append_be32(body_, static_cast<std::uint32_t>(body.size()));
  body_.insert(body_.end(), body.begin(), body.end());
  return *this;
}

SmfWriter& SmfWriter::declared_tracks(std::uint16_t n) {
  declared_tracks_ = n;
  return *this;
}

std::vector<std::uint8_t> SmfWriter::bytes() const {
  std::vector<std::uint8_t> out{'M', 'T', 'h', 'd', 0, 0, 0, 6};
  const std::uint16_t ntrks = declared_tracks_ >= 0 ? static_cast<std::uint16_t>(declared_tracks_) : tracks_;
  for (std::uint16_t v : {format_, ntrks, division_}) {
    out.push_back(static_cast<std::uint8_t>(v >> 8));
    out.push_back(static_cast<std::uint8_t>(v & 0xFF));
  }
  out.insert(out.end(), body_.begin(), body_.end());
  return out;
}

}  // namespace midiarena
