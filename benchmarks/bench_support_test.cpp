// bench_parse's support code: its flags, its corpus loading and its memory
// figures, checked against known answers.
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "bench_flags.hpp"
#include "corpus_loader.hpp"
#include "memory_manager.hpp"
#include "midiarena/smf_writer.hpp"

namespace midiarena::bench {
namespace {

namespace fs = std::filesystem;

TEST(BenchFlags, TakesItsOwnFlagsAndLeavesGoogleBenchmarksInOrder) {
  std::vector<std::string> args = {
      "bench_parse", "--corpus", "a",         "--benchmark_filter=x",       "--quick",
      "--corpus=b/c", "--no-heap-settle", "--benchmark_min_time=0.05", "--benchmark_filter=x"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  int argc = static_cast<int>(args.size());

  const BenchFlags flags = take_bench_flags(argc, argv.data(), "");

  EXPECT_TRUE(flags.quick);
  EXPECT_FALSE(flags.settle_heap);
  EXPECT_EQ(flags.corpora, (std::vector<fs::path>{"a", "b/c"}));
  ASSERT_EQ(argc, 4);
  EXPECT_STREQ(argv[0], "bench_parse");
  EXPECT_STREQ(argv[1], "--benchmark_filter=x");
  EXPECT_STREQ(argv[2], "--benchmark_min_time=0.05");
  EXPECT_STREQ(argv[3], "--benchmark_filter=x");  // a repeated flag stays, in its place
  EXPECT_EQ(argv[4], nullptr);
}

TEST(BenchFlags, DefaultsWithoutFlags) {
  std::string name = "bench_peers";
  char* argv[] = {name.data(), nullptr};
  int argc = 1;
  const BenchFlags flags = take_bench_flags(argc, argv, "");
  EXPECT_FALSE(flags.quick);
  EXPECT_TRUE(flags.settle_heap);
  EXPECT_TRUE(flags.corpora.empty());
  EXPECT_EQ(argc, 1);
}

class CorpusDir : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("bench_support_test-" + std::to_string(::getpid())) / "songs";
    fs::create_directories(dir_ / "nested");
  }
  void TearDown() override { fs::remove_all(dir_.parent_path()); }
  void write(const fs::path& relative, const std::vector<std::uint8_t>& bytes) {
    std::ofstream(dir_ / relative, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  }
  fs::path dir_;
};

// Three note events and End-of-Track: 4 events.
std::vector<std::uint8_t> four_event_file() {
  TrackWriter track;
  track.channel(0, 0x90, 60, 100).channel(96, 0x80, 60, 0).channel(0, 0xC0, 5).end_of_track();
  return SmfWriter(0, 96).track(track).bytes();
}

TEST_F(CorpusDir, LoadsParsableFilesRecursivelyAndSkipsTheRest) {
  const auto good = four_event_file();
  write("a.mid", good);
  write("nested/b.MID", good);
  write("broken.mid", {'M', 'T', 'h', 'd', 0, 0});
  write("notes.txt", {'x'});

  const Corpus corpus = load_corpus(dir_);

  EXPECT_EQ(corpus.name, "songs");
  ASSERT_EQ(corpus.files.size(), 2u);
  EXPECT_EQ(corpus.files[0].events, 4u);
  EXPECT_EQ(corpus.files[0].bytes, good);
  EXPECT_EQ(corpus.events, 8u);
  EXPECT_EQ(corpus.bytes, 2 * good.size());
}

TEST_F(CorpusDir, NamesACorpusGivenWithATrailingSlashByItsDirectory) {
  write("a.mid", four_event_file());
  EXPECT_EQ(load_corpus(dir_.string() + "/").name, "songs");
}

// Through a real Google Benchmark run, as bench_parse uses it. Its own
// bookkeeping inside the measured window (a thread manager, the State) adds a
// few small allocations, hence the margins.
constexpr int kBlocks = 100;
constexpr std::size_t kBlockBytes = 1000;

void allocate_100_blocks(benchmark::State& state) {
  std::array<char*, kBlocks> blocks;
  for (auto _ : state) {
    for (char*& block : blocks) block = new char[kBlockBytes];
    benchmark::DoNotOptimize(blocks.data());  // the blocks escape: no new/delete pair is elided
    for (char* block : blocks) delete[] block;
  }
}

// Keeps a copy of each run's memory figures: Run::memory_result points into
// the runner, which is gone once RunSpecifiedBenchmarks returns.
class MemoryReporter : public benchmark::BenchmarkReporter {
 public:
  struct Figures {
    double allocs_per_iter;
    benchmark::MemoryManager::Result memory;
  };
  bool ReportContext(const Context&) override { return true; }
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs)
      if (run.memory_result) figures_.push_back({run.allocs_per_iter, *run.memory_result});
  }
  const std::vector<Figures>& figures() const { return figures_; }

 private:
  std::vector<Figures> figures_;
};

TEST(AllocationMemoryManager, FeedsGoogleBenchmarkTheOperatorNewCallsOfTheRun) {
  constexpr int kIterations = 4;  // <= 16: the memory run does as many
  AllocationMemoryManager manager;
  benchmark::RegisterMemoryManager(&manager);
  benchmark::RegisterBenchmark("allocate_100_blocks", allocate_100_blocks)->Iterations(kIterations);
  MemoryReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::RegisterMemoryManager(nullptr);

  ASSERT_EQ(reporter.figures().size(), 1u);
  const auto& [allocs_per_iter, memory] = reporter.figures().front();
  EXPECT_GE(allocs_per_iter, kBlocks);
  EXPECT_LT(allocs_per_iter, kBlocks + 4);
  const auto requested = static_cast<std::int64_t>(kIterations * kBlocks * kBlockBytes);
  EXPECT_GE(memory.total_allocated_bytes, requested);
  EXPECT_LT(memory.total_allocated_bytes, requested + 4096);
  EXPECT_GE(memory.max_bytes_used, static_cast<std::int64_t>(kBlocks * kBlockBytes));  // all blocks alive at once
  EXPECT_LT(memory.max_bytes_used, static_cast<std::int64_t>(kBlocks * (kBlockBytes + 64)) + 4096);
  EXPECT_LT(std::abs(memory.net_heap_growth), 4096);  // every block freed
}

}  // namespace
}  // namespace midiarena::bench
