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
//
// resident_bytes is measured, not counted: the growth of the process's
// anonymous resident set (/proc/self/statm: resident minus file-backed and
// shared pages) from just before the parse to just after it, with the file
// still alive. It is what the parse made resident: touched pages of its
// blocks, the allocator's headers, size-class rounding and whatever else the
// allocator wrote, and none of the reserved room that was never touched. It
// is only meaningful as the first parse of a fresh process (`midiarena mem`):
// memory freed earlier in the process is resident already and a parse that
// reuses it shows no growth. The input is file-backed (a mapping, so not
// counted) or already resident, and some stack is touched before the first
// reading, so neither shows up. With glibc, blocks of 128 KiB and more are
// mmapped (the default threshold, which a free of such a block raises);
// either way untouched pages of a block are not resident, and nothing is
// trimmed or unmapped inside the window, which ends before the teardown.
// minor_faults is getrusage's count over the same window.
#pragma once

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdlib>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <utility>

#include "midiarena/allocation_counter.hpp"
#include "midiarena/backend.hpp"
#include "midiarena/event_layout.hpp"
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
  std::int64_t resident_bytes = -1;      // anonymous RSS growth around the parse; -1 if unreadable
  std::int64_t minor_faults = 0;         // minor page faults during the parse
  EventStride event_stride;              // consecutive events' address step (event_layout.hpp)

  double bytes_per_event() const {
    return events == 0 ? 0.0 : static_cast<double>(peak_live_bytes) / static_cast<double>(events);
  }
};

namespace detail {

// Anonymous resident pages of this process in bytes (statm's resident minus
// shared), read without allocating; -1 if /proc is not there.
inline std::int64_t anonymous_resident_bytes() {
  const int fd = ::open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  char text[256];
  const ssize_t n = ::read(fd, text, sizeof text - 1);
  ::close(fd);
  if (n <= 0) return -1;
  text[n] = '\0';
  char* p = text;
  std::strtoull(p, &p, 10);  // size
  const unsigned long long resident = std::strtoull(p, &p, 10);
  const unsigned long long shared = std::strtoull(p, &p, 10);
  return static_cast<std::int64_t>(resident - shared) * ::sysconf(_SC_PAGESIZE);
}

inline std::int64_t minor_fault_count() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return usage.ru_minflt;
}

// Touches `bytes` of stack below the caller, so the parse's frames find it resident.
[[gnu::noinline]] inline void touch_stack(std::size_t bytes = 64 * 1024) {
  volatile char* p = static_cast<volatile char*>(__builtin_alloca(bytes));
  for (std::size_t i = 0; i < bytes; i += 256) p[i] = 0;
}

}  // namespace detail

// Parses `input` with B through `factory`, measures, and destroys the file.
// Throws ParseError as parse() does.
template <AccountedBackend B>
MemoryReport measure_memory(std::span<const std::uint8_t> input, const ParseOptions& options,
                            BuilderFactory<B>& factory) {
  MemoryReport report;
  report.backend = B::name;
  report.event_size = B::event_size;
  detail::touch_stack();
  std::uint8_t sink = 0;
  for (std::size_t i = 0; i < input.size(); i += 4096) sink ^= input[i];  // the input's pages, in
  asm volatile("" : : "r"(sink));
  AllocationCounter counter;
  {
    const std::int64_t resident_before = detail::anonymous_resident_bytes();
    const std::int64_t faults_before = detail::minor_fault_count();
    const auto file = parse<B>(input, options, nullptr, factory);
    const std::int64_t faults_after = detail::minor_fault_count();
    const std::int64_t resident_after = detail::anonymous_resident_bytes();
    if (resident_before >= 0 && resident_after >= 0) report.resident_bytes = resident_after - resident_before;
    report.minor_faults = faults_after - faults_before;
    for (std::size_t t = 0; t < file.track_count(); ++t)
      for (const Event& event : file.track(t)) {
        ++report.events;
        report.payload_bytes += event.payload_size;
      }
    report.reserved_unused_bytes = file.reserved_unused_bytes();
    report.event_stride = event_stride(file);
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
