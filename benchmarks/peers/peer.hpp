// The Standard MIDI File parsers bench_peers compares ours with: in process,
// portsmf_peer.cpp and libsmf_peer.cpp; in a worker process that times
// itself (worker_peer.hpp), mido_peer.cpp and node_peers.cpp.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace midiarena::peers {

using Bytes = std::span<const std::uint8_t>;

// The peer refused a file, or complained while reading it (and so may have
// left part of it out).
class PeerRejected : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

// One pass of a self-timed peer over a corpus: the seconds it took as the
// peer measured them, and whatever else the worker measured with it (per pass).
struct TimedPass {
  double seconds = 0;
  std::vector<std::pair<std::string, double>> counters;
};

class Peer {
 public:
  virtual ~Peer() = default;
  virtual std::string_view name() const = 0;
  // The library's version, as it or its Debian package states it.
  virtual std::string version() = 0;
  // Parses one in-memory file and frees everything it built; returns the
  // events the peer saw (in its own model). Throws PeerRejected.
  virtual std::uint64_t parse_and_free(Bytes file) = 0;

  // An in-process peer is timed by bench_peers around parse_and_free. Another
  // (in a worker process) times itself: timed_pass parses and frees every
  // file of `files` once and returns the time that took as the peer measured
  // it; `corpus` names the set, so it is sent to the peer once.
  virtual bool in_process() const { return true; }
  virtual TimedPass timed_pass(const std::string& corpus, std::span<const Bytes> files);
  // So slow (mido) that bench_peers runs a fixed few iterations rather than
  // as many as --benchmark_min_time asks for.
  virtual bool slow() const { return false; }
};

// What a peer made of one file: the events it saw, or why not.
struct FileOutcome {
  std::uint64_t events = 0;
  std::string error;  // empty when the peer read the file
};

// parse_and_free of one file, for the untimed check. In-process peers run it
// in a forked child, so a peer that crashes on a file is reported as
// rejecting it ("crashed: Aborted") rather than ending the run.
FileOutcome check_file(Peer& peer, Bytes file);

std::unique_ptr<Peer> make_portsmf_peer();
std::unique_ptr<Peer> make_libsmf_peer();
// These throw std::runtime_error if the worker does not start.
std::unique_ptr<Peer> make_mido_peer();
std::unique_ptr<Peer> make_midi_file_peer();    // npm midi-file
std::unique_ptr<Peer> make_tonejs_midi_peer();  // npm @tonejs/midi

}  // namespace midiarena::peers
