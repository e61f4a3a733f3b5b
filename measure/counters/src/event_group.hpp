// One perf_event_open group of the calling thread: the first event added
// leads and the others follow it, so the kernel schedules them together or
// not at all, and one read() returns every count with the group's
// time_enabled and time_running.
#pragma once

#include <cstdint>
#include <vector>

#include "midiarena/perf_counters.hpp"

namespace midiarena {

class EventGroup {
 public:
  EventGroup() = default;
  EventGroup(EventGroup&& other) noexcept;
  EventGroup& operator=(EventGroup&& other) noexcept;
  ~EventGroup();

  // 0, or the errno the kernel refused the event with (it is then not added).
  int add(perf_event_attr attr, PerfEventOpen open);
  std::size_t size() const { return fds_.size(); }

  void start();  // reset all counts to 0 and enable
  void stop();

  struct Reading {
    std::vector<std::uint64_t> counts;  // in the order the events were added
    std::uint64_t time_enabled = 0;
    std::uint64_t time_running = 0;
  };
  Reading read() const;

 private:
  void close_all();
  std::vector<int> fds_;
};

}  // namespace midiarena
