#include "progress_bar.hpp"

#include <unistd.h>

#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>

#include <fmt/format.h>

namespace midiarena::cli {
namespace {

constexpr auto kRedrawInterval = std::chrono::milliseconds(200);
constexpr std::size_t kBarWidth = 30;
constexpr const char* kClearLine = "\r\033[K";

}  // namespace

ProgressBar::ProgressBar(std::size_t total) : total_(total) {
  if (!::isatty(STDERR_FILENO)) return;
  painter_ = std::jthread([this](std::stop_token stop) {
    std::mutex mutex;
    std::condition_variable_any wake;  // woken early only by the stop request
    std::unique_lock lock(mutex);
    do draw();
    while (!wake.wait_for(lock, stop, kRedrawInterval, [&stop] { return stop.stop_requested(); }));
  });
}

ProgressBar::~ProgressBar() {
  if (!painter_.joinable()) return;
  painter_.request_stop();
  painter_.join();
  std::fputs(kClearLine, stderr);
}

void ProgressBar::draw() const {
  const std::size_t done = done_.load(std::memory_order_relaxed);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double fraction = total_ != 0 ? static_cast<double>(done) / static_cast<double>(total_) : 1.0;
  const auto filled = static_cast<std::size_t>(fraction * kBarWidth);
  const std::string line = fmt::format("{}[{}{}] {}/{} {:3.0f} % {:.1f} files/s", kClearLine, std::string(filled, '#'),
                                       std::string(kBarWidth - filled, '.'), done, total_, 100 * fraction,
                                       seconds > 0 ? static_cast<double>(done) / seconds : 0.0);
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace midiarena::cli
