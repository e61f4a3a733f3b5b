#include "bench_flags.hpp"

#include "aged_heap.hpp"
#include "bench_options.hpp"

#include <CLI/CLI.hpp>
#include <benchmark/benchmark.h>

#include <cerrno>  // program_invocation_short_name (glibc)
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace midiarena::bench {

BenchFlags take_bench_flags(int& argc, char** argv, const char* description) {
  BenchFlags flags;
  CLI::App app{description, program_invocation_short_name};
  app.set_help_flag();  // --help goes on to Google Benchmark, which prints its own and exits
  app.allow_extras();   // Google Benchmark's flags, left in argv in their order
  app.footer("\nGoogle Benchmark's flags follow.\n");
  flag::corpus(app, flags.corpora);
  app.add_flag("--quick", flags.quick, "Fewer and smaller corpora (small: 5 files, medium: 1, large: 1, reference: 1)");
  flag::no_heap_settle(app, flags.settle_heap);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    std::exit(app.exit(e) == 0 ? 0 : 2);  // e.g. --corpus without DIR
  }
  // What CLI11 left, in order, is a subsequence of argv: keep those entries.
  const std::vector<std::string> rest = app.remaining();
  int kept = 1;
  std::size_t next = 0;
  for (int i = 1; i < argc && next < rest.size(); ++i) {
    if (rest[next] != argv[i]) continue;
    if (rest[next] == "--help") std::fputs(app.help().c_str(), stdout);
    argv[kept++] = argv[i];
    ++next;
  }
  if (next != rest.size()) {  // not expected: CLI11 hands extras back as given
    std::fprintf(stderr, "%s: could not hand %s on to Google Benchmark\n", program_invocation_short_name,
                 rest[next].c_str());
    std::exit(2);
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
