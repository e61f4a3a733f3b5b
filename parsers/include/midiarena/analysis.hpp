// Analysis passes over a parsed file of any backend, without re-parsing: the
// "iterate" workload of the benchmarks.
//
// Each pass is a small class with begin_track / observe(event) / end_track.
// `run_passes` drives any set of them in one walk over each track, so
// `analyze` reads every event once, with every pass inlined into that loop
// (no virtual calls, no allocation per event). The named functions below run a
// single pass so the benchmarks can time each piece on its own.
//
// "Inlined" is forced, not left to the compiler: every observe() is
// always_inline. analyze<F> is instantiated once per backend, and GCC 12's
// inliner decides per instantiation, within a budget for the whole
// translation unit. In bench_parse (every backend, every workload in one
// TU) it inlined SignaturePass::observe into analyze<FlatVector::File> but
// called it out of line, once per event, from analyze<ArenaFile<...>>, and
// three passes from analyze<BoxedHeap::File>; bench_paired_worker and
// bench_cachesim, smaller TUs, inlined them all. iterate/typed_arena then
// ran 1.7x flat_vector's time over the same contiguous 24-byte events
// (docs/notes/2026-12-06-iteration-gap.md). The iterate workload compares
// layouts, so every instantiation must run the same loop.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "midiarena/backend.hpp"
#include "midiarena/event.hpp"
#include "midiarena/meta.hpp"

namespace midiarena {

// ---------------------------------------------------------------- results

struct EventCounts {
  std::uint64_t events = 0;        // every event, meta and End-of-Track included
  std::uint64_t notes = 0;         // note-ons with velocity > 0
  std::uint16_t channel_mask = 0;  // bit c: channel c (0..15) sounds at least one note

  int channel_count() const { return std::popcount(channel_mask); }
};

struct TempoChange {
  std::uint64_t tick = 0;
  std::uint32_t micros_per_quarter = kDefaultMicrosPerQuarter;
  bool operator==(const TempoChange&) const = default;
};

// The tempo changes of the file on one timeline, ordered by tick; before the
// first change the SMF default (120 BPM) applies. `changes` is empty exactly
// when the file has no (well-formed) tempo event.
//
// Formats 0 and 1: all tracks share one timeline, so the tempo events of all
// tracks are merged; at equal ticks file order is kept and the later one wins.
// `end_tick` is the last event tick of any track.
// Format 2: every track is an independent pattern. They are taken as played
// one after another in file order: track k starts where track k-1 ends, with
// the default tempo unless it sets its own at its first tick (a reset to the
// default is inserted where the previous track left another tempo).
// `end_tick` is the sum of the tracks' lengths.
struct TempoMap {
  std::vector<TempoChange> changes;
  std::uint64_t end_tick = 0;
};

// Note-ticks per pitch class (0 = C): how long each pitch class sounds,
// summed over all notes outside the drum channel.
using PitchClassProfile = std::array<std::uint64_t, 12>;

// The MIDI drum channel (10 in 1-based numbering): its notes are not pitches.
inline constexpr std::uint8_t kDrumChannel = 9;

struct Key {
  int tonic = 0;  // pitch class, 0 = C
  bool minor = false;
  std::string_view name() const;  // "C major", "Eb major", "A minor"
};

struct KeyEstimate {
  bool found = false;  // false when no pitched note sounds (nothing to correlate)
  Key key;
  double correlation = 0;  // Pearson r of the profile with this key's profile
  // The confidence is the best correlation clamped to [0, 1]. The runner-up
  // (often the relative major/minor) shows how ambiguous the choice was.
  double confidence = 0;
  Key runner_up;
  double runner_up_correlation = 0;
};

struct BpmEstimate {
  double bpm = 120;
  double confidence = 0;  // in [0, 1]
  std::string_view basis;  // how the estimate was reached, for people reading reports
};

// Signatures keep the track they were found in and their tick within it.
struct TimedTimeSignature {
  std::size_t track = 0;
  std::uint64_t tick = 0;
  TimeSignature value;
};

struct TimedKeySignature {
  std::size_t track = 0;
  std::uint64_t tick = 0;
  KeySignature value;
};

struct Analysis {
  Header header;
  std::size_t tracks = 0;
  EventCounts counts;
  TempoMap tempo_map;
  double duration_seconds = 0;
  BpmEstimate bpm;
  PitchClassProfile pitch_classes{};
  KeyEstimate key;
  std::vector<TimedTimeSignature> time_signatures;
  std::vector<TimedKeySignature> key_signatures;
  // Tempo, time and key signature events whose payload does not decode.
  std::size_t malformed_meta = 0;
};

// ------------------------------------------------------ non-template math

// Seconds from tick 0 to `tick` through the tempo map. SMPTE division: ticks
// are fixed fractions of a second (fps x ticks per frame; 29 means 29.97 drop
// frame) and tempo events do not change timing.
double ticks_to_seconds(const TempoMap& map, std::uint64_t tick, const Header& header);

// Krumhansl-Schmuckler: the Pearson correlation of the profile with the 24
// rotations of the Krumhansl-Kessler major and minor key profiles; the best
// correlation names the key.
KeyEstimate detect_key(const PitchClassProfile& profile);

// The tempo that covers most of the playing time. Tempos are grouped to the
// nearest whole BPM (so 119.99 and 120 count as one); the estimate is the
// time-weighted mean tempo of the group that lasts longest, and the
// confidence is that group's share of the duration. A file without tempo
// events plays at the SMF default of 120 BPM, but nothing shows its author
// chose it: 120 BPM with a low confidence.
BpmEstimate estimate_bpm(const TempoMap& map, const Header& header);

// ----------------------------------------------------------------- passes

class EventCountPass {
 public:
  void begin_track(std::size_t) {}
  [[gnu::always_inline]] void observe(const Event& event) {
    ++counts_.events;
    if (event.starts_note()) {
      ++counts_.notes;
      counts_.channel_mask |= static_cast<std::uint16_t>(1u << event.channel());
    }
  }
  void end_track(std::uint64_t) {}
  const EventCounts& result() const { return counts_; }

