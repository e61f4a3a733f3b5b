#include "bench_flags.hpp"

#include "aged_heap.hpp"

#include <benchmark/benchmark.h>

#include <cerrno>  // program_invocation_short_name (glibc)
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace midiarena::bench {
namespace {

constexpr const char* kUsage = R"(
Corpus flags:
  --corpus DIR   run on the .mid files below DIR (recursively), as the corpus
                 named after DIR's base name; repeatable. Files that fail a
                 strict parse are skipped with a message. Without it: the
                 generated profiles small (20 files), medium (4), large (1)
                 and reference (1), seed 1, written on first use into
                 $MIDIARENA_CACHE, else $XDG_CACHE_HOME/midiarena, else
                 ~/.cache/midiarena.
  --quick        fewer and smaller corpora (small: 5 files, medium: 1,
                 large: 1, reference: 1).
  --no-heap-settle
                 skip settling the allocator at startup (benchmarks/aged_heap.hpp):
                 glibc's mmap/trim thresholds then depend on what loaded first,
                 and a heap that was never settled is trimmed after each parse.

Google Benchmark's flags follow.

)";

}  // namespace

BenchFlags take_bench_flags(int& argc, char** argv, const char* description) {
  BenchFlags flags;
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--quick") {
      flags.quick = true;
    } else if (arg == "--no-heap-settle") {
      flags.settle_heap = false;
    } else if (arg.starts_with("--corpus=")) {
      flags.corpora.emplace_back(arg.substr(std::string_view("--corpus=").size()));
    } else if (arg == "--corpus") {
      if (i + 1 == argc) {
        std::fprintf(stderr, "%s: --corpus needs a directory\n", program_invocation_short_name);
        std::exit(2);
      }
      flags.corpora.emplace_back(argv[++i]);
    } else {
      if (arg == "--help") {
        std::fputs(description, stdout);
        std::fputs(kUsage, stdout);
      }
      argv[kept++] = argv[i];
    }
  }
  argc = kept;
  argv[argc] = nullptr;
  return flags;
}

BenchFlags initialize_bench(int& argc, char** argv, const char* description) {
  BenchFlags flags = take_bench_flags(argc, argv, description);
  benchmark::Initialize(&argc, argv);  // prints its help and exits on --help
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) std::exit(1);
  if (flags.settle_heap) settle_heap();
  benchmark::AddCustomContext("heap_settle", flags.settle_heap ? kSettledHeapSummary : kUnsettledHeapSummary);
  return flags;
}

}  // namespace midiarena::bench
