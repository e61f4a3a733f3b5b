// A peer that runs in a worker process and times itself: python3-mido in
// Python (mido_worker.py), midi-file and @tonejs/midi in Node.js
// (js/node_worker.js). Every worker speaks the same protocol over its stdin
// and stdout. A request is one JSON line, followed by the bytes of the files
// it carries, back to back, their lengths in "sizes"; every answer is one
// JSON line:
//
//   (unasked, at start)                          {"library": l, "version": v, "runtime": "Python 3.11.2"}
//   {"op": "parse", "sizes": [n]} + one file     {"events": e} or {"error": "why"}
//   {"op": "load", "corpus": c, "sizes": [...]}  {"files": k}; keeps them as corpus c
//   {"op": "time", "corpus": c, "sizes": []}     {"ns": t, "counters": {name: value, ...}}
//
// `parse` is the untimed check of one file; `time` one timed pass over a
// loaded corpus, every file parsed and dropped, timed by the worker around
// the pass, so the pipe and the JSON are outside the interval; "counters"
// (optional) are what else it measured per pass, such as cpu_ms, its CPU
// time in the pass, which a busy machine does not inflate. The worker
// exits at the end of its input.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "peer.hpp"

namespace midiarena::peers {

struct WorkerCommand {
  std::string program;  // a path, or a name looked up on PATH
  std::vector<std::string> args;
  std::vector<std::pair<std::string, std::string>> env;  // set on top of ours
};

// Starts the worker and reads its greeting; throws std::runtime_error if it
// does not start or does not greet. `name` is the peer's benchmark name;
// `slow` as Peer::slow.
std::unique_ptr<Peer> make_worker_peer(std::string name, const WorkerCommand& command, bool slow);

}  // namespace midiarena::peers
