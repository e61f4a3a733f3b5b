#include "midiarena/smf_layout.hpp"

#include <string>
#include <tuple>

namespace midiarena {
namespace {

std::uint32_t read_le32(const std::uint8_t* p) {
  return std::uint32_t{p[0]} | (std::uint32_t{p[1]} << 8) | (std::uint32_t{p[2]} << 16) | (std::uint32_t{p[3]} << 24);
}

bool has_id(std::span<const std::uint8_t> input, std::size_t pos, const char (&id)[5]) {
  return pos + 4 <= input.size() && read_be32(&input[pos]) == chunk_id(id);
}

// RIFF RMID: "RIFF" <le32 size> "RMID", then little-endian chunks, one of
// them "data" holding the SMF. Returns the [begin, end) of that SMF.
std::pair<std::size_t, std::size_t> find_rmid_data(std::span<const std::uint8_t> input,
                                                   const ParseOptions& options, ParseReport* report) {
  if (!has_id(input, 8, "RMID")) fail(kNoTrack, 8, "RIFF file is not RMID (no 'RMID' form type)");
  std::size_t pos = 12;
  while (pos + 8 <= input.size()) {
    const std::size_t size = read_le32(&input[pos + 4]);
    const std::size_t body = pos + 8;
    if (has_id(input, pos, "data")) {
      if (size > input.size() - body) {
        if (!options.lenient) fail(kNoTrack, pos + 4, "RMID data chunk length " + std::to_string(size) + " runs past the end of the file");
        repair(report, kNoTrack, pos + 4, "RMID data chunk length runs past the end of the file; read the bytes present");
        return {body, input.size()};
      }
      return {body, body + size};
    }
    if (size > input.size() - body) break;
    pos = body + size + (size & 1);  // RIFF chunks are padded to even sizes
  }
  fail(kNoTrack, 12, "RMID file has no 'data' chunk");
}

}  // namespace

std::string locate(int track, std::size_t offset, const std::string& message) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string hex;
  do {
    hex.insert(hex.begin(), digits[offset & 0xF]);
    offset >>= 4;
  } while (offset != 0);
  std::string where = track == kNoTrack ? "at byte 0x" : "track " + std::to_string(track) + " at byte 0x";
  return where + hex + ": " + message;
}

std::string count_of(std::size_t n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

void fail(int track, std::size_t offset, const std::string& message) { throw ParseError(track, offset, message); }

void fail_truncated(int track, std::size_t offset, const std::string& message) {
  throw ParseError(track, offset, message, /*truncated=*/true);
}

void repair(ParseReport* report, int track, std::size_t offset, const std::string& message) {
  if (report) report->repairs.push_back(locate(track, offset, message));
}

bool looks_like_chunk(std::span<const std::uint8_t> input, std::size_t pos) {
  if (pos + 8 > input.size()) return false;
  for (std::size_t i = pos; i < pos + 4; ++i)
    if (input[i] < 0x20 || input[i] > 0x7E) return false;
  return true;
}

SmfLayout read_layout(std::span<const std::uint8_t> input, const ParseOptions& options, ParseReport* report) {
  SmfLayout layout;
  std::size_t begin = 0;
  layout.end = input.size();
  if (has_id(input, 0, "RIFF")) std::tie(begin, layout.end) = find_rmid_data(input, options, report);
  const auto smf = input.first(layout.end);

  if (!has_id(smf, begin, "MThd")) fail(kNoTrack, begin, "not a Standard MIDI File (no 'MThd' header)");
  if (begin + 8 > layout.end) fail(kNoTrack, begin + 4, "truncated MThd chunk");
  const std::size_t length = read_be32(&smf[begin + 4]);
  if (length < 6) fail(kNoTrack, begin + 4, "MThd length " + std::to_string(length) + " is shorter than 6");
  if (length > layout.end - begin - 8) fail(kNoTrack, begin + 4, "MThd length " + std::to_string(length) + " runs past the end of the file");

  const std::uint8_t* h = &smf[begin + 8];
  layout.header.format = static_cast<std::uint16_t>((h[0] << 8) | h[1]);
  layout.header.declared_tracks = static_cast<std::uint16_t>((h[2] << 8) | h[3]);
  layout.header.division = static_cast<std::uint16_t>((h[4] << 8) | h[5]);
  layout.first_chunk = begin + 8 + length;  // longer headers are allowed; the rest is skipped

  const Header& header = layout.header;
  if (header.format > 2) fail(kNoTrack, begin + 8, "unsupported SMF format " + std::to_string(header.format));
  if (header.format == 0 && header.declared_tracks != 1) {
    const std::string message = "format 0 file that declares " + count_of(header.declared_tracks, "track");
    if (!options.lenient) fail(kNoTrack, begin + 10, message);
    repair(report, kNoTrack, begin + 10, "accepted a " + message);
  }
  if (header.is_smpte()) {
    const int fps = header.smpte_fps();
    if (fps != 24 && fps != 25 && fps != 29 && fps != 30)
      fail(kNoTrack, begin + 12, "SMPTE division with " + std::to_string(fps) + " frames per second");
    if (header.ticks_per_frame() == 0) fail(kNoTrack, begin + 13, "SMPTE division with 0 ticks per frame");
  } else if (header.division == 0) {
    fail(kNoTrack, begin + 12, "division of 0 ticks per quarter note");
  }
  return layout;
}

}  // namespace midiarena
