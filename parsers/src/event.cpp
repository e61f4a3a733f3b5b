#include "midiarena/event.hpp"

namespace midiarena {

std::string_view event_kind_name(EventKind kind) {
  switch (kind) {
    case EventKind::note_off: return "note_off";
    case EventKind::note_on: return "note_on";
    case EventKind::poly_aftertouch: return "poly_aftertouch";
    case EventKind::control_change: return "control_change";
    case EventKind::program_change: return "program_change";
    case EventKind::channel_pressure: return "channel_pressure";
    case EventKind::pitch_bend: return "pitch_bend";
    case EventKind::sysex: return "sysex";
    case EventKind::sysex_escape: return "sysex_escape";
    case EventKind::meta: return "meta";
  }
  return "unknown";
}

}  // namespace midiarena
