// Just enough music theory for plausible songs: keys, scales, chords, meters.
// All integer arithmetic: pitches are MIDI note numbers, times are ticks.
#pragma once

#include <array>
#include <cstdint>

namespace midiarena::gen {

struct Key {
  int tonic = 0;  // pitch class, C = 0
  bool minor = false;

  // MIDI note of scale degree `degree` (any integer; 7 = an octave up) with
  // the tonic placed in `octave` (MIDI octave: C4 = 60).
  int pitch(int degree, int octave) const {
    static constexpr int kMajor[7] = {0, 2, 4, 5, 7, 9, 11};
    static constexpr int kMinor[7] = {0, 2, 3, 5, 7, 8, 10};
    const int step = ((degree % 7) + 7) % 7;
    const int octaves = (degree - step) / 7;
    return 12 * (octave + 1 + octaves) + tonic + (minor ? kMinor : kMajor)[step];
  }

  // Key-signature meta: sharps (> 0) or flats (< 0) and the minor flag.
  std::int8_t sharps() const {
    static constexpr std::int8_t kMajorSharps[12] = {0, -5, 2, -3, 4, -1, 6, 1, -4, 3, -2, 5};
    return kMajorSharps[minor ? (tonic + 3) % 12 : tonic];
  }
};

// A triad (or seventh) on a scale degree, as degrees.
struct Chord {
  int root_degree = 0;
  bool seventh = false;
  int size() const { return seventh ? 4 : 3; }
  int degree(int i) const { return root_degree + 2 * i; }
};

struct Meter {
  int numerator = 4;
  int denominator = 4;  // 2, 4 or 8

  int bar_ticks(int ppq) const { return numerator * beat_ticks(ppq); }
  int beat_ticks(int ppq) const { return ppq * 4 / denominator; }
  // Sixteenth notes per bar: the rhythmic grid every part plays on.
  int steps() const { return numerator * 16 / denominator; }
  // Steps between accented pulses: dotted quarters in compound meters.
  int pulse_steps() const { return (denominator == 8 && numerator % 3 == 0) ? 6 : 16 / denominator; }
  std::uint8_t denominator_log2() const { return denominator == 2 ? 1 : denominator == 4 ? 2 : 3; }
};

// Common progressions, four chords (one per bar), as scale degrees (0 = I).
inline constexpr std::array<std::array<int, 4>, 6> kMajorProgressions = {{
    {0, 4, 5, 3},  // I V vi IV
    {0, 5, 3, 4},  // I vi IV V
    {1, 4, 0, 0},  // ii V I I
    {0, 3, 4, 3},  // I IV V IV
    {5, 3, 0, 4},  // vi IV I V
    {0, 3, 0, 4},  // I IV I V
}};
inline constexpr std::array<std::array<int, 4>, 5> kMinorProgressions = {{
    {0, 5, 2, 6},  // i VI III VII
    {0, 3, 4, 0},  // i iv v i
    {0, 6, 5, 6},  // i VII VI VII
    {0, 5, 3, 4},  // i VI iv v
    {3, 4, 0, 0},  // iv v i i
}};

}  // namespace midiarena::gen
