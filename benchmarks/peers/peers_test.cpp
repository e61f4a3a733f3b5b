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

TEST(Peers, MidoReadsTheOriginalAndTimesAPass) {
  const auto file = running_status_across_meta();
  const auto mido = make_mido_peer();
  EXPECT_FALSE(mido->in_process());
  EXPECT_EQ(check_file(*mido, file).events, 8u);
  const std::vector<std::uint8_t> junk = {'M', 'T', 'h', 'd'};
  EXPECT_NE(check_file(*mido, junk).error, "");
  const Bytes files[] = {file, file};
  EXPECT_GT(mido->timed_pass("two", files), 0.0);
  EXPECT_GT(mido->timed_pass("two", files), 0.0);  // the files are sent once, then named
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
