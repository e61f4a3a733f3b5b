// The measured workloads, one function template per workload, run for every
// backend B. Each one:
//   - puts the heap in the requested state first (aged_heap.hpp), so files
//     parsed in setup land in the same heap the loop uses;
//   - attaches the perf counters (benchmark_counters.hpp) around the loop;
//   - reports items = events and bytes = file bytes per iteration, so the
//     JSON has items_per_second (events/s) and bytes_per_second, and the
//     process's peak RSS so far (getrusage ru_maxrss) as peak_rss_bytes.
//
// What each one times:
//   parse          parse every file of the corpus and destroy it. This is
//                  what the document's criterion `b.iter(|| parser.parse(&data))`
//                  measured: criterion drops the result inside the timing.
//                  pooled_arena gets a new pool per file here, so nothing is
//                  reused and it pays for its chunks like typed_arena.
//   iterate        analyze() (analysis.hpp) over files parsed before the loop.
//   parse_analyze  parse, analyze, destroy, for every file.
//   teardown       destroying the parsed files, nothing else: manual timing,
//                  the parse happens outside the measured interval. No perf
//                  counters here: they would count the untimed parse too.
//   batch          every file in sequence with one pool for the whole run, so
//                  pooled_arena parses each file into the previous one's reset
//                  chunks; the other backends parse and free each file (the
//                  baseline to compare with).
//   alloc_scaling  n synthetic events pushed through B's Builder (one track of
//                  n note-ons), finished and destroyed: cost per allocation as
//                  n grows (claim C11). Items = n; no bytes.
#pragma once

#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "aged_heap.hpp"
#include "corpus_loader.hpp"
#include "midiarena/allocators/registry.hpp"
#include "midiarena/analysis.hpp"
#include "midiarena/arena_pool.hpp"
#include "midiarena/benchmark_counters.hpp"
#include "midiarena/smf_parser.hpp"

namespace midiarena::bench {

namespace detail {

inline constexpr ParseOptions kStrict{.lenient = false};

// Makes the compiler assume `value` is read: the result of the work is kept.
// The address goes in as an rvalue, so DoNotOptimize takes its input-only
// overload: 1.7.1's "+m,r" one can miscompile a value used afterwards (GCC).
template <class T>
void escape(const T& value) {
  benchmark::DoNotOptimize(static_cast<const void*>(&value));
}

// pooled_arena takes its arenas from `pool`; the other backends ignore it.
template <Backend B>
typename B::File parse_into(const CorpusFile& file, ArenaPool& pool) {
  if constexpr (std::is_same_v<B, PooledArena>)
    return parse<B>(file.bytes, kStrict, nullptr, pool);
  else
    return parse<B>(file.bytes, kStrict);
}

inline void report_throughput(benchmark::State& state, std::uint64_t items, std::uint64_t bytes) {
  state.SetItemsProcessed(static_cast<std::int64_t>(items) * state.iterations());
  if (bytes) state.SetBytesProcessed(static_cast<std::int64_t>(bytes) * state.iterations());
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  state.counters["peak_rss_bytes"] = static_cast<double>(usage.ru_maxrss) * 1024.0;  // Linux: KiB
}

}  // namespace detail

template <Backend B>
void parse_workload(benchmark::State& state, const Corpus& corpus, Heap heap) {
  const AgedHeap heap_state(heap);
  BenchmarkCounters counters(state);
  for (auto _ : state)
    for (const CorpusFile& file : corpus.files) {
      ArenaPool cold;  // declared first: it must outlive the file
      const auto parsed = detail::parse_into<B>(file, cold);
      detail::escape(parsed);
    }
  counters.stop();
  detail::report_throughput(state, corpus.events, corpus.bytes);
}

template <Backend B>
void iterate_workload(benchmark::State& state, const Corpus& corpus, Heap heap) {
  const AgedHeap heap_state(heap);
  ArenaPool pool;
  std::vector<typename B::File> parsed;
  for (const CorpusFile& file : corpus.files) parsed.push_back(detail::parse_into<B>(file, pool));
  BenchmarkCounters counters(state);
  for (auto _ : state)
    for (const auto& file : parsed) {
      const Analysis analysis = analyze(file);
      detail::escape(analysis);
    }
  counters.stop();
  detail::report_throughput(state, corpus.events, corpus.bytes);
}

template <Backend B>
void parse_analyze_workload(benchmark::State& state, const Corpus& corpus, Heap heap) {
  const AgedHeap heap_state(heap);
  BenchmarkCounters counters(state);
  for (auto _ : state)
    for (const CorpusFile& file : corpus.files) {
      ArenaPool cold;
      const auto parsed = detail::parse_into<B>(file, cold);
      const Analysis analysis = analyze(parsed);
      detail::escape(analysis);
    }
  counters.stop();
  detail::report_throughput(state, corpus.events, corpus.bytes);
}

template <Backend B>
void teardown_workload(benchmark::State& state, const Corpus& corpus, Heap heap) {
  using Clock = std::chrono::steady_clock;
  const AgedHeap heap_state(heap);
  ArenaPool pool;
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
void batch_workload(benchmark::State& state, const Corpus& corpus, Heap heap) {
  const AgedHeap heap_state(heap);
  ArenaPool pool;
  BenchmarkCounters counters(state);
  for (auto _ : state)
    for (const CorpusFile& file : corpus.files) {
      const auto parsed = detail::parse_into<B>(file, pool);
      detail::escape(parsed);
    }
  counters.stop();
  detail::report_throughput(state, corpus.events, corpus.bytes);
}

template <Backend B>
void alloc_scaling_workload(benchmark::State& state, std::uint64_t n, Heap heap) {
  constexpr Header kHeader{.format = 0, .declared_tracks = 1, .division = 480};
  const AgedHeap heap_state(heap);
  BenchmarkCounters counters(state);
  for (auto _ : state) {
    ArenaPool cold;
    const std::size_t track_bytes = 2 * n;  // max_events_in(2n) == n: room for every event
    auto builder = [&] {
      if constexpr (std::is_same_v<B, PooledArena>)
        return typename B::Builder(track_bytes, cold);
      else
        return typename B::Builder(track_bytes);
    }();
    auto track = builder.begin_track(n);
    for (std::uint64_t i = 0; i < n; ++i)
      track.push(Event::channel_message(i, Event::make_tag(EventKind::note_on, static_cast<std::uint8_t>(i & 15),
                                                           static_cast<std::uint8_t>(i & 127), 100)));
    builder.end_track(std::move(track));
    const auto file = std::move(builder).finish(kHeader);
    detail::escape(file);
  }
  counters.stop();
  detail::report_throughput(state, n, 0);
}

}  // namespace midiarena::bench
