// What the parser needs from a storage backend, and what analysis and the
// dump need from a parsed file. The parser knows nothing else of allocators.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <ranges>
#include <span>
#include <utility>

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

// `event` pointing at its payload `stored`, where a backend has put the bytes.
inline Event with_payload(Event event, std::span<const std::uint8_t> stored) {
  event.payload = stored.data();
  event.payload_size = static_cast<std::uint32_t>(stored.size());
  return event;
}

// What every backend's File and Builder have in common, so that no backend
// writes it again: the File carries the header (FileHeader, a public base),
// and the Builder fills a File and hands it over with the header once the
// tracks are in (FileBuilder<File>, a base; `file_` is the File being built).
class FileHeader {
 public:
  const Header& header() const { return header_; }

 private:
  template <class>
  friend class FileBuilder;
  Header header_;
};

template <class File>
class FileBuilder {
 public:
  File finish(const Header& header) && {
    static_cast<FileHeader&>(file_).header_ = header;
    return std::move(file_);
  }

 protected:
  template <class... Args>
  explicit FileBuilder(Args&&... args) : file_(std::forward<Args>(args)...) {}
  File file_;
};

// Where a parse's Builder comes from: `factory.builder(input_bytes)`. A
// factory is what the files parsed through it share, and must outlive them.
// Most backends share nothing, and their factory is PlainFactory<B>, which
// calls Builder(input_bytes). A backend that keeps state across files (a
// pool of arenas reused from file to file) declares its own, B::Factory.
// Harnesses that parse many files (benchmarks, tests) go through
// BuilderFactory<B> and need no case for any backend.
template <class B>
struct PlainFactory {
  typename B::Builder builder(std::size_t input_bytes) { return typename B::Builder(input_bytes); }
};

namespace detail {
template <class B>
struct FactoryOf {
  using type = PlainFactory<B>;
};
template <class B>
  requires requires { typename B::Factory; }
struct FactoryOf<B> {
  using type = typename B::Factory;
};
}  // namespace detail

template <class B>
using BuilderFactory = typename detail::FactoryOf<B>::type;

// True when B keeps state across the files of one factory.
template <class B>
inline constexpr bool kSharesAcrossFiles = !std::same_as<BuilderFactory<B>, PlainFactory<B>>;

// A backend names itself and provides a Builder the parser fills:
//   Builder(std::size_t input_bytes)                 one per parse (also
//                                                    BuilderFactory<B>'s
//                                                    builder(input_bytes))
//   begin_track(std::size_t max_events) -> TrackWriter
//                                                    a track, with room for
//                                                    max_events (the chunk's
//                                                    bound; lenient mode may
//                                                    push more)
//   writer.reserve(std::size_t n)                    room for n more events
//   writer.push(const Event&)                        a channel event, into
//                                                    room made before
//   writer.push_payload(Event, std::span<const uint8_t>)
//                                                    a meta/sysex event, into
//                                                    room made before; copies
//                                                    the bytes into backend
//                                                    storage
//   end_track(TrackWriter&&)
//   std::move(builder).finish(const Header&) -> File
//
// Why a writer, and why room first: the parser keeps the writer in a local
// for a whole run of events and makes room once for as many as the run can
// hold, so a contiguous backend's push is a store and a pointer bump on
// registers: no reload of container state through the builder, no capacity
// check, no reallocation call inside the loop. A writer is a small value
// (pointers) and stays valid when the parser moves it. A boxed backend
// allocates in every push anyway; its reserve may do nothing.
template <class B>
concept Backend = requires(typename B::Builder& builder, typename B::Builder::TrackWriter& writer,
                           const Event& event, std::span<const std::uint8_t> bytes, const Header& header,
                           BuilderFactory<B>& factory) {
  { B::name } -> std::convertible_to<const char*>;
  requires std::constructible_from<typename B::Builder, std::size_t>;
  { factory.builder(std::size_t{}) } -> std::same_as<typename B::Builder>;
  { builder.begin_track(std::size_t{}) } -> std::same_as<typename B::Builder::TrackWriter>;
  writer.reserve(std::size_t{});
  writer.push(event);
  writer.push_payload(event, bytes);
  builder.end_track(std::move(writer));
  { std::move(builder).finish(header) } -> std::same_as<typename B::File>;
  requires ParsedFile<typename B::File>;
};

}  // namespace midiarena
