// The in-memory MIDI event shared by every backend.
//
// It mirrors the motivating document's `ArenaTimedEvent`: a tag, a tick and
// the channel data inline, with text/sysex payloads as a view into storage the
// backend owns. One layout for all backends keeps the comparison about
// *where* events live, not *what* they are.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace midiarena {

enum class EventKind : std::uint8_t {
  note_off,
  note_on,
  poly_aftertouch,
  control_change,
  program_change,
  channel_pressure,
  pitch_bend,
  sysex,         // F0 <len> <bytes>
  sysex_escape,  // F7 <len> <bytes>
  meta,          // FF <type> <len> <bytes>; keep it last (kEventKindCount)
};

// The number of kinds, counted from the enum: meta is its last enumerator.
inline constexpr std::size_t kEventKindCount = static_cast<std::size_t>(EventKind::meta) + 1;

std::string_view event_kind_name(EventKind kind);

// 24 bytes, no padding: pointer, absolute tick, payload size, and the four
// tag bytes (kind, channel, data1, data2) as one word. One word because the
// parser builds it in a register and stores it in one go: as four byte
// fields, GCC splits an Event into seven scalars and reassembles them around
// every store, which cost ~15 instructions per event in the parse loop.
struct Event {
  const std::uint8_t* payload = nullptr;  // meta/sysex bytes; null otherwise
  std::uint64_t tick = 0;                 // absolute ticks since track start
  std::uint32_t payload_size = 0;
  std::uint32_t tag = 0;                  // see make_tag

  // kind | channel << 8 | data1 << 16 | data2 << 24.
  static constexpr std::uint32_t make_tag(EventKind kind, std::uint8_t channel = 0, std::uint8_t data1 = 0,
                                          std::uint8_t data2 = 0) {
    return static_cast<std::uint32_t>(kind) | std::uint32_t{channel} << 8 | std::uint32_t{data1} << 16 |
           std::uint32_t{data2} << 24;
  }
  static constexpr Event channel_message(std::uint64_t tick, std::uint32_t tag) { return {.tick = tick, .tag = tag}; }
  // A meta (data1 = its type), sysex or sysex escape event, payload not yet attached.
  static constexpr Event payload_event(std::uint64_t tick, EventKind kind, std::uint8_t meta_type = 0) {
    return {.tick = tick, .tag = make_tag(kind, 0, meta_type)};
  }

  EventKind kind() const { return static_cast<EventKind>(tag & 0xFF); }
  std::uint8_t channel() const { return static_cast<std::uint8_t>(tag >> 8); }  // 0..15 for channel messages
  std::uint8_t data1() const { return static_cast<std::uint8_t>(tag >> 16); }   // note / control / program / value; meta type
  std::uint8_t data2() const { return static_cast<std::uint8_t>(tag >> 24); }   // velocity / value; pitch bend MSB

  bool is_channel() const { return kind() <= EventKind::pitch_bend; }
  std::uint8_t meta_type() const { return data1(); }
  // Pitch bend as the 14-bit value 0..16383 (8192 = centre).
  std::uint16_t pitch_bend_value() const { return static_cast<std::uint16_t>(data1() | (data2() << 7)); }
  std::span<const std::uint8_t> bytes() const { return {payload, payload_size}; }
  // A note-on with velocity 0 is a note-off (SMF convention).
  bool starts_note() const { return kind() == EventKind::note_on && data2() != 0; }
  bool ends_note() const { return kind() == EventKind::note_off || (kind() == EventKind::note_on && data2() == 0); }
};

static_assert(sizeof(Event) == 24, "the event layout is part of what is measured");

// MThd fields as stored in the file.
struct Header {
  std::uint16_t format = 0;
  std::uint16_t declared_tracks = 0;  // ntrks from MThd
  std::uint16_t division = 0;         // raw: PPQ, or SMPTE when the top bit is set

  bool is_smpte() const { return (division & 0x8000) != 0; }
  int ticks_per_quarter() const { return is_smpte() ? 0 : division; }
  int smpte_fps() const { return -static_cast<std::int8_t>(division >> 8); }
  int ticks_per_frame() const { return division & 0xFF; }
};

}  // namespace midiarena
