// Counts the memory a stretch of code allocates on the calling thread: the
// source of every backend's memory figures (`midiarena mem`, the benchmarks).
//
//   AllocationCounter counter;  // counting starts
//   auto file = parse<FlatVector>(bytes);
//   counter.stats().allocations ...
//
// The allocators library replaces the global operator new and delete (every
// sized, aligned and nothrow form) with thin forwards to malloc and free that
// also count while an AllocationCounter is alive on the thread. That sees
// std::vector, unique_ptr, the pmr upstream resource and Boost.Pool's default
// user allocator. Backends whose memory bypasses operator new (mi_heap,
// je_arena) report it with note_allocation / note_deallocation. With no
// counter alive, the cost per allocation is one thread-local load and a
// branch that is never taken.
#pragma once

#include <cstddef>
#include <cstdint>

namespace midiarena {

struct AllocationStats {
  std::uint64_t allocations = 0;
  std::uint64_t deallocations = 0;
  std::uint64_t bytes_requested = 0;
  // Bytes held, as the allocator's usable size of each block (its size-class
  // rounding included, its block headers not), counted from the moment the
  // counter started: blocks allocated before and freed while counting make
  // it smaller, even negative.
  std::int64_t live_bytes = 0;
  std::int64_t peak_live_bytes = 0;
};

namespace detail {
struct CountingState {
  bool active = false;
  AllocationStats stats;
};
// constinit: a plain TLS slot, no initialisation guard on the hot path.
inline thread_local constinit CountingState counting;
}  // namespace detail

inline bool allocation_counting_active() noexcept { return detail::counting.active; }

// For memory obtained without operator new. No-ops unless counting.
inline void note_allocation(std::size_t requested, std::size_t usable) noexcept {
  auto& c = detail::counting;
  if (!c.active) return;
  auto& s = c.stats;
  ++s.allocations;
  s.bytes_requested += requested;
  s.live_bytes += static_cast<std::int64_t>(usable);
  if (s.live_bytes > s.peak_live_bytes) s.peak_live_bytes = s.live_bytes;
}
inline void note_deallocation(std::size_t usable) noexcept {
  auto& c = detail::counting;
  if (!c.active) return;
  ++c.stats.deallocations;
  c.stats.live_bytes -= static_cast<std::int64_t>(usable);
}

// Counts this thread's allocations while alive. Counters nest: an inner one
// starts from zero and, when it ends, adds what it saw to the outer one.
class AllocationCounter {
 public:
  AllocationCounter() noexcept : outer_(detail::counting) { detail::counting = {.active = true, .stats = {}}; }
  ~AllocationCounter();
  AllocationCounter(const AllocationCounter&) = delete;
  AllocationCounter& operator=(const AllocationCounter&) = delete;

  const AllocationStats& stats() const noexcept { return detail::counting.stats; }

 private:
  detail::CountingState outer_;
};

}  // namespace midiarena
