#include "midiarena/corpus_stats.hpp"

#include <nlohmann/json.hpp>
#include <string>

#include "midiarena/allocators/flat_vector.hpp"
#include "midiarena/smf_parser.hpp"

namespace midiarena {

namespace {

double share(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

}  // namespace

double CorpusStats::running_status_share() const { return share(running_status_events, events); }

double CorpusStats::bytes_per_event() const { return share(bytes, events); }

CorpusStats& CorpusStats::operator+=(const CorpusStats& other) {
  files += other.files;
  bytes += other.bytes;
  tracks += other.tracks;
  events += other.events;
  for (std::size_t k = 0; k < kEventKindCount; ++k) events_by_kind[k] += other.events_by_kind[k];
  zero_velocity_note_ons += other.zero_velocity_note_ons;
  running_status_events += other.running_status_events;
  running_status_across_meta_or_sysex += other.running_status_across_meta_or_sysex;
  return *this;
}

CorpusStats file_stats(std::span<const std::uint8_t> bytes, const ParseOptions& options) {
  ParseReport report;
  const auto file = parse<FlatVector>(bytes, options, &report);
  CorpusStats stats;
  stats.files = 1;
  stats.bytes = bytes.size();
  stats.tracks = file.track_count();
  for (std::size_t t = 0; t < file.track_count(); ++t) {
    for (const Event& event : file.track(t)) {
      ++stats.events_by_kind[static_cast<std::size_t>(event.kind())];
      stats.zero_velocity_note_ons += event.kind() == EventKind::note_on && event.data2() == 0;
    }
    stats.events += file.track(t).size();
  }
  stats.running_status_events = report.running_status_events;
  stats.running_status_across_meta_or_sysex = report.running_status_across_meta_or_sysex;
  return stats;
}

void to_json(nlohmann::json& json, const CorpusStats& stats) {
  nlohmann::json by_kind = nlohmann::json::object();
  for (std::size_t k = 0; k < kEventKindCount; ++k) {
    by_kind[std::string(event_kind_name(static_cast<EventKind>(k)))] = stats.events_by_kind[k];
  }
  json = {
      {"files", stats.files},
      {"bytes", stats.bytes},
      {"tracks", stats.tracks},
      {"events", stats.events},
      {"events_by_kind", by_kind},
      {"zero_velocity_note_ons", stats.zero_velocity_note_ons},
      {"running_status_events", stats.running_status_events},
      {"running_status_share", stats.running_status_share()},
      {"running_status_across_meta_or_sysex", stats.running_status_across_meta_or_sysex},
      {"bytes_per_event", stats.bytes_per_event()},
  };
}

}  // namespace midiarena
