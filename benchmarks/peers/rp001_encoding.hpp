// portSMF and libsmf follow RP-001 to the letter: a meta or sysex event
// cancels running status. midiarena's generated corpora, like real
// collections, also carry running status across meta events (`midiarena
// stats` counts them), and on those both peers misread the rest of the track
// (portSMF stops with "unexpected byte", libsmf truncates the track and logs
// g_critical). So the peers get such files re-encoded: the same events, with
// the status byte written again after every meta and sysex event.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace midiarena::peers {

// `file` (which must parse strictly) re-encoded as above, with running
// status wherever RP-001 allows it; nullopt when no event of `file` relies on
// running status across a meta or sysex event, so peers read it as it is.
std::optional<std::vector<std::uint8_t>> rp001_encoding(std::span<const std::uint8_t> file);

}  // namespace midiarena::peers
