// The events the measurement harness counts, and how each becomes a
// perf_event_attr: hardware events by their libpfm4 name (so the same names
// work on every CPU libpfm4 knows), software events by their
// PERF_TYPE_SOFTWARE number, which needs no PMU and works inside VMs.
#pragma once

#include <linux/perf_event.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace midiarena {

struct HardwareEvent {
  std::string_view name;      // result key
  std::string_view pfm_name;  // libpfm4's name (`showevtinfo` lists them)
};

// Ordered by importance: when the group has more events than the PMU has
// free counters, the last ones are dropped first (see perf_counters.hpp).
inline constexpr std::array<HardwareEvent, 6> kHardwareEvents{{
    {"l1d_loads", "perf::L1-DCACHE-LOADS"},
    {"l1d_load_misses", "perf::L1-DCACHE-LOAD-MISSES"},
    {"instructions", "perf::INSTRUCTIONS"},
    {"cycles", "perf::CYCLES"},
    {"llc_load_misses", "perf::LLC-LOAD-MISSES"},
    {"dtlb_load_misses", "perf::DTLB-LOAD-MISSES"},
}};

struct SoftwareEvent {
  std::string_view name;         // result key
  std::string_view kernel_name;  // the PERF_COUNT_SW_* constant's name
  std::uint64_t config;
  // The kernel raises the event from kernel code, so a user-mode-only count
  // is always 0: such an event is left out rather than reported as zero.
  bool kernel_mode_only;
};

inline constexpr std::array<SoftwareEvent, 5> kSoftwareEvents{{
    {"page_faults", "PERF_COUNT_SW_PAGE_FAULTS", PERF_COUNT_SW_PAGE_FAULTS, false},
    {"minor_faults", "PERF_COUNT_SW_PAGE_FAULTS_MIN", PERF_COUNT_SW_PAGE_FAULTS_MIN, false},
    {"major_faults", "PERF_COUNT_SW_PAGE_FAULTS_MAJ", PERF_COUNT_SW_PAGE_FAULTS_MAJ, false},
    {"context_switches", "PERF_COUNT_SW_CONTEXT_SWITCHES", PERF_COUNT_SW_CONTEXT_SWITCHES, true},
    {"task_clock_ns", "PERF_COUNT_SW_TASK_CLOCK", PERF_COUNT_SW_TASK_CLOCK, false},
}};

struct EncodedEvent {
  std::optional<perf_event_attr> attr;  // nullopt when libpfm4 cannot encode the name
  std::string error;                    // libpfm4's reason then
};

// The perf_event_attr libpfm4 gives for `pfm_name`, counting user mode only
// (exclude_kernel set; exclude_hv too where the PMU has a hypervisor level).
// Needs no PMU: encoding is table work.
EncodedEvent encode_hardware_event(const std::string& pfm_name);

// A software event's attr; `user_mode_only` sets exclude_kernel.
perf_event_attr software_event_attr(const SoftwareEvent& event, bool user_mode_only);

}  // namespace midiarena
