// The heap states a benchmark runs in: "fresh" and "aged", both starting
// from a settled allocator.
//
// Settled (settle_heap(), once at startup, before the corpora load, unless
// --no-heap-settle): one block just under 32 MiB is malloc'd and freed,
// untouched. glibc mmaps it, and freeing an mmapped block raises glibc's
// dynamic mmap threshold to its size (near the maximum, 32 MiB) and its
// trim threshold to twice that. Without it those thresholds depend on the
// largest block the process happened to free before (which corpora loaded
// first), and in a process that never freed a large one, glibc trims the
// heap top after every parse and the next parse faults it back in: ~300
// minor faults per reference-file parse for flat_vector, against 0 when
// settled (a finding of its own; run_benchmarks.sh measures both). A
// process that has handled one large file is settled; so are mimalloc,
// jemalloc and tcmalloc, which have no such thresholds.
//
// The "aged" heap: a heap fragmented as in a long-running application,
// made before a benchmark's timed loop and undone after it.
//
// Exactly what it does (deterministic: a fixed xoshiro256** seed, so every
// run, backend and global allocator sees the same sequence):
//   1. malloc 200,000 blocks, one after another, of 16 to 4096 bytes, sizes
//      skewed to small: 16 << k bytes with k = 0..8 drawn with weights
//      halving at each step (half the blocks are 16-31 bytes), plus a
//      0..15-byte tail so sizes are not all exact powers of two, capped at
//      4096. The first byte of each block is written, touching its page.
//   2. free a pseudo-random ~60 % of them (each block independently, p = 0.6),
//      leaving holes of every size class between the survivors.
//   3. keep the other ~40 % (about 80,000 blocks, ~7 MB requested) alive
//      while the benchmark runs; the destructor frees them.
// Everything, the block list included, goes through malloc and free, not
// operator new, so the churn is invisible to the AllocationCounter behind
// the memory figures.
#pragma once

#include <cstddef>

namespace midiarena::bench {

inline constexpr const char* kAgedHeapSummary =
    "200000 malloc'd blocks of 16-4096 bytes skewed to small, ~60% freed at random (fixed seed), "
    "the rest kept alive during the run (benchmarks/aged_heap.hpp)";

inline constexpr const char* kSettledHeapSummary =
    "settled: a block just under 32 MiB malloc'd and freed at startup, so glibc's dynamic mmap/trim thresholds are "
    "near their maximum (benchmarks/aged_heap.hpp)";
inline constexpr const char* kUnsettledHeapSummary =
    "not settled (--no-heap-settle): glibc's mmap/trim thresholds as the corpus loading left them";

void settle_heap();

enum class Heap { fresh, aged };

inline constexpr const char* heap_name(Heap heap) { return heap == Heap::fresh ? "fresh" : "aged"; }

// Ages the heap when `heap` is Heap::aged; does nothing for Heap::fresh.
class AgedHeap {
 public:
  explicit AgedHeap(Heap heap);
  ~AgedHeap();
  AgedHeap(const AgedHeap&) = delete;
  AgedHeap& operator=(const AgedHeap&) = delete;

 private:
  void** blocks_ = nullptr;  // survivors first, then freed slots
  std::size_t survivors_ = 0;
};

}  // namespace midiarena::bench
