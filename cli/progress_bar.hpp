// A one-line progress bar for long batches, on stderr:
//   [##########..........]  512/1000  51 %  1234.5 files/s
// Drawn by its own thread a few times a second, so workers only bump a
// counter. Only when stderr is a terminal: piped or redirected, it writes
// nothing. The line is cleared when the bar is destroyed.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <thread>

namespace midiarena::cli {

class ProgressBar {
 public:
  explicit ProgressBar(std::size_t total);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // One more item done; safe from any thread.
  void advance() { done_.fetch_add(1, std::memory_order_relaxed); }

 private:
  void draw() const;

  std::size_t total_;
  std::atomic<std::size_t> done_{0};
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::jthread painter_;  // not started when stderr is not a terminal
};

}  // namespace midiarena::cli
