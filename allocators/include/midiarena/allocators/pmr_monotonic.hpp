// pmr_monotonic: the flat_vector layout in std::pmr containers that draw
// from a std::pmr::monotonic_buffer_resource. The resource's initial buffer
// is sized from the input so that the track and payload reservations fit:
// a parse normally takes one block from upstream, and the file gives it
// back in one piece.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <memory_resource>
#include <span>
#include <utility>
#include <vector>

#include "midiarena/backend.hpp"
#include "midiarena/vector_track.hpp"

namespace midiarena {

struct PmrMonotonic {
  static constexpr const char* name = "pmr_monotonic";
  static constexpr std::size_t event_size = sizeof(Event);

  using PmrEvents = EventVector<std::pmr::polymorphic_allocator<Event>>;
  using Payloads = PayloadBuffer<std::pmr::vector<std::uint8_t>>;

  // Room for the most events the input could hold (tracks reserve that
  // bound, as in flat_vector), every payload byte, and the track list.
  static constexpr std::size_t initial_buffer_bytes(std::size_t input_bytes) {
    return sizeof(Event) * max_events_in(input_bytes) + input_bytes + 1024;
  }

  // The monotonic resource and its upstream tally, a base of File declared
  // before its containers' base so that it outlives them.
  class Resources {
   protected:
    // Tallies what the monotonic resource takes from upstream.
    class Tally : public std::pmr::memory_resource {
     public:
      std::size_t bytes = 0;

     private:
      void* do_allocate(std::size_t n, std::size_t alignment) override {
        void* p = std::pmr::new_delete_resource()->allocate(n, alignment);
        bytes += n;
        return p;
      }
      void do_deallocate(void* p, std::size_t n, std::size_t alignment) override {
        std::pmr::new_delete_resource()->deallocate(p, n, alignment);
        bytes -= n;
      }
      bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override { return this == &other; }
    };
    struct Held {
      explicit Held(std::size_t initial_bytes) : monotonic(initial_bytes, &upstream) {}
      Tally upstream;
      std::pmr::monotonic_buffer_resource monotonic;
    };

    explicit Resources(std::size_t input_bytes)
        : resources_(std::make_unique<Held>(initial_buffer_bytes(input_bytes))) {}
    std::unique_ptr<Held> resources_;  // on the heap: a moved File's containers keep pointing at it
  };

  class File : private Resources, public VectorFile<std::pmr::vector<PmrEvents>, Payloads> {
   public:
    explicit File(std::size_t input_bytes)
        : Resources(input_bytes),
          VectorFile(std::pmr::vector<PmrEvents>(&resources_->monotonic),
                     Payloads(input_bytes, std::pmr::vector<std::uint8_t>(&resources_->monotonic))) {}
    // What the resource took from upstream and holds no event or payload.
    std::size_t reserved_unused_bytes() const {
      std::size_t used = payloads().size();
      for (const auto& track : tracks()) used += track.size() * sizeof(Event);
      return resources_->upstream.bytes - used;
    }
  };

  using Builder = VectorFileBuilder<File>;
};

}  // namespace midiarena
