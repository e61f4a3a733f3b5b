// mi_heap: the boxed layout in one mimalloc heap per file (mi_heap_new);
// every event and payload is allocated in it and mi_heap_destroy frees them
// all at once. Only in the executables linked with mimalloc. A heap belongs
// to the thread that created it: parse and destroy a file on one thread.
#pragma once

#include <cstddef>
#include <new>

#include <mimalloc.h>

#include "midiarena/per_file_heap.hpp"

namespace midiarena {

class MimallocHeap {
 public:
  static constexpr const char* name = "mi_heap";

  MimallocHeap() : heap_(mi_heap_new()) {
    if (!heap_) throw std::bad_alloc();
  }
  ~MimallocHeap() { mi_heap_destroy(heap_); }
  MimallocHeap(const MimallocHeap&) = delete;
  MimallocHeap& operator=(const MimallocHeap&) = delete;

  void* allocate(std::size_t bytes) {
    void* p = mi_heap_malloc(heap_, bytes);
    if (!p) throw std::bad_alloc();
    return p;
  }
  void deallocate(void* p) { mi_free(p); }
  std::size_t usable_size(const void* p) const { return mi_usable_size(p); }

 private:
  mi_heap_t* heap_;
};

using MiHeap = PerFileHeap<MimallocHeap>;

}  // namespace midiarena
