#include "midiarena/channel_blocks.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace midiarena::blocks {

bool scalar_requested() {
  static const bool requested = [] {
    const char* value = std::getenv("MIDIARENA_SCALAR");
    return value != nullptr && std::strcmp(value, "1") == 0;
  }();
  return requested;
}

#if MIDIARENA_BLOCKS

bool cpu_supported() {
  static const bool supported = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi") &&
                                __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("popcnt") &&
                                !scalar_requested();
  return supported;
}

namespace {

// Bytes 0x80 and above: dense is at least one in kDenseShare. Medium's
// tracks have one in 4 to 7.5; the reference profile's of 4 KiB or more one
// in 8 to 110 (seed 1, file 0), and those of one in 8 to 12 read far slower
// in blocks: their channel-pressure streams, under a one-data-byte running
// status, break every window. A lower bar puts such tracks in blocks and
// slows the reference profile (measured: docs/notes/2026-11-25-block-loop.md).
constexpr std::size_t kDenseShare = 8;
// About 1,200 events. 1 KiB misjudges a reference track whose first
// kilobyte is denser than the rest. A shorter track is sampled whole.
constexpr std::size_t kSampleBytes = 4096;
// Real tracks are short (OpenMSX's median is 2.7 KB) and, with a status
// byte on most events and random two-byte deltas, read far faster in blocks
// than one event at a time. Any bar from 128 to 1024 bytes is within 2 %
// of 256; 2048 loses 4 % on OpenMSX (docs/notes/2026-12-06-short-dense-tracks.md).
constexpr std::size_t kShortestTrack = 256;

// The bytes at 0x80 or above among the first `size` (a multiple of 32).
[[MIDIARENA_TARGET_BLOCKS]] std::size_t high_bytes(const std::uint8_t* bytes, std::size_t size) {
  static_assert(kSampleBytes % 32 == 0);
  std::size_t count = 0;
  for (std::size_t i = 0; i + 32 <= size; i += 32) {
    const __m256i chunk = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(bytes + i));
    count += static_cast<std::size_t>(__builtin_popcount(static_cast<std::uint32_t>(_mm256_movemask_epi8(chunk))));
  }
  return count;
}

}  // namespace

bool dense(std::span<const std::uint8_t> track) {
  if (track.size() < kShortestTrack || !cpu_supported()) return false;
  const std::size_t sample = std::min(track.size(), kSampleBytes) & ~std::size_t{31};
  return kDenseShare * high_bytes(track.data(), sample) >= sample;
}

#else  // no block loop here: every track is read one event at a time

bool cpu_supported() { return false; }

bool dense(std::span<const std::uint8_t>) { return false; }

#endif

}  // namespace midiarena::blocks
