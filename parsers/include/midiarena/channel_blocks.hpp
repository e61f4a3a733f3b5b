// Channel events 64 bytes at a time: the split behind the parser's block
// loop (SmfParser::read_blocks).
//
// Every event of a channel status with two data bytes (notes, controllers,
// pitch bend, key pressure) holds exactly three bytes below 0x80: its delta's
// last byte and its two data bytes. A delta's other bytes and the status
// byte are 0x80 and up. So in a stretch of such events every third low byte
// ends an event, and one pdep of a window's low-byte mask finds all their
// ends at once. Where an event starts then no longer waits on the bytes of
// the one before, and the loop over a window's events has no branch that
// depends on the data. The one-event-at-a-time loop branches on every status
// byte and every two-byte delta. Where those come at random (a third of the
// events in the song profiles), it flushes the pipeline every other event.
//
// The split holds only for such events. Mask checks cut a window's segment
// of events before the first byte that breaks the pattern; the parser then
// reads that event on its own (SmfParser::read_break, or the checked
// read_event for the rare kinds), and the next window starts after it.
// Breaks are: a status that is not a two-data-byte channel status,
// two bytes of 0x80 and up before a data byte, a delta of three bytes or
// more, or a data byte of 0x80 or above. A window starts under a
// two-data-byte running status: under a one-data-byte one (channel
// pressure, program change) its first event would break it unless it
// brought a status byte, so the parser reads those events one at a time.
//
// x86-64 only, with AVX2 and BMI2 (Intel since 2013, AMD since 2015),
// checked at run time: the code is compiled for them with a target
// attribute, not -march, so that it does not depend on the build machine.
// The CI gate compares valgrind instruction counts with a committed
// baseline.
//
// Elsewhere (another architecture or compiler, or MIDIARENA_SCALAR_ONLY
// defined) MIDIARENA_BLOCKS is 0: only cpu_supported() and dense() are
// declared, both answer false, and the parser reads every track one event
// at a time. On x86-64 the environment variable MIDIARENA_SCALAR=1 makes
// cpu_supported() false too, so a CPU without AVX2/BMI2 can be played on
// any machine (the ctest `scalar.parser_tests`).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#if defined(__x86_64__) && defined(__GNUC__) && !defined(MIDIARENA_SCALAR_ONLY)
#define MIDIARENA_BLOCKS 1
#include <immintrin.h>
#define MIDIARENA_TARGET_BLOCKS gnu::target("avx,avx2,bmi,bmi2,popcnt")
#else
#define MIDIARENA_BLOCKS 0
#define MIDIARENA_TARGET_BLOCKS  // an empty attribute: nothing to target
#endif

namespace midiarena::blocks {

// Whether this CPU runs the block loop (checked once): x86-64 with AVX2,
// BMI1/2 and POPCNT, and MIDIARENA_SCALAR not set to 1 in the environment.
bool cpu_supported();

// Whether the scalar path was asked for: MIDIARENA_SCALAR=1 in the
// environment (read once). Also turns off the AVX2 note count.
bool scalar_requested();

// Whether a track's bytes read faster in blocks: the one-event loop pays a
// pipeline flush per status byte or long delta it cannot foresee, the block
// loop about one per window and one per event that breaks the pattern.
// Judged on the share of bytes at 0x80 or above in the first 4 KiB of a
// track of 256 bytes or more (channel_blocks.cpp has the bars and why).
bool dense(std::span<const std::uint8_t> track);

inline constexpr std::size_t kWindowBytes = 64;

#if MIDIARENA_BLOCKS

// A window of 64 bytes: which are 0x80 or above, which of those cannot be
// the status of a two-data-byte channel event, and the two-byte delta that
// would end at each byte.
struct Window {
  const std::uint8_t* bytes;
  std::uint64_t high;
  std::uint64_t not_two_byte_status;
  alignas(32) std::uint16_t delta_ending_at[kWindowBytes];
};

namespace detail {

[[gnu::always_inline, MIDIARENA_TARGET_BLOCKS]] inline std::uint64_t high_bits(__m256i first, __m256i second) {
  return std::uint64_t{static_cast<std::uint32_t>(_mm256_movemask_epi8(first))} |
         std::uint64_t{static_cast<std::uint32_t>(_mm256_movemask_epi8(second))} << 32;
}

// 0xFF where a byte's high nibble is 0xC or 0xD (one data byte) or 0xF
// (meta, sysex, system).
[[gnu::always_inline, MIDIARENA_TARGET_BLOCKS]] inline __m256i other_status(__m256i bytes) {
  const __m256i by_nibble = _mm256_setr_epi8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 0, -1,  //
                                             0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 0, -1);
  return _mm256_shuffle_epi8(by_nibble, _mm256_and_si256(_mm256_srli_epi16(bytes, 4), _mm256_set1_epi8(0x0F)));
}

// 16 bytes as 16-bit lanes.
[[gnu::always_inline, MIDIARENA_TARGET_BLOCKS]] inline __m256i lanes(const std::uint8_t* at) {
  return _mm256_cvtepu8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(at)));
}

