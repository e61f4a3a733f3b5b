// The counter library against known answers: libpfm4's encodings, page
// faults of freshly touched pages, and what is reported when the kernel
// refuses events (played by a stand-in for perf_event_open, so the tests
// mean the same on machines with and without a hardware PMU).
#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "midiarena/perf_counters.hpp"

namespace midiarena {
namespace {

constexpr std::uint64_t cache_event(std::uint64_t cache, std::uint64_t op, std::uint64_t result) {
  return cache | op << 8 | result << 16;
}

bool is_hardware(const perf_event_attr& attr) {
  return attr.type == PERF_TYPE_HARDWARE || attr.type == PERF_TYPE_HW_CACHE || attr.type == PERF_TYPE_RAW;
}

// Faults in `pages` fresh pages of private anonymous memory.
void touch_fresh_pages(long pages) {
  const long page = ::sysconf(_SC_PAGESIZE);
  void* memory = ::mmap(nullptr, pages * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  ASSERT_NE(memory, MAP_FAILED);
  for (long i = 0; i < pages; ++i) static_cast<volatile char*>(memory)[i * page] = 1;
  ::munmap(memory, pages * page);
}

std::vector<CounterValue> count_touching(PerfCounters& counters, long pages) {
  counters.start();
  touch_fresh_pages(pages);
  counters.stop();
  return counters.read();
}

const EventStatus& status_of(const PerfCounters& counters, const std::string& name) {
  for (const EventStatus& e : counters.events())
    if (e.name == name) return e;
  throw std::runtime_error("no event " + name);
}

// Kernels without a hardware PMU (these VMs) answer ENOENT.
int kernel_without_pmu(perf_event_attr& attr, int group_fd) {
  return is_hardware(attr) ? -ENOENT : open_perf_event(attr, group_fd);
}

// perf_event_paranoid = 3 for hardware, = 2 for software.
int paranoid_kernel(perf_event_attr& attr, int group_fd) {
  return is_hardware(attr) || !attr.exclude_kernel ? -EACCES : open_perf_event(attr, group_fd);
}

// A PMU without LLC-LOAD-MISSES; its other events are played by the page
// fault counter, so their counts are known.
int pmu_without_llc_misses(perf_event_attr& attr, int group_fd) {
  if (attr.type == PERF_TYPE_HW_CACHE &&
      attr.config == cache_event(PERF_COUNT_HW_CACHE_LL, PERF_COUNT_HW_CACHE_OP_READ, PERF_COUNT_HW_CACHE_RESULT_MISS))
    return -ENOENT;
  if (is_hardware(attr)) {
    attr.type = PERF_TYPE_SOFTWARE;
    attr.config = PERF_COUNT_SW_PAGE_FAULTS;
  }
  return open_perf_event(attr, group_fd);
}

TEST(PerfEvents, Libpfm4EncodesEveryHardwareEventWithoutAPmu) {
  using namespace std::string_literals;
  const std::map<std::string, std::pair<std::uint32_t, std::uint64_t>> expected{
      {"perf::L1-DCACHE-LOADS"s,
       {PERF_TYPE_HW_CACHE,
        cache_event(PERF_COUNT_HW_CACHE_L1D, PERF_COUNT_HW_CACHE_OP_READ, PERF_COUNT_HW_CACHE_RESULT_ACCESS)}},
      {"perf::L1-DCACHE-LOAD-MISSES"s,
       {PERF_TYPE_HW_CACHE,
        cache_event(PERF_COUNT_HW_CACHE_L1D, PERF_COUNT_HW_CACHE_OP_READ, PERF_COUNT_HW_CACHE_RESULT_MISS)}},
      {"perf::INSTRUCTIONS"s, {PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS}},
      {"perf::CYCLES"s, {PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES}},
      {"perf::LLC-LOAD-MISSES"s,
       {PERF_TYPE_HW_CACHE,
        cache_event(PERF_COUNT_HW_CACHE_LL, PERF_COUNT_HW_CACHE_OP_READ, PERF_COUNT_HW_CACHE_RESULT_MISS)}},
      {"perf::DTLB-LOAD-MISSES"s,
       {PERF_TYPE_HW_CACHE,
        cache_event(PERF_COUNT_HW_CACHE_DTLB, PERF_COUNT_HW_CACHE_OP_READ, PERF_COUNT_HW_CACHE_RESULT_MISS)}},
  };
  ASSERT_EQ(kHardwareEvents.size(), expected.size());
  for (const HardwareEvent& event : kHardwareEvents) {
    const EncodedEvent encoded = encode_hardware_event(std::string(event.pfm_name));
    ASSERT_TRUE(encoded.attr) << event.pfm_name << ": " << encoded.error;
    const auto [type, config] = expected.at(std::string(event.pfm_name));
    EXPECT_EQ(encoded.attr->type, type) << event.pfm_name;
    EXPECT_EQ(encoded.attr->config, config) << event.pfm_name;
    EXPECT_TRUE(encoded.attr->exclude_kernel) << event.pfm_name;  // user mode only
    // exclude_hv is not asserted: libpfm4 sets it only where the PMU can
    // tell hypervisor mode apart (AMD's can; Intel's cannot, so it stays 0).
    EXPECT_FALSE(encoded.attr->exclude_user) << event.pfm_name;
  }
}

TEST(PerfEvents, UnknownNameIsAnEncodingErrorWithLibpfm4sReason) {
  const EncodedEvent encoded = encode_hardware_event("perf::NO-SUCH-EVENT");
  EXPECT_FALSE(encoded.attr);
  EXPECT_NE(encoded.error.find("event not found"), std::string::npos) << encoded.error;
}

TEST(PerfCounters, SoftwareGroupCountsFaultsOfFreshPages) {
  constexpr long kPages = 256;
  PerfCounters counters;
  const auto values = count_touching(counters, kPages);
  EXPECT_GE(find_counter(values, "page_faults").value_or(0), kPages);
  EXPECT_GE(find_counter(values, "minor_faults").value_or(0), kPages);
  EXPECT_EQ(find_counter(values, "major_faults").value_or(-1), 0);  // nothing read from disk
  EXPECT_GT(find_counter(values, "task_clock_ns").value_or(0), 0);
}

TEST(PerfCounters, WithoutAPmuHardwareIsReportedUnavailableAndAbsent) {
  PerfCounters counters(kernel_without_pmu);
  ASSERT_TRUE(counters.hardware_unavailable());
  EXPECT_NE(counters.hardware_unavailable()->find("ENOENT"), std::string::npos) << *counters.hardware_unavailable();
  EXPECT_NE(counters.hardware_unavailable()->find("no PMU"), std::string::npos) << *counters.hardware_unavailable();
  for (const EventStatus& e : counters.events()) {
    EXPECT_EQ(e.counting, !e.hardware) << e.name;
    if (e.hardware) {
      EXPECT_TRUE(e.attr) << e.name;  // encoded, then refused by the kernel
      EXPECT_EQ(e.refused_errno, ENOENT) << e.name;
    }
  }
  const auto values = count_touching(counters, 16);
  for (const HardwareEvent& e : kHardwareEvents) EXPECT_FALSE(find_counter(values, e.name)) << e.name;
  EXPECT_FALSE(find_counter(values, "l1d_miss_rate"));
  EXPECT_GE(find_counter(values, "page_faults").value_or(0), 16);
}

TEST(PerfCounters, ParanoidKernelGivesTheReasonAndUserModeSoftwareCounts) {
  PerfCounters counters(paranoid_kernel);
  ASSERT_TRUE(counters.hardware_unavailable());
  EXPECT_NE(counters.hardware_unavailable()->find("perf_event_paranoid"), std::string::npos)
      << *counters.hardware_unavailable();
  const EventStatus& switches = status_of(counters, "context_switches");
  EXPECT_FALSE(switches.counting);
  EXPECT_NE(switches.unavailable_reason.find("only in kernel mode"), std::string::npos) << switches.unavailable_reason;
  const EventStatus& faults = status_of(counters, "page_faults");
  EXPECT_TRUE(faults.counting);
  EXPECT_TRUE(faults.attr->exclude_kernel);

  const auto values = count_touching(counters, 16);
  EXPECT_FALSE(find_counter(values, "context_switches"));  // absent, not 0
  EXPECT_GE(find_counter(values, "page_faults").value_or(0), 16);
}

TEST(PerfCounters, AnEventTheKernelRefusesIsDroppedAndTheRestCount) {
  PerfCounters counters(pmu_without_llc_misses);
  EXPECT_FALSE(counters.hardware_unavailable());
  const EventStatus& llc = status_of(counters, "llc_load_misses");
  EXPECT_TRUE(llc.attr);
  EXPECT_FALSE(llc.counting);
  EXPECT_EQ(llc.refused_errno, ENOENT);
  EXPECT_NE(llc.unavailable_reason.find("ENOENT"), std::string::npos) << llc.unavailable_reason;

  constexpr long kPages = 32;
  const auto values = count_touching(counters, kPages);
  EXPECT_FALSE(find_counter(values, "llc_load_misses"));
  // Loads and misses both count the same page faults: the rate is exactly 1.
  EXPECT_GE(find_counter(values, "l1d_loads").value_or(0), kPages);
  EXPECT_EQ(find_counter(values, "l1d_miss_rate"), 1.0);
  EXPECT_TRUE(find_counter(values, "dtlb_load_misses"));
}

TEST(ScaleCount, ScalesByEnabledOverRunningTime) {
  EXPECT_EQ(scale_count(1000, 500, 500), 1000.0);            // ran the whole time
  EXPECT_EQ(scale_count(1000, 400, 100), 4000.0);            // ran a quarter of the time
  EXPECT_EQ(scale_count(1000, 300, 200), 1500.0);
  EXPECT_EQ(scale_count(std::uint64_t{1} << 60, 3, 1), 3.0 * static_cast<double>(std::uint64_t{1} << 60));  // no overflow
  EXPECT_EQ(scale_count(1000, 99, 100), 1000.0);             // running a little past enabled: clock skew
  EXPECT_EQ(scale_count(0, 400, 0), std::nullopt);           // enabled but never scheduled
  EXPECT_EQ(scale_count(0, 0, 0), std::nullopt);             // never enabled
}

}  // namespace
}  // namespace midiarena
