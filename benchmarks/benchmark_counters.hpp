// PerfCounters attached to a Google Benchmark run as per-iteration counters.
// Debian's libbenchmark is built without libpfm, so its own
// --benchmark_perf_counters cannot be used (and it would not scale
// multiplexed counts either).
//
//   static void BM_parse(benchmark::State& state) {
//     ...setup...
//     midiarena::BenchmarkCounters counters(state);  // opens the groups and starts them
//     for (auto _ : state) work();
//     counters.stop();                                // sets state.counters
//   }
//
// Counts cover everything from the constructor to stop(), including work
// under state.PauseTiming(): keep setup out of that window. Every count is
// divided by the iterations (page_faults, minor_faults, major_faults,
// context_switches, task_clock_ns, and the hardware events where they
// exist); l1d_miss_rate is a ratio and is reported as is. Hardware events
// that cannot be counted are absent, and why is printed once per process
// on stderr.
#pragma once

#include <benchmark/benchmark.h>

#include <cstdio>
#include <mutex>

#include "midiarena/perf_counters.hpp"

namespace midiarena {

class BenchmarkCounters {
 public:
  explicit BenchmarkCounters(benchmark::State& state) : state_(state) {
    report_unavailable_once(counters_);
    counters_.start();
  }

  void stop() {
    counters_.stop();
    for (const CounterValue& c : counters_.read())
      state_.counters[c.name] =
          benchmark::Counter(c.value, c.ratio ? benchmark::Counter::kDefaults : benchmark::Counter::kAvgIterations);
  }

 private:
  static void report_unavailable_once(const PerfCounters& counters) {
    static std::once_flag once;
    std::call_once(once, [&] {
      if (counters.hardware_unavailable()) {
        std::fprintf(stderr, "hardware counters unavailable: %s\n", counters.hardware_unavailable()->c_str());
        return;
      }
      for (const EventStatus& e : counters.events())
        if (!e.counting) std::fprintf(stderr, "counter %s unavailable: %s\n", e.name.c_str(), e.unavailable_reason.c_str());
    });
  }

  benchmark::State& state_;
  PerfCounters counters_;
};

}  // namespace midiarena
