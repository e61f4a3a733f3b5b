#include "midiarena/analysis_report.hpp"

#include <iterator>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace midiarena {
namespace {

using Json = nlohmann::ordered_json;

// The text report shows at most this many entries of each list.
constexpr std::size_t kListedEntries = 10;

Json key_json(const KeyEstimate& key) {
  if (!key.found) return nullptr;
  return {{"name", key.key.name()},
          {"tonic", key.key.tonic},
          {"minor", key.key.minor},
          {"confidence", key.confidence},
          {"correlation", key.correlation},
          {"runner_up", {{"name", key.runner_up.name()}, {"correlation", key.runner_up_correlation}}}};
}

// Prints a heading with the list's size, then up to kListedEntries entries.
template <class T, class Print>
void format_list(std::string& out, std::string_view heading, const std::vector<T>& items, Print&& print) {
  auto it = std::back_inserter(out);
  fmt::format_to(it, "{}: {}\n", heading, items.size());
  for (std::size_t i = 0; i < items.size() && i < kListedEntries; ++i) print(it, items[i]);
  if (items.size() > kListedEntries) fmt::format_to(it, "  ... {} more (the JSON report lists all)\n", items.size() - kListedEntries);
}

}  // namespace

Json channels_to_json(std::uint16_t channel_mask) {
  Json channels = Json::array();
  for (int c = 0; c < 16; ++c)
    if (channel_mask & (1u << c)) channels.push_back(c);
  return channels;
}

Json analysis_to_json(const Analysis& a) {
  Json j;
  j["format"] = a.header.format;
  j["tracks"] = a.tracks;
  j["division"] = a.header.division;
  if (a.header.is_smpte()) {
    j["smpte_fps"] = a.header.smpte_fps();
    j["ticks_per_frame"] = a.header.ticks_per_frame();
  } else {
    j["ticks_per_quarter"] = a.header.ticks_per_quarter();
  }
  j["events"] = a.counts.events;
  j["notes"] = a.counts.notes;
  j["channels"] = channels_to_json(a.counts.channel_mask);
  j["end_tick"] = a.tempo_map.end_tick;
  j["duration_seconds"] = a.duration_seconds;
  j["bpm"] = {{"value", a.bpm.bpm}, {"confidence", a.bpm.confidence}, {"basis", a.bpm.basis}};
  j["key"] = key_json(a.key);
  j["pitch_class_ticks"] = a.pitch_classes;
  Json& tempo = j["tempo_map"] = Json::array();
  for (const TempoChange& c : a.tempo_map.changes)
    tempo.push_back({{"tick", c.tick},
                     {"micros_per_quarter", c.micros_per_quarter},
                     {"bpm", bpm_from_micros_per_quarter(c.micros_per_quarter)}});
  Json& times = j["time_signatures"] = Json::array();
  for (const TimedTimeSignature& t : a.time_signatures)
    times.push_back({{"track", t.track},
                     {"tick", t.tick},
                     {"numerator", t.value.numerator},
                     {"denominator", t.value.denominator()},
                     {"clocks_per_click", t.value.clocks_per_click},
                     {"thirty_seconds_per_quarter", t.value.thirty_seconds_per_quarter}});
  Json& keys = j["key_signatures"] = Json::array();
  for (const TimedKeySignature& k : a.key_signatures)
    keys.push_back({{"track", k.track},
                    {"tick", k.tick},
                    {"sharps", k.value.sharps},
                    {"minor", k.value.minor},
                    {"name", k.value.name()}});
  j["malformed_meta_events"] = a.malformed_meta;
  return j;
}

std::string format_analysis(const Analysis& a) {
  std::string out;
  auto it = std::back_inserter(out);
  const Header& h = a.header;
  if (h.is_smpte())
    fmt::format_to(it, "format {}, {} tracks, SMPTE {} fps x {} ticks per frame\n", h.format, a.tracks, h.smpte_fps(),
                   h.ticks_per_frame());
  else
    fmt::format_to(it, "format {}, {} tracks, {} ticks per quarter\n", h.format, a.tracks, h.ticks_per_quarter());
  fmt::format_to(it, "events {}, notes {}, channels used {}", a.counts.events, a.counts.notes, a.counts.channel_count());
  if (a.counts.channel_mask != 0) out += ':';
  for (int c = 0; c < 16; ++c)
    if (a.counts.channel_mask & (1u << c)) fmt::format_to(it, " {}", c);
  fmt::format_to(it, "\nduration {:.3f} s ({} ticks)\n", a.duration_seconds, a.tempo_map.end_tick);
  fmt::format_to(it, "tempo {:.2f} BPM, confidence {:.2f} ({})\n", a.bpm.bpm, a.bpm.confidence, a.bpm.basis);
  if (a.key.found)
    fmt::format_to(it, "key {}, confidence {:.2f} (runner-up {}, r = {:.2f})\n", a.key.key.name(), a.key.confidence,
                   a.key.runner_up.name(), a.key.runner_up_correlation);
  else
    out += "key none (no pitched notes)\n";
  format_list(out, "tempo changes", a.tempo_map.changes, [](auto it, const TempoChange& c) {
    fmt::format_to(it, "  tick {}: {} us per quarter ({:.2f} BPM)\n", c.tick, c.micros_per_quarter,
                   bpm_from_micros_per_quarter(c.micros_per_quarter));
  });
  format_list(out, "time signatures", a.time_signatures, [](auto it, const TimedTimeSignature& t) {
    fmt::format_to(it, "  track {} tick {}: {}/{}, {} clocks per click, {} 32nds per quarter\n", t.track, t.tick,
                   t.value.numerator, t.value.denominator(), t.value.clocks_per_click,
                   t.value.thirty_seconds_per_quarter);
  });
  format_list(out, "key signatures", a.key_signatures, [](auto it, const TimedKeySignature& k) {
    fmt::format_to(it, "  track {} tick {}: {}\n", k.track, k.tick, k.value.name());
  });
  if (a.malformed_meta != 0) fmt::format_to(it, "malformed tempo/signature events: {}\n", a.malformed_meta);
  return out;
}

}  // namespace midiarena
