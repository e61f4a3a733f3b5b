#include "worker_peer.hpp"

#include <fcntl.h>

#include <boost/process.hpp>
#include <nlohmann/json.hpp>
#include <set>

namespace midiarena::peers {
namespace {

namespace bp = boost::process;
using nlohmann::json;

bp::child start(const WorkerCommand& command, bp::opstream& to, bp::ipstream& from) {
  boost::filesystem::path program = command.program;
  if (command.program.find('/') == std::string::npos) {
    program = bp::search_path(command.program);
    if (program.empty()) throw std::runtime_error(command.program + " is not on PATH (scripts/setup.sh installs it)");
  }
  bp::environment env = boost::this_process::environment();
  for (const auto& [key, value] : command.env) env[key] = value;
  // Our ends of the pipes stay ours: a worker started later must not inherit
  // them, or closing our end of this one's stdin would not end its input.
  for (const int fd : {to.pipe().native_sink(), from.pipe().native_source()})
    if (::fcntl(fd, F_SETFD, ::fcntl(fd, F_GETFD) | FD_CLOEXEC) != 0)
      throw std::system_error(errno, std::generic_category(), "fcntl");
  return bp::child(program, bp::args(command.args), bp::std_in<to, bp::std_out> from, env);
}

class WorkerPeer final : public Peer {
 public:
  WorkerPeer(std::string name, const WorkerCommand& command, bool slow)
      : name_(std::move(name)), slow_(slow), worker_(start(command, to_, from_)) {
    const json hello = answer();
    version_ = hello.at("library").get<std::string>() + " " + hello.at("version").get<std::string>() + " (" +
               hello.at("runtime").get<std::string>() + ")";
  }
  ~WorkerPeer() override {
    to_.pipe().close();  // end of input: the worker exits
    worker_.wait();
  }

  std::string_view name() const override { return name_; }
  std::string version() override { return version_; }
  bool in_process() const override { return false; }
  bool slow() const override { return slow_; }

  std::uint64_t parse_and_free(Bytes file) override {
    const json reply = ask({{"op", "parse"}}, std::span(&file, 1));
    if (reply.contains("error")) throw PeerRejected(reply["error"].get<std::string>());
    return reply.at("events").get<std::uint64_t>();
  }

  TimedPass timed_pass(const std::string& corpus, std::span<const Bytes> files) override {
    if (loaded_.insert(corpus).second) ask({{"op", "load"}, {"corpus", corpus}}, files);
    const json reply = ask({{"op", "time"}, {"corpus", corpus}}, {});
    TimedPass pass{static_cast<double>(reply.at("ns").get<std::uint64_t>()) * 1e-9, {}};
    if (reply.contains("counters"))
      for (const auto& [counter, value] : reply["counters"].items()) pass.counters.emplace_back(counter, value.get<double>());
    return pass;
  }

 private:
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
    if (!std::getline(from_, line)) throw std::runtime_error("the " + name_ + " worker ended (its stderr says why)");
    return json::parse(line);
  }

  std::string name_;
  bool slow_;
  bp::opstream to_;
  bp::ipstream from_;
  bp::child worker_;
  std::string version_;
  std::set<std::string> loaded_;
};

}  // namespace

std::unique_ptr<Peer> make_worker_peer(std::string name, const WorkerCommand& command, bool slow) {
  return std::make_unique<WorkerPeer>(std::move(name), command, slow);
}

}  // namespace midiarena::peers