// The delta ending at each of 16 bytes, were one to end there: the byte,
// plus the low 7 bits of the byte before, shifted by 7, where that byte is
// 0x80 or above. A saturating subtract of 0x80 is those 7 bits, or 0.
[[gnu::always_inline, MIDIARENA_TARGET_BLOCKS]] inline __m256i deltas(__m256i bytes, __m256i before) {
  return _mm256_add_epi16(bytes, _mm256_slli_epi16(_mm256_subs_epu16(before, _mm256_set1_epi16(0x80)), 7));
}

}  // namespace detail

// Reads the 64 bytes from `bytes`, and the one before.
[[gnu::always_inline, MIDIARENA_TARGET_BLOCKS]] inline void load(Window& window, const std::uint8_t* bytes) {
  const __m256i first = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(bytes));
  const __m256i second = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(bytes + 32));
  window.bytes = bytes;
  window.high = detail::high_bits(first, second);
  window.not_two_byte_status = detail::high_bits(detail::other_status(first), detail::other_status(second));
  auto* const out = reinterpret_cast<__m256i*>(window.delta_ending_at);
  // The byte before the window belongs to an earlier event: never a continuation.
  const __m256i not_first = _mm256_setr_epi16(0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1);
  _mm256_store_si256(out, detail::deltas(detail::lanes(bytes), _mm256_and_si256(detail::lanes(bytes - 1), not_first)));
  for (int i = 1; i < 4; ++i)
    _mm256_store_si256(out + i, detail::deltas(detail::lanes(bytes + 16 * i), detail::lanes(bytes + 16 * i - 1)));
}

// The events of a window that starts where an event starts, under a
// two-data-byte running status, up to the first that does not fit the
// pattern: bit i of `ends` for the event whose last byte is i, of
// `delta_ends` for its delta's last byte (it may hold one bit more, of an
// event cut off); `broken` if an event that does not fit the pattern cut
// the segment.
struct Segment {
  std::uint64_t ends;
  std::uint64_t delta_ends;
  bool broken;
};

[[gnu::always_inline, MIDIARENA_TARGET_BLOCKS]] inline Segment split(const Window& window) {
  const std::uint64_t high = window.high;
  const std::uint64_t low = ~window.high;
  // Every third low byte, from the first: the delta's last byte, the first
  // data byte, the second data byte.
  const std::uint64_t delta_ends = _pdep_u64(0x9249249249249249, low);
  const std::uint64_t first_data = _pdep_u64(0x2492492492492492, low);
  const std::uint64_t ends = _pdep_u64(0x4924924924924924, low);
  const std::uint64_t status = (first_data >> 1) & high;
  const std::uint64_t continuation = (delta_ends >> 1) & high;
  const std::uint64_t broken = ((status >> 1) & high)         // two high bytes before a data byte
                               | ((continuation >> 1) & high)  // a delta of three bytes or more
                               | (status & window.not_two_byte_status) | ((first_data << 1) & high);
  return {_bzhi_u64(ends, static_cast<unsigned>(_tzcnt_u64(broken))), delta_ends, broken != 0};
}

#endif  // MIDIARENA_BLOCKS

}  // namespace midiarena::blocks
