// je_arena: the boxed layout in a jemalloc arena created for each parse
// (mallctl "arenas.create"). Every event and payload comes from
// mallocx(MALLOCX_ARENA(a) | MALLOCX_TCACHE_NONE), so no thread cache holds
// its blocks, and mallctl "arena.<a>.destroy" releases them all in one call.
// Only in the executables linked with jemalloc.
#pragma once

#include <algorithm>
#include <cstddef>
#include <new>

#include <jemalloc/jemalloc.h>

#include "midiarena/per_file_heap.hpp"

namespace midiarena {

class JemallocArena {
 public:
  static constexpr const char* name = "je_arena";

  JemallocArena() {
    std::size_t size = sizeof(arena_);
    if (mallctl("arenas.create", &arena_, &size, nullptr, 0) != 0) throw std::bad_alloc();
    flags_ = MALLOCX_ARENA(arena_) | MALLOCX_TCACHE_NONE;
  }
  ~JemallocArena() {
    // "arena.<i>.destroy" by MIB: formatting the name would allocate.
    std::size_t mib[3];
    std::size_t length = 3;
    if (mallctlnametomib("arena.0.destroy", mib, &length) != 0) return;
    mib[1] = arena_;
    mallctlbymib(mib, length, nullptr, nullptr, nullptr, 0);
  }
  JemallocArena(const JemallocArena&) = delete;
  JemallocArena& operator=(const JemallocArena&) = delete;

  void* allocate(std::size_t bytes) {
    void* p = mallocx(std::max<std::size_t>(bytes, 1), flags_);  // mallocx(0) is undefined
    if (!p) throw std::bad_alloc();
    return p;
  }
  void deallocate(void* p) { dallocx(p, MALLOCX_TCACHE_NONE); }
  std::size_t usable_size(const void* p) const { return sallocx(p, 0); }

 private:
  unsigned arena_ = 0;
  int flags_ = 0;
};

using JeArena = PerFileHeap<JemallocArena>;

}  // namespace midiarena
