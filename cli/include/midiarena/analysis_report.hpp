// An Analysis as JSON (machine-readable, every field) and as text (for people;
// long lists are shortened). Used by `midiarena analyze`.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "midiarena/analysis.hpp"

namespace midiarena {

// Keys in a fixed, readable order; the key estimate is null when no pitched
// note sounds.
nlohmann::ordered_json analysis_to_json(const Analysis& analysis);

// The channels set in EventCounts::channel_mask, as a JSON array: [0, 9].
nlohmann::ordered_json channels_to_json(std::uint16_t channel_mask);

// Several lines, each ending in '\n'.
std::string format_analysis(const Analysis& analysis);

}  // namespace midiarena
