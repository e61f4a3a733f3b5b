// python3-mido (Debian), the Python reference parser of the differential
// tests, in a persistent worker (mido_worker.py beside this file) that times
// itself with time.perf_counter_ns (worker_peer.hpp).
#include "worker_peer.hpp"

#if !defined(MIDIARENA_PYTHON) || !defined(MIDIARENA_PEERS_DIR)
#error "CMake names the Python with Debian's mido and this directory"
#endif

namespace midiarena::peers {

// mido parses about a hundred times slower than we do: slow.
std::unique_ptr<Peer> make_mido_peer() {
  return make_worker_peer("mido", {MIDIARENA_PYTHON, {MIDIARENA_PEERS_DIR "/mido_worker.py"}, {}}, true);
}

}  // namespace midiarena::peers
