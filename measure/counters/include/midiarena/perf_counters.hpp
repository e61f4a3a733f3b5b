// Hardware and software counters of the calling thread around a measured
// region, one perf_event_open group per kind:
//
//   PerfCounters counters;
//   if (counters.hardware_unavailable())
//     std::fprintf(stderr, "hardware counters unavailable: %s\n", counters.hardware_unavailable()->c_str());
//   counters.start();
//   work();
//   counters.stop();
//   for (const CounterValue& c : counters.read()) ...;
//
// An event that cannot be counted here is absent from read(), never a zero
// as if measured; events() says why for each one.
//
// Multiplexing: both remedies, each for the failure it fixes. A group is
// scheduled whole or not at all, so a group with more events than the PMU
// has free counters (say, one taken by the NMI watchdog) would never count:
// at construction the hardware group is tried once and its last events are
// dropped until it gets scheduled (as lemire/counters does). A group that
// fits but shares the PMU with other groups is time-sliced: its counts are
// scaled by time_enabled / time_running (scale_count), which Google
// Benchmark's own counters omit. Ratios within a group, like l1d_miss_rate,
// need no scaling: its events run over the same slices.
#pragma once

#include <linux/perf_event.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "midiarena/perf_events.hpp"

namespace midiarena {

class EventGroup;

// perf_event_open(attr, this thread, any CPU, group_fd, CLOEXEC): the fd, or
// -errno. Tests pass their own to play a kernel that refuses events.
using PerfEventOpen = int (*)(perf_event_attr& attr, int group_fd);
int open_perf_event(perf_event_attr& attr, int group_fd);

// /proc/sys/kernel/perf_event_paranoid, or nullopt when unreadable.
std::optional<int> perf_event_paranoid();

// count * time_enabled / time_running: the estimate for a group that ran
// only part of the time it was enabled; nullopt when it never ran.
std::optional<double> scale_count(std::uint64_t count, std::uint64_t time_enabled, std::uint64_t time_running);

struct CounterValue {
  std::string name;    // "cycles", "page_faults", "l1d_miss_rate", ...
  double value;        // a count over the region, or a ratio
  bool ratio = false;  // l1d_miss_rate: not to be divided by iterations
};

std::optional<double> find_counter(const std::vector<CounterValue>& values, std::string_view name);

struct EventStatus {
  std::string name;    // result key
  std::string source;  // "perf::CYCLES" or "PERF_COUNT_SW_PAGE_FAULTS"
  bool hardware = false;
  std::optional<perf_event_attr> attr;  // what is (or would be) opened; nullopt when encoding failed
  bool counting = false;                // the kernel accepted it into its group
  int refused_errno = 0;                // perf_event_open's errno when the kernel refused it
  std::string unavailable_reason;       // why not counting
};

class PerfCounters {
 public:
  explicit PerfCounters(PerfEventOpen open = open_perf_event);
  PerfCounters(PerfCounters&&) noexcept;
  PerfCounters& operator=(PerfCounters&&) noexcept;
  ~PerfCounters();

  // Set when no hardware event counts here, saying why; print it once.
  const std::optional<std::string>& hardware_unavailable() const { return hardware_unavailable_; }
  // Every hardware event, then every software event.
  const std::vector<EventStatus>& events() const { return events_; }

  void start();  // zero and enable both groups
  void stop();
  // The counts since start(), plus l1d_miss_rate = l1d_load_misses / l1d_loads.
  std::vector<CounterValue> read() const;

 private:
  void open_hardware(PerfEventOpen open);
  void open_software(PerfEventOpen open);

  struct Group;
  std::vector<EventStatus> events_;
  std::vector<Group> groups_;
  std::optional<std::string> hardware_unavailable_;
};

}  // namespace midiarena
