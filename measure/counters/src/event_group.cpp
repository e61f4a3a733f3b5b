#include "event_group.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>
#include <utility>

namespace midiarena {

EventGroup::EventGroup(EventGroup&& other) noexcept : fds_(std::exchange(other.fds_, {})) {}

EventGroup& EventGroup::operator=(EventGroup&& other) noexcept {
  close_all();
  fds_ = std::exchange(other.fds_, {});
  return *this;
}

EventGroup::~EventGroup() { close_all(); }

void EventGroup::close_all() {
  for (int fd : fds_) ::close(fd);
  fds_.clear();
}

int EventGroup::add(perf_event_attr attr, PerfEventOpen open) {
  attr.size = sizeof(attr);
  attr.read_format = PERF_FORMAT_GROUP | PERF_FORMAT_TOTAL_TIME_ENABLED | PERF_FORMAT_TOTAL_TIME_RUNNING;
  const bool leader = fds_.empty();
  attr.disabled = leader;  // members follow the leader's enable/disable
  const int fd = open(attr, leader ? -1 : fds_.front());
  if (fd < 0) return -fd;
  fds_.push_back(fd);
  return 0;
}

void EventGroup::start() {
  if (fds_.empty()) return;
  ::ioctl(fds_.front(), PERF_EVENT_IOC_RESET, PERF_IOC_FLAG_GROUP);
  ::ioctl(fds_.front(), PERF_EVENT_IOC_ENABLE, PERF_IOC_FLAG_GROUP);
}

void EventGroup::stop() {
  if (fds_.empty()) return;
  ::ioctl(fds_.front(), PERF_EVENT_IOC_DISABLE, PERF_IOC_FLAG_GROUP);
}

EventGroup::Reading EventGroup::read() const {
  if (fds_.empty()) return {};
  // PERF_FORMAT_GROUP layout: nr, time_enabled, time_running, value[nr].
  std::vector<std::uint64_t> buffer(3 + fds_.size());
  const auto bytes = static_cast<ssize_t>(buffer.size() * sizeof(std::uint64_t));
  if (::read(fds_.front(), buffer.data(), static_cast<std::size_t>(bytes)) != bytes)
    throw std::system_error(errno, std::generic_category(), "read(perf event group)");
  return {{buffer.begin() + 3, buffer.end()}, buffer[1], buffer[2]};
}

}  // namespace midiarena
