// The list of backends compiled into this executable, and run-time dispatch
// by name. Adding a backend: write its header, then add it to `AllBackends`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "midiarena/allocators/boxed_heap.hpp"
#include "midiarena/allocators/flat_vector.hpp"

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
    FlatVector>;

}  // namespace midiarena
