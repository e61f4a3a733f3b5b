// flat_vector: std::vector<Event> per track, every payload in one byte
// buffer per file. The contiguous baseline the arenas are compared with.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "midiarena/backend.hpp"
#include "midiarena/vector_track.hpp"

namespace midiarena {

struct FlatVector {
  static constexpr const char* name = "flat_vector";
  static constexpr std::size_t event_size = sizeof(Event);

  using Payloads = PayloadBuffer<std::vector<std::uint8_t>>;

  class File {
   public:
    const Header& header() const { return header_; }
    std::size_t track_count() const { return tracks_.size(); }
    std::span<const Event> track(std::size_t i) const { return tracks_[i]; }
    std::size_t reserved_unused_bytes() const {
      std::size_t unused = payloads_.unused_bytes();
      for (const auto& track : tracks_) unused += (track.capacity() - track.size()) * sizeof(Event);
      return unused;
    }

   private:
    friend class VectorFileBuilder<File, EventVector<>, Payloads>;
    explicit File(std::size_t input_bytes) : payloads_(input_bytes, {}) {}
    Header header_;
    std::vector<EventVector<>> tracks_;
    Payloads payloads_;
  };

  using Builder = VectorFileBuilder<File, EventVector<>, Payloads>;
};

}  // namespace midiarena
