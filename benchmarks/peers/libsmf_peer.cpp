// libsmf (Debian libsmf-dev), the C library jack-smf-utils and others use:
// smf_load_from_memory builds an smf_t of glib arrays of smf_event_t, each
// with its own malloc'd MIDI bytes, then a tempo map and every event's time
// in seconds; smf_delete frees it all.
//
// libsmf reports problems through glib's log (domain "libsmf", g_critical /
// g_warning), which prints to stderr, and on some of them truncates the track
// and still returns the file. A log handler collects those messages while it
// parses, and any of them rejects the file.
#include <glib.h>  // before smf.h, which includes it inside extern "C"
#include <smf.h>

#include <climits>

#include "peer.hpp"

namespace midiarena::peers {
namespace {

class LibSmfPeer final : public Peer {
 public:
  LibSmfPeer()
      : handler_(g_log_set_handler("libsmf",
                                   static_cast<GLogLevelFlags>(G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL |
                                                               G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE |
                                                               G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION),
                                   collect, &complaints_)) {}
  ~LibSmfPeer() override { g_log_remove_handler("libsmf", handler_); }

  std::string_view name() const override { return "libsmf"; }
  std::string version() override { return std::string("libsmf ") + smf_get_version(); }

  std::uint64_t parse_and_free(Bytes file) override {
    if (file.size() > INT_MAX) throw PeerRejected("larger than smf_load_from_memory's int length");
    complaints_.clear();
    smf_t* smf = smf_load_from_memory(file.data(), static_cast<int>(file.size()));
    if (!smf) throw PeerRejected(complaints_.empty() ? "smf_load_from_memory failed" : complaints_);
    std::uint64_t events = 0;
    for (int t = 1; t <= smf->number_of_tracks; ++t)
      events += static_cast<std::uint64_t>(smf_get_track_by_number(smf, t)->number_of_events);
    smf_delete(smf);
    if (!complaints_.empty()) throw PeerRejected(complaints_);
    return events;
  }

 private:
  static void collect(const gchar*, GLogLevelFlags, const gchar* message, gpointer complaints) {
    auto& text = *static_cast<std::string*>(complaints);
    text += (text.empty() ? "" : "; ") + std::string(message);
  }

  std::string complaints_;
  guint handler_;
};

}  // namespace

std::unique_ptr<Peer> make_libsmf_peer() { return std::make_unique<LibSmfPeer>(); }

}  // namespace midiarena::peers
