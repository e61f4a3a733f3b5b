// Arena<T>: Rust's typed-arena 2.x, the crate the motivating document
// used, in C++.
//
// Objects live in chunks. A chunk is never reallocated, so every reference
// the arena hands out stays valid until the arena is destroyed, and there is
// no per-object free. The first chunk is allocated with the arena and holds
// 1024 bytes' worth of T (at least one). When a request for n objects does
// not fit in the current chunk, the next one holds
// max(2 x the newest chunk, bit_ceil(n)) objects, as typed-arena's
// ChunkList::reserve does; the tail of the chunk left behind stays unused.
//
//   T& alloc(T)                   one object
//   std::span<T> alloc_extend(r)  the objects of range r, contiguous. A sized
//                                 range that does not fit starts a new chunk;
//                                 an unsized one that outgrows its chunk is
//                                 moved to a new chunk, as typed-arena moves
//                                 a run when an iterator beats its size hint
//   reserve_extend(n)             room for n objects in the current chunk
//
// For a producer that pushes (a parser), the same as a run:
//   Run run = begin_extend(expected)   opens a run with room for `expected`
//   make_room(run, n)                  room for n more: a run that outgrows
//                                      its chunk moves to a new one
//   extend(run, args...)               one object, into room made before
//   end_extend(run) -> std::span<T>    the run's objects, contiguous
// No other allocation from this arena while a run is open. The Run (write
// position, chunk end) is the caller's value and extend() neither checks
// nor grows, so the producer's loop is a store and a bump on registers:
// the producer makes room once for as many objects as it may push.
//
// Beyond typed-arena: reset() destroys every object but keeps the chunks
// for reuse (arena pooling), and size()/capacity() for memory accounting.
#pragma once

#include <algorithm>
#include <bit>
#include <cassert>
#include <cstddef>
#include <cstring>
#include <memory>
#include <ranges>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

namespace midiarena {

template <class T>
class Arena {
 public:
  static constexpr std::size_t kInitialBytes = 1024;  // typed-arena's INITIAL_SIZE

  Arena() : Arena(kInitialBytes / sizeof(T)) {}
  explicit Arena(std::size_t first_capacity) { add_chunk(std::max<std::size_t>(1, first_capacity)); }
  ~Arena() {
    destroy_objects();
    for (const Chunk& chunk : chunks_) std::allocator<T>{}.deallocate(chunk.data, chunk.capacity);
  }
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  // An open run: where its next object goes and where its chunk ends.
  struct Run {
    T* next;
    T* limit;
  };

  T& alloc(T value) {
    if (next_ == limit_) [[unlikely]]
      grow(1);
    T* slot = std::construct_at(next_, std::move(value));
    ++next_;
    return *slot;
  }

  // Always inlined: a parser stores payloads from its loops (TrackWriter::
  // push_payload), and a call there makes the loop save its registers
  // around it. Growing stays a call.
  template <std::ranges::input_range R>
  [[gnu::always_inline]] std::span<T> alloc_extend(R&& range) {
    if constexpr (std::ranges::contiguous_range<R> && std::is_trivially_copyable_v<T> &&
                  std::is_same_v<std::remove_cv_t<std::ranges::range_value_t<R>>, T>) {
      // Bytes, say: one copy, not an element loop.
      const std::size_t n = std::ranges::size(range);
      Run run = begin_extend(n);
      if (n != 0) std::memcpy(run.next, std::ranges::data(range), n * sizeof(T));
      run.next += n;
      return end_extend(run);
    } else if constexpr (std::ranges::sized_range<R>) {
      Run run = begin_extend(std::ranges::size(range));
      for (auto&& value : range) extend(run, std::forward<decltype(value)>(value));
      return end_extend(run);
    } else {
      Run run = begin_extend(0);
      for (auto&& value : range) {
        make_room(run, 1);
        extend(run, std::forward<decltype(value)>(value));
      }
      return end_extend(run);
    }
  }

  void reserve_extend(std::size_t n) {
    if (static_cast<std::size_t>(limit_ - next_) < n) grow(n);
  }

