// Runs independent items on several threads, no library needed.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace midiarena::cli {

// The threads to use for `items` items: `requested`, or every core when 0;
// never more than there are items, never fewer than one.
inline unsigned thread_count(unsigned requested, std::size_t items) {
  const unsigned wanted = requested != 0 ? requested : std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(std::clamp<std::size_t>(items, 1, wanted));
}

// Calls `f(i)` once for every i in [0, count), on `threads` threads. Each
// thread takes the next index from a shared counter, so a large file holds up
// one thread, not a precomputed share of the work. `f` must not throw.
template <class F>
void parallel_for(std::size_t count, unsigned threads, F&& f) {
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < count;) f(i);
  };
  std::vector<std::jthread> workers;
  for (unsigned t = 0; t < threads; ++t) workers.emplace_back(work);
}  // the jthreads join here

}  // namespace midiarena::cli
