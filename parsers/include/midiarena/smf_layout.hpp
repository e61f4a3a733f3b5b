// The non-template half of the parser: finding the SMF inside the input (raw
// or RIFF RMID), reading MThd, and reading chunk headers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "midiarena/event.hpp"
#include "midiarena/parse_error.hpp"

namespace midiarena {

struct SmfLayout {
  Header header;
  std::size_t first_chunk = 0;  // offset of the chunk after MThd
  std::size_t end = 0;          // end of the SMF data (RMID data chunk end, or EOF)
};

SmfLayout read_layout(std::span<const std::uint8_t> input, const ParseOptions& options,
                      ParseReport* report);

inline std::uint32_t read_be32(const std::uint8_t* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

inline constexpr std::uint32_t chunk_id(const char (&id)[5]) {
  return (std::uint32_t(std::uint8_t(id[0])) << 24) | (std::uint32_t(std::uint8_t(id[1])) << 16) |
         (std::uint32_t(std::uint8_t(id[2])) << 8) | std::uint32_t(std::uint8_t(id[3]));
}

// True when `pos` starts 8 bytes that read as a chunk header (four printable
// ASCII characters, then a length): used by lenient recovery to decide where
// the next chunk really starts.
bool looks_like_chunk(std::span<const std::uint8_t> input, std::size_t pos);

// Cold paths, kept out of line so the parse loop stays small.
[[noreturn]] void fail(int track, std::size_t offset, const std::string& message);
[[noreturn]] void fail_truncated(int track, std::size_t offset, const std::string& message);
void repair(ParseReport* report, int track, std::size_t offset, const std::string& message);

}  // namespace midiarena
