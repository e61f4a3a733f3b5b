// PerFileHeap<Raw>: the boxed layout (one allocation per event, one per payload) in a
// private heap that the file releases in one call: a mimalloc heap
// (mi_heap.hpp) or a jemalloc arena (je_arena.hpp). It asks whether a
// per-file heap brings the boxed layout an arena's locality and one-call
// teardown without changing the data structure.
//
// `Raw` is the heap:
//   static constexpr const char* name;
//   Raw() creates it; ~Raw() releases it with everything in it
//   void* allocate(std::size_t bytes)   malloc's alignment; throws std::bad_alloc
//   void deallocate(void* p)
//   std::size_t usable_size(const void* p)
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <span>
#include <utility>
#include <vector>

#include "midiarena/allocation_counter.hpp"
#include "midiarena/boxed_track.hpp"
#include "midiarena/backend.hpp"

namespace midiarena {

// A Raw heap whose blocks are reported to the allocation counter, since
// they bypass operator new. Releasing the heap counts as one deallocation.
template <class Raw>
class CountedHeap {
 public:
  CountedHeap() = default;
  CountedHeap(const CountedHeap&) = delete;
  CountedHeap& operator=(const CountedHeap&) = delete;
  ~CountedHeap() {
    if (noted_ > 0) note_deallocation(static_cast<std::size_t>(noted_));
  }

  void* allocate(std::size_t bytes) {
    void* p = raw_.allocate(bytes);
    if (allocation_counting_active()) [[unlikely]] {
      const std::size_t usable = raw_.usable_size(p);
      note_allocation(bytes, usable);
      noted_ += static_cast<std::int64_t>(usable);
    }
    return p;
  }
  void deallocate(void* p) {
    if (allocation_counting_active()) [[unlikely]] {
      const std::size_t usable = raw_.usable_size(p);
      note_deallocation(usable);
      noted_ -= static_cast<std::int64_t>(usable);
    }
    raw_.deallocate(p);
  }

 private:
  Raw raw_;
  std::int64_t noted_ = 0;  // bytes reported live, released with the heap
};

// For containers that live in the heap too.
template <class T, class Raw>
struct HeapAllocator {
  using value_type = T;
  explicit HeapAllocator(CountedHeap<Raw>& heap) : heap(&heap) {}
  template <class U>
  HeapAllocator(const HeapAllocator<U, Raw>& other) : heap(other.heap) {}
  T* allocate(std::size_t n) { return static_cast<T*>(heap->allocate(n * sizeof(T))); }
  void deallocate(T* p, std::size_t) { heap->deallocate(p); }
  bool operator==(const HeapAllocator&) const = default;
  CountedHeap<Raw>* heap;
};

template <class Raw>
struct PerFileHeap {
  static constexpr const char* name = Raw::name;
  struct Box {
    Event event;  // the payload, if any, is a block of its own
  };
  static constexpr std::size_t event_size = sizeof(Box);
  static_assert(alignof(Box) <= alignof(std::max_align_t));

  using Pointers = std::vector<const Box*, HeapAllocator<const Box*, Raw>>;

  // The heap, a base of File declared before the tracks' base: released
  // last, after the pointer arrays it holds.
  struct Heap {
    std::unique_ptr<CountedHeap<Raw>> heap_ = std::make_unique<CountedHeap<Raw>>();
  };

  class File : private Heap, public BoxedFile<Pointers> {
   public:
    File() : BoxedFile<Pointers>(HeapAllocator<const Box*, Raw>(*this->heap_)) {}

   private:
    friend struct PerFileHeap;
  };

  class Builder : public BoxedFileBuilder<Builder, File> {
   public:
    explicit Builder(std::size_t /*input_bytes*/) {}
    void push(const Event& event) { this->add(new (this->file_.heap_->allocate(sizeof(Box))) Box{event}); }
    void push_payload(Event event, std::span<const std::uint8_t> bytes) {
      if (!bytes.empty()) {
        auto* stored = static_cast<std::uint8_t*>(this->file_.heap_->allocate(bytes.size()));
        std::memcpy(stored, bytes.data(), bytes.size());
        event = with_payload(event, {stored, bytes.size()});
      }
      push(event);
    }
  };
};

}  // namespace midiarena
