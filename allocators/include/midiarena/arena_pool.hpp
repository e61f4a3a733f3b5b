// Arenas reused across files: the document's "multi-file arena pooling" for
// batch work. A pooled_arena file leases an EventArenas from a pool and, when
// the file is destroyed, gives it back reset but with all its chunks: once a
// pool has held a file as large as the next one, parsing that one allocates
// nothing.
//
// A pool serves one thread and must outlive the files leased from it.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "midiarena/event_arenas.hpp"

namespace midiarena {

class ArenaPool {
 public:
  struct GiveBack {
    ArenaPool* pool = nullptr;
    void operator()(EventArenas* arenas) const noexcept {
      arenas->reset();
      pool->idle_.emplace_back(arenas);
    }
  };
  using Lease = std::unique_ptr<EventArenas, GiveBack>;

  Lease acquire() {
    if (idle_.empty()) return Lease(new EventArenas, GiveBack{this});
    Lease lease(idle_.back().release(), GiveBack{this});
    idle_.pop_back();
    return lease;
  }
  std::size_t idle_count() const { return idle_.size(); }

  // The pool a parse uses when it is given none.
  static ArenaPool& thread_default() {
    thread_local ArenaPool pool;
    return pool;
  }

 private:
  std::vector<std::unique_ptr<EventArenas>> idle_;
};

}  // namespace midiarena
