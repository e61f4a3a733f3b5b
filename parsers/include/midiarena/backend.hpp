// What the parser needs from a storage backend, and what analysis and the
// dump need from a parsed file. The parser knows nothing else of allocators.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <ranges>
#include <span>

#include "midiarena/event.hpp"

namespace midiarena {

// Upper bound on the events a track chunk of `bytes` bytes can hold: the
// shortest event is a 1-byte delta plus one data byte under running status.
constexpr std::size_t max_events_in(std::size_t bytes) { return bytes / 2; }

// A parsed file: a header and tracks, each a range of `const Event&` in file
// order. Backends differ only in where those events and payloads live.
template <class F>
concept ParsedFile = requires(const F& file, std::size_t i) {
  { file.header() } -> std::convertible_to<const Header&>;
  { file.track_count() } -> std::convertible_to<std::size_t>;
  { file.track(i) } -> std::ranges::forward_range;
  requires std::same_as<std::ranges::range_reference_t<decltype(file.track(i))>,
                        const Event&>;
};

// A backend names itself and provides a Builder the parser fills:
//   Builder(std::size_t input_bytes, extra...)    one per parse
//   begin_track(std::size_t chunk_bytes)          before a track's events
//   push(const Event&)                            a channel event
//   push_payload(Event, std::span<const uint8_t>) copies the bytes into
//                                                 backend storage
//   end_track()
//   std::move(builder).finish(const Header&) -> File
template <class B>
concept Backend = requires(typename B::Builder& builder, const Event& event,
                           std::span<const std::uint8_t> bytes, const Header& header) {
  { B::name } -> std::convertible_to<const char*>;
  builder.begin_track(std::size_t{});
  builder.push(event);
  builder.push_payload(event, bytes);
  builder.end_track();
  { std::move(builder).finish(header) } -> std::same_as<typename B::File>;
  requires ParsedFile<typename B::File>;
};

}  // namespace midiarena
