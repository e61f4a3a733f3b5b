#include "midiarena/note_count.hpp"

#include <cstddef>

#include "midiarena/channel_blocks.hpp"  // MIDIARENA_BLOCKS, scalar_requested

#if MIDIARENA_BLOCKS
#include <immintrin.h>
#endif

namespace midiarena {

#if MIDIARENA_BLOCKS

bool simd_note_count_available() {
  static const bool available = __builtin_cpu_supports("avx2") && !blocks::scalar_requested();
  return available;
}

[[gnu::target("avx2")]] std::uint64_t count_notes_simd(std::span<const Event> events) {
  static_assert(sizeof(Event) % sizeof(int) == 0 && offsetof(Event, tag) % sizeof(int) == 0);
  constexpr int kStride = sizeof(Event) / sizeof(int);  // tags this many ints apart
  const auto* tags = reinterpret_cast<const int*>(reinterpret_cast<const char*>(events.data()) + offsetof(Event, tag));
  const __m256i index = _mm256_setr_epi32(0, kStride, 2 * kStride, 3 * kStride, 4 * kStride, 5 * kStride,
                                          6 * kStride, 7 * kStride);
  const __m256i kind_byte = _mm256_set1_epi32(0xFF);
  const __m256i note_on = _mm256_set1_epi32(static_cast<int>(EventKind::note_on));
  const __m256i zero = _mm256_setzero_si256();
  __m256i counts = zero;  // per lane, minus the notes it saw
  std::size_t i = 0;
  for (; i + 8 <= events.size(); i += 8) {
    const __m256i tag = _mm256_i32gather_epi32(tags + i * kStride, index, sizeof(int));
    const __m256i is_note_on = _mm256_cmpeq_epi32(_mm256_and_si256(tag, kind_byte), note_on);
    const __m256i silent = _mm256_cmpeq_epi32(_mm256_srli_epi32(tag, 24), zero);  // velocity 0: a note-off
    counts = _mm256_add_epi32(counts, _mm256_andnot_si256(silent, is_note_on));  // adds -1 per note
  }
  // Lanes count down by at most 2^31 - 1 each: a track has fewer events than that.
  alignas(32) int lanes[8];
  _mm256_store_si256(reinterpret_cast<__m256i*>(lanes), counts);
  std::uint64_t notes = 0;
  for (int lane : lanes) notes += static_cast<std::uint64_t>(-static_cast<std::int64_t>(lane));
  for (; i < events.size(); ++i) notes += events[i].starts_note();
  return notes;
}

#else  // not x86-64: the plain loop (callers check simd_note_count_available first)

bool simd_note_count_available() { return false; }

std::uint64_t count_notes_simd(std::span<const Event> events) {
  std::uint64_t notes = 0;
  for (const Event& event : events) notes += event.starts_note();
  return notes;
}

#endif

}  // namespace midiarena
