// bench_parse: Google Benchmark suites of the parser over every backend
// (workloads.hpp), on generated or given corpora (corpus_loader.hpp), on a
// fresh or an aged heap (aged_heap.hpp), with memory figures from the
// allocators' accounting (memory_manager.hpp). `bench_parse --help` lists
// the flags.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "bench_flags.hpp"
#include "corpus_loader.hpp"
#include "memory_manager.hpp"
#include "midiarena/allocators/registry.hpp"
#include "midiarena/global_allocator.hpp"
#include "midiarena/note_count.hpp"
#include "workloads.hpp"

namespace midiarena::bench {
namespace {

constexpr Heap kHeaps[] = {Heap::fresh, Heap::aged};

struct CorpusWorkload {
  const char* name;
  void (*run)(benchmark::State&, const Corpus&, Heap);  // null: not for this backend
  bool manual_time;
};

// teardown times only the freeing, yet each iteration also parses the corpus,
// untimed. Google Benchmark adds iterations until the *timed* part reaches
// its min time, so where freeing takes microseconds (typed_arena,
// pooled_arena) it parsed the corpus ~10^5 times per repetition (minutes).
// A fixed count per corpus bounds the untimed work to about this many events.
constexpr std::uint64_t kTeardownEventsPerRepetition = 1'000'000;

benchmark::IterationCount teardown_iterations(const Corpus& corpus) {
  const std::uint64_t events = std::max<std::uint64_t>(corpus.events, 1);
  return std::clamp<benchmark::IterationCount>(kTeardownEventsPerRepetition / events, 3, 1000);
}

// The corpus workloads: every body of CorpusBodies (workload_bodies.hpp,
// the one list), then teardown, which times only the freeing (manual time).
constexpr const char* kTeardown = "teardown";

std::vector<std::string> corpus_workload_names() {
  std::vector<std::string> names = CorpusBodies::names();
  names.emplace_back(kTeardown);
  return names;
}

template <Backend B>
CorpusWorkload corpus_workload(const std::string& name) {
  if (name == kTeardown) return {kTeardown, teardown_workload<B>, true};
  CorpusWorkload found{name.c_str(), nullptr, false};
  CorpusBodies::visit<B>(name, [&]<class Body>() {
    found = {Body::name.data(), Body::available ? body_workload<Body> : nullptr, false};
  });
  return found;
}

// Backends are the innermost loop, so every backend of a (workload, corpus,
// heap) runs back to back and slow drift of the machine hits them alike.
void register_corpus_workloads(const std::vector<Corpus>& corpora) {
  const bool simd = simd_note_count_available();
  if (!simd) std::fprintf(stderr, "count_notes_simd and count_notes_avx2 skipped: this CPU has no AVX2\n");
  for (const std::string& workload_name : corpus_workload_names())
    for (const Corpus& corpus : corpora)
      for (const Heap heap : kHeaps)
        AllBackends::for_each([&]<Backend B>() {
          const CorpusWorkload workload = corpus_workload<B>(workload_name);
          const bool needs_avx2 =
              workload.name == CountNotesSimdBody<B>::name || workload.name == CountNotesAvx2Body<B>::name;
          if (workload.run == nullptr || (!simd && needs_avx2)) return;
          const std::string name =
              std::string(workload.name) + "/" + B::name + "/" + corpus.name + "/" + heap_name(heap);
          // By reference: RegisterBenchmark's extra arguments would copy the corpus.
          auto* b =
              benchmark::RegisterBenchmark(name.c_str(), [run = workload.run, &corpus, heap](benchmark::State& state) {
                run(state, corpus, heap);
              })->Unit(benchmark::kMicrosecond);
          if (workload.manual_time) b->UseManualTime()->Iterations(teardown_iterations(corpus));
        });
}

void register_alloc_scaling(bool quick) {
  const std::uint64_t max_n = quick ? 1'000'000 : 10'000'000;
  for (std::uint64_t n = 1'000; n <= max_n; n *= 10)
    for (const Heap heap : kHeaps)
      AllBackends::for_each([&]<Backend B>() {
        const std::string name =
            std::string("alloc_scaling/") + B::name + "/" + std::to_string(n) + "/" + heap_name(heap);
        benchmark::RegisterBenchmark(name.c_str(), alloc_scaling_workload<B>, n, heap)->Unit(benchmark::kMicrosecond);
      });
}

// Claim C17 (batch processing of large collections): parse_analyze over
// collections of 10, 100 and 1,000 files, fresh heap, so the time per file
// can be compared across collection sizes.
void register_collections(const std::vector<Corpus>& collections) {
  for (const Corpus& collection : collections)
    AllBackends::for_each([&]<Backend B>() {
      const std::string name = "collection/" + std::string(B::name) + "/" + collection.name + "/fresh";
      benchmark::RegisterBenchmark(name.c_str(), [&collection](benchmark::State& state) {
        body_workload<ParseAnalyzeBody<B>>(state, collection, Heap::fresh);
      })->Unit(benchmark::kMillisecond);
    });
}

void add_context(const std::vector<Corpus>& corpora, const std::vector<Corpus>& collections) {
  benchmark::AddCustomContext("global_allocator", describe(detect_global_allocator()));
  benchmark::AddCustomContext("aged_heap", kAgedHeapSummary);
  for (const Corpus& c : corpora) {
    benchmark::AddCustomContext("corpus/" + c.name, describe(c));
    benchmark::AddCustomContext("corpus_dir/" + c.name, c.dir.string());  // for the memory stage
  }
  for (const Corpus& c : collections) benchmark::AddCustomContext("collection/" + c.name, describe(c));
}

}  // namespace
}  // namespace midiarena::bench

// From the lists themselves: the workloads and the backends of this executable.
std::string description() {
  using namespace midiarena;
  std::string workloads, backends;
  for (const std::string& name : bench::corpus_workload_names()) workloads += name + ", ";
  for (const std::string& name : AllBackends::names()) backends += (backends.empty() ? "" : ", ") + name;
  return "bench_parse: the " + workloads +
         "and alloc_scaling workloads\n"
         "(count_notes_simd only for contiguous backends; it and count_notes_avx2 on\n"
         "CPUs with AVX2) for the backends " + backends + ",\n"
         "named <workload>/<backend>/<corpus>/<heap> (alloc_scaling/<backend>/<n>/<heap>),\n"
         "heap being `fresh` or `aged`; and collection/<backend>/<collection>/fresh,\n"
         "parse_analyze over collections of 10, 100 and 1,000 files (generated small\n"
         "files, and OpenMSX's files cycled). With --quick, alloc_scaling goes up to\n"
         "1M events, not 10M. The corpora: the generated profiles, plus OpenMSX where\n"
         "scripts/fetch_openmsx.sh has put it in the corpus cache; --corpus replaces\n"
         "them.\n";
}

int main(int argc, char** argv) {
  using namespace midiarena::bench;
  const std::string text = description();
  const BenchFlags flags = initialize_bench(argc, argv, text.c_str());

  // Registered benchmarks keep references to these until the end of main.
  const std::vector<Corpus> corpora = load_corpora(flags);
  const std::vector<Corpus> collections = load_collections(flags);
  register_corpus_workloads(corpora);
  register_alloc_scaling(flags.quick);
  register_collections(collections);
  add_context(corpora, collections);

  AllocationMemoryManager memory;
  benchmark::RegisterMemoryManager(&memory);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::RegisterMemoryManager(nullptr);
  benchmark::Shutdown();
  return 0;
}
