// Errors and repairs, both located by byte offset and track.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace midiarena {

// No track: the problem is in the file header or between chunks.
inline constexpr int kNoTrack = -1;

// "track 2 at byte 0x1a3f: running status with no previous status"
std::string locate(int track, std::size_t offset, const std::string& message);

// "1 byte", "3 bytes"
std::string count_of(std::size_t n, const char* noun);

class ParseError : public std::runtime_error {
 public:
  ParseError(int track, std::size_t offset, const std::string& message, bool truncated = false)
      : std::runtime_error(locate(track, offset, message)), track_(track), offset_(offset), truncated_(truncated) {}
  int track() const { return track_; }
  std::size_t offset() const { return offset_; }
  // The input ran out in the middle of an element (lenient mode drops it
  // when it is the last thing in the file).
  bool truncated() const { return truncated_; }

 private:
  int track_;
  std::size_t offset_;
  bool truncated_;
};

struct ParseOptions {
  // Strict (default) rejects anything malformed. Lenient recovers a truncated
  // final track, a missing End-of-Track, a chunk length past EOF or at odds
  // with End-of-Track, and skips system messages that are illegal in a file.
  bool lenient = false;
};

// What a parse saw besides the events. Filled only when asked for.
struct ParseReport {
  std::vector<std::string> repairs;      // lenient mode: one line per repair
  std::size_t running_status_events = 0;  // events whose status byte was omitted
  // Running-status events whose status was set before an intervening meta or
  // sysex event: RP-001 says those cancel it; real collections rely on it.
  std::size_t running_status_across_meta_or_sysex = 0;
};

}  // namespace midiarena
