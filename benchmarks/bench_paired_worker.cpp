// bench_paired_worker: one iteration of a workload body (workload_bodies.hpp)
// per request, for scripts/paired_ab.py. That script starts two workers,
// built from two revisions, and sends its requests to each in turn. On a
// shared VM the clock and the neighbours' load change from one second to
// the next, and bench_parse's medians with them (10-20 % between runs of
// the same code); two iterations a few hundred microseconds apart see the
// same host, so the ratio of their times is about the code
// (scripts/midiarena_tools/paired.py).
//
// Two processes of one executable differed by up to 10 %, each for its
// whole life: stack and heap addresses are random per process, the corpus
// sits where it was loaded, and the scheduler keeps a process mostly on one
// virtual CPU. So every request gives the layout, which the caller varies
// from pair to pair and gives both sides alike, and the caller runs both
// workers on one CPU.
//
// Protocol, one line each way. It prints one JSON line describing the run,
// then reads requests from stdin until it closes:
//   run HEAP STACK COPY   time one iteration (steady_clock) over copy COPY
//                         of the corpus (kCorpusCopies, each at its own
//                         place in the heap), with HEAP bytes malloc'd and
//                         STACK bytes of stack taken first; print the
//                         nanoseconds.
#include <CLI/CLI.hpp>

#include <alloca.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <exception>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "body_options.hpp"

namespace midiarena::bench {
namespace {

inline constexpr std::size_t kCorpusCopies = 16;

// Takes `stack_shift` bytes of stack, then runs one iteration. Not inlined:
// the stack it takes goes with its frame.
template <class Body>
[[gnu::noinline]] std::int64_t time_one(Body& body, std::size_t stack_shift) {
  volatile char* const taken = static_cast<char*>(alloca(stack_shift));
  if (stack_shift != 0) taken[0] = 0;
  const auto start = std::chrono::steady_clock::now();
  body.run();
  return std::chrono::nanoseconds(std::chrono::steady_clock::now() - start).count();
}

template <class Body>
void serve(const Corpus& corpus, Heap heap) {
  const AgedHeap heap_state(heap);
  // Copies of the corpus, with blocks of 64 bytes to 64 KiB left between
  // them, so that they start at different page offsets.
  std::deque<Corpus> copies;  // a deque: bodies keep references to them
  std::vector<std::vector<std::uint8_t>> spacers;
  std::minstd_rand spacing(1);
  for (std::size_t i = 0; i < kCorpusCopies; ++i) {
    spacers.emplace_back(64 * (1 + spacing() % 1024));
    copies.push_back(corpus);
  }
  std::deque<Body> bodies;
  for (const Corpus& copy : copies) bodies.emplace_back(copy);
  for (Body& body : bodies) body.run();  // warm-up: caches, free lists, lazily bound symbols
  std::string request;
  std::size_t heap_shift = 0, stack_shift = 0, copy = 0;
  while (std::cin >> request >> heap_shift >> stack_shift >> copy) {
    if (request != "run" || stack_shift > 65536 || copy >= kCorpusCopies)
      throw std::runtime_error("bad request '" + request + "'");
    void* const moved = std::malloc(heap_shift);
    const std::int64_t ns = time_one(bodies[copy], stack_shift);
    std::free(moved);
    std::printf("%lld\n", static_cast<long long>(ns));
    std::fflush(stdout);
  }
}

int run(const BodyOptions& options) {
  settle_heap();  // as bench_parse does, before the corpus loads
  const Corpus corpus = options.load_corpus();
  if (corpus.files.empty()) {
    std::fprintf(stderr, "bench_paired_worker: corpus %s has no parsable MIDI file\n", corpus.name.c_str());
    return 1;
  }
  const nlohmann::ordered_json line = {
      {"workload", options.workload}, {"backend", options.backend},  {"corpus", corpus.name},
      {"heap", options.heap},         {"files", corpus.files.size()}, {"events_per_iteration", corpus.events},
      {"bytes_per_iteration", corpus.bytes}, {"corpus_copies", kCorpusCopies},
  };
  std::printf("%s\n", line.dump().c_str());
  std::fflush(stdout);
  return options.visit_body("bench_paired_worker", [&]<class Body>() { serve<Body>(corpus, options.heap_state()); })
             ? 0
             : 2;
}

}  // namespace
}  // namespace midiarena::bench

int main(int argc, char** argv) {
  CLI::App app{"bench_paired_worker: one workload iteration per `run HEAP STACK COPY` line on stdin, its "
               "nanoseconds on stdout (run it through scripts/paired_ab.py)",
               "bench_paired_worker"};
  midiarena::bench::BodyOptions options;
  options.add_to(app);
  return midiarena::bench::body_tool_main("bench_paired_worker", app, options, argc, argv,
                                          [&] { return midiarena::bench::run(options); });
}
