// An instrument track and the musician who plays it: a role (bass, drums,
// melody, ...) turned into notes on the beat grid of each bar, with the
// controller, pitch-bend, aftertouch and meta traffic real sequencers write.
#pragma once

#include <array>
#include <cstdint>

#include "midiarena/corpus_gen.hpp"
#include "midiarena/prng.hpp"
#include "scheduled_track.hpp"
#include "song.hpp"

namespace midiarena::gen {

enum class Role : std::uint8_t { melody, bass, drums, chords, pad, arpeggio, lead, counter, percussion };

// The role of instrument track `index`: a band first, then doublings.
Role role_of_track(unsigned index);

class Part {
 public:
  // Schedules the setup block at tick 0: name, programs, controllers, pitch
  // bend centre, and the file's GM reset when `first`.
  Part(Role role, std::uint8_t channel, bool first, const EventMix& mix, Xoshiro256& rng);

  void play(const Bar& bar);
  ScheduledTrack& track() { return track_; }

 private:
  void setup();
  void start_section(const Bar& bar);
  bool plays_in(const Section& section) const;

  void drums(const Bar& bar);
  void percussion(const Bar& bar);
  void bass(const Bar& bar);
  void chords(const Bar& bar);
  void pad(const Bar& bar);
  void arpeggio(const Bar& bar);
  void phrase(const Bar& bar, bool sung);
  void counter(const Bar& bar);

  void controller_ramp(const Bar& bar);
  void pitch_bend_ramp(const Bar& bar);
  void sustain_pedal(const Bar& bar);
  void aftertouch(std::uint64_t tick, std::uint64_t duration, std::uint8_t pitch);
  void section_sysex(std::uint64_t tick);

  bool note(std::uint64_t tick, std::uint64_t duration, int pitch, int velocity);
  std::uint64_t humanize(std::uint64_t tick);
  int velocity(const Bar& bar, bool accent);
  std::uint8_t status(std::uint8_t kind) const { return static_cast<std::uint8_t>(kind | channel_); }

  Role role_;
  std::uint8_t channel_;
  bool first_;
  const EventMix& mix_;
  Xoshiro256& rng_;
  ScheduledTrack track_;
  unsigned style_;          // a per-track pattern variant
  int degree_ = 7;          // melodic position, as a scale degree
  unsigned expressive_notes_ = 0;
  bool sang_ = false;
  std::array<std::uint8_t, 128> controllers_{};  // current values, so ramps continue
};

}  // namespace midiarena::gen
