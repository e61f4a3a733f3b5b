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

// Bytes 0x80 and above, two bars. Below one in kSparseShare few events
// carry a status byte or a two-byte delta, and the one-event loop foresees
// its branches. From one in kDenseShare up, its mispredictions cost more
// than whatever breaks the block loop's windows. In between lie the song
// profiles' instrument tracks (one in 10.6 to 8, status bytes of
// interleaved notes and controllers) and the reference profile's channel-
// pressure streams (one in 14 to 10). Under their one-data-byte running
// status (statuses 0xC0-0xDF) every event is two bytes, no window holds
// them, and the block loop reads them one at a time, slower than the
// one-event loop (reference +4 % without this count). Those streams have a
// quarter to two fifths of their high bytes at 0xC0-0xDF, the song tracks
// about one in 20 at most: between the bars, dense is fewer than one in
// kOneDataShare. Measured in docs/notes/2026-12-06-one-data-byte-streams.md.
constexpr std::size_t kDenseShare = 8;
constexpr std::size_t kSparseShare = 12;
constexpr std::size_t kOneDataShare = 8;
// About 1,200 events. 1 KiB misjudges a reference track whose first
// kilobyte is denser than the rest. A shorter track is sampled whole.
constexpr std::size_t kSampleBytes = 4096;
// Real tracks are short (OpenMSX's median is 2.7 KB) and, with a status
// byte on most events and random two-byte deltas, read far faster in blocks
// than one event at a time. Any bar from 128 to 1024 bytes is within 2 %
// of 256; 2048 loses 4 % on OpenMSX (docs/notes/2026-12-06-short-dense-tracks.md).
constexpr std::size_t kShortestTrack = 256;

enum class Counted { high, one_data_status };

// The bytes at 0x80 or above, or at 0xC0-0xDF, among the first `size` (a
// multiple of 32).
template <Counted kCounted>
[[MIDIARENA_TARGET_BLOCKS]] std::size_t count_bytes(const std::uint8_t* bytes, std::size_t size) {
  static_assert(kSampleBytes % 32 == 0);
  std::size_t count = 0;
  for (std::size_t i = 0; i + 32 <= size; i += 32) {
    __m256i chunk = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(bytes + i));
    if constexpr (kCounted == Counted::one_data_status)
      chunk = _mm256_cmpeq_epi8(_mm256_and_si256(chunk, _mm256_set1_epi8(static_cast<char>(0xE0))),
                                _mm256_set1_epi8(static_cast<char>(0xC0)));
    count += static_cast<std::size_t>(__builtin_popcount(static_cast<std::uint32_t>(_mm256_movemask_epi8(chunk))));
  }
  return count;
}

}  // namespace

bool dense(std::span<const std::uint8_t> track) {
  if (track.size() < kShortestTrack || !cpu_supported()) return false;
  const std::size_t sample = std::min(track.size(), kSampleBytes) & ~std::size_t{31};
  const std::size_t high = count_bytes<Counted::high>(track.data(), sample);
  if (kDenseShare * high >= sample) return true;
  // Between the bars only, so that no other track pays for a second pass.
  return kSparseShare * high >= sample &&
         kOneDataShare * count_bytes<Counted::one_data_status>(track.data(), sample) < high;
}

#else  // no block loop here: every track is read one event at a time

bool cpu_supported() { return false; }

bool dense(std::span<const std::uint8_t>) { return false; }

#endif

}  // namespace midiarena::blocks
