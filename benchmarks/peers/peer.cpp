#include "peer.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <system_error>

namespace midiarena::peers {
namespace {

// The child's answer on the pipe: "ok <events>" or "no <why>".
std::string answer_of(Peer& peer, Bytes file) {
  try {
    return "ok " + std::to_string(peer.parse_and_free(file));
  } catch (const std::exception& e) {
    return std::string("no ") + e.what();
  }
}

void write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(fd, text.data(), text.size());
    if (n <= 0) return;  // the parent reads what arrived
    text.remove_prefix(static_cast<std::size_t>(n));
  }
}

std::string read_all(int fd) {
  std::string text;
  char buffer[4096];
  for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0;) text.append(buffer, static_cast<std::size_t>(n));
  return text;
}

FileOutcome read(std::uint64_t events) { return {events, {}}; }
FileOutcome rejected(std::string why) { return {0, std::move(why)}; }

FileOutcome outcome_of(const std::string& answer, int status) {
  if (WIFSIGNALED(status)) return rejected(std::string("crashed: ") + ::strsignal(WTERMSIG(status)));
  if (answer.starts_with("ok ")) return read(std::stoull(answer.substr(3)));
  if (answer.starts_with("no ")) return rejected(answer.substr(3));
  return rejected("exited with status " + std::to_string(WEXITSTATUS(status)) + " before answering");
}

}  // namespace

TimedPass Peer::timed_pass(const std::string&, std::span<const Bytes>) {
  throw std::logic_error("bench_peers times in-process peers itself");
}

FileOutcome check_file(Peer& peer, Bytes file) {
  if (!peer.in_process()) {
    try {
      return read(peer.parse_and_free(file));
    } catch (const PeerRejected& e) {
      return rejected(e.what());
    }
  }
  int fds[2];
  if (::pipe(fds) != 0) throw std::system_error(errno, std::generic_category(), "pipe");
  std::fflush(nullptr);  // nothing buffered is written twice
  const pid_t child = ::fork();
  if (child < 0) throw std::system_error(errno, std::generic_category(), "fork");
  if (child == 0) {
    ::close(fds[0]);
    write_all(fds[1], answer_of(peer, file));
    ::_exit(0);  // no destructors, no atexit: the parent owns all of that
  }
  ::close(fds[1]);
  const std::string answer = read_all(fds[0]);
  ::close(fds[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  return outcome_of(answer, status);
}

}  // namespace midiarena::peers
