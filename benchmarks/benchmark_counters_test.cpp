// BenchmarkCounters inside a real Google Benchmark run: a benchmark that
// faults in a known number of fresh pages per iteration must report at least
// that many faults per iteration, and exactly the events that count here.
#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "benchmark_counters.hpp"

namespace midiarena {
namespace {

constexpr long kPagesPerIteration = 64;

void touch_fresh_pages(benchmark::State& state) {
  const long page = ::sysconf(_SC_PAGESIZE);
  BenchmarkCounters counters(state);
  for (auto _ : state) {
    void* memory = ::mmap(nullptr, kPagesPerIteration * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ASSERT_NE(memory, MAP_FAILED);
    for (long i = 0; i < kPagesPerIteration; ++i) static_cast<volatile char*>(memory)[i * page] = 1;
    ::munmap(memory, kPagesPerIteration * page);
  }
  counters.stop();
}

class CollectingReporter : public benchmark::BenchmarkReporter {
 public:
  bool ReportContext(const Context&) override { return true; }
  void ReportRuns(const std::vector<Run>& runs) override { runs_.insert(runs_.end(), runs.begin(), runs.end()); }
  const std::vector<Run>& runs() const { return runs_; }

 private:
  std::vector<Run> runs_;
};

TEST(BenchmarkCounters, ReportsPerIterationCountsOfTheEventsThatCount) {
  benchmark::RegisterBenchmark("touch_fresh_pages", touch_fresh_pages)->Iterations(10);
  CollectingReporter reporter;
  ASSERT_EQ(benchmark::RunSpecifiedBenchmarks(&reporter), 1u);
  ASSERT_EQ(reporter.runs().size(), 1u);
  const benchmark::UserCounters& counters = reporter.runs().front().counters;

  EXPECT_GE(counters.at("page_faults").value, kPagesPerIteration);
  EXPECT_GE(counters.at("minor_faults").value, kPagesPerIteration);
  EXPECT_GT(counters.at("task_clock_ns").value, 0);
  const PerfCounters here;
  for (const EventStatus& event : here.events())
    EXPECT_EQ(counters.count(event.name), event.counting ? 1u : 0u) << event.name << ": " << event.unavailable_reason;
  if (counters.count("l1d_miss_rate")) {
    EXPECT_GE(counters.at("l1d_miss_rate").value, 0.0);
    EXPECT_LE(counters.at("l1d_miss_rate").value, 1.0);
  }
}

}  // namespace
}  // namespace midiarena
