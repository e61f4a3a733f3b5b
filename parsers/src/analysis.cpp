#include "midiarena/analysis.hpp"

#include <algorithm>
#include <cmath>

namespace midiarena {
namespace {

// Krumhansl & Kessler (1982) probe-tone ratings, tonic first.
constexpr std::array<double, 12> kMajorProfile = {6.35, 2.23, 3.48, 2.33, 4.38, 4.09,
                                                  2.52, 5.19, 2.39, 3.66, 2.29, 2.88};
constexpr std::array<double, 12> kMinorProfile = {6.33, 2.68, 3.52, 5.38, 2.60, 3.53,
                                                  2.54, 4.75, 3.98, 2.69, 3.34, 3.17};

// A file without tempo events: see estimate_bpm.
constexpr double kDefaultTempoConfidence = 0.1;

double smpte_ticks_per_second(const Header& header) {
  const int fps = header.smpte_fps();
  const double frames_per_second = fps == 29 ? 30000.0 / 1001.0 : fps;
  return frames_per_second * header.ticks_per_frame();
}

double seconds_at(std::uint32_t micros_per_quarter, std::uint64_t ticks, const Header& header) {
  if (header.is_smpte()) return static_cast<double>(ticks) / smpte_ticks_per_second(header);
  return static_cast<double>(ticks) * micros_per_quarter / (1e6 * header.ticks_per_quarter());
}

// Calls f(micros_per_quarter, ticks) for each stretch of [0, end) at one tempo.
template <class F>
void for_each_stretch(const TempoMap& map, std::uint64_t end, F&& f) {
  std::uint64_t at = 0;
  std::uint32_t tempo = kDefaultMicrosPerQuarter;
  for (const TempoChange& change : map.changes) {
    if (change.tick >= end) break;
    f(tempo, change.tick - at);
    at = change.tick;
    tempo = change.micros_per_quarter;
  }
  f(tempo, end - at);
}

double pearson(const std::array<double, 12>& x, const std::array<double, 12>& y) {
  double mean_x = 0, mean_y = 0;
  for (int i = 0; i < 12; ++i) {
    mean_x += x[i];
    mean_y += y[i];
  }
  mean_x /= 12;
  mean_y /= 12;
  double xy = 0, xx = 0, yy = 0;
  for (int i = 0; i < 12; ++i) {
    xy += (x[i] - mean_x) * (y[i] - mean_y);
    xx += (x[i] - mean_x) * (x[i] - mean_x);
    yy += (y[i] - mean_y) * (y[i] - mean_y);
  }
  return xy / std::sqrt(xx * yy);
}

}  // namespace

std::string_view Key::name() const {
  static constexpr std::array<std::string_view, 12> majors = {
      "C major", "C# major", "D major", "Eb major", "E major", "F major",
      "F# major", "G major", "Ab major", "A major", "Bb major", "B major"};
  static constexpr std::array<std::string_view, 12> minors = {
      "C minor", "C# minor", "D minor", "Eb minor", "E minor", "F minor",
      "F# minor", "G minor", "G# minor", "A minor", "Bb minor", "B minor"};
  return (minor ? minors : majors)[tonic];
}

TempoMap TempoPass::finish(const Header& header) && {
  TempoMap map;
  if (header.format != 2) {
    map.changes = std::move(changes_);
    std::stable_sort(map.changes.begin(), map.changes.end(),
                     [](const TempoChange& a, const TempoChange& b) { return a.tick < b.tick; });
    if (!track_end_.empty()) map.end_tick = *std::max_element(track_end_.begin(), track_end_.end());
    return map;
  }
  std::uint32_t tempo = kDefaultMicrosPerQuarter;  // in effect where the next track starts
  for (std::size_t t = 0; t < track_end_.size(); ++t) {
    const std::size_t first = track_first_[t];
    const std::size_t last = t + 1 < track_first_.size() ? track_first_[t + 1] : changes_.size();
    const bool sets_own_start = first != last && changes_[first].tick == 0;
    if (!sets_own_start && tempo != kDefaultMicrosPerQuarter)
      map.changes.push_back({map.end_tick, kDefaultMicrosPerQuarter});
    for (std::size_t i = first; i < last; ++i)
      map.changes.push_back({map.end_tick + changes_[i].tick, changes_[i].micros_per_quarter});
    tempo = first != last ? changes_[last - 1].micros_per_quarter : kDefaultMicrosPerQuarter;
    map.end_tick += track_end_[t];
  }
  return map;
}

double ticks_to_seconds(const TempoMap& map, std::uint64_t tick, const Header& header) {
  if (header.is_smpte()) return static_cast<double>(tick) / smpte_ticks_per_second(header);
  double seconds = 0;
  for_each_stretch(map, tick, [&](std::uint32_t tempo, std::uint64_t ticks) { seconds += seconds_at(tempo, ticks, header); });
  return seconds;
}

KeyEstimate detect_key(const PitchClassProfile& profile) {
  std::array<double, 12> x;
  for (int i = 0; i < 12; ++i) x[i] = static_cast<double>(profile[i]);
  if (std::all_of(x.begin(), x.end(), [&](double v) { return v == x[0]; })) return {};  // no variance, no key

  KeyEstimate estimate;
  estimate.found = true;
  estimate.correlation = estimate.runner_up_correlation = -2;  // below any correlation
  for (const bool minor : {false, true}) {
    const auto& reference = minor ? kMinorProfile : kMajorProfile;
    for (int tonic = 0; tonic < 12; ++tonic) {
      std::array<double, 12> y;
      for (int pc = 0; pc < 12; ++pc) y[pc] = reference[(pc - tonic + 12) % 12];
      const double r = pearson(x, y);
      if (r > estimate.correlation) {
        estimate.runner_up = estimate.key;
        estimate.runner_up_correlation = estimate.correlation;
        estimate.key = {tonic, minor};
        estimate.correlation = r;
      } else if (r > estimate.runner_up_correlation) {
        estimate.runner_up = {tonic, minor};
        estimate.runner_up_correlation = r;
      }
    }
  }
  estimate.confidence = std::clamp(estimate.correlation, 0.0, 1.0);
  return estimate;
}

BpmEstimate estimate_bpm(const TempoMap& map, const Header& header) {
  if (map.changes.empty())
    return {120, kDefaultTempoConfidence, "no tempo events: the SMF default of 120 BPM"};

  struct Stretch {
    long group;  // nearest whole BPM
    double bpm;
    double seconds;
  };
  std::vector<Stretch> stretches;
  stretches.reserve(map.changes.size() + 1);
  for_each_stretch(map, map.end_tick, [&](std::uint32_t tempo, std::uint64_t ticks) {
    const double bpm = bpm_from_micros_per_quarter(tempo);
    stretches.push_back({std::lround(bpm), bpm, seconds_at(tempo, ticks, header)});
  });
  std::sort(stretches.begin(), stretches.end(),
            [](const Stretch& a, const Stretch& b) { return a.group < b.group; });

  double total = 0, best_seconds = -1, best_bpm = 0;
  for (auto group = stretches.begin(); group != stretches.end();) {
    double seconds = 0, weighted = 0;
    auto end = group;
    for (; end != stretches.end() && end->group == group->group; ++end) {
      seconds += end->seconds;
      weighted += end->seconds * end->bpm;
    }
    total += seconds;
    if (seconds > best_seconds) {
      best_seconds = seconds;
      best_bpm = seconds > 0 ? weighted / seconds : group->bpm;
    }
    group = end;
  }
  if (total == 0)
    return {bpm_from_micros_per_quarter(map.changes.back().micros_per_quarter), 0,
            "the file lasts no time: its last tempo event at tick 0"};
  return {best_bpm, best_seconds / total, "tempo map: the tempo that covers most of the duration"};
}

void derive_estimates(Analysis& analysis) {
  analysis.duration_seconds = ticks_to_seconds(analysis.tempo_map, analysis.tempo_map.end_tick, analysis.header);
  analysis.bpm = estimate_bpm(analysis.tempo_map, analysis.header);
  analysis.key = detect_key(analysis.pitch_classes);
}

}  // namespace midiarena
