// The flags that more than one bench executable takes, each defined once
// and all through CLI11: bench_parse and bench_peers take them before Google
// Benchmark's own (bench_flags.cpp), bench_cachesim and bench_paired_worker
// with their workload options (body_options.hpp). A flag one executable
// alone takes is defined in that executable.
#pragma once

#include <CLI/CLI.hpp>

#include <filesystem>
#include <vector>

namespace midiarena::bench::flag {

inline constexpr const char* kCorpusHelp = "Run on the .mid files below DIR (recursively)";

// --corpus DIR, repeatable (bench_parse, bench_peers): each DIR a corpus
// named after its base name.
inline CLI::Option* corpus(CLI::App& app, std::vector<std::filesystem::path>& dirs) {
  return app
      .add_option("--corpus", dirs,
                  std::string(kCorpusHelp) +
                      ", as the corpus named after DIR's base name; repeatable. Files that fail a strict parse "
                      "are skipped with a message. Without it: the generated profiles small (20 files), medium "
                      "(4), large (1) and reference (1), seed 1, written on first use into $MIDIARENA_CACHE, "
                      "else $XDG_CACHE_HOME/midiarena, else ~/.cache/midiarena")
      ->type_name("DIR")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

// --corpus DIR, once (bench_cachesim, bench_paired_worker: one body on one corpus).
inline CLI::Option* corpus(CLI::App& app, std::filesystem::path& dir) {
  return app.add_option("--corpus", dir, kCorpusHelp)->type_name("DIR");
}

// --no-heap-settle: clears `settle_heap` (aged_heap.hpp, settle_heap()).
inline CLI::Option* no_heap_settle(CLI::App& app, bool& settle_heap) {
  return app.add_flag_callback(
      "--no-heap-settle", [&settle_heap] { settle_heap = false; },
      "Skip settling the allocator at startup (benchmarks/aged_heap.hpp): glibc's mmap/trim thresholds then "
      "depend on what loaded first, and a heap that was never settled is trimmed after each parse");
}

}  // namespace midiarena::bench::flag
