// The JavaScript parsers a web developer would pick, midi-file and
// @tonejs/midi (npm, versions pinned in js/package-lock.json and installed
// by scripts/setup.sh into js/node_modules), in a persistent Node.js worker
// each (js/node_worker.js) that times itself with process.hrtime.bigint()
// (worker_peer.hpp).
#include "worker_peer.hpp"

#if !defined(MIDIARENA_NODE) || !defined(MIDIARENA_PEERS_DIR)
#error "CMake names Node.js (or \"node\", to look it up on PATH) and this directory"
#endif

namespace midiarena::peers {
namespace {

// --expose-gc: the worker collects each pass's garbage between passes.
std::unique_ptr<Peer> make_node_peer(const std::string& library) {
  return make_worker_peer(library, {MIDIARENA_NODE, {"--expose-gc", MIDIARENA_PEERS_DIR "/js/node_worker.js", library}, {}},
                          false);
}

}  // namespace

std::unique_ptr<Peer> make_midi_file_peer() { return make_node_peer("midi-file"); }
std::unique_ptr<Peer> make_tonejs_midi_peer() { return make_node_peer("@tonejs/midi"); }

}  // namespace midiarena::peers
