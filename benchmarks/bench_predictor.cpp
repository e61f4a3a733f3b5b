// bench_predictor: how much of a corpus's speed in bench_parse comes from
// the branch predictor having learned the corpus.
//
// bench_parse times pass after pass over the same few files, and a modern
// predictor learns the branches of a corpus of a few hundred kilobytes
// across those passes: the parse loops' exits and breaks, which on a new
// file mispredict, come to be foreseen. An application that parses a file
// once meets a predictor trained on something else. So each round here
// times one pass over the corpus three times:
//   learned    after 20 passes over the same corpus (bench_parse's state)
//   cold       right after writing 64 MiB: no cache holds the corpus or
//              its output, the predictor still knows it
//   displaced  right after a pass over another corpus (16 medium files with
//              another seed): predictor and caches trained on other content
// and prints, for each, the median events per second over the rounds and
// the median of each round's time against that round's learned pass (the
// host's speed drifts between rounds, not within one).
// Measured in docs/notes/2026-12-07-predictor-learning.md.
#include <CLI/CLI.hpp>
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <vector>

#include "body_options.hpp"

namespace midiarena::bench {
namespace {

// Not the seed of the generated corpora (corpus_loader.hpp): other content.
inline constexpr std::uint64_t kDisplacingSeed = 2;
inline constexpr int kLearningPasses = 20;
inline constexpr std::size_t kSweepBytes = std::size_t{64} << 20;

Corpus displacing_corpus(std::uint32_t files) {
  Corpus corpus;
  corpus.name = "displacing";
  const Profile& medium = find_profile("medium");
  for (std::uint32_t i = 0; i < files; ++i)
    corpus.files.push_back({.path = corpus_file_name(medium, i), .bytes = generate_file(medium, kDisplacingSeed, i)});
  return corpus;
}

template <class Body>
double seconds_of_one_pass(Body& body) {
  const auto start = std::chrono::steady_clock::now();
  body.run();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> values) {
  std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
  return values[values.size() / 2];
}

template <class Body>
void measure(const Corpus& corpus, const Corpus& displacing, const BodyOptions& options, int rounds) {
  const AgedHeap heap_state(options.heap_state());
  Body body(corpus);
  Body other(displacing);
  std::vector<std::uint64_t> sweep(kSweepBytes / sizeof(std::uint64_t));
  std::vector<double> learned, cold, displaced;
  for (int round = 0; round < rounds; ++round) {
    // The predictor learns a corpus over passes, not in one.
    for (int pass = 0; pass < kLearningPasses; ++pass) body.run();
    learned.push_back(seconds_of_one_pass(body));
    for (std::uint64_t& word : sweep) word += 1;
    benchmark::DoNotOptimize(sweep.data());
    cold.push_back(seconds_of_one_pass(body));
    other.run();
    displaced.push_back(seconds_of_one_pass(body));
  }
  // Rates over the rounds' median times, and each state's time against the
  // same round's learned pass: a ratio within a round holds while the host's
  // speed drifts between rounds.
  const auto rate = [&](const std::vector<double>& seconds) { return corpus.events / median(seconds) / 1e6; };
  const auto slower = [&](const std::vector<double>& seconds) {
    std::vector<double> ratios;
    for (std::size_t i = 0; i < seconds.size(); ++i) ratios.push_back(seconds[i] / learned[i]);
    return 100.0 * (median(ratios) - 1.0);
  };
  std::printf("# %s %s, %s heap, %d rounds: median M events/s, and the median of each round's time against "
              "its learned pass\n",
              options.workload.c_str(), options.backend.c_str(), options.heap.c_str(), rounds);
  std::printf("%-16s %9s %9s %9s %7s %9s %7s\n", "corpus", "events", "learned", "cold", "time", "displaced", "time");
  std::printf("%-16s %9llu %9.1f %9.1f %+6.1f%% %9.1f %+6.1f%%\n", corpus.name.c_str(),
              static_cast<unsigned long long>(corpus.events), rate(learned), rate(cold), slower(cold),
              rate(displaced), slower(displaced));
}

int run(const BodyOptions& options, int rounds, std::uint32_t displacing_files) {
  settle_heap();  // as bench_parse does, before the corpora load
  const Corpus corpus = options.load_corpus();
  if (corpus.files.empty()) {
    std::fprintf(stderr, "bench_predictor: corpus %s has no parsable MIDI file\n", corpus.name.c_str());
    return 1;
  }
  const Corpus displacing = displacing_corpus(displacing_files);
  return options.visit_body("bench_predictor",
                            [&]<class Body>() { measure<Body>(corpus, displacing, options, rounds); })
             ? 0
             : 2;
}

}  // namespace
}  // namespace midiarena::bench

int main(int argc, char** argv) {
  CLI::App app{"bench_predictor: a corpus's parse speed with the branch predictor trained on it, with cold caches, "
               "and after another corpus (how much of bench_parse's figure is the predictor having learned the corpus)",
               "bench_predictor"};
  midiarena::bench::BodyOptions options;
  options.add_to(app);
  int rounds = 100;
  app.add_option("--rounds", rounds, "Timed rounds")->check(CLI::PositiveNumber)->capture_default_str();
  std::uint32_t displacing_files = 16;
  app.add_option("--displacing-files", displacing_files, "Medium files (seed 2) parsed to displace the corpus")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  return midiarena::bench::body_tool_main("bench_predictor", app, options, argc, argv,
                                          [&] { return midiarena::bench::run(options, rounds, displacing_files); });
}
