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

  class File : public VectorFile<std::vector<EventVector<>>, Payloads> {
   public:
    explicit File(std::size_t input_bytes) : VectorFile({}, Payloads(input_bytes, {})) {}
  };
  using Builder = VectorFileBuilder<File>;
};

}  // namespace midiarena
