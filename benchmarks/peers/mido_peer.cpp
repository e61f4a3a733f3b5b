// python3-mido (Debian), the Python reference parser of the differential
// tests, measured in a persistent worker (scripts/midiarena_tools/mido_worker.py,
// which documents the protocol): the files are sent to it once, then each
// timed pass is one request, and the worker times the parses itself with
// time.perf_counter_ns, so the pipe and the JSON are outside the interval.
#include <boost/process.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "peer.hpp"

#ifndef MIDIARENA_PYTHON
#error "CMake names the Python with Debian's mido"
#endif

namespace midiarena::peers {
namespace {

namespace bp = boost::process;
using nlohmann::json;

class MidoPeer final : public Peer {
 public:
  MidoPeer()
      : worker_(MIDIARENA_PYTHON, "-m", "midiarena_tools.mido_worker", bp::std_in<to_, bp::std_out> from_,
                bp::env["PYTHONPATH"] = MIDIARENA_SCRIPTS_DIR) {
    const json hello = answer();
    version_ = "python3-mido " + hello.at("version").get<std::string>() + " (Python " +
               hello.at("python").get<std::string>() + ")";
  }
  ~MidoPeer() override {
    to_.pipe().close();  // end of input: the worker exits
    worker_.wait();
  }

  std::string_view name() const override { return "mido"; }
  std::string version() override { return version_; }
  bool in_process() const override { return false; }

  std::uint64_t parse_and_free(Bytes file) override {
    const json reply = ask({{"op", "parse"}}, std::span(&file, 1));
    if (reply.contains("error")) throw PeerRejected(reply["error"].get<std::string>());
    return reply.at("events").get<std::uint64_t>();
  }

  double timed_pass(const std::string& corpus, std::span<const Bytes> files) override {
    if (loaded_.insert(corpus).second) ask({{"op", "load"}, {"corpus", corpus}}, files);
    return static_cast<double>(ask({{"op", "time"}, {"corpus", corpus}}, {}).at("ns").get<std::uint64_t>()) * 1e-9;
  }

 private:
  // One request: a JSON line, then the files' bytes back to back.
  json ask(json request, std::span<const Bytes> files) {
    json sizes = json::array();
    for (const Bytes file : files) sizes.push_back(file.size());
    request["sizes"] = std::move(sizes);
    to_ << request.dump() << '\n';
    for (const Bytes file : files)
      to_.write(reinterpret_cast<const char*>(file.data()), static_cast<std::streamsize>(file.size()));
    to_.flush();
    return answer();
  }

  json answer() {
    std::string line;
    if (!std::getline(from_, line)) throw std::runtime_error("the mido worker ended (its stderr says why)");
    return json::parse(line);
  }

  bp::opstream to_;
  bp::ipstream from_;
  bp::child worker_;
  std::string version_;
  std::set<std::string> loaded_;
};

}  // namespace

std::unique_ptr<Peer> make_mido_peer() { return std::make_unique<MidoPeer>(); }

}  // namespace midiarena::peers
