// The track writer and builder of the backends that keep each track in a
// vector of events (flat_vector, vec_owned, pmr_monotonic). They differ only
// in the vector's allocator and in where payload bytes go, so both are
// parameters:
//
//   Events    EventVector<> or EventVector<std::pmr::polymorphic_allocator<Event>>
//   Payloads  std::span<const std::uint8_t> store(std::span<const std::uint8_t>)
//             copies the bytes and returns where they now live, for good
//
// The writer fills the vector in place, like Rust's Vec::with_capacity then
// push: while a track is open the vector is sized to the room made for it,
// with its elements left unwritten (UninitializedAllocator), the writer
// stores events through a pointer, and end() cuts the vector to the events
// written. push_back would do the same work, but its reallocation call sits
// in the parser's loop and costs it its registers.
#pragma once

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "midiarena/backend.hpp"
#include "midiarena/event.hpp"

namespace midiarena {

// An allocator that leaves value-initialised elements unwritten: resize(n)
// then only moves the vector's end. For implicit-lifetime types such as
// Event, whose storage the writer fills before anyone reads it.
template <class T, class Base = std::allocator<T>>
struct UninitializedAllocator : Base {
  using Base::Base;
  UninitializedAllocator() = default;
  UninitializedAllocator(const Base& base) : Base(base) {}
  template <class U>
  struct rebind {
    using other = UninitializedAllocator<U, typename std::allocator_traits<Base>::template rebind_alloc<U>>;
  };
  template <class U>
  void construct(U*) noexcept {}
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    std::allocator_traits<Base>::construct(static_cast<Base&>(*this), p, std::forward<Args>(args)...);
  }
};

template <class Base = std::allocator<Event>>
using EventVector = std::vector<Event, UninitializedAllocator<Event, Base>>;

template <class Events, class Payloads>
class VectorTrackWriter {
 public:
  VectorTrackWriter(Events& events, Payloads& payloads, std::size_t max_events)
      : events_(&events), payloads_(&payloads) {
    events.resize(max_events);
    next_ = events.data();
    limit_ = next_ + max_events;
  }

  void reserve(std::size_t n) {
    if (static_cast<std::size_t>(limit_ - next_) >= n) [[likely]]
      return;
    const std::size_t written = end();  // so that growing copies only events
    events_->resize(std::max(written + n, 2 * written));  // geometric, as push_back grows
    next_ = events_->data() + written;
    limit_ = events_->data() + events_->size();
  }
  void push(const Event& event) {
    assert(next_ < limit_ && "push() without reserve()");
    *next_++ = event;
  }
  // Always inlined: as a call it takes the writer's address, and the
  // parser's loops then keep their writer in memory, the output pointer
  // loaded and stored around every event.
  [[gnu::always_inline]] void push_payload(Event event, std::span<const std::uint8_t> bytes) {
    push(with_payload(event, payloads_->store(bytes)));
  }
  // Cuts the vector to the events written and returns their count.
  std::size_t end() {
    const auto written = static_cast<std::size_t>(next_ - events_->data());
    events_->resize(written);
    return written;
  }

 private:
  Events* events_;
  Payloads* payloads_;
  Event* next_;
  Event* limit_;
};

// The File of those backends: the header, one vector of events per track
// (`Tracks` is a vector of `Events`) and the store its payloads went to.
template <class Tracks, class Payloads>
class VectorFile : public FileHeader {
 public:
  using Events = typename Tracks::value_type;
  using PayloadStore = Payloads;
  using VectorFileBase = VectorFile;

  std::size_t track_count() const { return tracks_.size(); }
  std::span<const Event> track(std::size_t i) const { return tracks_[i]; }
  // The tracks' spare capacity and the payload store's.
  std::size_t reserved_unused_bytes() const {
    std::size_t unused = payloads_.unused_bytes();
    for (const auto& track : tracks_) unused += (track.capacity() - track.size()) * sizeof(Event);
    return unused;
  }

 protected:
  VectorFile(Tracks tracks, Payloads payloads) : tracks_(std::move(tracks)), payloads_(std::move(payloads)) {}
  const Tracks& tracks() const { return tracks_; }
  const Payloads& payloads() const { return payloads_; }

 private:
  template <class>
  friend class VectorFileBuilder;
  Tracks tracks_;
  Payloads payloads_;
};

// The Builder of those backends. File is a VectorFile constructed from the
// input's size.
template <class File>
class VectorFileBuilder : public FileBuilder<File> {
 public:
  using TrackWriter = VectorTrackWriter<typename File::Events, typename File::PayloadStore>;

  explicit VectorFileBuilder(std::size_t input_bytes) : FileBuilder<File>(input_bytes) {}
  TrackWriter begin_track(std::size_t max_events) {
    typename File::VectorFileBase& file = this->file_;
    return TrackWriter(file.tracks_.emplace_back(), file.payloads_, max_events);
  }
  void end_track(TrackWriter&& writer) { writer.end(); }
};

// Every payload of a file in one byte buffer, reserved once for the input's
// size: payloads cannot outgrow the input, so the buffer never reallocates
// and the views into it stay valid without a fix-up pass.
template <class Bytes>
class PayloadBuffer {
 public:
  PayloadBuffer(std::size_t input_bytes, Bytes bytes) : bytes_(std::move(bytes)) { bytes_.reserve(input_bytes); }

  std::span<const std::uint8_t> store(std::span<const std::uint8_t> payload) {
    const std::size_t at = bytes_.size();
    bytes_.insert(bytes_.end(), payload.begin(), payload.end());
    return std::span<const std::uint8_t>(bytes_).subspan(at, payload.size());
  }
  std::size_t unused_bytes() const { return bytes_.capacity() - bytes_.size(); }
  std::size_t size() const { return bytes_.size(); }

 private:
  Bytes bytes_;
};

}  // namespace midiarena
