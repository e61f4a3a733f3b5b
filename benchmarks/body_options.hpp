// The command-line options that pick one workload body (workload_bodies.hpp)
// and what it runs on, for the harnesses that run a single body:
// bench_cachesim (under callgrind) and bench_paired_worker (paired timing).
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>
#include <vector>

#include "aged_heap.hpp"
#include "bench_options.hpp"
#include "corpus_loader.hpp"
#include "midiarena/allocators/registry.hpp"
#include "midiarena/corpus_gen.hpp"
#include "workload_bodies.hpp"

namespace midiarena::bench {

struct BodyOptions {
  std::string workload = "parse";
  std::string backend = "flat_vector";
  std::filesystem::path corpus;
  std::string profile;
  std::uint32_t count = 1;
  std::string heap = "fresh";

  void add_to(CLI::App& app) {
    std::vector<std::string> profile_names;
    for (const Profile& each : profiles()) profile_names.emplace_back(each.name);
    app.add_option("--workload,-w", workload, "Workload body (benchmarks/workload_bodies.hpp)")
        ->check(CLI::IsMember(CorpusBodies::names()))
        ->capture_default_str();
    app.add_option("--backend,-b", backend, "Storage backend (see --list-backends)")
        ->check(CLI::IsMember(AllBackends::names()))
        ->capture_default_str();
    auto* corpus_option = flag::corpus(app, corpus);
    auto* profile_option = app.add_option("--profile", profile, "Generated profile, cached on first use")
                               ->excludes(corpus_option)
                               ->check(CLI::IsMember(profile_names));
    app.add_option("--count", count, "Files of --profile")->needs(profile_option)->capture_default_str();
    app.add_option("--heap", heap, "Heap state (benchmarks/aged_heap.hpp)")
        ->check(CLI::IsMember({"fresh", "aged"}))
        ->capture_default_str();
  }

  bool has_corpus() const { return !profile.empty() || !corpus.empty(); }
  Corpus load_corpus() const {
    return profile.empty() ? bench::load_corpus(corpus) : load_profile_corpus(profile, count);
  }
  Heap heap_state() const { return heap == "aged" ? Heap::aged : Heap::fresh; }

  // Calls `f.template operator()<Body>()` with the chosen body for the chosen
  // backend; false, with a line on stderr from `tool`, if that body does not
  // apply to that backend.
  template <class F>
  bool visit_body(const char* tool, F&& f) const {
    bool available = true;
    AllBackends::visit(backend, [&]<Backend B>() {
      CorpusBodies::visit<B>(workload, [&]<class Body>() {
        if constexpr (Body::available)
          f.template operator()<Body>();
        else
          available = false;
      });
    });
    if (!available) std::fprintf(stderr, "%s: %s does not apply to %s\n", tool, workload.c_str(), backend.c_str());
    return available;
  }
};

// The main() of a harness that runs one body (bench_paired_worker,
// bench_predictor) once `app` has its options: 2 on a usage error or
// without a corpus, else what `run` returns, 1 if it throws.
template <class Run>
int body_tool_main(const char* tool, CLI::App& app, const BodyOptions& options, int argc, char** argv, Run&& run) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int status = app.exit(e);
    return status == 0 ? 0 : 2;  // --help, or a usage error
  }
  if (!options.has_corpus()) {
    std::fprintf(stderr, "%s: give --corpus DIR or --profile NAME\n", tool);
    return 2;
  }
  try {
    return run();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: %s\n", tool, e.what());
    return 1;
  }
}

}  // namespace midiarena::bench
