// boost_pool: the boxed layout (one object per event, owned payloads) with
// the event objects taken from a boost::object_pool per file, so they sit
// side by side in the pool's blocks instead of wherever malloc puts them.
// The pool starts with a block of 32 objects and doubles the next one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <span>
#include <utility>
#include <vector>

#include <boost/pool/object_pool.hpp>

#include "midiarena/allocators/boxed_heap.hpp"
#include "midiarena/boxed_track.hpp"
#include "midiarena/backend.hpp"

namespace midiarena {

struct BoostPool {
  static constexpr const char* name = "boost_pool";
  using BoxedEvent = BoxedHeap::BoxedEvent;
  static constexpr std::size_t event_size = sizeof(BoxedEvent);
  static constexpr std::size_t kFirstBlockObjects = 32;

  // The pool, a base of File declared before the tracks' base: destroyed
  // last, running the events' destructors.
  struct Pool {
    std::unique_ptr<boost::object_pool<BoxedEvent>> pool_ =
        std::make_unique<boost::object_pool<BoxedEvent>>(kFirstBlockObjects);
  };

  class File : private Pool, public BoxedFile<std::vector<const BoxedEvent*>> {
   public:
    // Unused pointer capacity, and pool slots holding no event: the blocks
    // so far hold next_size - 32 objects, the sizes doubling from 32.
    std::size_t reserved_unused_bytes() const {
      std::size_t events = 0;
      for (const auto& track : tracks()) events += track.size();
      return BoxedFile::reserved_unused_bytes() +
             (pool_->get_next_size() - kFirstBlockObjects - events) * sizeof(BoxedEvent);
    }

   private:
    friend struct BoostPool;
  };

  class Builder : public BoxedFileBuilder<Builder, File> {
   public:
    explicit Builder(std::size_t /*input_bytes*/) {}
    void push(const Event& event) { box(event, {}); }
    void push_payload(const Event& event, std::span<const std::uint8_t> bytes) {
      BoxedEvent* stored = box(event, bytes);
      stored->event = with_payload(stored->event, stored->owned);
    }

   private:
    // Built in its pool slot: object_pool::construct would copy the payload.
    BoxedEvent* box(const Event& event, std::span<const std::uint8_t> bytes) {
      BoxedEvent* slot = file_.pool_->malloc();
      if (!slot) throw std::bad_alloc();
      try {
        new (slot) BoxedEvent{event, {bytes.begin(), bytes.end()}};
      } catch (...) {
        file_.pool_->free(slot);
        throw;
      }
      add(slot);
      return slot;
    }
  };
};

}  // namespace midiarena
