#include "rp001_encoding.hpp"

#include "midiarena/allocators/flat_vector.hpp"
#include "midiarena/smf_parser.hpp"
#include "midiarena/smf_writer.hpp"

namespace midiarena::peers {
namespace {

TrackWriter rp001_track(std::span<const Event> events) {
  TrackWriter track;
  std::uint64_t previous_tick = 0;
  bool after_meta_or_sysex = false;
  for (const Event& event : events) {
    const auto delta = static_cast<std::uint32_t>(event.tick - previous_tick);
    previous_tick = event.tick;
    if (event.is_channel()) {
      // EventKind lists the channel messages in status order, 0x80 to 0xE0.
      const auto status = static_cast<std::uint8_t>(0x80 | static_cast<int>(event.kind()) << 4 | event.channel());
      track.channel(delta, status, event.data1(), event.data2(), /*running_status=*/!after_meta_or_sysex);
      after_meta_or_sysex = false;
      continue;
    }
    if (event.kind() == EventKind::meta)
      track.meta(delta, event.meta_type(), event.bytes());
    else if (event.kind() == EventKind::sysex)
      track.sysex(delta, event.bytes());
    else
      track.sysex_escape(delta, event.bytes());
    after_meta_or_sysex = true;
  }
  return track;
}

}  // namespace

std::optional<std::vector<std::uint8_t>> rp001_encoding(std::span<const std::uint8_t> file) {
  ParseReport report;
  const auto parsed = parse<FlatVector>(file, ParseOptions{.lenient = false}, &report);
  if (report.running_status_across_meta_or_sysex == 0) return std::nullopt;
  SmfWriter writer(parsed.header().format, parsed.header().division);
  for (std::size_t t = 0; t < parsed.track_count(); ++t) writer.track(rp001_track(parsed.track(t)));
  return writer.bytes();
}

}  // namespace midiarena::peers
