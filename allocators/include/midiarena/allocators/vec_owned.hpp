// vec_owned: what the document's heap parser really did, as opposed to the
// Vec<Box<Event>> its prose describes. Events are inline in one vector per
// track; each text/sysex payload is its own allocation, like a Rust String
// or Vec<u8> (std::vector, not std::string: no small-buffer optimisation).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "midiarena/backend.hpp"
#include "midiarena/vector_track.hpp"

namespace midiarena {

struct VecOwned {
  static constexpr const char* name = "vec_owned";
  static constexpr std::size_t event_size = sizeof(Event);

  // The owners of the payloads. Growing this list moves the vector objects
  // but not their heap buffers, so the events' payload pointers stay valid.
  class OwnedPayloads {
   public:
    std::span<const std::uint8_t> store(std::span<const std::uint8_t> bytes) {
      return owners_.emplace_back(bytes.begin(), bytes.end());
    }
    std::size_t unused_bytes() const { return (owners_.capacity() - owners_.size()) * sizeof(owners_[0]); }

   private:
    std::vector<std::vector<std::uint8_t>> owners_;
  };

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
    friend class VectorFileBuilder<File, EventVector<>, OwnedPayloads>;
    explicit File(std::size_t /*input_bytes*/) {}
    Header header_;
    std::vector<EventVector<>> tracks_;
    OwnedPayloads payloads_;
  };

  using Builder = VectorFileBuilder<File, EventVector<>, OwnedPayloads>;
};

}  // namespace midiarena
