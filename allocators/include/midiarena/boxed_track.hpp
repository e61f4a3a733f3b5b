// The boxed layouts' tracks: pointers to boxed events, seen as a forward
// range of `const Event&` (hand-written rather than std::views::transform
// because clang 14 cannot compile libstdc++ 12's range adaptors, the fuzz
// build), and the writer the parser fills them through.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <span>

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

}  // namespace midiarena
