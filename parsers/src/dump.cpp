#include "midiarena/dump.hpp"

#include <iterator>

#include <fmt/format.h>

namespace midiarena {
namespace {

void append_hex(std::string& out, std::span<const std::uint8_t> bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  if (bytes.empty()) {
    out += '-';
    return;
  }
  for (std::uint8_t b : bytes) {
    out += digits[b >> 4];
    out += digits[b & 0xF];
  }
}

}  // namespace

void dump_header(std::string& out, const Header& header) {
  fmt::format_to(std::back_inserter(out), "header format={} tracks={} division={}\n", header.format,
                 header.declared_tracks, header.division);
}

void dump_track_start(std::string& out, std::size_t track) { fmt::format_to(std::back_inserter(out), "track {}\n", track); }

void dump_event(std::string& out, std::size_t track, const Event& e) {
  auto it = std::back_inserter(out);
  fmt::format_to(it, "{} {} {}", track, e.tick, event_kind_name(e.kind()));
  switch (e.kind()) {
    case EventKind::program_change:
    case EventKind::channel_pressure:
      fmt::format_to(it, " {} {}\n", e.channel(), e.data1());
      return;
    case EventKind::pitch_bend:
      fmt::format_to(it, " {} {}\n", e.channel(), e.pitch_bend_value());
      return;
    case EventKind::sysex:
    case EventKind::sysex_escape:
      out += ' ';
      append_hex(out, e.bytes());
      out += '\n';
      return;
    case EventKind::meta:
      fmt::format_to(it, " {:02x} ", e.meta_type());
      append_hex(out, e.bytes());
      out += '\n';
      return;
    default:
      fmt::format_to(it, " {} {} {}\n", e.channel(), e.data1(), e.data2());
      return;
  }
}

}  // namespace midiarena
