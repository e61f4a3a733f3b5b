// bench_parse's own flags, taken out of argv before Google Benchmark sees it.
#pragma once

#include <filesystem>
#include <vector>

namespace midiarena::bench {

struct BenchFlags {
  std::vector<std::filesystem::path> corpora;  // --corpus DIR, repeatable
  bool quick = false;                          // --quick
};

// Removes --corpus DIR, --corpus=DIR and --quick from argv (adjusting argc).
// On --help, prints their usage and leaves --help for Google Benchmark, which
// then prints its own and exits. Exits with status 2 on --corpus without DIR.
BenchFlags take_bench_flags(int& argc, char** argv);

}  // namespace midiarena::bench
