// The peers as bench_peers uses them: what each reads of a file, what it
// rejects, and the re-encoding that lets portSMF and libsmf read files with
// running status across meta events.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "midiarena/allocators/flat_vector.hpp"
#include "midiarena/dump.hpp"
#include "midiarena/smf_parser.hpp"
#include "midiarena/smf_writer.hpp"
#include "peer.hpp"
#include "rp001_encoding.hpp"

namespace midiarena::peers {
namespace {

// Two notes and a controller, the second note's events after a text meta
// event under running status, as real files (and our generator) write them:
// 8 events with End-of-Track.
std::vector<std::uint8_t> running_status_across_meta() {
  TrackWriter track;
  track.channel(0, 0x90, 60, 100)
      .channel(96, 0x90, 60, 0)
      .meta(0, 0x01, "verse")
      .channel(0, 0x90, 64, 100)  // 0x90 left out: running status across the meta event
      .channel(96, 0x90, 64, 0)
      .channel(0, 0xB0, 7, 90)
      .sysex(0, std::vector<std::uint8_t>{0x7E, 0x7F, 0x09, 0x01, 0xF7})
      .end_of_track();
  return SmfWriter(0, 96).track(track).bytes();
}

std::string dump_of(std::span<const std::uint8_t> file) {
  std::string out;
  dump(out, parse<FlatVector>(file));
  return out;
}

std::size_t running_status_across_meta_or_sysex(std::span<const std::uint8_t> file) {
  ParseReport report;
  parse<FlatVector>(file, {}, &report);
  return report.running_status_across_meta_or_sysex;
}

TEST(Rp001Encoding, KeepsEveryEventAndSpellsOutStatusAfterMetaAndSysex) {
  const auto file = running_status_across_meta();
  ASSERT_EQ(running_status_across_meta_or_sysex(file), 2u);  // both events of the second note
  const auto reencoded = rp001_encoding(file);
  ASSERT_TRUE(reencoded);
  EXPECT_EQ(dump_of(*reencoded), dump_of(file));
  EXPECT_EQ(running_status_across_meta_or_sysex(*reencoded), 0u);
  EXPECT_EQ(reencoded->size(), file.size() + 1);  // one status byte more
}

TEST(Rp001Encoding, LeavesFilesThatNeedNoneAlone) {
  TrackWriter track;
  track.meta(0, 0x01, "intro").channel(0, 0x90, 60, 100).channel(96, 0x80, 60, 0).end_of_track();
  EXPECT_FALSE(rp001_encoding(SmfWriter(0, 96).track(track).bytes()));
}

// What the C++ peers make of the file, as each counts events: libsmf as we do,
// portSMF one event per note (the note-off is its duration) and one per update.
TEST(Peers, ReadTheReencodedFileAndRejectTheOriginal) {
  const auto original = running_status_across_meta();
  const auto reencoded = *rp001_encoding(original);
  struct Expected {
    std::unique_ptr<Peer> peer;
    std::uint64_t events;
  };
  Expected peers[] = {{make_libsmf_peer(), 8}, {make_portsmf_peer(), 5}};
  for (auto& [peer, events] : peers) {
    SCOPED_TRACE(std::string(peer->name()));
    const FileOutcome read = check_file(*peer, reencoded);
    EXPECT_EQ(read.error, "");
    EXPECT_EQ(read.events, events);
    EXPECT_NE(check_file(*peer, original).error, "");
  }
}

// The peers in a worker process (worker_peer.hpp) read the file as it is,
// each counting events in its own model: mido and midi-file as we do, with
// End-of-Track; @tonejs/midi two notes, one control change and the text
// meta event of the first track.
TEST(Peers, WorkerPeersReadTheOriginalAndTimeAPass) {
  const auto file = running_status_across_meta();
  struct Expected {
    std::unique_ptr<Peer> peer;
    std::uint64_t events;
    std::string version_starts;
    std::vector<std::string> counters;
  };
  Expected peers[] = {{make_mido_peer(), 8, "python3-mido 1.", {"cpu_ms"}},
                      {make_midi_file_peer(), 8, "midi-file 1.2.4 (Node.js ", {"cpu_ms", "gc_ms"}},
                      {make_tonejs_midi_peer(), 4, "@tonejs/midi 2.0.28 (Node.js ", {"cpu_ms", "gc_ms"}}};
  for (auto& [peer, events, version_starts, counters] : peers) {
    SCOPED_TRACE(std::string(peer->name()));
    EXPECT_FALSE(peer->in_process());
    EXPECT_EQ(peer->slow(), peer->name() == "mido");
    EXPECT_TRUE(peer->version().starts_with(version_starts)) << peer->version();
    const FileOutcome read = check_file(*peer, file);
    EXPECT_EQ(read.error, "");
    EXPECT_EQ(read.events, events);
    const std::vector<std::uint8_t> junk = {'M', 'T', 'r', 'k', 0, 0, 0, 0};
    EXPECT_NE(check_file(*peer, junk).error, "");
    const Bytes files[] = {file, file};
    for (int pass = 0; pass < 2; ++pass) {  // the files are sent once, then named
      const TimedPass timed = peer->timed_pass("two", files);
      EXPECT_GT(timed.seconds, 0.0);
      std::vector<std::string> names;
      for (const auto& [name, value] : timed.counters) {
        names.push_back(name);
        EXPECT_GE(value, 0.0) << name;
      }
      EXPECT_EQ(names, counters);
    }
  }
}

class CrashingPeer final : public Peer {
 public:
  std::string_view name() const override { return "crashing"; }
  std::string version() override { return "0"; }
  std::uint64_t parse_and_free(Bytes file) override {
    if (file.empty()) std::abort();
    if (file.size() == 1) throw PeerRejected("one byte is no file");
    return file.size();
  }
};

TEST(CheckFile, ReportsACrashOrARejectionAndGoesOn) {
  CrashingPeer peer;
  EXPECT_EQ(check_file(peer, {}).error, "crashed: Aborted");
  const std::uint8_t bytes[] = {1, 2, 3};
  EXPECT_EQ(check_file(peer, std::span(bytes, 1)).error, "one byte is no file");
  const FileOutcome read = check_file(peer, bytes);
  EXPECT_EQ(read.error, "");
  EXPECT_EQ(read.events, 3u);
}

}  // namespace
}  // namespace midiarena::peers
