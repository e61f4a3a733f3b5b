// pooled_arena: the typed_arena layout with arenas reused across files (the
// document's "multi-file arena pooling"). Destroying a file gives its arenas
// back to the pool, reset but keeping their chunks.
//
//   PooledArena::Factory pool;  // an ArenaPool that makes Builders
//   for (auto& bytes : files) {
//     auto file = parse<PooledArena>(bytes, {}, nullptr, pool);
//     ...
//   }
//
// Without a factory the parse uses ArenaPool::thread_default().
#pragma once

#include <cstddef>

#include "midiarena/arena_pool.hpp"

namespace midiarena {

struct PooledArena {
  static constexpr const char* name = "pooled_arena";
  static constexpr std::size_t event_size = sizeof(Event);

  using File = ArenaFile<ArenaPool::GiveBack>;

  class Builder : public ArenaBuilder<ArenaPool::GiveBack> {
   public:
    explicit Builder(std::size_t input_bytes) : Builder(input_bytes, ArenaPool::thread_default()) {}
    Builder(std::size_t /*input_bytes*/, ArenaPool& pool) : ArenaBuilder(pool.acquire()) {}
  };

  // The files parsed through one Factory reuse each other's arenas.
  struct Factory : ArenaPool {
    Builder builder(std::size_t input_bytes) { return Builder(input_bytes, *this); }
  };
};

}  // namespace midiarena
