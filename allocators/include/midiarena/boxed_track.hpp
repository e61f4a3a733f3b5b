// The boxed layouts' tracks: pointers to boxed events, seen as a forward
// range of `const Event&` (hand-written rather than std::views::transform
// because clang 14 cannot compile libstdc++ 12's range adaptors, the fuzz
// build), and the writer the parser fills them through.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <span>
#include <utility>
#include <vector>

#include "midiarena/backend.hpp"
#include "midiarena/event.hpp"

namespace midiarena {

// `Ptr` is anything with `->event` (a unique_ptr or a raw pointer to a box).
template <class Ptr>
class BoxedTrack {
 public:
  class iterator {
   public:
    using iterator_concept = std::forward_iterator_tag;
    using iterator_category = std::forward_iterator_tag;
    using value_type = Event;
    using difference_type = std::ptrdiff_t;
    using reference = const Event&;

    iterator() = default;
    explicit iterator(const Ptr* p) : p_(p) {}
    const Event& operator*() const { return (*p_)->event; }
    iterator& operator++() {
      ++p_;
      return *this;
    }
    iterator operator++(int) {
      iterator old = *this;
      ++p_;
      return old;
    }
    bool operator==(const iterator&) const = default;

   private:
    const Ptr* p_ = nullptr;
  };

  explicit BoxedTrack(std::span<const Ptr> boxes) : boxes_(boxes) {}
  iterator begin() const { return iterator(boxes_.data()); }
  iterator end() const { return iterator(boxes_.data() + boxes_.size()); }
  std::size_t size() const { return boxes_.size(); }

 private:
  std::span<const Ptr> boxes_;
};

// A boxed layout's track writer. Every push is an allocation anyway, so the
// writer just forwards to the builder's push and push_payload, and room is
// made as events come.
template <class Builder>
class ForwardingTrackWriter {
 public:
  explicit ForwardingTrackWriter(Builder& builder) : builder_(&builder) {}
  void reserve(std::size_t /*n*/) {}
  void push(const Event& event) { builder_->push(event); }
  void push_payload(const Event& event, std::span<const std::uint8_t> bytes) { builder_->push_payload(event, bytes); }

 private:
  Builder* builder_;
};

// The File of a boxed layout: the header and, per track, a vector of
// pointers to boxes. `Pointers` is that vector; every track's takes
// `allocator`.
template <class Pointers>
class BoxedFile : public FileHeader {
 public:
  using Ptr = typename Pointers::value_type;
  using BoxedFileBase = BoxedFile;

  explicit BoxedFile(typename Pointers::allocator_type allocator = {}) : allocator_(std::move(allocator)) {}
  std::size_t track_count() const { return tracks_.size(); }
  BoxedTrack<Ptr> track(std::size_t i) const { return BoxedTrack<Ptr>(tracks_[i]); }
  // The pointer vectors' spare capacity (a layout with more slack adds its own).
  std::size_t reserved_unused_bytes() const {
    std::size_t unused = 0;
    for (const auto& track : tracks_) unused += (track.capacity() - track.size()) * sizeof(Ptr);
    return unused;
  }

 protected:
  const std::vector<Pointers>& tracks() const { return tracks_; }

 private:
  template <class, class>
  friend class BoxedFileBuilder;
  typename Pointers::allocator_type allocator_;
  std::vector<Pointers> tracks_;
};

// The Builder of a boxed layout but for its push and push_payload, which
// `Derived` (the builder itself) defines: they box an event and append it
// with add(). A track is a pointer vector with room for the chunk's bound.
template <class Derived, class File>
class BoxedFileBuilder : public FileBuilder<File> {
 public:
  using TrackWriter = ForwardingTrackWriter<Derived>;

  TrackWriter begin_track(std::size_t max_events) {
    typename File::BoxedFileBase& file = this->file_;
    file.tracks_.emplace_back(file.allocator_);
    file.tracks_.back().reserve(max_events);
    return TrackWriter(static_cast<Derived&>(*this));
  }
  void end_track(TrackWriter&&) {}

 protected:
  // Always inlined: the allocation per event is what a boxed layout models, not a call.
  template <class Box>
  [[gnu::always_inline]] void add(Box&& box) {
    typename File::BoxedFileBase& file = this->file_;
    file.tracks_.back().push_back(std::forward<Box>(box));
  }
};

}  // namespace midiarena
