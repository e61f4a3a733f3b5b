// One iteration of each corpus workload, shared by every harness that runs
// them: bench_parse's Google Benchmark loop (workloads.hpp) and bench_cachesim's
// callgrind-collected loop (bench_cachesim.cpp). A body is a class template
// over the backend: its constructor is the untimed setup, run() one iteration.
//
//   parse          parse every file of the corpus and destroy it. This is
//                  what the document's criterion `b.iter(|| parser.parse(&data))`
//                  measured: criterion drops the result inside the timing.
//                  pooled_arena gets a new pool per file here, so nothing is
//                  reused and it pays for its chunks like typed_arena.
//   iterate        analyze() (analysis.hpp) over files parsed in the constructor.
//   count_notes    count_notes() (note_count.hpp) over files parsed in the
//                  constructor: the plain loop.
//   count_notes_simd  the same with count_notes_simd(), AVX2, per contiguous
//                  track; only for backends whose tracks are arrays
//                  (`available`), only on CPUs with AVX2.
//   count_notes_avx2  the plain loop compiled for AVX2 (count_notes_avx2()),
//                  every backend, only on CPUs with AVX2: the scalar side
//                  of claim C15 built with the SIMD side's target.
//   parse_analyze  parse, analyze, destroy, for every file.
//   batch          every file in sequence with one pool for the whole run, so
//                  pooled_arena parses each file into the previous one's reset
//                  chunks; the other backends parse and free each file (the
//                  baseline to compare with).
//
// A harness puts the heap in its state (aged_heap.hpp) before constructing a
// body, so the files iterate parses land in the heap the loop uses.
#pragma once

#include <benchmark/benchmark.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "corpus_loader.hpp"
#include "midiarena/allocators/registry.hpp"
#include "midiarena/analysis.hpp"
#include "midiarena/note_count.hpp"
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

// Through `factory` (backend.hpp): pooled_arena takes its arenas from its
// pool; the other backends' factories hold nothing.
template <Backend B>
typename B::File parse_into(const CorpusFile& file, BuilderFactory<B>& factory) {
  return parse<B>(file.bytes, kStrict, nullptr, factory);
}

}  // namespace detail

template <Backend B>
class ParseBody {
 public:
  using backend = B;
  static constexpr std::string_view name = "parse";
  static constexpr bool available = true;
  explicit ParseBody(const Corpus& corpus) : corpus_(corpus) {}
  void run() const {
    for (const CorpusFile& file : corpus_.files) {
      BuilderFactory<B> cold;  // declared first: it must outlive the file
      const auto parsed = detail::parse_into<B>(file, cold);
      detail::escape(parsed);
    }
  }

 private:
  const Corpus& corpus_;
};

// A pass over files parsed in the constructor (untimed): `Pass` has a name
// and `static auto run(const File&)`, whose result is kept.
template <Backend B, class Pass>
class ParsedFilesBody {
 public:
  using backend = B;
  static constexpr std::string_view name = Pass::name;
  static constexpr bool available = Pass::template available<B>;
  explicit ParsedFilesBody(const Corpus& corpus) {
    for (const CorpusFile& file : corpus.files) parsed_.push_back(detail::parse_into<B>(file, pool_));
  }
  void run() const {
    for (const auto& file : parsed_) {
      const auto result = Pass::run(file);
      detail::escape(result);
    }
  }
  // The files the pass runs over (bench_cachesim measures their layout).
  const std::vector<typename B::File>& files() const { return parsed_; }

 private:
  BuilderFactory<B> pool_;  // declared first: it must outlive the files
  std::vector<typename B::File> parsed_;
};

struct AnalyzePass {
  static constexpr std::string_view name = "iterate";
  template <Backend>
  static constexpr bool available = true;
  template <ParsedFile F>
  static Analysis run(const F& file) {
    return analyze(file);
  }
};

struct CountNotesPass {
  static constexpr std::string_view name = "count_notes";
  template <Backend>
  static constexpr bool available = true;
  template <ParsedFile F>
  static std::uint64_t run(const F& file) {
    return count_notes(file);
  }
};

#if defined(__x86_64__)
struct CountNotesAvx2Pass {
  static constexpr std::string_view name = "count_notes_avx2";
  template <Backend>
  static constexpr bool available = true;
  template <ParsedFile F>
  static std::uint64_t run(const F& file) {
    return count_notes_avx2(file);
  }
};
#endif

