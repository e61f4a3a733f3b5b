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

  class File {
   public:
    const Header& header() const { return header_; }
    std::size_t track_count() const { return tracks_.size(); }
    std::span<const Event> track(std::size_t i) const { return tracks_[i]; }
    // What the resource took from upstream and holds no event or payload.
    std::size_t reserved_unused_bytes() const {
      std::size_t used = payloads_.size();
      for (const auto& track : tracks_) used += track.size() * sizeof(Event);
      return resources_->upstream.bytes - used;
    }

   private:
    friend class VectorFileBuilder<File, PmrEvents, Payloads>;

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
    struct Resources {
      explicit Resources(std::size_t initial_bytes) : monotonic(initial_bytes, &upstream) {}
      Tally upstream;
      std::pmr::monotonic_buffer_resource monotonic;
    };

    explicit File(std::size_t input_bytes)
        : resources_(std::make_unique<Resources>(initial_buffer_bytes(input_bytes))),
          tracks_(&resources_->monotonic),
          payloads_(input_bytes, std::pmr::vector<std::uint8_t>(&resources_->monotonic)) {}

    Header header_;
    std::unique_ptr<Resources> resources_;  // declared first: outlives the containers
    std::pmr::vector<PmrEvents> tracks_;
    Payloads payloads_;
  };

  using Builder = VectorFileBuilder<File, PmrEvents, Payloads>;
};

}  // namespace midiarena
