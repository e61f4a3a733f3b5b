// Note counting two ways, for the document's claim that a contiguous layout
// "enables SIMD speedups (e.g. note counting)" (claim C15):
//
//   count_notes(file)             the plain loop, over any backend's events
//   count_notes_simd(events)      AVX2 over one contiguous track: the events'
//                                 tag words sit 24 bytes apart (Event is an
//                                 array of structs), so eight of them come
//                                 in per gather, then compare and count
//
// Both count note-ons with a velocity (Event::starts_note), so they must
// agree. count_notes_simd needs simd_note_count_available() (AVX2 on this
// CPU); the build targets baseline x86-64, so the AVX2 code is compiled for
// that one function and chosen at run time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "midiarena/backend.hpp"
#include "midiarena/event.hpp"

namespace midiarena {

template <ParsedFile F>
std::uint64_t count_notes(const F& file) {
  std::uint64_t notes = 0;
  for (std::size_t t = 0; t < file.track_count(); ++t)
    for (const Event& event : file.track(t)) notes += event.starts_note();
  return notes;
}

bool simd_note_count_available();

std::uint64_t count_notes_simd(std::span<const Event> events);

}  // namespace midiarena
