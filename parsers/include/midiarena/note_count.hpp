// Note counting two ways, for the document's claim that a contiguous layout
// "enables SIMD speedups (e.g. note counting)" (claim C15):
//
//   count_notes(file)             the plain loop, over any backend's events
//   count_notes_simd(events)      AVX2 over one contiguous track: the events'
//                                 tag words sit 24 bytes apart (Event is an
//                                 array of structs), so eight of them come
//                                 in per gather, then compare and count
//
//   count_notes_avx2(file)        the plain loop again, compiled for AVX2 like
//                                 count_notes_simd: claim C15 compares the
//                                 gather loop with scalar code built for the
//                                 same target, so the flags are not the effect
//
// All count note-ons with a velocity (Event::starts_note), so they must
// agree. The AVX2 ones need simd_note_count_available() (AVX2 on this CPU);
// the build targets baseline x86-64, so only those functions are compiled
// for AVX2, and chosen at run time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "midiarena/backend.hpp"
#include "midiarena/event.hpp"

namespace midiarena {

namespace detail {
// The one loop both scalar counts compile; inlined into each, so each gets
// its own function's target.
template <ParsedFile F>
[[gnu::always_inline]] inline std::uint64_t count_notes_loop(const F& file) {
  std::uint64_t notes = 0;
  for (std::size_t t = 0; t < file.track_count(); ++t)
    for (const Event& event : file.track(t)) notes += event.starts_note();
  return notes;
}
}  // namespace detail

template <ParsedFile F>
std::uint64_t count_notes(const F& file) {
  return detail::count_notes_loop(file);
}

bool simd_note_count_available();

#if defined(__x86_64__)
template <ParsedFile F>
[[gnu::target("avx2")]] std::uint64_t count_notes_avx2(const F& file) {
  return detail::count_notes_loop(file);
}
#endif

std::uint64_t count_notes_simd(std::span<const Event> events);

}  // namespace midiarena
