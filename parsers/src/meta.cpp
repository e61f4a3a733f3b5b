#include "midiarena/meta.hpp"

#include <array>

namespace midiarena {

std::string_view KeySignature::name() const {
  // Indexed by sharps + 7, i.e. from 7 flats to 7 sharps.
  static constexpr std::array<std::string_view, 15> majors = {
      "Cb major", "Gb major", "Db major", "Ab major", "Eb major", "Bb major", "F major", "C major",
      "G major",  "D major",  "A major",  "E major",  "B major",  "F# major", "C# major"};
  static constexpr std::array<std::string_view, 15> minors = {
      "Ab minor", "Eb minor", "Bb minor", "F minor",  "C minor",  "G minor",  "D minor", "A minor",
      "E minor",  "B minor",  "F# minor", "C# minor", "G# minor", "D# minor", "A# minor"};
  return (minor ? minors : majors)[sharps + 7];
}

std::string_view text_kind_name(std::uint8_t type) {
  static constexpr std::array<std::string_view, 16> names = {
      "",           "text",        "copyright",    "track_name",   "instrument_name", "lyric",
      "marker",     "cue_point",   "program_name", "device_name",  "reserved_text_0a", "reserved_text_0b",
      "reserved_text_0c", "reserved_text_0d", "reserved_text_0e", "reserved_text_0f"};
  return type < names.size() ? names[type] : std::string_view{};
}

}  // namespace midiarena
