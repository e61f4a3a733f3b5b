// bench_peers: other Standard MIDI File parsers (peers/peer.hpp): those Debian
// packages and the JavaScript ones a web developer would pick, on bench_parse's corpora, named parse/<peer>/<corpus>/fresh so they sit in
// one table with bench_parse's parse/<backend>/<corpus>/fresh. `bench_peers
// --help` lists the flags.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bench_flags.hpp"
#include "corpus_loader.hpp"
#include "peers/peer.hpp"
#include "peers/rp001_encoding.hpp"

namespace midiarena::bench {
namespace {

using peers::Bytes;
using peers::Peer;

// A slow peer (mido parses about a hundred times slower than we do) runs a
// fixed, small number of passes per repetition, which bounds its share of the run.
constexpr int kSlowPeerIterations = 3;
constexpr int kSlowPeerIterationsQuick = 1;

// A corpus as every peer gets it: each file as it is, or re-encoded where it
// relies on running status across meta/sysex (peers/rp001_encoding.hpp).
struct PeerInput {
  const Corpus& corpus;
  std::vector<std::vector<std::uint8_t>> reencoded;  // owns what `files` views (a moved vector keeps its buffer)
  std::vector<Bytes> files;                          // one per corpus file, in order
  std::uint64_t bytes = 0;
};

PeerInput peer_input(const Corpus& corpus) {
  PeerInput input{corpus, {}, {}, 0};
  for (const CorpusFile& file : corpus.files) {
    Bytes bytes = file.bytes;
    if (auto reencoded = peers::rp001_encoding(file.bytes)) bytes = input.reencoded.emplace_back(*std::move(reencoded));
    input.files.push_back(bytes);
    input.bytes += bytes.size();
  }
  return input;
}

// What one peer reads of a corpus, found once by parsing every file untimed.
struct CheckedCorpus {
  std::vector<Bytes> files;        // the files it read in full: only these are timed
  std::uint64_t events = 0;        // our count of events in those files
  std::uint64_t bytes = 0;         // their size as the peer gets them
  std::uint64_t peer_events = 0;   // the peer's own count
  std::size_t rejected_files = 0;  // named on stderr, with the peer's reason
};

CheckedCorpus check(Peer& peer, const PeerInput& input) {
  CheckedCorpus checked;
  for (std::size_t i = 0; i < input.files.size(); ++i) {
    const peers::FileOutcome outcome = peers::check_file(peer, input.files[i]);
    if (!outcome.error.empty()) {
      std::fprintf(stderr, "bench_peers: %s rejects %s: %s\n", std::string(peer.name()).c_str(),
                   input.corpus.files[i].path.c_str(), outcome.error.c_str());
      ++checked.rejected_files;
      continue;
    }
    checked.files.push_back(input.files[i]);
    checked.events += input.corpus.files[i].events;
    checked.bytes += input.files[i].size();
    checked.peer_events += outcome.events;
  }
  return checked;
}

// parse/<peer>/<corpus>/fresh: every file the peer reads, parsed and freed.
class PeerBenchmark {
 public:
  PeerBenchmark(Peer& peer, const PeerInput& input) : peer_(peer), input_(input) {}

  void run(benchmark::State& state) {
    try {
      if (!checked_) checked_ = check(peer_, input_);  // Google Benchmark calls run() once per trial
      measure(state, *checked_);
    } catch (const std::exception& e) {  // a peer's worker died: this benchmark fails, the run goes on
      state.SkipWithError(e.what());
    }
  }

 private:
  void measure(benchmark::State& state, const CheckedCorpus& checked) {
    if (checked.files.empty()) {
      state.SkipWithError("the peer rejected every file (see stderr)");
      return;
    }
    if (peer_.in_process()) {
      for (auto _ : state)
        for (const Bytes file : checked.files) benchmark::DoNotOptimize(peer_.parse_and_free(file));
    } else {
      std::map<std::string, double> per_pass;  // the worker's own counters, summed over passes
      for (auto _ : state) {
        const peers::TimedPass pass = peer_.timed_pass(input_.corpus.name, checked.files);
        state.SetIterationTime(pass.seconds);
        for (const auto& [counter, value] : pass.counters) per_pass[counter] += value;
      }
      for (const auto& [counter, sum] : per_pass)
        state.counters[counter] = benchmark::Counter(sum, benchmark::Counter::kAvgIterations);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(checked.events) * state.iterations());
    state.SetBytesProcessed(static_cast<std::int64_t>(checked.bytes) * state.iterations());
    state.counters["peer_events"] = static_cast<double>(checked.peer_events);
    state.counters["rejected_files"] = static_cast<double>(checked.rejected_files);
    if (checked.rejected_files)
      state.SetLabel("rejected " + std::to_string(checked.rejected_files) + " of " +
                     std::to_string(input_.files.size()) + " files");
  }

