// typed_arena: what the document's arena parser did, with the semantics of
// the Rust typed-arena crate it used. Each track is one contiguous slice of
// an Arena<Event> (arena.hpp); text and sysex bytes go to a separate byte arena.
// Everything is freed with the file.
#pragma once

#include <cstddef>
#include <memory>

#include "midiarena/event_arenas.hpp"

namespace midiarena {

struct TypedArena {
  static constexpr const char* name = "typed_arena";
  static constexpr std::size_t event_size = sizeof(Event);

  using File = ArenaFile<std::default_delete<EventArenas>>;

  class Builder : public ArenaBuilder<std::default_delete<EventArenas>> {
   public:
    explicit Builder(std::size_t /*input_bytes*/) : ArenaBuilder(std::make_unique<EventArenas>()) {}
  };
};

}  // namespace midiarena
