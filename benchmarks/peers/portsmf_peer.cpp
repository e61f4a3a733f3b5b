// portSMF (Debian libportsmf-dev), Roger Dannenberg's Allegro library as
// Audacity uses it: Alg_seq(std::istream&, /*smf=*/true) reads the file into
// its own score model (notes with durations, controllers as named updates,
// a tempo map in beats), and ~Alg_seq frees it.
//
// portSMF reports problems with fprintf(stdout, "Midifile reader error: ...")
// and reads on (or stops, with get_read_error() set). That would land in the
// middle of Google Benchmark's JSON, so `stdout` points at a memory stream
// while it parses (glibc's stdout is an assignable variable) and whatever it
// wrote there rejects the file.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>  // allegro.h uses memcpy without including it
#include <streambuf>

#include <allegro.h>

#include "peer.hpp"

#ifndef MIDIARENA_PORTSMF_VERSION
#error "CMake bakes in the Debian version of libportsmf0"
#endif

namespace midiarena::peers {
namespace {

// An istream source over bytes already in memory: no copy.
class MemoryBuffer : public std::streambuf {
 public:
  explicit MemoryBuffer(Bytes bytes) {
    char* begin = const_cast<char*>(reinterpret_cast<const char*>(bytes.data()));  // read only
    setg(begin, begin, begin + bytes.size());
  }
};

class StdoutTo {
 public:
  explicit StdoutTo(FILE* file) : saved_(stdout) { stdout = file; }
  ~StdoutTo() { stdout = saved_; }
  StdoutTo(const StdoutTo&) = delete;
  StdoutTo& operator=(const StdoutTo&) = delete;

 private:
  FILE* saved_;
};

class PortSmfPeer final : public Peer {
 public:
  PortSmfPeer() : complaints_(::open_memstream(&complaint_text_, &complaint_size_)) {
    if (!complaints_) throw std::runtime_error("portsmf: open_memstream failed");
  }
  ~PortSmfPeer() override {
    std::fclose(complaints_);
    std::free(complaint_text_);
  }

  std::string_view name() const override { return "portsmf"; }
  std::string version() override { return "portSMF " MIDIARENA_PORTSMF_VERSION " (Debian libportsmf0)"; }

  std::uint64_t parse_and_free(Bytes file) override {
    MemoryBuffer buffer(file);
    std::istream in(&buffer);
    std::uint64_t events = 0;
    int error = 0;
    {
      const StdoutTo redirect(complaints_);
      Alg_seq seq(in, /*smf=*/true);
      error = seq.get_read_error();
      for (int t = 0; t < seq.tracks(); ++t) events += static_cast<std::uint64_t>(seq.track(t)->length());
    }
    if (std::ftell(complaints_) != 0 || error != alg_no_error) throw PeerRejected(complaint(error));
    return events;
  }

 private:
  std::string complaint(int error) {
    std::fflush(complaints_);
    std::string text(complaint_text_, complaint_size_);
    std::rewind(complaints_);
    while (!text.empty() && text.back() == '\n') text.pop_back();
    std::replace(text.begin(), text.end(), '\n', ';');
    if (error != alg_no_error) text += (text.empty() ? "" : "; ") + std::string("read error ") + std::to_string(error);
    return text;
  }

  FILE* complaints_;
  char* complaint_text_ = nullptr;
  std::size_t complaint_size_ = 0;
};

}  // namespace

std::unique_ptr<Peer> make_portsmf_peer() { return std::make_unique<PortSmfPeer>(); }

}  // namespace midiarena::peers