  Peer& peer_;
  const PeerInput& input_;
  std::optional<CheckedCorpus> checked_;
};

std::vector<std::unique_ptr<Peer>> make_peers() {
  std::vector<std::unique_ptr<Peer>> peers;
  peers.push_back(peers::make_portsmf_peer());
  peers.push_back(peers::make_libsmf_peer());
  // The workers' peers, if their runtime and packages are there.
  const std::pair<const char*, std::unique_ptr<Peer> (*)()> workers[] = {
      {"mido", peers::make_mido_peer},
      {"midi-file", peers::make_midi_file_peer},
      {"@tonejs/midi", peers::make_tonejs_midi_peer},
  };
  for (const auto& [name, make] : workers) {
    try {
      peers.push_back(make());
    } catch (const std::exception& e) {
      std::fprintf(stderr, "bench_peers: leaving %s out: %s\n", name, e.what());
    }
  }
  return peers;
}

void add_context(const std::vector<std::unique_ptr<Peer>>& peers, const std::deque<PeerInput>& inputs) {
  for (const auto& peer : peers) benchmark::AddCustomContext("peer/" + std::string(peer->name()), peer->version());
  for (const PeerInput& input : inputs) {
    benchmark::AddCustomContext("corpus/" + input.corpus.name, describe(input.corpus));
    benchmark::AddCustomContext("peer_input/" + input.corpus.name,
                                std::to_string(input.reencoded.size()) + " of " + std::to_string(input.files.size()) +
                                    " files re-encoded without running status across meta/sysex, " +
                                    std::to_string(input.bytes) + " bytes");
  }
}

constexpr const char* kDescription = R"(bench_peers: other Standard MIDI File parsers (portSMF, libsmf and
python3-mido from Debian; midi-file and @tonejs/midi from npm, on Node.js) on
bench_parse's corpora, named parse/<peer>/<corpus>/fresh. Each iteration
parses and frees every file the peer reads (checked once, untimed; files it
rejects are named on stderr and left out). items are our event count, so
events/s compare with bench_parse's. mido and the JavaScript peers run in a
worker process that times itself: manual (wall) time, with the worker's CPU
time per pass as the counter cpu_ms (the JavaScript workers also report the
full GC after each pass, untimed, as gc_ms); mido for a fixed 3 iterations
per repetition (1 with --quick). --benchmark_repetitions repeats every peer,
as in bench_parse.
)";

}  // namespace
}  // namespace midiarena::bench

int main(int argc, char** argv) {
  using namespace midiarena::bench;
  const BenchFlags flags = initialize_bench(argc, argv, kDescription);

  // Registered benchmarks keep references to all of these until the end of main.
  const std::vector<Corpus> corpora = load_corpora(flags);
  std::deque<PeerInput> inputs;
  for (const Corpus& corpus : corpora) inputs.push_back(peer_input(corpus));
  const auto peers = make_peers();
  std::deque<PeerBenchmark> benchmarks;

  // Peers innermost, so all peers of a corpus run back to back.
  for (const PeerInput& input : inputs)
    for (const auto& peer : peers) {
      PeerBenchmark& bench = benchmarks.emplace_back(*peer, input);
      const std::string name = "parse/" + std::string(peer->name()) + "/" + input.corpus.name + "/fresh";
      auto* b = benchmark::RegisterBenchmark(name.c_str(), [&bench](benchmark::State& state) { bench.run(state); })
                    ->Unit(benchmark::kMicrosecond);
      if (!peer->in_process()) b->UseManualTime();
      if (peer->slow()) b->Iterations(flags.quick ? kSlowPeerIterationsQuick : kSlowPeerIterations);
    }
  add_context(peers, inputs);

  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
