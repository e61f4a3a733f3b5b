// The Google Benchmark functions bench_parse registers, run for every
// backend B. Each one:
//   - puts the heap in the requested state first (aged_heap.hpp), so files
//     parsed in setup land in the same heap the loop uses;
//   - attaches the perf counters (benchmark_counters.hpp) around the loop;
//   - reports items = events and bytes = file bytes per iteration, so the
//     JSON has items_per_second (events/s) and bytes_per_second, and the
//     process's peak RSS so far (getrusage ru_maxrss) as peak_rss_bytes.
//
// parse, iterate, parse_analyze and batch time one body of
// workload_bodies.hpp per iteration (body_workload). The other two:
//   teardown       destroying the parsed files, nothing else: manual timing,
//                  the parse happens outside the measured interval. No perf
//                  counters here: they would count the untimed parse too.
//   alloc_scaling  n synthetic events pushed through B's Builder (one track of
//                  n note-ons), finished and destroyed: cost per allocation as
//                  n grows (claim C11). Items = n; no bytes.
#pragma once

#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <vector>

#include "aged_heap.hpp"
#include "corpus_loader.hpp"
#include "midiarena/allocators/registry.hpp"
#include "benchmark_counters.hpp"
#include "workload_bodies.hpp"

namespace midiarena::bench {

namespace detail {

inline void report_throughput(benchmark::State& state, std::uint64_t items, std::uint64_t bytes) {
  state.SetItemsProcessed(static_cast<std::int64_t>(items) * state.iterations());
  if (bytes) state.SetBytesProcessed(static_cast<std::int64_t>(bytes) * state.iterations());
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  state.counters["peak_rss_bytes"] = static_cast<double>(usage.ru_maxrss) * 1024.0;  // Linux: KiB
}

}  // namespace detail

// One body (workload_bodies.hpp) per iteration; its setup is untimed.
template <class Body>
void body_workload(benchmark::State& state, const Corpus& corpus, Heap heap) {
  const AgedHeap heap_state(heap);
  Body body(corpus);
  BenchmarkCounters counters(state);
  for (auto _ : state) body.run();
  counters.stop();
  detail::report_throughput(state, corpus.events, corpus.bytes);
}

template <Backend B>
void teardown_workload(benchmark::State& state, const Corpus& corpus, Heap heap) {
  using Clock = std::chrono::steady_clock;
  const AgedHeap heap_state(heap);
  BuilderFactory<B> pool;
  std::vector<typename B::File> parsed;
  parsed.reserve(corpus.files.size());  // no allocation of this vector inside the interval
  for (auto _ : state) {
    for (const CorpusFile& file : corpus.files) parsed.push_back(detail::parse_into<B>(file, pool));
    benchmark::ClobberMemory();  // the parse's stores are done before the clock starts
    const auto start = Clock::now();
    parsed.clear();
    benchmark::ClobberMemory();  // and the teardown's before it stops
    state.SetIterationTime(std::chrono::duration<double>(Clock::now() - start).count());
  }
  detail::report_throughput(state, corpus.events, corpus.bytes);
}

template <Backend B>
void alloc_scaling_workload(benchmark::State& state, std::uint64_t n, Heap heap) {
  const AgedHeap heap_state(heap);
  BenchmarkCounters counters(state);
  for (auto _ : state) alloc_scaling_once<B>(n);
  counters.stop();
  detail::report_throughput(state, n, 0);
}

}  // namespace midiarena::bench
