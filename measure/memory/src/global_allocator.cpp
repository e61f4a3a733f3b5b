// Identifies the active malloc at run time. Each candidate's own API is
// looked up with dlsym, so this file needs none of the allocators at build
// time, and a candidate counts only if it claims a block that malloc just
// returned (or its statistics see that block): being loaded is not enough.
#include "midiarena/global_allocator.hpp"

#include <dlfcn.h>
#include <gnu/libc-version.h>
#include <malloc.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace midiarena {
namespace {

template <class Fn>
Fn* lookup(const char* symbol) {
  return reinterpret_cast<Fn*>(dlsym(RTLD_DEFAULT, symbol));
}

// A block from the process's malloc, called through the resolved symbol so
// the compiler cannot elide the allocation.
class MallocedBlock {
 public:
  explicit MallocedBlock(std::size_t size) : ptr_(malloc_(size)) {}
  ~MallocedBlock() { free_(ptr_); }
  MallocedBlock(const MallocedBlock&) = delete;
  MallocedBlock& operator=(const MallocedBlock&) = delete;
  void* get() const { return ptr_; }

 private:
  void* (*malloc_)(std::size_t) = lookup<void*(std::size_t)>("malloc");
  void (*free_)(void*) = lookup<void(void*)>("free");
  void* ptr_;
};

std::optional<GlobalAllocator> asan() {
  const auto owned = lookup<int(const volatile void*)>("__sanitizer_get_ownership");
  if (!owned || !lookup<void()>("__asan_init")) return std::nullopt;
  const MallocedBlock block(64);
  if (!owned(block.get())) return std::nullopt;
  return GlobalAllocator{"asan", "", "__sanitizer_get_ownership(malloc(64))"};
}

std::optional<GlobalAllocator> mimalloc() {
  const auto version = lookup<int()>("mi_version");
  const auto owned = lookup<bool(const void*)>("mi_is_in_heap_region");
  if (!version || !owned) return std::nullopt;
  const MallocedBlock block(64);
  if (!owned(block.get())) return std::nullopt;
  const int v = version();  // major * 100 + minor * 10 + patch
  return GlobalAllocator{"mimalloc", std::to_string(v / 100) + "." + std::to_string(v / 10 % 10) + "." + std::to_string(v % 10),
                         "mi_is_in_heap_region(malloc(64))"};
}

std::optional<GlobalAllocator> jemalloc() {
  const auto mallctl = lookup<int(const char*, void*, std::size_t*, void*, std::size_t)>("mallctl");
  if (!mallctl) return std::nullopt;
  const char* version = nullptr;
  std::size_t size = sizeof(version);
  if (mallctl("version", &version, &size, nullptr, 0) != 0) return std::nullopt;
  const auto allocated = [&] {
    std::uint64_t bytes = 0;
    std::size_t len = sizeof(bytes);
    return mallctl("thread.allocated", &bytes, &len, nullptr, 0) == 0 ? bytes : 0;
  };
  const std::uint64_t before = allocated();
  const MallocedBlock block(4096);
  if (allocated() < before + 4096) return std::nullopt;
  return GlobalAllocator{"jemalloc", version, "mallctl(thread.allocated) grew by malloc(4096)"};
}

std::optional<GlobalAllocator> tcmalloc() {
  const auto version = lookup<const char*(int*, int*, const char**)>("tc_version");
  const auto ownership = lookup<int(const void*)>("MallocExtension_GetOwnership");
  if (!version || !ownership) return std::nullopt;
  const MallocedBlock block(64);
  constexpr int kOwned = 1;  // MallocExtension_kOwned
  if (ownership(block.get()) != kOwned) return std::nullopt;
  int major = 0, minor = 0;
  const char* patch = "";
  version(&major, &minor, &patch);
  return GlobalAllocator{"tcmalloc", std::to_string(major) + "." + std::to_string(minor) + patch,
                         "MallocExtension_GetOwnership(malloc(64))"};
}

std::string library_of_malloc() {
  Dl_info info{};
  if (dladdr(lookup<void>("malloc"), &info) == 0 || !info.dli_fname) return "?";
  return info.dli_fname;
}

std::optional<GlobalAllocator> glibc() {
  const std::string library = library_of_malloc();
  if (library.find("libc.so") == std::string::npos) return std::nullopt;
  const std::size_t before = mallinfo2().uordblks;
  const MallocedBlock block(4096);
  if (mallinfo2().uordblks < before + 4096) return std::nullopt;
  return GlobalAllocator{"glibc", gnu_get_libc_version(), "malloc in " + library + ", mallinfo2 grew by malloc(4096)"};
}

}  // namespace

GlobalAllocator detect_global_allocator() {
  for (auto candidate : {asan, mimalloc, jemalloc, tcmalloc, glibc})
    if (auto found = candidate()) return *found;
  return GlobalAllocator{"unknown", "", "malloc in " + library_of_malloc()};
}

std::string describe(const GlobalAllocator& allocator) {
  std::string text = allocator.name;
  if (!allocator.version.empty()) text += " " + allocator.version;
  return text + (allocator.name == "unknown" ? " (" : " (verified: ") + allocator.evidence + ")";
}

}  // namespace midiarena
