// Which malloc serves this process, found by asking the allocators present
// rather than trusting how the executable was built: the mimalloc, jemalloc
// and tcmalloc variants of every executable, LD_PRELOAD runs and sanitizer
// builds all report what is really active.
#pragma once

#include <string>

namespace midiarena {

struct GlobalAllocator {
  std::string name;      // "glibc", "mimalloc", "jemalloc", "tcmalloc", "asan", or "unknown"
  std::string version;   // as the allocator reports it
  std::string evidence;  // the run-time check that identified it
};

GlobalAllocator detect_global_allocator();

// "mimalloc 2.0.9 (verified: mi_is_in_heap_region(malloc(64)))"
std::string describe(const GlobalAllocator& allocator);

}  // namespace midiarena
