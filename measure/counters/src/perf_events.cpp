#include "midiarena/perf_events.hpp"

// After <linux/perf_event.h>, so libpfm4 uses the kernel's definitions.
#include <perfmon/pfmlib_perf_event.h>

namespace midiarena {

EncodedEvent encode_hardware_event(const std::string& pfm_name) {
  static const int initialized = pfm_initialize();
  if (initialized != PFM_SUCCESS) return {std::nullopt, std::string("pfm_initialize: ") + pfm_strerror(initialized)};
  perf_event_attr attr{};
  pfm_perf_encode_arg_t arg{};
  arg.size = sizeof(arg);
  arg.attr = &attr;
  // PFM_PLM3 is user mode (ring 3) only: libpfm4 sets exclude_kernel, and
  // exclude_hv where the PMU can tell hypervisor mode apart (AMD, not Intel).
  const int status = pfm_get_os_event_encoding(pfm_name.c_str(), PFM_PLM3, PFM_OS_PERF_EVENT_EXT, &arg);
  if (status != PFM_SUCCESS) return {std::nullopt, std::string("libpfm4: ") + pfm_strerror(status)};
  return {attr, {}};
}

perf_event_attr software_event_attr(const SoftwareEvent& event, bool user_mode_only) {
  perf_event_attr attr{};
  attr.type = PERF_TYPE_SOFTWARE;
  attr.config = event.config;
  attr.exclude_kernel = user_mode_only;
  attr.exclude_hv = 1;
  return attr;
}

}  // namespace midiarena