 private:
  EventCounts counts_;
};

class TempoPass {
 public:
  void begin_track(std::size_t) { track_first_.push_back(changes_.size()); }
  [[gnu::always_inline]] void observe(const Event& event) {
    if (event.kind() != EventKind::meta || event.meta_type() != meta_type::tempo) return;
    if (const auto micros = decode_tempo(event))
      changes_.push_back({event.tick, *micros});
    else
      ++malformed_;
  }
  void end_track(std::uint64_t end_tick) { track_end_.push_back(end_tick); }

  std::size_t malformed() const { return malformed_; }
  // Builds the map (see TempoMap for formats 0/1 against format 2).
  TempoMap finish(const Header& header) &&;

 private:
  std::vector<TempoChange> changes_;       // per track, in file order, track-local ticks
  std::vector<std::size_t> track_first_;   // index in changes_ where each track starts
  std::vector<std::uint64_t> track_end_;   // last tick of each track
  std::size_t malformed_ = 0;
};

class SignaturePass {
 public:
  void begin_track(std::size_t track) { track_ = track; }
  [[gnu::always_inline]] void observe(const Event& event) {
    if (event.kind() != EventKind::meta) return;
    if (event.meta_type() == meta_type::time_signature) {
      if (const auto value = decode_time_signature(event))
        found_.time.push_back({track_, event.tick, *value});
      else
        ++malformed_;
    } else if (event.meta_type() == meta_type::key_signature) {
      if (const auto value = decode_key_signature(event))
        found_.key.push_back({track_, event.tick, *value});
      else
        ++malformed_;
    }
  }
  void end_track(std::uint64_t) {}

  struct Found {
    std::vector<TimedTimeSignature> time;
    std::vector<TimedKeySignature> key;
  };
  std::size_t malformed() const { return malformed_; }
  Found take() && { return std::move(found_); }

