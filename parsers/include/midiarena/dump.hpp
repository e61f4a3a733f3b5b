// The canonical dump (SPEC section 4): the differential-testing contract.
// Every backend must produce byte-identical output for the same file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "midiarena/backend.hpp"
#include "midiarena/event.hpp"

namespace midiarena {

// Appends one event line ("<track> <tick> <kind> ...") to `out`.
void dump_event(std::string& out, std::size_t track, const Event& event);
void dump_header(std::string& out, const Header& header);
// Appends the line "track <i>".
void dump_track_start(std::string& out, std::size_t track);

template <ParsedFile F>
void dump(std::string& out, const F& file) {
  dump_header(out, file.header());
  for (std::size_t t = 0; t < file.track_count(); ++t) {
    dump_track_start(out, t);
    for (const Event& event : file.track(t)) dump_event(out, t, event);
  }
}

}  // namespace midiarena
