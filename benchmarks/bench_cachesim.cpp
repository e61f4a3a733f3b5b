// bench_cachesim: one workload body (workload_bodies.hpp) for one backend,
// corpus and heap state, for callgrind's cache simulator to count. Only the
// measured iterations are collected (CALLGRIND_TOGGLE_COLLECT around them,
// callgrind started with --collect-atstart=no); everything before them, the
// corpus loading, the heap ageing, the body's setup and one warm-up
// iteration, runs simulated but uncounted, so the caches are warm.
//
// After the measured iterations, outside the collected region (so it moves
// no address the measured code uses), it measures the layout of what the
// pass reads (measure/memory/include/midiarena/event_layout.hpp): the first-touch
// floor in 64-byte lines and the address step between consecutive events.
// For iterate, the files it iterated; for the workloads that parse, one more
// parse of each file, plus the lines of the input the parse reads.
//
// --alloc-scaling N runs the alloc_scaling test instead (workload_bodies.hpp:
// N events through the backend's Builder, the same test for every backend),
// after one uncounted warm-up run that faults its memory in.
//
// It prints one JSON line describing the run; the counts themselves are in
// callgrind's output file. scripts/midiarena_tools/cachesim.py runs it under
// callgrind with a pinned cache geometry, ASLR off and a fixed environment.
#include <CLI/CLI.hpp>
#include <benchmark/benchmark.h>
#include <valgrind/callgrind.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "body_options.hpp"
#include "midiarena/event_layout.hpp"
#include "midiarena/global_allocator.hpp"

namespace midiarena::bench {
namespace {

struct Options : BodyOptions {
  std::uint32_t iterations = 1;
  bool settle_heap = true;
  std::uint64_t alloc_scaling = 0;  // n, or 0 for a corpus workload
};

// What a pass reads, measured after the collected region.
struct Layout {
  std::size_t first_touch_lines = 0;
  EventStride stride;
};

void add_stride(EventStride& total, const EventStride& file) {
  if (file.steps == 0) return;
  if (file.steps > total.steps) total.bytes = file.bytes;  // the largest file's step
  total.fraction = (total.fraction * static_cast<double>(total.steps) + file.fraction * static_cast<double>(file.steps)) /
                   static_cast<double>(total.steps + file.steps);
  total.steps += file.steps;
}

template <class Body>
Layout measure_layout(const Body& body, const Corpus& corpus) {
  Layout layout;
  if constexpr (requires { body.files(); }) {
    // The files stay alive together: the lines of all of them, once each.
    std::vector<std::uintptr_t> lines;
    for (const auto& file : body.files()) {
      append_event_lines(lines, file);
      add_stride(layout.stride, event_stride(file));
    }
    layout.first_touch_lines = count_distinct(lines);
  } else {
    // Each file parsed, then destroyed: its input's lines and what it wrote.
    using B = typename Body::backend;
    for (const CorpusFile& file : corpus.files) {
      BuilderFactory<B> cold;
      const auto parsed = detail::parse_into<B>(file, cold);
      std::vector<std::uintptr_t> lines;
      append_event_lines(lines, parsed);
      append_lines(lines, file.bytes.data(), file.bytes.size());
      layout.first_touch_lines += count_distinct(lines);
      add_stride(layout.stride, event_stride(parsed));
    }
  }
  return layout;
}

#if defined(MIDIARENA_INJECTED_SLOWDOWN)
// Test-only: the CI gate's test builds a bench_cachesim with this defined
// (benchmarks/CMakeLists.txt) and must see the gate fail on it. A hash over
// every 8th byte of the corpus, a serial chain the compiler cannot vectorise
// away, adds work in proportion to the corpus, like a slower parse loop.
void injected_slowdown(const Corpus& corpus) {
  std::uint64_t hash = 14695981039346656037u;  // FNV-1a
  for (const CorpusFile& file : corpus.files)
    for (std::size_t i = 0; i < file.bytes.size(); i += 8) hash = (hash ^ file.bytes[i]) * 1099511628211u;
  benchmark::DoNotOptimize(hash);
}
#else
void injected_slowdown(const Corpus&) {}
#endif

template <class Body>
Layout run_collected(const Corpus& corpus, Heap heap, std::uint32_t iterations) {
  const AgedHeap heap_state(heap);
  Body body(corpus);
  body.run();  // warm-up, uncounted: caches, free lists, lazily bound symbols
  CALLGRIND_TOGGLE_COLLECT;
  for (std::uint32_t i = 0; i < iterations; ++i) {
    body.run();
    injected_slowdown(corpus);
  }
  CALLGRIND_TOGGLE_COLLECT;
  return measure_layout(body, corpus);
}

template <Backend B>
void run_alloc_scaling(std::uint64_t n, Heap heap, std::uint32_t iterations) {
  const AgedHeap heap_state(heap);
  alloc_scaling_once<B>(n);  // warm-up, uncounted: faults the memory in, fills free lists
  // The runner starts callgrind with --instr-atstart=no for these runs: the
  // warm-up above (as long as the measured run: 10M events) runs
  // uninstrumented, several times faster, and only the measured run is
  // instrumented and collected. Instruction counts need no warm caches.
  CALLGRIND_START_INSTRUMENTATION;
  CALLGRIND_TOGGLE_COLLECT;
  for (std::uint32_t i = 0; i < iterations; ++i) alloc_scaling_once<B>(n);
  CALLGRIND_TOGGLE_COLLECT;
  CALLGRIND_STOP_INSTRUMENTATION;
}

int run_alloc_scaling(const Options& options) {
  if (options.settle_heap) settle_heap();
  AllBackends::visit(options.backend, [&]<Backend B>() {
    run_alloc_scaling<B>(options.alloc_scaling, options.heap_state(), options.iterations);
  });
  const nlohmann::ordered_json line = {
      {"workload", "alloc_scaling"},
      {"backend", options.backend},
      {"corpus", ""},
      {"n", options.alloc_scaling},
      {"heap", options.heap},
      {"allocator", detect_global_allocator().name},
      {"iterations", options.iterations},
      {"heap_settled", options.settle_heap},
      {"files", 0},
      {"events_per_iteration", options.alloc_scaling},
      {"bytes_per_iteration", 0},
  };
  std::printf("%s\n", line.dump().c_str());
  return 0;
}

int run(const Options& options) {
  if (options.settle_heap) settle_heap();  // as bench_parse does, before the corpus loads
  const Corpus corpus = options.load_corpus();
  if (corpus.files.empty()) {
    std::fprintf(stderr, "bench_cachesim: corpus %s has no parsable MIDI file\n", corpus.name.c_str());
    return 1;
  }
  if (RUNNING_ON_VALGRIND == 0)
    std::fprintf(stderr, "bench_cachesim: not under valgrind: the counts come only from callgrind "
                         "(scripts/run_cachesim.py)\n");
  Layout layout;
  if (!options.visit_body("bench_cachesim", [&]<class Body>() {
        layout = run_collected<Body>(corpus, options.heap_state(), options.iterations);
      }))
    return 2;
  const nlohmann::ordered_json line = {
      {"workload", options.workload},
      {"backend", options.backend},
      {"corpus", corpus.name},
      {"heap", options.heap},
      {"allocator", detect_global_allocator().name},
      {"iterations", options.iterations},
      {"heap_settled", options.settle_heap},
      {"files", corpus.files.size()},
      {"events_per_iteration", corpus.events},
      {"bytes_per_iteration", corpus.bytes},
      {"first_touch_lines", layout.first_touch_lines},
      {"event_stride_bytes", layout.stride.bytes},
      {"event_stride_fraction", layout.stride.fraction},
  };
  std::printf("%s\n", line.dump().c_str());
  return 0;
}

}  // namespace
}  // namespace midiarena::bench

