#include "parts.hpp"

#include <algorithm>
#include <cstdlib>
#include <iterator>
#include <span>
#include <vector>

namespace midiarena::gen {

namespace {

constexpr std::uint8_t kPolyPressure = 0xA0, kControl = 0xB0, kProgram = 0xC0, kChannelPressure = 0xD0,
                       kPitchBend = 0xE0;
constexpr std::uint8_t kModulation = 1, kVolume = 7, kPan = 10, kExpression = 11, kSustain = 64;
constexpr int kBendCentre = 8192;

constexpr Role kBand[] = {Role::melody, Role::bass,   Role::drums,    Role::chords, Role::pad,   Role::arpeggio,
                          Role::lead,   Role::counter, Role::percussion, Role::chords, Role::pad, Role::arpeggio,
                          Role::lead,   Role::counter, Role::pad,        Role::chords};

constexpr const char* kTrackNames[] = {"Vocal", "Bass", "Drums", "Keys", "Pad", "Arp", "Lead", "Counter", "Percussion"};

// General MIDI programs (0-based) that suit each role.
constexpr std::uint8_t kMelodyPrograms[] = {52, 53, 54, 73, 65, 80};
constexpr std::uint8_t kBassPrograms[] = {32, 33, 34, 35, 36, 38, 39};
constexpr std::uint8_t kChordPrograms[] = {0, 1, 2, 4, 5, 24, 25, 26, 27};
constexpr std::uint8_t kPadPrograms[] = {48, 49, 50, 51, 88, 89, 90, 91, 92, 94, 95};
constexpr std::uint8_t kArpeggioPrograms[] = {4, 5, 8, 11, 12, 46, 80, 81, 82};
constexpr std::uint8_t kLeadPrograms[] = {29, 30, 56, 57, 61, 64, 65, 66, 71, 73, 80, 81, 84};
constexpr std::uint8_t kCounterPrograms[] = {40, 41, 42, 43, 60, 68, 69, 70, 71};
constexpr std::uint8_t kDrumKits[] = {0, 0, 0, 8, 16, 24, 25, 32, 40, 48};

std::span<const std::uint8_t> programs_for(Role role) {
  switch (role) {
    case Role::melody: return kMelodyPrograms;
    case Role::bass: return kBassPrograms;
    case Role::chords: return kChordPrograms;
    case Role::pad: return kPadPrograms;
    case Role::arpeggio: return kArpeggioPrograms;
    case Role::lead: return kLeadPrograms;
    case Role::counter: return kCounterPrograms;
    case Role::drums:
    case Role::percussion: return kDrumKits;
  }
  return kDrumKits;
}

// Controllers each role moves during a song, weighted by repetition.
std::span<const std::uint8_t> ramped_controllers(Role role) {
  static constexpr std::uint8_t kMelodic[] = {kModulation, kModulation, kExpression, kVolume, kPan};
  static constexpr std::uint8_t kSustained[] = {kExpression, kExpression, kModulation, kVolume, kPan};
  static constexpr std::uint8_t kRhythmic[] = {kVolume, kPan, kExpression};
  switch (role) {
    case Role::melody:
    case Role::lead:
    case Role::counter: return kMelodic;
    case Role::pad:
    case Role::chords:
    case Role::arpeggio: return kSustained;
    default: return kRhythmic;
  }
}

constexpr const char* kSyllables[] = {"la", "love", "you ", "night", "oh ", "ba", "by ", "me", "sha", "dow ",
                                      "the ", "light", "a", "way", "home ", "yeah", "in ", "my ", "heart", "ah"};
constexpr const char* kPartNotes[] = {"mute", "solo", "double-time", "legato", "staccato", "pizz.", "arco", "unison"};
constexpr std::uint8_t kToms[] = {50, 48, 47, 45, 43, 41};

std::uint8_t low7(int v) { return static_cast<std::uint8_t>(v & 0x7F); }

// The chord tone (as a degree) nearest to `degree`.
int nearest_chord_tone(const Chord& chord, int degree) {
  int best = degree, best_distance = 100;
  for (int i = 0; i < chord.size(); ++i) {
    const int tone = chord.degree(i);
    for (int octave = -2; octave <= 2; ++octave) {
      const int candidate = tone + 7 * octave;
      if (std::abs(candidate - degree) < best_distance) {
        best = candidate;
        best_distance = std::abs(candidate - degree);
      }
    }
  }
  return best;
}

// The grid steps of a bar where `hit(step)` holds.
template <class Hit>
std::vector<int> grid_positions(int steps, Hit&& hit) {
  std::vector<int> positions;
  for (int s = 0; s < steps; ++s) {
    if (hit(s)) positions.push_back(s);
  }
  return positions;
}

// Pitch `p` moved by octaves into [lo, hi].
int fold(int p, int lo, int hi) {
  while (p > hi) p -= 12;
  while (p < lo) p += 12;
  return p;
}

}  // namespace

Role role_of_track(unsigned index) { return kBand[index % std::size(kBand)]; }

Part::Part(Role role, std::uint8_t channel, bool first, const EventMix& mix, Xoshiro256& rng)
    : role_(role), channel_(channel), first_(first), mix_(mix), rng_(rng), track_(mix, rng), style_(rng.below(8)) {
  setup();
}

void Part::setup() {
  track_.meta(0, 0x03, kTrackNames[static_cast<int>(role_)]);
  if (first_) {
    static constexpr std::uint8_t kGmReset[] = {0x7E, 0x7F, 0x09, 0x01, 0xF7};
    track_.sysex(0, kGmReset);
  }
  if (rng_.chance(600)) track_.channel(0, status(kControl), 121, 0);  // reset all controllers
  track_.channel(0, status(kControl), 0, 0);                          // bank select
  const auto programs = programs_for(role_);
  track_.channel(0, status(kProgram), programs[rng_.below(static_cast<std::uint32_t>(programs.size()))]);
  const bool centred = role_ == Role::bass || role_ == Role::drums;
  controllers_[kVolume] = static_cast<std::uint8_t>(rng_.between(80, 110));
  controllers_[kPan] = static_cast<std::uint8_t>(centred ? 64 : rng_.between(24, 104));
  controllers_[kExpression] = 127;
  for (std::uint8_t cc : {kVolume, kPan, kExpression, kModulation, kSustain}) {
    track_.channel(0, status(kControl), cc, controllers_[cc]);
  }
  if (rng_.chance(500)) {
    track_.channel(0, status(kControl), 91, low7(static_cast<int>(rng_.between(20, 80))));  // reverb send
    track_.channel(0, status(kControl), 93, low7(static_cast<int>(rng_.between(0, 40))));   // chorus send
  }
  if (rng_.chance(500)) {  // RPN 0: pitch-bend range in semitones, then RPN null
    const std::uint8_t range = (role_ == Role::lead || role_ == Role::bass) ? 12 : 2;
    const std::uint8_t messages[6][2] = {{101, 0}, {100, 0}, {6, range}, {38, 0}, {101, 127}, {100, 127}};
    for (const auto& [cc, value] : messages) track_.channel(0, status(kControl), cc, value);
  }
  track_.channel(0, status(kPitchBend), low7(kBendCentre), low7(kBendCentre >> 7));
}

void Part::play(const Bar& bar) {
  if (bar.first_of_section()) start_section(bar);
  if (!plays_in(*bar.section)) return;
  switch (role_) {
    case Role::drums: drums(bar); break;
    case Role::percussion: percussion(bar); break;
    case Role::bass: bass(bar); break;
    case Role::chords: chords(bar); break;
    case Role::pad: pad(bar); break;
    case Role::arpeggio: arpeggio(bar); break;
    case Role::melody: phrase(bar, /*sung=*/true); break;
    case Role::lead: phrase(bar, /*sung=*/false); break;
    case Role::counter: counter(bar); break;
  }
  if (rng_.chance(mix_.controller_ramp)) controller_ramp(bar);
  if ((role_ == Role::chords || role_ == Role::arpeggio) && rng_.chance(mix_.sustain_pedal)) sustain_pedal(bar);
  if ((role_ == Role::melody || role_ == Role::lead || role_ == Role::bass) && rng_.chance(mix_.pitch_bend_ramp)) {
    pitch_bend_ramp(bar);
  }
}

void Part::start_section(const Bar& bar) {
  if (first_ && bar.start > 0 && rng_.chance(mix_.sysex)) section_sysex(bar.start);
  if (role_ != Role::drums && role_ != Role::percussion && rng_.chance(mix_.program_change)) {
    const auto programs = programs_for(role_);
    track_.channel(bar.start, status(kProgram), programs[rng_.below(static_cast<std::uint32_t>(programs.size()))]);
  }
  if (rng_.chance(mix_.text_meta)) track_.meta(bar.start, 0x01, rng_.pick(kPartNotes));
}

bool Part::plays_in(const Section& section) const {
  const std::string_view name = section.name;
  switch (role_) {
    case Role::melody: return name != "Intro" && name != "Solo" && name != "Breakdown";
    case Role::lead: return name == "Intro" || name == "Solo" || name == "Bridge";
    case Role::drums: return section.energy > 0;
    case Role::percussion: return section.energy >= 2;
    case Role::counter: return section.energy >= 1;
    default: return true;
  }
}

void Part::drums(const Bar& bar) {
  const int steps = bar.steps(), pulse = bar.meter().pulse_steps();
  const int energy = bar.section->energy;
  const int hat_every = energy >= 2 ? 1 : 2;
  const std::uint8_t cymbal = (style_ & 1) && energy == 3 ? 51 : 42;  // ride or closed hi-hat
  const int fill_from = bar.last_of_section() ? steps - 4 : steps;
  const auto hit = [&](int step, std::uint8_t pitch, int vel) {
    const std::uint64_t grid = bar.start + static_cast<std::uint64_t>(step) * bar.step_ticks();
    note(humanize(grid), std::max(1, bar.step_ticks() / 2), pitch, vel);
  };
  for (int s = 0; s < steps; ++s) {
    const bool accent = s % pulse == 0;
    if (s >= fill_from) {
      hit(s, kToms[(s - fill_from) % std::size(kToms)], velocity(bar, true));
      continue;
    }
    if (s == 0 && bar.first_of_section() && energy >= 2) hit(s, 49, velocity(bar, true));  // crash
    if (s % hat_every == 0) {
      const bool open = s == steps - 2 && rng_.chance(300);
      hit(s, open ? 46 : cymbal, velocity(bar, accent) - 16);
    }
    if (s == 0 || s % (2 * pulse) == 0 || (s % 2 == 0 && rng_.chance(100 + 40 * static_cast<unsigned>(energy)))) {
      hit(s, 36, velocity(bar, true));  // kick
    }
    if (s % (2 * pulse) == pulse) {
      hit(s, energy == 1 && (style_ & 2) ? 37 : 38, velocity(bar, true));  // side stick or snare
    } else if (s % 2 == 1 && rng_.chance(50)) {
      hit(s, 38, 28);  // ghost note
    }
  }
}

void Part::percussion(const Bar& bar) {
  const int steps = bar.steps(), pulse = bar.meter().pulse_steps();
  const std::uint8_t shaker = (style_ & 1) ? 70 : 54;  // maracas or tambourine
  for (int s = 0; s < steps; ++s) {
    const std::uint64_t grid = bar.start + static_cast<std::uint64_t>(s) * bar.step_ticks();
    const int vel = velocity(bar, s % pulse == 0) - 30;
    note(humanize(grid), std::max(1, bar.step_ticks() / 2), shaker, vel);
    if (s % pulse == 3 % pulse && rng_.chance(500)) {
      const int conga = 62 + static_cast<int>(rng_.below(3));
      const int conga_vel = velocity(bar, false);
      note(humanize(grid), bar.step_ticks(), conga, conga_vel);
    }
  }
}

void Part::bass(const Bar& bar) {
  const int steps = bar.steps(), pulse = bar.meter().pulse_steps(), st = bar.step_ticks();
  const Key& key = bar.section->key;
  const std::vector<int> positions = grid_positions(steps, [&](int s) {
    return style_ % 3 == 0   ? s % pulse == 0                            // on the beat
           : style_ % 3 == 1 ? s % 2 == 0                                // eighths
                             : (s % 8 == 0 || s % 8 == 3 || s % 8 == 6);  // syncopated
  });
  const int count = static_cast<int>(positions.size());
  for (int i = 0; i < count; ++i) {
    int degree = bar.chord.root_degree;
    if (i > 0 && rng_.chance(300)) degree += 4;                                      // fifth
    else if (i > 0 && rng_.chance(150)) degree += 7;                                 // octave
    if (i == count - 1 && i > 0 && rng_.chance(300)) degree = bar.next_chord.root_degree - 1;  // approach
    const int length = ((i + 1 < count ? positions[i + 1] : steps) - positions[i]) * st;
    const int gap = (style_ & 4) ? length / 2 : st / 4 + 1;
    const int vel = velocity(bar, positions[i] % pulse == 0);
    note(humanize(bar.start + static_cast<std::uint64_t>(positions[i]) * st), std::max(1, length - gap),
         fold(key.pitch(degree, 2), 28, 55), vel);
  }
}

void Part::chords(const Bar& bar) {
  const int steps = bar.steps(), pulse = bar.meter().pulse_steps(), st = bar.step_ticks();
  const bool strummed = style_ & 4;  // guitar: notes of a chord a few ticks apart
  const std::vector<int> positions = grid_positions(steps, [&](int s) {  // whole bar, beats or comping
    return s == 0 || (style_ % 3 == 1 && s % pulse == 0) || (style_ % 3 == 2 && s % 2 == 0 && rng_.chance(600));
  });
  const int count = static_cast<int>(positions.size());
  for (int i = 0; i < count; ++i) {
    const int length = ((i + 1 < count ? positions[i + 1] : steps) - positions[i]) * st;
    const std::uint64_t at = humanize(bar.start + static_cast<std::uint64_t>(positions[i]) * st);
    const int vel = velocity(bar, positions[i] % pulse == 0);
    for (int t = 0; t < bar.chord.size(); ++t) {
      const int spread = strummed ? t * static_cast<int>(rng_.below(4)) : 0;
      const int pitch = fold(bar.section->key.pitch(bar.chord.degree(t), 4), 55, 74);
      note(at + spread, std::max(1, length - st / 4 - spread), pitch, vel);
    }
  }
}

void Part::pad(const Bar& bar) {
  const std::uint64_t at = humanize(bar.start);
  const auto length = bar.end() - at;  // the next chord takes over on the bar line
  const Key& key = bar.section->key;
  for (int t = 0; t < bar.chord.size(); ++t) {
    note(at, length, fold(key.pitch(bar.chord.degree(t), 3), 48, 67), velocity(bar, false) - 10);
  }
  if (bar.section->energy >= 2) {  // the root doubled on top
    note(at, length, fold(key.pitch(bar.chord.root_degree, 5), 67, 79), velocity(bar, false) - 20);
  }
}

void Part::arpeggio(const Bar& bar) {
  const int steps = bar.steps(), st = bar.step_ticks();
  const int rate = bar.section->energy >= 2 ? 1 : 2;
  const int tones = bar.chord.size() * 2;  // two octaves of chord tones
  for (int s = 0, n = 0; s < steps; s += rate, ++n) {
    int index = n % tones;
    if (style_ & 1) index = tones - 1 - index;                                          // descending
    if ((style_ & 2) && (n / tones) % 2 == 1) index = tones - 1 - index;                 // up and down
    const int degree = bar.chord.degree(index % bar.chord.size()) + 7 * (index / bar.chord.size());
    const int vel = velocity(bar, s % bar.meter().pulse_steps() == 0) - 8;
    note(humanize(bar.start + static_cast<std::uint64_t>(s) * st), rate * st * 3 / 2,  // overlapping
         bar.section->key.pitch(degree, 4), vel);
  }
}

// A melody line: sung (with lyrics) or played (faster, an octave up).
void Part::phrase(const Bar& bar, bool sung) {
  static constexpr int kSungLengths[] = {2, 2, 2, 3, 4, 4, 4, 6, 8};
  static constexpr int kPlayedLengths[] = {1, 1, 1, 2, 2, 2, 3, 4};
  static constexpr int kSteps[] = {-3, -2, -1, -1, 0, 1, 1, 2, 3};
  const int steps = bar.steps(), pulse = bar.meter().pulse_steps(), st = bar.step_ticks();
  for (int pos = 0; pos < steps;) {
    const int length = std::min(sung ? rng_.pick(kSungLengths) : rng_.pick(kPlayedLengths), steps - pos);
    const int start = pos;
    pos += length;
    if (rng_.chance(150)) continue;  // a rest
    degree_ = std::clamp(degree_ + rng_.pick(kSteps), 0, 12);
    if (start % pulse == 0 && rng_.chance(600)) degree_ = std::clamp(nearest_chord_tone(bar.chord, degree_), 0, 12);
    const std::uint64_t at = humanize(bar.start + static_cast<std::uint64_t>(start) * st);
    // Legato players overlap the next note a little; others leave air.
    const int duration = rng_.chance(250) ? length * st + st / 3 : std::max(1, length * st - st / 4);
    const int pitch = bar.section->key.pitch(degree_, sung ? 4 : 5);
    // The first sung note always carries a lyric, so every song has some.
    if (sung && (!sang_ || rng_.chance(mix_.lyrics))) track_.meta(at, 0x05, rng_.pick(kSyllables));
    sang_ = sang_ || sung;
    if (note(at, duration, pitch, velocity(bar, start % pulse == 0)) && rng_.chance(mix_.aftertouch)) {
      aftertouch(at, duration, static_cast<std::uint8_t>(pitch));
    }
  }
}

void Part::counter(const Bar& bar) {
  static constexpr int kLengths[] = {4, 6, 8, 8, 12, 16};
  const int steps = bar.steps(), st = bar.step_ticks();
  for (int pos = 0; pos < steps;) {
    const int length = std::min(rng_.pick(kLengths), steps - pos);
    const int tone = bar.chord.degree(static_cast<int>(rng_.below(static_cast<std::uint32_t>(bar.chord.size()))));
    const int duration = length * st + (rng_.chance(300) ? st / 2 : 0);  // voices overlap across chord changes
    const int vel = velocity(bar, false) - 6;
    note(humanize(bar.start + static_cast<std::uint64_t>(pos) * st), duration, bar.section->key.pitch(tone, 4), vel);
    pos += length;
  }
}

void Part::controller_ramp(const Bar& bar) {
  const auto choices = ramped_controllers(role_);
  const std::uint8_t cc = choices[rng_.below(static_cast<std::uint32_t>(choices.size()))];
  const int from = controllers_[cc];
  const int to = cc == kModulation ? static_cast<int>(rng_.between(0, 100))
                 : cc == kExpression ? static_cast<int>(rng_.between(50, 127))
                 : cc == kVolume     ? static_cast<int>(rng_.between(60, 115))
                                     : static_cast<int>(rng_.between(16, 112));
  const int n = static_cast<int>(mix_.controller_ramp_steps);
  for (int i = 0; i < n; ++i) {
    track_.channel(bar.start + static_cast<std::uint64_t>(bar.ticks()) * i / n, status(kControl), cc,
                   low7(from + (to - from) * (i + 1) / n));
  }
  controllers_[cc] = low7(to);
}

void Part::pitch_bend_ramp(const Bar& bar) {
  const int n = static_cast<int>(mix_.pitch_bend_steps);
  const int up = n / 2, down = n - up;
  const int magnitude = static_cast<int>(rng_.between(512, 4095));
  const int depth = rng_.chance(500) ? magnitude : -magnitude;
  const int spacing = std::max(1, bar.step_ticks() / 4);
  // Starts in the first half of the bar, so it is over before the next one.
  const auto step = rng_.below(static_cast<std::uint32_t>(bar.steps() / 2));
  std::uint64_t tick = bar.start + static_cast<std::uint64_t>(step) * bar.step_ticks();
  const auto bend = [&](int offset) {
    const int value = kBendCentre + offset;
    track_.channel(tick, status(kPitchBend), low7(value), low7(value >> 7));
    tick += spacing;
  };
  for (int i = 1; i <= up; ++i) bend(depth * i / up);
  for (int i = 1; i <= down; ++i) bend(depth * (down - i) / down);
}

void Part::sustain_pedal(const Bar& bar) {
  track_.channel(bar.start + 1 + rng_.below(mix_.humanize_ticks + 1), status(kControl), kSustain, 127);
  track_.channel(bar.end() - static_cast<std::uint64_t>(bar.step_ticks()) / 2, status(kControl), kSustain, 0);
}

void Part::aftertouch(std::uint64_t tick, std::uint64_t duration, std::uint8_t pitch) {
  const bool polyphonic = ++expressive_notes_ % 8 == 0;  // rare in real files: few keyboards sense it
  const std::uint64_t n = mix_.aftertouch_steps;
  for (std::uint64_t i = 1; i <= n; ++i) {
    const auto value = static_cast<std::uint8_t>(110 - 80 * i / n);  // the player eases off
    const std::uint64_t at = tick + duration * i / (n + 1);
    if (polyphonic) {
      track_.channel(at, status(kPolyPressure), pitch, value);
    } else {
      track_.channel(at, status(kChannelPressure), value);
    }
  }
}

// Effects settings that real files send between sections.
void Part::section_sysex(std::uint64_t tick) {
  const std::uint8_t value = low7(static_cast<int>(rng_.below(128)));
  const auto roland = [&](std::uint8_t a1, std::uint8_t a2, std::uint8_t a3) {
    const std::uint8_t checksum = low7(128 - (a1 + a2 + a3 + value) % 128);
    const std::uint8_t message[] = {0x41, 0x10, 0x42, 0x12, a1, a2, a3, value, checksum, 0xF7};
    track_.sysex(tick, message);
  };
  switch (rng_.below(4)) {
    case 0: roland(0x40, 0x01, 0x30); break;  // GS reverb macro
    case 1: roland(0x40, 0x01, 0x38); break;  // GS chorus macro
    case 2: {
      // XG reverb type
      const std::uint8_t message[] = {0x43, 0x10, 0x4C, 0x02, 0x01, 0x00, low7(value % 5), 0x00, 0xF7};
      track_.sysex(tick, message);
      break;
    }
    default: {
      const std::uint8_t message[] = {0x7F, 0x7F, 0x04, 0x01, 0x00, value, 0xF7};  // universal master volume
      track_.sysex(tick, message);
    }
  }
}

bool Part::note(std::uint64_t tick, std::uint64_t duration, int pitch, int vel) {
  return track_.note(tick, duration, channel_, low7(std::clamp(pitch, 0, 127)), low7(std::clamp(vel, 1, 127)));
}

std::uint64_t Part::humanize(std::uint64_t tick) { return tick + rng_.below(mix_.humanize_ticks + 1); }

int Part::velocity(const Bar& bar, bool accent) {
  return 56 + 12 * bar.section->energy + (accent ? 14 : 0) + static_cast<int>(rng_.between(-6, 6));
}

}  // namespace midiarena::gen
