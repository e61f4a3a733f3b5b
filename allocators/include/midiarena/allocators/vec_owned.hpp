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

  class File : public VectorFile<std::vector<EventVector<>>, OwnedPayloads> {
   public:
    explicit File(std::size_t /*input_bytes*/) : VectorFile({}, {}) {}
  };
  using Builder = VectorFileBuilder<File>;
};

}  // namespace midiarena
