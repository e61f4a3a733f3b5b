// Where a parsed file's events and payloads sit in memory, for any backend:
// the floor a streaming pass's cache misses are judged against, and whether
// consecutive events are neighbours (a boxed layout in a fresh heap is
// nearly contiguous; in an aged one it is scattered).
//
//   first_touch_lines(file)   distinct 64-byte lines holding a byte of an
//                             Event or of a payload: the misses a pass that
//                             reads every event and payload once cannot
//                             avoid with a cold cache and no prefetcher
//   event_stride(file)        the address step between consecutive events
//                             of a track that occurs most (a majority vote),
//                             and the fraction of steps equal to it
//
// first_touch_lines allocates (it sorts the line numbers); event_stride does
// not, so it can run while memory is being counted.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "midiarena/backend.hpp"

namespace midiarena {

inline constexpr std::size_t kCacheLineBytes = 64;

// Appends the line numbers of [p, p + bytes) to `lines`.
inline void append_lines(std::vector<std::uintptr_t>& lines, const void* p, std::size_t bytes) {
  if (bytes == 0) return;
  const auto first = reinterpret_cast<std::uintptr_t>(p) / kCacheLineBytes;
  const auto last = (reinterpret_cast<std::uintptr_t>(p) + bytes - 1) / kCacheLineBytes;
  for (std::uintptr_t line = first; line <= last; ++line) lines.push_back(line);
}

// Sorts and deduplicates `lines`; their count.
inline std::size_t count_distinct(std::vector<std::uintptr_t>& lines) {
  std::sort(lines.begin(), lines.end());
  return static_cast<std::size_t>(std::unique(lines.begin(), lines.end()) - lines.begin());
}

template <ParsedFile F>
void append_event_lines(std::vector<std::uintptr_t>& lines, const F& file) {
  for (std::size_t t = 0; t < file.track_count(); ++t)
    for (const Event& event : file.track(t)) {
      append_lines(lines, &event, sizeof(Event));
      append_lines(lines, event.payload, event.payload_size);
    }
}

template <ParsedFile F>
std::size_t first_touch_lines(const F& file) {
  std::vector<std::uintptr_t> lines;
  append_event_lines(lines, file);
  return count_distinct(lines);
}

struct EventStride {
  std::int64_t bytes = 0;  // the most frequent step from one event to the next (0 if no step)
  double fraction = 0.0;   // of all steps, those equal to it
  std::size_t steps = 0;   // consecutive pairs within tracks
};

template <ParsedFile F>
EventStride event_stride(const F& file) {
  const auto each_step = [&](auto&& f) {
    for (std::size_t t = 0; t < file.track_count(); ++t) {
      const Event* previous = nullptr;
      for (const Event& event : file.track(t)) {
        if (previous)
          f(static_cast<std::int64_t>(reinterpret_cast<std::uintptr_t>(&event)) -
            static_cast<std::int64_t>(reinterpret_cast<std::uintptr_t>(previous)));
        previous = &event;
      }
    }
  };
  // Boyer-Moore majority vote: the step held by more than half, if any is.
  std::int64_t candidate = 0;
  std::size_t votes = 0;
  each_step([&](std::int64_t step) {
    if (votes == 0) candidate = step;
    votes += step == candidate ? 1 : static_cast<std::size_t>(-1);
  });
  EventStride stride;
  std::size_t equal = 0;
  each_step([&](std::int64_t step) {
    ++stride.steps;
    equal += step == candidate;
  });
  if (stride.steps == 0) return stride;
  stride.bytes = candidate;
  stride.fraction = static_cast<double>(equal) / static_cast<double>(stride.steps);
  return stride;
}

}  // namespace midiarena
