// Google Benchmark's memory figures from the allocators' own accounting: an
// AllocationCounter (allocation_counter.hpp) alive from Start() to Stop(), so
// they count every operator new and every block the mi_heap / je_arena
// backends note, but not the aged-heap churn (plain malloc).
//
// Google Benchmark 1.7.1 calls Start/Stop around a separate run of
// min(16, iterations) iterations on the main thread, where the counter
// counts, and writes to the JSON:
//   allocs_per_iter        allocations / those iterations
//   max_bytes_used         peak live bytes during that run
//   total_allocated_bytes  bytes requested over the whole run (not per iteration)
//   net_heap_growth        live bytes at Stop minus at Start
// Setup inside the benchmark function falls in that window too: the files
// `iterate` parses before its loop, the perf counters' few allocations, and
// Google Benchmark's own bookkeeping (a handful per run).
#pragma once

#include <benchmark/benchmark.h>

#include <optional>

#include "midiarena/allocation_counter.hpp"

namespace midiarena::bench {

class AllocationMemoryManager : public benchmark::MemoryManager {
 public:
  void Start() override;
  void Stop(Result& result) override;
  // 1.7.1 still declares the deprecated pointer form pure virtual.
  void Stop(Result* result) override { Stop(*result); }

 private:
  std::optional<AllocationCounter> counter_;
};

}  // namespace midiarena::bench
