// The song's form: an endless run of sections (intro, verses, choruses, ...)
// with their meter, key, tempo and chords, and the conductor track that
// announces them. Bars are what every part plays, in lockstep.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "midiarena/corpus_gen.hpp"
#include "midiarena/prng.hpp"
#include "music.hpp"
#include "scheduled_track.hpp"

namespace midiarena::gen {

struct Section {
  std::string_view name;  // "Verse", "Chorus", ...
  int number = 1;         // its occurrence, for the marker ("Chorus 3")
  int bars = 4;
  int energy = 1;  // 0 sparse .. 3 full: density and loudness
  Meter meter;
  Key key;
  int bpm = 120;
  int end_bpm = 120;  // reached by a ramp over the last bar; the next section's tempo
  std::array<int, 4> progression{};  // one chord per bar, repeated
  unsigned sevenths = 0;             // bit i: the chord of bar i (mod 4) adds its seventh

  Chord chord(int bar) const { return {progression[bar % 4], ((sevenths >> (bar % 4)) & 1) != 0}; }
};

// One bar of one section: what the parts and the conductor need to play it.
struct Bar {
  const Section* section;
  int index;  // within the section
  std::uint64_t start;
  int ppq;
  Chord chord;
  Chord next_chord;

  const Meter& meter() const { return section->meter; }
  int ticks() const { return meter().bar_ticks(ppq); }
  int steps() const { return meter().steps(); }
  int step_ticks() const { return ppq / 4; }
  std::uint64_t end() const { return start + ticks(); }
  bool first_of_section() const { return index == 0; }
  bool last_of_section() const { return index == section->bars - 1; }
};

class SongForm {
 public:
  SongForm(const EventMix& mix, Xoshiro256& rng);
  // The next section; the first is the intro, then the form repeats.
  Section next();

 private:
  const EventMix& mix_;
  Xoshiro256& rng_;
  Section current_;
  std::size_t position_ = 0;
  std::array<int, 16> occurrences_{};
};

// Track 0: title, copyright, provenance text, then per section a marker and
// whatever changes (meter, key, tempo ramps), as format-1 files keep them.
class Conductor {
 public:
  Conductor(const EventMix& mix, Xoshiro256& rng, std::string_view provenance);
  void play(const Bar& bar);
  ScheduledTrack& track() { return track_; }

 private:
  void tempo(std::uint64_t tick, int bpm);
  void signatures(const Bar& bar);

  const EventMix& mix_;
  Xoshiro256& rng_;
  ScheduledTrack track_;
  bool started_ = false;
  Meter meter_;
  Key key_;
};

}  // namespace midiarena::gen