  Run begin_extend(std::size_t expected) {
    reserve_extend(expected);
    run_ = next_;
    return {next_, limit_};
  }
  void make_room(Run& run, std::size_t n) {
    if (static_cast<std::size_t>(run.limit - run.next) < n) [[unlikely]]
      run = move_run_to_new_chunk(run.next, n);
  }
  template <class... Args>
  void extend(Run& run, Args&&... args) {
    assert(run.next < run.limit && "extend() without make_room()");
    std::construct_at(run.next, std::forward<Args>(args)...);
    ++run.next;
  }
  std::span<T> end_extend(const Run& run) {
    next_ = run.next;
    return {run_, next_};
  }

  void reset() {
    destroy_objects();
    for (Chunk& chunk : chunks_) chunk.size = 0;
    switch_to(0);
  }

  std::size_t chunk_count() const { return chunks_.size(); }
  // Objects allocated, and slots in all chunks.
  std::size_t size() const {
    std::size_t n = static_cast<std::size_t>(next_ - chunks_[current_].data);
    for (std::size_t i = 0; i < chunks_.size(); ++i)
      if (i != current_) n += chunks_[i].size;
    return n;
  }
  std::size_t capacity() const {
    std::size_t n = 0;
    for (const Chunk& chunk : chunks_) n += chunk.capacity;
    return n;
  }
  std::size_t unused_bytes() const { return (capacity() - size()) * sizeof(T); }

 private:
  struct Chunk {
    T* data = nullptr;
    std::size_t capacity = 0;
    std::size_t size = 0;  // up to date except for the current chunk, whose end is next_
  };

  // Makes current a chunk with room for n objects: the next retained chunk
  // that has it (after reset), else a new one.
  [[gnu::noinline]] void grow(std::size_t n) {
    chunks_[current_].size = static_cast<std::size_t>(next_ - chunks_[current_].data);
    for (std::size_t i = current_ + 1; i < chunks_.size(); ++i)
      if (chunks_[i].capacity >= n) return switch_to(i);
    add_chunk(std::max(2 * chunks_.back().capacity, std::bit_ceil(n)));
  }

  void add_chunk(std::size_t capacity) {
    Chunk& chunk = chunks_.emplace_back();
    try {
      chunk.data = std::allocator<T>{}.allocate(capacity);
    } catch (...) {
      chunks_.pop_back();
      throw;
    }
    chunk.capacity = capacity;
    switch_to(chunks_.size() - 1);
  }

  void switch_to(std::size_t i) {
    current_ = i;
    next_ = chunks_[i].data + chunks_[i].size;
    limit_ = chunks_[i].data + chunks_[i].capacity;
  }

  // The open run, ending at `run_end`, has no room for `more` objects: carry
  // it to a chunk with room for them. The run comes and goes by value so
  // that the caller's copy is never address-taken and can live in registers.
  Run move_run_to_new_chunk(T* run_end, std::size_t more) {
    next_ = run_end;
    const std::size_t old = current_;
    T* const run = run_;
    const std::size_t length = static_cast<std::size_t>(next_ - run);
    grow(length + more);
    T* const end = std::uninitialized_move(run, run + length, next_);
    std::destroy(run, run + length);
    chunks_[old].size = static_cast<std::size_t>(run - chunks_[old].data);
    run_ = next_;
    next_ = end;
    return {next_, limit_};
  }

  void destroy_objects() {
    if constexpr (!std::is_trivially_destructible_v<T>) {
      chunks_[current_].size = static_cast<std::size_t>(next_ - chunks_[current_].data);
      for (const Chunk& chunk : chunks_) std::destroy_n(chunk.data, chunk.size);
    }
  }

  std::vector<Chunk> chunks_;
  std::size_t current_ = 0;
  T* next_ = nullptr;   // the current chunk's first free slot
  T* limit_ = nullptr;  // and its end
  T* run_ = nullptr;    // the open extend run's first object
};

}  // namespace midiarena