// Only where a track is one contiguous array of events.
struct CountNotesSimdPass {
  static constexpr std::string_view name = "count_notes_simd";
  template <Backend B>
  static constexpr bool available =
      std::is_same_v<decltype(std::declval<const typename B::File&>().track(0)), std::span<const Event>>;
  template <ParsedFile F>
  static std::uint64_t run(const F& file) {
    std::uint64_t notes = 0;
    if constexpr (requires { std::span<const Event>(file.track(0)); })
      for (std::size_t t = 0; t < file.track_count(); ++t) notes += count_notes_simd(file.track(t));
    return notes;
  }
};

template <Backend B>
using IterateBody = ParsedFilesBody<B, AnalyzePass>;
template <Backend B>
using CountNotesBody = ParsedFilesBody<B, CountNotesPass>;
template <Backend B>
using CountNotesSimdBody = ParsedFilesBody<B, CountNotesSimdPass>;
#if defined(__x86_64__)
template <Backend B>
using CountNotesAvx2Body = ParsedFilesBody<B, CountNotesAvx2Pass>;
#endif

template <Backend B>
class ParseAnalyzeBody {
 public:
  using backend = B;
  static constexpr std::string_view name = "parse_analyze";
  static constexpr bool available = true;
  explicit ParseAnalyzeBody(const Corpus& corpus) : corpus_(corpus) {}
  void run() const {
    for (const CorpusFile& file : corpus_.files) {
      BuilderFactory<B> cold;
      const auto parsed = detail::parse_into<B>(file, cold);
      const Analysis analysis = analyze(parsed);
      detail::escape(analysis);
    }
  }

 private:
  const Corpus& corpus_;
};

template <Backend B>
class BatchBody {
 public:
  using backend = B;
  static constexpr std::string_view name = "batch";
  static constexpr bool available = true;
  explicit BatchBody(const Corpus& corpus) : corpus_(corpus) {}
  void run() {
    for (const CorpusFile& file : corpus_.files) {
      const auto parsed = detail::parse_into<B>(file, pool_);
      detail::escape(parsed);
    }
  }

 private:
  const Corpus& corpus_;
  BuilderFactory<B> pool_;
};

// One alloc_scaling run (claim C11): n synthetic events (one track of n
// note-ons) pushed through B's Builder, finished and destroyed. The same test
// for every backend, timed by bench_parse (workloads.hpp) and counted by
// bench_cachesim.
template <Backend B>
void alloc_scaling_once(std::uint64_t n) {
  constexpr Header kHeader{.format = 0, .declared_tracks = 1, .division = 480};
  BuilderFactory<B> cold;
  const std::size_t track_bytes = 2 * n;  // max_events_in(2n) == n: room for every event
  auto builder = cold.builder(track_bytes);
  auto track = builder.begin_track(n);
  for (std::uint64_t i = 0; i < n; ++i)
    track.push(Event::channel_message(i, Event::make_tag(EventKind::note_on, static_cast<std::uint8_t>(i & 15),
                                                         static_cast<std::uint8_t>(i & 127), 100)));
  builder.end_track(std::move(track));
  const auto file = std::move(builder).finish(kHeader);
  detail::escape(file);
}

// The list of corpus workloads that are bodies: bench_parse registers, and
// bench_cachesim and bench_paired_worker accept, exactly these.
template <template <Backend> class... Bodies>
struct BodyList {
  // Calls `f.template operator()<Body<B>>()` for every body, in order.
  template <Backend B, class F>
  static void for_each(F&& f) {
    (f.template operator()<Bodies<B>>(), ...);
  }
  // Calls `f.template operator()<Body<B>>()` for the body named `name`; false if none is.
  template <Backend B, class F>
  static bool visit(std::string_view name, F&& f) {
    return ((name == Bodies<B>::name ? (f.template operator()<Bodies<B>>(), true) : false) || ...);
  }
  static std::vector<std::string> names() { return {std::string(Bodies<FlatVector>::name)...}; }
};

using CorpusBodies =
    BodyList<ParseBody, IterateBody, ParseAnalyzeBody, BatchBody, CountNotesBody, CountNotesSimdBody, CountNotesAvx2Body>;

}  // namespace midiarena::bench
