#include "memory_manager.hpp"

namespace midiarena::bench {

void AllocationMemoryManager::Start() { counter_.emplace(); }

void AllocationMemoryManager::Stop(Result& result) {
  const AllocationStats& stats = counter_->stats();
  result.num_allocs = static_cast<std::int64_t>(stats.allocations);
  result.max_bytes_used = stats.peak_live_bytes;
  result.total_allocated_bytes = static_cast<std::int64_t>(stats.bytes_requested);
  result.net_heap_growth = stats.live_bytes;
  counter_.reset();
}

}  // namespace midiarena::bench
