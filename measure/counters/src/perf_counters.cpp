#include "midiarena/perf_counters.hpp"

#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <span>
#include <utility>

#include "event_group.hpp"

namespace midiarena {

struct PerfCounters::Group {
  EventGroup events;
  std::vector<std::size_t> members;  // indices into events_, in the group's order
};

int open_perf_event(perf_event_attr& attr, int group_fd) {
  const long fd = ::syscall(SYS_perf_event_open, &attr, 0, -1, group_fd, PERF_FLAG_FD_CLOEXEC);
  return fd < 0 ? -errno : static_cast<int>(fd);
}

std::optional<int> perf_event_paranoid() {
  std::ifstream file("/proc/sys/kernel/perf_event_paranoid");
  int level = 0;
  if (file >> level) return level;
  return std::nullopt;
}

std::optional<double> scale_count(std::uint64_t count, std::uint64_t time_enabled, std::uint64_t time_running) {
  if (time_running == 0) return std::nullopt;
  if (time_running >= time_enabled) return static_cast<double>(count);
  return static_cast<double>(count) * (static_cast<double>(time_enabled) / static_cast<double>(time_running));
}

std::optional<double> find_counter(const std::vector<CounterValue>& values, std::string_view name) {
  const auto it = std::find_if(values.begin(), values.end(), [&](const CounterValue& v) { return v.name == name; });
  if (it == values.end()) return std::nullopt;
  return it->value;
}

namespace {

bool is_permission_error(int err) { return err == EACCES || err == EPERM; }

// Why the kernel refused an event, in words one can act on.
std::string describe_refusal(int err) {
  const char* name = strerrorname_np(err);
  std::string what = std::string("perf_event_open: ") + (name ? name : "errno " + std::to_string(err)) + " (" +
                     std::strerror(err) + ")";
  switch (err) {
    case ENOENT:
    case ENODEV:
    case EOPNOTSUPP:
      return what + ": the kernel exposes no PMU that counts this event (usual in a VM without a virtual PMU)";
    case EACCES:
    case EPERM: {
      const auto level = perf_event_paranoid();
      return what + ": kernel.perf_event_paranoid is " + (level ? std::to_string(*level) : "unreadable") +
             "; counting one's own process needs <= 2 for user mode, <= 1 with kernel mode, or CAP_PERFMON";
    }
    case EINVAL:
      return what + ": the kernel rejects this event's attributes";
    case EBUSY:
      return what + ": the PMU is in exclusive use by another process";
    case EMFILE:
    case ENFILE:
      return what + ": out of file descriptors";
    case ENOSYS:
      return what + ": this kernel has no perf events (CONFIG_PERF_EVENTS off, or a seccomp filter)";
    default:
      return what;
  }
}

// Adds each candidate to `group` in order; the kernel's refusals are
// recorded in `events`. Returns the candidates the kernel accepted.
std::vector<std::size_t> add_all(EventGroup& group, std::vector<EventStatus>& events,
                                 std::span<const std::size_t> candidates, PerfEventOpen open) {
  std::vector<std::size_t> accepted;
  for (std::size_t i : candidates) {
    EventStatus& event = events[i];
    event.refused_errno = group.add(*event.attr, open);
    if (event.refused_errno == 0)
      accepted.push_back(i);
    else
      event.unavailable_reason = describe_refusal(event.refused_errno);
  }
  return accepted;
}

// Enabled for an instant, did the group get onto the PMU? A group with
// more events than free counters never does.
bool gets_scheduled(EventGroup& group) {
  group.start();
  group.stop();
  return group.read().time_running > 0;
}

// One line for the hardware events when none counts.
std::string summarize(std::span<const EventStatus> hardware) {
  const std::string& first = hardware.front().unavailable_reason;
  if (std::all_of(hardware.begin(), hardware.end(), [&](const EventStatus& e) { return e.unavailable_reason == first; }))
    return first + " [all " + std::to_string(hardware.size()) + " hardware events]";
  std::string summary;
  for (const EventStatus& e : hardware) summary += (summary.empty() ? "" : "; ") + e.source + ": " + e.unavailable_reason;
  return summary;
}

}  // namespace

PerfCounters::PerfCounters(PerfEventOpen open) {
  open_hardware(open);
  open_software(open);
  for (const Group& group : groups_)
    for (std::size_t i : group.members) {
      events_[i].counting = true;
      events_[i].unavailable_reason.clear();
    }
}

PerfCounters::PerfCounters(PerfCounters&&) noexcept = default;
PerfCounters& PerfCounters::operator=(PerfCounters&&) noexcept = default;
PerfCounters::~PerfCounters() = default;

void PerfCounters::open_hardware(PerfEventOpen open) {
  std::vector<std::size_t> candidates;
  for (const HardwareEvent& e : kHardwareEvents) {
    EncodedEvent encoded = encode_hardware_event(std::string(e.pfm_name));
    EventStatus& event = events_.emplace_back();
    event.name = e.name;
    event.source = e.pfm_name;
    event.hardware = true;
    event.attr = encoded.attr;
    event.unavailable_reason = encoded.error;
    if (encoded.attr) candidates.push_back(events_.size() - 1);
  }
  Group group;
  group.members = add_all(group.events, events_, candidates, open);
  while (!group.members.empty() && !gets_scheduled(group.events)) {
    events_[group.members.back()].unavailable_reason =
        "dropped: with it the hardware group never got onto the PMU (more events than free counters)";
    candidates.assign(group.members.begin(), group.members.end() - 1);
    group = Group{};
    group.members = add_all(group.events, events_, candidates, open);
  }
  if (group.members.empty())
    hardware_unavailable_ = summarize(std::span(events_).first(kHardwareEvents.size()));
  else
    groups_.push_back(std::move(group));
}

void PerfCounters::open_software(PerfEventOpen open) {
  // Kernel mode too where allowed: faults taken inside system calls (a read()
  // into fresh pages) are part of the cost, and context switches are seen
  // only there. Where perf_event_paranoid forbids it, count user mode only.
  const std::size_t first = events_.size();
  std::vector<std::size_t> candidates;
  for (const SoftwareEvent& e : kSoftwareEvents) {
    EventStatus& event = events_.emplace_back();
    event.name = e.name;
    event.source = e.kernel_name;
    event.attr = software_event_attr(e, /*user_mode_only=*/false);
    candidates.push_back(events_.size() - 1);
  }
  Group group;
  group.members = add_all(group.events, events_, candidates, open);
  if (group.members.empty() && is_permission_error(events_[first].refused_errno)) {
    const std::string denied = events_[first].unavailable_reason;
    candidates.clear();
    for (std::size_t k = 0; k < kSoftwareEvents.size(); ++k) {
      EventStatus& event = events_[first + k];
      event.attr = software_event_attr(kSoftwareEvents[k], /*user_mode_only=*/true);
      if (kSoftwareEvents[k].kernel_mode_only)
        event.unavailable_reason = "counted only in kernel mode, which is denied: " + denied;
      else
        candidates.push_back(first + k);
    }
    group.members = add_all(group.events, events_, candidates, open);
  }
  if (!group.members.empty()) groups_.push_back(std::move(group));
}

void PerfCounters::start() {
  for (Group& group : groups_) group.events.start();
}

void PerfCounters::stop() {
  for (Group& group : groups_) group.events.stop();
}

std::vector<CounterValue> PerfCounters::read() const {
  std::vector<CounterValue> values;
  for (const Group& group : groups_) {
    const EventGroup::Reading reading = group.events.read();
    for (std::size_t k = 0; k < group.members.size(); ++k)
      if (auto value = scale_count(reading.counts[k], reading.time_enabled, reading.time_running))
        values.push_back({events_[group.members[k]].name, *value});
  }
  const auto loads = find_counter(values, "l1d_loads");
  const auto misses = find_counter(values, "l1d_load_misses");
  if (loads && misses && *loads > 0) values.push_back({"l1d_miss_rate", *misses / *loads, /*ratio=*/true});
  return values;
}

}  // namespace midiarena
