// What `midiarena stats` reports about a corpus: size, event-kind mix and
// how much of it leans on running status. Per file, and summed.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include <nlohmann/json_fwd.hpp>

#include "midiarena/event.hpp"
#include "midiarena/parse_error.hpp"

namespace midiarena {

struct CorpusStats {
  std::uint64_t files = 0;
  std::uint64_t bytes = 0;
  std::uint64_t tracks = 0;
  std::uint64_t events = 0;  // every event, meta and End-of-Track included
  std::array<std::uint64_t, kEventKindCount> events_by_kind{};
  std::uint64_t zero_velocity_note_ons = 0;  // note ends written as note_on (also counted as note_on)
  std::uint64_t running_status_events = 0;   // ParseReport::running_status_events
  std::uint64_t running_status_across_meta_or_sysex = 0;

  std::uint64_t count(EventKind kind) const { return events_by_kind[static_cast<std::size_t>(kind)]; }
  // Shares of all events; 0 for an empty corpus.
  double running_status_share() const;
  double bytes_per_event() const;
  CorpusStats& operator+=(const CorpusStats& other);
};

// Parses one file (throws ParseError) and counts it.
CorpusStats file_stats(std::span<const std::uint8_t> bytes, const ParseOptions& options = {});

// {"files", "bytes", "tracks", "events", "events_by_kind": {<event_kind_name>: n},
//  "zero_velocity_note_ons", "running_status_events", "running_status_share",
//  "running_status_across_meta_or_sysex", "bytes_per_event"}
void to_json(nlohmann::json& json, const CorpusStats& stats);

}  // namespace midiarena
