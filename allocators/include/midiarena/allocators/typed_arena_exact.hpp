// typed_arena_exact: typed_arena with no reservation slack in the events.
//
// typed_arena opens each track's run with room for the most events the
// track chunk could hold (max_events_in(bytes), one per two bytes) and sizes
// new chunks geometrically on that bound, so on the reference file about half
// of its peak bytes is reserved room no event ever touches. The document's
// code did not have that slack: it collected a track into a Vec and then
// called typed-arena's alloc_extend over the Vec's exact-size iterator, so
// the arena reserved exactly the track's events.
//
// This backend gets the same result without the temporary copy: a track's run
// is a block of its own, malloc'ed with room for the bound, filled in place,
// and when the track ends the unused tail of the run is given back
// (realloc to the events written; glibc splits a heap chunk in place and
// mremaps an mmapped one down, so untouched pages are never made resident).
// Events hold no pointers to events, so a realloc that moves the block is
// harmless: the track's span is taken after it. Payload bytes go to a byte
// arena, as in typed_arena (their slack is reported by reserved_unused_bytes).
//
// The blocks come from malloc/realloc rather than operator new (which cannot
// shrink a block), so they are reported to the allocation counter by hand; a
// realloc counts as the deallocation of the old block and the allocation of
// the new one.
#pragma once

#include <malloc.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <new>
#include <span>
#include <utility>
#include <vector>

#include "midiarena/allocation_counter.hpp"
#include "midiarena/backend.hpp"
#include "midiarena/arena.hpp"

namespace midiarena {

struct TypedArenaExact {
  static constexpr const char* name = "typed_arena_exact";
  static constexpr std::size_t event_size = sizeof(Event);

  // The file's storage: one exact block of events per track, the payload arena.
  class Storage {
   public:
    Storage() = default;
    Storage(const Storage&) = delete;
    Storage& operator=(const Storage&) = delete;
    ~Storage() {
      for (const std::span<Event> block : blocks_) release(block.data());
    }

    // A new block with room for n events; it is the open block until end_block().
    Event* open_block(std::size_t n) {
      if (blocks_.size() == blocks_.capacity())  // so that push_back below cannot throw
        blocks_.reserve(std::max<std::size_t>(8, 2 * blocks_.capacity()));
      Event* p = static_cast<Event*>(allocate(std::max<std::size_t>(n, 1) * sizeof(Event), nullptr));
      blocks_.push_back({p, n});
      return p;
    }
    // Resizes the open block to n events (its first `written` are kept); returns where it now is.
    Event* resize_block(std::size_t n) {
      std::span<Event>& block = blocks_.back();
      block = {static_cast<Event*>(allocate(std::max<std::size_t>(n, 1) * sizeof(Event), block.data())), n};
      return block.data();
    }
    // Gives back the open block's tail beyond `written` events; the track.
    std::span<const Event> end_block(std::size_t written) {
      if (written != blocks_.back().size()) resize_block(written);
      return tracks_.emplace_back(blocks_.back().data(), written);
    }

    Arena<std::uint8_t> payloads;
    const std::vector<std::span<const Event>>& tracks() const { return tracks_; }

   private:
    // malloc, or realloc of `old`, reported to the allocation counter.
    static void* allocate(std::size_t bytes, void* old) {
      const std::size_t old_usable = old ? malloc_usable_size(old) : 0;
      void* p = old ? std::realloc(old, bytes) : std::malloc(bytes);
      if (!p) throw std::bad_alloc();
      if (allocation_counting_active()) [[unlikely]] {
        if (old) note_deallocation(old_usable);
        note_allocation(bytes, malloc_usable_size(p));
      }
      return p;
    }
    static void release(void* p) {
      if (allocation_counting_active()) [[unlikely]]
        note_deallocation(malloc_usable_size(p));
      std::free(p);
    }

    std::vector<std::span<Event>> blocks_;  // every track's block, the open one last
    std::vector<std::span<const Event>> tracks_;
  };

  class File : public FileHeader {
   public:
    std::size_t track_count() const { return storage_->tracks().size(); }
    std::span<const Event> track(std::size_t i) const { return storage_->tracks()[i]; }
    std::size_t reserved_unused_bytes() const { return storage_->payloads.unused_bytes(); }

   private:
    friend struct TypedArenaExact;
    std::unique_ptr<Storage> storage_ = std::make_unique<Storage>();
  };

  class Builder : public FileBuilder<File> {
   public:
    class TrackWriter {
     public:
      void reserve(std::size_t n) {
        if (static_cast<std::size_t>(limit_ - next_) >= n) [[likely]]
          return;
        grow(n);  // lenient mode, past the chunk's bound: geometric, as a vector grows
      }
      void push(const Event& event) { *next_++ = event; }
      // Always inlined, as the other writers': a call would keep the parser's writer in memory.
      [[gnu::always_inline]] void push_payload(Event event, std::span<const std::uint8_t> bytes) {
        push(with_payload(event, storage_->payloads.alloc_extend(bytes)));
      }

     private:
      friend class Builder;
      TrackWriter(Storage* storage, std::size_t max_events)
          : storage_(storage), base_(storage->open_block(max_events)), next_(base_), limit_(base_ + max_events) {}
      [[gnu::noinline]] void grow(std::size_t n) {
        const auto written = static_cast<std::size_t>(next_ - base_);
        const std::size_t capacity = std::max(written + n, 2 * written);
        base_ = storage_->resize_block(capacity);
        next_ = base_ + written;
        limit_ = base_ + capacity;
      }
      Storage* storage_;
      Event* base_;
      Event* next_;
      Event* limit_;
    };

    explicit Builder(std::size_t /*input_bytes*/) {}
    TrackWriter begin_track(std::size_t max_events) { return TrackWriter(file_.storage_.get(), max_events); }
    void end_track(TrackWriter&& writer) {
      file_.storage_->end_block(static_cast<std::size_t>(writer.next_ - writer.base_));
    }
  };
};

}  // namespace midiarena