int main(int argc, char** argv) {
  using namespace midiarena;
  using namespace midiarena::bench;
  // Named here rather than after argv[0], whose length would then change the
  // heap layout, and with it the simulated misses, from one path to another.
  CLI::App app{"bench_cachesim: one workload body, its measured iterations collected by callgrind "
               "(run it through scripts/run_cachesim.py)",
               "bench_cachesim"};
  Options options;
  bool list_backends = false;
  bool print_corpus_dir = false;
  options.add_to(app);
  app.add_option("--iterations,-n", options.iterations, "Measured iterations, after one warm-up")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  flag::no_heap_settle(app, options.settle_heap);
  app.add_option("--alloc-scaling", options.alloc_scaling,
                 "Count the alloc_scaling test of N events instead of a corpus workload (claim C11)")
      ->check(CLI::PositiveNumber);
  app.add_flag("--list-backends", list_backends, "Print this executable's backends, one a line, and exit");
  app.add_flag("--print-corpus-dir", print_corpus_dir,
               "Print --profile's directory (generating it on first use) and exit");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int status = app.exit(e);
    return status == 0 ? 0 : 2;  // --help, or a usage error
  }

  try {
    if (list_backends) {
      for (const auto& name : AllBackends::names()) std::printf("%s\n", name.c_str());
      return 0;
    }
    if (options.alloc_scaling != 0) return run_alloc_scaling(options);
    if (!options.has_corpus()) {
      std::fprintf(stderr, "bench_cachesim: give --corpus DIR or --profile NAME\n");
      return 2;
    }
    if (print_corpus_dir) {
      const auto dir = options.profile.empty() ? options.corpus : profile_corpus_dir(options.profile, options.count);
      std::printf("%s\n", dir.c_str());
      return 0;
    }
    return run(options);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_cachesim: %s\n", e.what());
    return 1;
  }
}
