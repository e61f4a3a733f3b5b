// The memory figures of parsing one input with one backend, the same way for
// every backend: `midiarena mem` and the benchmark harness report these.
//
//   MemoryReport r = measure_memory<TypedArena>(bytes);
//
// Allocations and bytes come from an AllocationCounter around the parse and
// the teardown of the file, so they include every block the backend takes:
// per-event boxes, owned payloads, vector buffers, arena chunks, pools, and
// the heaps of mi_heap and je_arena. The parse itself is given no
// ParseReport, so nothing else is allocated.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <utility>

#include "midiarena/allocation_counter.hpp"
#include "midiarena/backend.hpp"
#include "midiarena/smf_parser.hpp"

namespace midiarena {

// What accounting needs beyond the Backend concept: the size of the
// backend's per-event storage unit (an Event, or the box holding one), and
// how many reserved bytes of a file hold no event, event pointer or payload.
template <class B>
concept AccountedBackend = Backend<B> && requires(const typename B::File& file) {
  { B::event_size } -> std::convertible_to<std::size_t>;
  { file.reserved_unused_bytes() } -> std::convertible_to<std::size_t>;
};

struct MemoryReport {
  std::string backend;
  std::size_t events = 0;
  std::size_t payload_bytes = 0;  // text and sysex bytes stored
  std::size_t event_size = 0;     // bytes of one per-event storage unit
  std::uint64_t allocations = 0;
  std::uint64_t bytes_requested = 0;
  std::int64_t peak_live_bytes = 0;      // usable bytes held at the peak (see AllocationStats)
  std::size_t reserved_unused_bytes = 0;  // slack: arena chunk tails, spare vector capacity
  std::int64_t live_after_teardown = 0;  // 0 unless the backend keeps memory (pooled_arena)

  double bytes_per_event() const {
    return events == 0 ? 0.0 : static_cast<double>(peak_live_bytes) / static_cast<double>(events);
  }
};

// Parses `input` with B through `factory` (a fresh one by default), measures,
// and destroys the file. Throws ParseError as parse() does.
template <AccountedBackend B>
MemoryReport measure_memory(std::span<const std::uint8_t> input, const ParseOptions& options,
                            BuilderFactory<B>& factory) {
  MemoryReport report{.backend = B::name, .event_size = B::event_size};
  AllocationCounter counter;
  {
    const auto file = parse<B>(input, options, nullptr, factory);
    for (std::size_t t = 0; t < file.track_count(); ++t)
      for (const Event& event : file.track(t)) {
        ++report.events;
        report.payload_bytes += event.payload_size;
      }
    report.reserved_unused_bytes = file.reserved_unused_bytes();
  }
  const AllocationStats& stats = counter.stats();
  report.allocations = stats.allocations;
  report.bytes_requested = stats.bytes_requested;
  report.peak_live_bytes = stats.peak_live_bytes;
  report.live_after_teardown = stats.live_bytes;
  return report;
}

template <AccountedBackend B>
MemoryReport measure_memory(std::span<const std::uint8_t> input, const ParseOptions& options = {}) {
  BuilderFactory<B> factory;
  return measure_memory<B>(input, options, factory);
}

}  // namespace midiarena
