// Decoders for the meta events whose payload means something: tempo, time
// signature, key signature and the text kinds. The parser keeps every meta
// payload raw; these read it on demand and return nullopt when the event is
// not of that type or its payload is malformed (wrong length, out of range).
// Inline: the analysis passes call them inside their per-event loops.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "midiarena/event.hpp"

namespace midiarena {

namespace meta_type {
inline constexpr std::uint8_t first_text = 0x01;
inline constexpr std::uint8_t last_text = 0x0F;
inline constexpr std::uint8_t end_of_track = 0x2F;
inline constexpr std::uint8_t tempo = 0x51;
inline constexpr std::uint8_t time_signature = 0x58;
inline constexpr std::uint8_t key_signature = 0x59;
}  // namespace meta_type

inline bool is_meta(const Event& event, std::uint8_t type) {
  return event.kind() == EventKind::meta && event.meta_type() == type;
}

// SMF's implied tempo before the first tempo event: 120 BPM.
inline constexpr std::uint32_t kDefaultMicrosPerQuarter = 500'000;

inline double bpm_from_micros_per_quarter(std::uint32_t micros) { return 60e6 / micros; }

// FF 51 03 tt tt tt: microseconds per quarter note. Zero is rejected: it would
// make every later tick take no time.
inline std::optional<std::uint32_t> decode_tempo(const Event& event) {
  if (!is_meta(event, meta_type::tempo) || event.payload_size != 3) return std::nullopt;
  const std::uint8_t* p = event.payload;
  const std::uint32_t micros = (std::uint32_t{p[0]} << 16) | (std::uint32_t{p[1]} << 8) | p[2];
  if (micros == 0) return std::nullopt;
  return micros;
}

struct TimeSignature {
  std::uint8_t numerator = 4;
  std::uint8_t denominator_power = 2;  // the denominator is 2^this
  std::uint8_t clocks_per_click = 24;  // MIDI clocks per metronome click
  std::uint8_t thirty_seconds_per_quarter = 8;

  int denominator() const { return 1 << denominator_power; }
  bool operator==(const TimeSignature&) const = default;
};

// FF 58 04 nn dd cc bb. A zero numerator or a denominator beyond 2^7 (a
// 128th note) is malformed.
inline std::optional<TimeSignature> decode_time_signature(const Event& event) {
  if (!is_meta(event, meta_type::time_signature) || event.payload_size != 4) return std::nullopt;
  const std::uint8_t* p = event.payload;
  if (p[0] == 0 || p[1] > 7) return std::nullopt;
  return TimeSignature{p[0], p[1], p[2], p[3]};
}

struct KeySignature {
  std::int8_t sharps = 0;  // -7 (7 flats) .. 7 (7 sharps)
  bool minor = false;

  // "Eb major", "F# minor": ASCII accidentals.
  std::string_view name() const;
  bool operator==(const KeySignature&) const = default;
};

// FF 59 02 sf mi, with sf in -7..7 and mi 0 (major) or 1 (minor).
inline std::optional<KeySignature> decode_key_signature(const Event& event) {
  if (!is_meta(event, meta_type::key_signature) || event.payload_size != 2) return std::nullopt;
  const auto sharps = static_cast<std::int8_t>(event.payload[0]);
  const std::uint8_t mode = event.payload[1];
  if (sharps < -7 || sharps > 7 || mode > 1) return std::nullopt;
  return KeySignature{sharps, mode == 1};
}

struct Text {
  std::uint8_t type = 0;
  std::string_view kind;  // "text", "copyright", "track_name", ...
  std::string_view text;  // the payload as stored (SMF does not fix an encoding)
};

// The name of a text meta type 0x01..0x0F; 0x0A..0x0F are reserved but are
// still text by the SMF specification.
std::string_view text_kind_name(std::uint8_t type);

// FF 01..0F: any payload, even empty, is valid text.
inline std::optional<Text> decode_text(const Event& event) {
  if (event.kind() != EventKind::meta || event.meta_type() < meta_type::first_text ||
      event.meta_type() > meta_type::last_text)
    return std::nullopt;
  return Text{event.meta_type(), text_kind_name(event.meta_type()),
              std::string_view(reinterpret_cast<const char*>(event.payload), event.payload_size)};
}

}  // namespace midiarena
