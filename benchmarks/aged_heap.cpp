#include "aged_heap.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstdlib>
#include <new>

#include "midiarena/prng.hpp"

namespace midiarena::bench {
namespace {

constexpr std::size_t kBlocks = 200'000;
constexpr std::uint64_t kSeed = 0xA6ED;
constexpr std::size_t kMaxBlock = 4096;
constexpr unsigned kFreedPermille = 600;

// 16 << k with P(k) = 2^-(k+1) (k capped at 8), plus 0..15 bytes.
std::size_t skewed_size(Xoshiro256& rng) {
  const std::uint64_t r = rng.next();
  const int k = std::min(std::countr_zero(r | (std::uint64_t{1} << 8)), 8);
  const std::size_t tail = (r >> 60) & 15;
  return std::min<std::size_t>((std::size_t{16} << k) + tail, kMaxBlock);
}

void* checked_malloc(std::size_t size) {
  void* p = std::malloc(size);
  if (!p) throw std::bad_alloc();
  return p;
}

}  // namespace

void settle_heap() {
  // glibc's DEFAULT_MMAP_THRESHOLD_MAX on 64 bits is 32 MiB; a freed mmapped
  // chunk sets the threshold if its size field, flag bits included, is no
  // more than that: an exact 32 MiB mapping is not, so stay a little under.
  constexpr std::size_t kBlock = (std::size_t{32} << 20) - (std::size_t{64} << 10);
  void* block = checked_malloc(kBlock);
  benchmark::DoNotOptimize(block);  // or the malloc/free pair may be elided
  std::free(block);
}

AgedHeap::AgedHeap(Heap heap) {
  if (heap == Heap::fresh) return;
  blocks_ = static_cast<void**>(checked_malloc(kBlocks * sizeof(void*)));
  Xoshiro256 rng(kSeed);
  for (std::size_t i = 0; i < kBlocks; ++i) {
    blocks_[i] = checked_malloc(skewed_size(rng));
    *static_cast<volatile char*>(blocks_[i]) = 1;
  }
  for (std::size_t i = 0; i < kBlocks; ++i) {
    if (rng.chance(kFreedPermille))
      std::free(blocks_[i]);
    else
      blocks_[survivors_++] = blocks_[i];
  }
}

AgedHeap::~AgedHeap() {
  for (std::size_t i = 0; i < survivors_; ++i) std::free(blocks_[i]);
  std::free(blocks_);
}

}  // namespace midiarena::bench
