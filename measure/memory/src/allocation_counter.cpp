// The counting global operator new and delete (see allocation_counter.hpp).
//
// They forward to malloc and free, as libstdc++'s own do, so whatever
// malloc the executable links (glibc, mimalloc, jemalloc, tcmalloc, or a
// sanitizer's interceptor) serves every allocation; the replacement also
// supersedes the operator new those libraries export. Live bytes are
// tracked by malloc_usable_size, which every one of them provides, because
// unsized delete (Boost.Pool's delete[], for one) does not say the size.
#include "midiarena/allocation_counter.hpp"

#include <malloc.h>

#include <algorithm>
#include <cstdlib>
#include <new>

namespace midiarena {

AllocationCounter::~AllocationCounter() {
  const AllocationStats inner = detail::counting.stats;
  detail::counting = outer_;
  if (!outer_.active) return;
  AllocationStats& s = detail::counting.stats;
  s.allocations += inner.allocations;
  s.deallocations += inner.deallocations;
  s.bytes_requested += inner.bytes_requested;
  s.peak_live_bytes = std::max(s.peak_live_bytes, s.live_bytes + inner.peak_live_bytes);
  s.live_bytes += inner.live_bytes;
}

}  // namespace midiarena

namespace {

using midiarena::detail::counting;

[[gnu::noinline]] void count_new(void* p, std::size_t requested) noexcept {
  midiarena::note_allocation(requested, malloc_usable_size(p));
}

[[gnu::noinline]] void count_delete(void* p) noexcept {
  if (p) midiarena::note_deallocation(malloc_usable_size(p));
}

// operator new's contract: never null; call the new-handler until it gives up.
template <class Malloc>
void* allocate(std::size_t n, Malloc&& try_malloc) {
  for (;;) {
    if (void* p = try_malloc(n == 0 ? 1 : n)) {
      if (counting.active) [[unlikely]]
        count_new(p, n);
      return p;
    }
    const std::new_handler handler = std::get_new_handler();
    if (!handler) throw std::bad_alloc();
    handler();
  }
}

void* allocate(std::size_t n) { return allocate(n, [](std::size_t size) { return std::malloc(size); }); }

void* allocate(std::size_t n, std::align_val_t alignment) {
  const std::size_t align = std::max(static_cast<std::size_t>(alignment), sizeof(void*));
  return allocate(n, [align](std::size_t size) {
    void* p = nullptr;
    return posix_memalign(&p, align, size) == 0 ? p : nullptr;
  });
}

template <class... Alignment>
void* allocate_nothrow(std::size_t n, Alignment... alignment) noexcept {
  try {
    return allocate(n, alignment...);
  } catch (const std::bad_alloc&) {
    return nullptr;
  }
}

void deallocate(void* p) noexcept {
  if (counting.active) [[unlikely]]
    count_delete(p);
  std::free(p);
}

}  // namespace

void* operator new(std::size_t n) { return allocate(n); }
void* operator new[](std::size_t n) { return allocate(n); }
void* operator new(std::size_t n, std::align_val_t a) { return allocate(n, a); }
void* operator new[](std::size_t n, std::align_val_t a) { return allocate(n, a); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return allocate_nothrow(n); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return allocate_nothrow(n); }
void* operator new(std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept { return allocate_nothrow(n, a); }
void* operator new[](std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept { return allocate_nothrow(n, a); }

void operator delete(void* p) noexcept { deallocate(p); }
void operator delete[](void* p) noexcept { deallocate(p); }
void operator delete(void* p, std::size_t) noexcept { deallocate(p); }
void operator delete[](void* p, std::size_t) noexcept { deallocate(p); }
void operator delete(void* p, std::align_val_t) noexcept { deallocate(p); }
void operator delete[](void* p, std::align_val_t) noexcept { deallocate(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { deallocate(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { deallocate(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { deallocate(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { deallocate(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { deallocate(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { deallocate(p); }
