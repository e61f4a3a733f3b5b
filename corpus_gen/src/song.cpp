#include "song.hpp"

#include <algorithm>
#include <string>

namespace midiarena::gen {

namespace {

constexpr std::string_view kSectionNames[] = {"Intro", "Verse", "Pre-Chorus", "Chorus", "Bridge", "Solo", "Breakdown"};
enum SectionName { kIntro, kVerse, kPreChorus, kChorus, kBridge, kSolo, kBreakdown };

struct FormEntry {
  SectionName name;
  int bars;
  int energy;
};
constexpr FormEntry kIntroEntry = {kIntro, 2, 1};
constexpr FormEntry kForm[] = {
    {kVerse, 8, 1},  {kPreChorus, 4, 2}, {kChorus, 8, 3}, {kVerse, 8, 1},     {kPreChorus, 4, 2},
    {kChorus, 8, 3}, {kBridge, 8, 2},    {kSolo, 8, 3},   {kBreakdown, 4, 0}, {kChorus, 8, 3},
};

// Weighted by repetition: mostly 4/4, as in popular music.
constexpr Meter kMeters[] = {{4, 4}, {4, 4}, {4, 4}, {4, 4}, {4, 4}, {4, 4}, {3, 4}, {3, 4},
                             {6, 8}, {6, 8}, {2, 4}, {5, 4}, {7, 8}, {12, 8}, {2, 2}};

constexpr std::string_view kTitleWords[] = {"Midnight", "Harbor", "Echo",  "Velvet", "River", "Neon",
                                            "Summer",   "Static", "Glass", "Orbit",  "Ember", "Tide"};
constexpr std::string_view kRehearsalNotes[] = {"a tempo", "tutti", "half-time feel", "build", "hold back",
                                                "push",    "fill",  "stop-time",      "swing"};

Key modulate(Key key, Xoshiro256& rng) {
  switch (rng.below(5)) {
    case 0: return {(key.tonic + 2) % 12, key.minor};                                   // up a tone
    case 1: return {(key.tonic + 5) % 12, key.minor};                                   // to the subdominant
    case 2: return {(key.tonic + 7) % 12, key.minor};                                   // to the dominant
    case 3: return key.minor ? Key{(key.tonic + 3) % 12, false} : Key{(key.tonic + 9) % 12, true};  // relative
    default: return {key.tonic, !key.minor};                                            // parallel
  }
}

}  // namespace

SongForm::SongForm(const EventMix& mix, Xoshiro256& rng) : mix_(mix), rng_(rng) {
  current_.meter = rng_.pick(kMeters);
  current_.key.tonic = static_cast<int>(rng_.below(12));
  current_.key.minor = rng_.chance(400);
  current_.end_bpm = static_cast<int>(rng_.between(72, 160));
}

Section SongForm::next() {
  const FormEntry entry = position_ == 0 ? kIntroEntry : kForm[(position_ - 1) % std::size(kForm)];
  Section s = current_;
  if (position_ > 0) {
    if (rng_.chance(mix_.meter_change)) s.meter = rng_.pick(kMeters);
    if (rng_.chance(mix_.key_change)) s.key = modulate(s.key, rng_);
  }
  ++position_;
  s.name = kSectionNames[entry.name];
  s.number = ++occurrences_[entry.name];
  s.bars = entry.bars;
  s.energy = entry.energy;
  s.bpm = current_.end_bpm;
  s.end_bpm = rng_.chance(mix_.tempo_change) ? std::clamp(s.bpm + static_cast<int>(rng_.between(-16, 16)), 56, 208)
                                             : s.bpm;
  if (s.key.minor) {
    s.progression = kMinorProgressions[rng_.below(kMinorProgressions.size())];
  } else {
    s.progression = kMajorProgressions[rng_.below(kMajorProgressions.size())];
  }
  const unsigned some_chords = rng_.below(16);
  s.sevenths = some_chords & rng_.below(16);  // about one chord in four
  current_ = s;
  return s;
}

Conductor::Conductor(const EventMix& mix, Xoshiro256& rng, std::string_view provenance)
    : mix_(mix), rng_(rng), track_(mix, rng) {
  const std::string first_word(rng_.pick(kTitleWords));
  const std::string title = first_word + " " + std::string(rng_.pick(kTitleWords));
  track_.meta(0, 0x03, title);
  track_.meta(0, 0x02, "(C) midiarena corpus_gen, CC0");
  track_.meta(0, 0x01, provenance);
}

void Conductor::play(const Bar& bar) {
  const Section& section = *bar.section;
  if (bar.first_of_section()) {
    track_.meta(bar.start, 0x06, std::string(section.name) + " " + std::to_string(section.number));
    signatures(bar);
    if (!started_) tempo(bar.start, section.bpm);
    if (rng_.chance(mix_.text_meta)) track_.meta(bar.start, 0x01, rng_.pick(kRehearsalNotes));
    started_ = true;
  }
  if (bar.last_of_section() && section.end_bpm != section.bpm) {
    // Ease into the next section's tempo, one tempo event per beat.
    const int beats = section.meter.numerator;
    const int beat_ticks = section.meter.beat_ticks(bar.ppq);
    for (int i = 0; i < beats; ++i) {
      tempo(bar.start + static_cast<std::uint64_t>(i) * beat_ticks,
            section.bpm + (section.end_bpm - section.bpm) * (i + 1) / beats);
    }
  }
}

void Conductor::signatures(const Bar& bar) {
  const Section& section = *bar.section;
  const Meter& m = section.meter;
  if (!started_ || m.numerator != meter_.numerator || m.denominator != meter_.denominator) {
    // MIDI clocks per metronome click: one click per beat, or per dotted
    // quarter in compound meters.
    const int clocks = m.pulse_steps() * 6;
    const std::uint8_t payload[4] = {static_cast<std::uint8_t>(m.numerator), m.denominator_log2(),
                                     static_cast<std::uint8_t>(clocks), 8};
    track_.meta(bar.start, 0x58, payload);
    meter_ = m;
  }
  if (!started_ || section.key.tonic != key_.tonic || section.key.minor != key_.minor) {
    const std::uint8_t payload[2] = {static_cast<std::uint8_t>(section.key.sharps()),
                                     static_cast<std::uint8_t>(section.key.minor)};
    track_.meta(bar.start, 0x59, payload);
    key_ = section.key;
  }
}

void Conductor::tempo(std::uint64_t tick, int bpm) {
  const std::uint32_t micros_per_quarter = 60'000'000u / static_cast<std::uint32_t>(bpm);
  const std::uint8_t payload[3] = {static_cast<std::uint8_t>(micros_per_quarter >> 16),
                                   static_cast<std::uint8_t>(micros_per_quarter >> 8),
                                   static_cast<std::uint8_t>(micros_per_quarter)};
  track_.meta(tick, 0x51, payload);
}

}  // namespace midiarena::gen
