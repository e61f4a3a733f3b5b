// The flags bench_parse and bench_peers share (which corpora to run on),
// taken out of argv with CLI11 (bench_options.hpp defines them) before
// Google Benchmark sees it.
#pragma once

#include <filesystem>
#include <vector>

namespace midiarena::bench {

struct BenchFlags {
  std::vector<std::filesystem::path> corpora;  // --corpus DIR, repeatable
  bool quick = false;                          // --quick
  bool settle_heap = true;                     // off with --no-heap-settle (aged_heap.hpp)
};

// Removes --corpus DIR, --corpus=DIR, --quick and --no-heap-settle from argv
// (adjusting argc), leaving every other argument in its order.
// On --help, prints `description` (what the program runs), then their usage,
// and leaves --help for Google Benchmark, which then prints its own and
// exits. Exits with status 2 on --corpus without DIR.
BenchFlags take_bench_flags(int& argc, char** argv, const char* description);

// What a bench executable's main starts with: take_bench_flags, then
// benchmark::Initialize with the rest (exits 1 on a flag neither knows), then
// settle_heap() unless --no-heap-settle, and the heap state in the context.
BenchFlags initialize_bench(int& argc, char** argv, const char* description);

}  // namespace midiarena::bench
