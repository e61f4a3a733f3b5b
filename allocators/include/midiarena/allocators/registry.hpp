// The list of backends compiled into this executable, and run-time dispatch
// by name. Adding a backend: write its header, then add it to `AllBackends`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "midiarena/allocators/boost_pool.hpp"
#include "midiarena/allocators/boxed_heap.hpp"
#include "midiarena/allocators/flat_vector.hpp"
#include "midiarena/allocators/pmr_monotonic.hpp"
#include "midiarena/allocators/pooled_arena.hpp"
#include "midiarena/allocators/typed_arena.hpp"
#include "midiarena/allocators/typed_arena_exact.hpp"
#include "midiarena/allocators/vec_owned.hpp"
// The allocator's own API exists only where cmake/GlobalAllocators.cmake links it.
#if defined(MIDIARENA_GLOBAL_ALLOCATOR_MIMALLOC)
#include "midiarena/allocators/mi_heap.hpp"
#endif
#if defined(MIDIARENA_GLOBAL_ALLOCATOR_JEMALLOC)
#include "midiarena/allocators/je_arena.hpp"
#endif

namespace midiarena {

template <Backend... Bs>
struct BackendList {
  // Calls `f.template operator()<B>()` for every backend, in order.
  template <class F>
  static void for_each(F&& f) {
    (f.template operator()<Bs>(), ...);
  }
  // Calls `f.template operator()<B>()` for the backend named `name`; false if none is.
  template <class F>
  static bool visit(std::string_view name, F&& f) {
    return ((name == Bs::name ? (f.template operator()<Bs>(), true) : false) || ...);
  }
  static std::vector<std::string> names() { return {Bs::name...}; }
};

using AllBackends = BackendList<
    BoxedHeap,
    FlatVector,
    VecOwned,
    TypedArena,
    PmrMonotonic,
    PooledArena,
    BoostPool,
    TypedArenaExact
#if defined(MIDIARENA_GLOBAL_ALLOCATOR_MIMALLOC)
    , MiHeap
#endif
#if defined(MIDIARENA_GLOBAL_ALLOCATOR_JEMALLOC)
    , JeArena
#endif
    >;

}  // namespace midiarena