 private:
  std::size_t track_ = 0;
  Found found_;
  std::size_t malformed_ = 0;
};

// Pairs each note-on with the next note-off of the same channel and note in
// the same track (a velocity-0 note-on is a note-off) and adds the note's
// length in ticks to its pitch class. Ticks rather than seconds: the profile
// is about proportions within the piece, which tempo changes hardly move. A
// note-on on a note already sounding ends it and starts a new one (as a
// synthesizer retriggers); a note still sounding at the track's last event
// ends there; a note-off with no sounding note is ignored.
class PitchClassPass {
 public:
  void begin_track(std::size_t) {}
  [[gnu::always_inline]] void observe(const Event& event) {
    if ((event.kind() != EventKind::note_on && event.kind() != EventKind::note_off) ||
        event.channel() == kDrumChannel)
      return;
    const unsigned slot = event.channel() * 128u + event.data1();
    std::uint64_t& word = sounding_[slot / 64];
    const std::uint64_t bit = std::uint64_t{1} << (slot % 64);
    if (word & bit) {
      profile_[event.data1() % 12] += event.tick - start_[slot];
      word &= ~bit;
    }
    if (event.starts_note()) {
      start_[slot] = event.tick;
      word |= bit;
    }
  }
  void end_track(std::uint64_t end_tick) {
    for (std::size_t w = 0; w < sounding_.size(); ++w) {
      for (std::uint64_t word = sounding_[w]; word != 0; word &= word - 1) {
        const std::size_t slot = w * 64 + static_cast<std::size_t>(std::countr_zero(word));
        profile_[(slot % 128) % 12] += end_tick - start_[slot];
      }
      sounding_[w] = 0;
    }
  }
  const PitchClassProfile& profile() const { return profile_; }

 private:
  // One slot per channel x note: 16 x 128 start ticks and "sounding" bits.
  std::array<std::uint64_t, 16 * 128> start_;
  std::array<std::uint64_t, 16 * 128 / 64> sounding_{};
  PitchClassProfile profile_{};
};

// One walk over each track, every pass seeing every event in file order.
template <ParsedFile F, class... Passes>
[[gnu::always_inline]] inline void run_passes(const F& file, Passes&... passes) {
  for (std::size_t t = 0; t < file.track_count(); ++t) {
    (passes.begin_track(t), ...);
    std::uint64_t end_tick = 0;  // ticks never decrease within a track
    for (const Event& event : file.track(t)) {
      (passes.observe(event), ...);
      end_tick = event.tick;
    }
    (passes.end_track(end_tick), ...);
  }
}

// ------------------------------------------------------ named entry points

template <ParsedFile F>
EventCounts count_events(const F& file) {
  EventCountPass pass;
  run_passes(file, pass);
  return pass.result();
}

template <ParsedFile F>
TempoMap tempo_map(const F& file) {
  TempoPass pass;
  run_passes(file, pass);
  return std::move(pass).finish(file.header());
}

template <ParsedFile F>
PitchClassProfile pitch_class_profile(const F& file) {
  PitchClassPass pass;
  run_passes(file, pass);
  return pass.profile();
}

// Fills duration, BPM and key from the collected fields.
void derive_estimates(Analysis& analysis);

// Everything above, in a single walk over each track.
template <ParsedFile F>
Analysis analyze(const F& file) {
  EventCountPass counts;
  TempoPass tempo;
  SignaturePass signatures;
  PitchClassPass pitches;
  run_passes(file, counts, tempo, signatures, pitches);

  Analysis analysis;
  analysis.header = file.header();
  analysis.tracks = file.track_count();
  analysis.counts = counts.result();
  analysis.malformed_meta = tempo.malformed() + signatures.malformed();
  analysis.tempo_map = std::move(tempo).finish(analysis.header);
  analysis.pitch_classes = pitches.profile();
  auto found = std::move(signatures).take();
  analysis.time_signatures = std::move(found.time);
  analysis.key_signatures = std::move(found.key);
  derive_estimates(analysis);
  return analysis;
}

}  // namespace midiarena
