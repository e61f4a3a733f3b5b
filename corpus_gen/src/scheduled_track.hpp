// One track under generation. Parts schedule events in musical order (a note
// schedules its end bars later); the track writes them in tick order once the
// song has moved past them, so only the sounding notes are held in memory.
// Encoding choices (running status, note_off versus velocity-0 note_on) are
// made when writing, in file order, from the profile's EventMix.
#pragma once

#include <array>
#include <cstdint>
#include <queue>
#include <span>
#include <string_view>
#include <vector>

#include "midiarena/corpus_gen.hpp"
#include "midiarena/prng.hpp"
#include "midiarena/smf_writer.hpp"

namespace midiarena::gen {

class ScheduledTrack {
 public:
  ScheduledTrack(const EventMix& mix, Xoshiro256& rng) : mix_(mix), rng_(rng) {}

  // A note from `tick` to `tick + duration`. Skipped (returns false) while
  // the same pitch still sounds on this track, as a player would not restrike it.
  bool note(std::uint64_t tick, std::uint64_t duration, std::uint8_t channel, std::uint8_t pitch,
            std::uint8_t velocity);
  void channel(std::uint64_t tick, std::uint8_t status, std::uint8_t data1, std::uint8_t data2 = 0);
  void meta(std::uint64_t tick, std::uint8_t type, std::span<const std::uint8_t> payload);
  void meta(std::uint64_t tick, std::uint8_t type, std::string_view text);
  void sysex(std::uint64_t tick, std::span<const std::uint8_t> bytes);

  // Writes every scheduled event before `tick`; nothing earlier may be
  // scheduled afterwards.
  void write_before(std::uint64_t tick);
  // Writes the rest, then End-of-Track at `end_tick` or the last event.
  void finish(std::uint64_t end_tick);

  // Events in the file once finished, End-of-Track excluded.
  std::uint64_t events() const { return written_ + pending_.size(); }
  // The latest tick scheduled so far.
  std::uint64_t last_tick() const { return last_scheduled_; }
  const TrackWriter& writer() const { return writer_; }

 private:
  // At equal ticks: note ends, then meta (a lyric precedes its note), sysex,
  // controllers, note starts.
  enum class Order : std::uint8_t { note_end, meta, sysex, channel, note_start };

  struct Scheduled {
    std::uint64_t tick;
    std::uint64_t seq;  // insertion order breaks the remaining ties
    Order order;
    std::uint8_t status;  // channel status, or meta type
    std::uint8_t size;    // payload bytes (meta/sysex) or data bytes (channel)
    std::array<std::uint8_t, 45> data;
  };
  struct Later {
    bool operator()(const Scheduled& a, const Scheduled& b) const {
      if (a.tick != b.tick) return a.tick > b.tick;
      if (a.order != b.order) return a.order > b.order;
      return a.seq > b.seq;
    }
  };

  void schedule(std::uint64_t tick, Order order, std::uint8_t status, std::span<const std::uint8_t> bytes);
  void write(const Scheduled& event);
  void write_channel(std::uint32_t delta, std::uint8_t status, std::uint8_t data1, std::uint8_t data2);

  const EventMix& mix_;
  Xoshiro256& rng_;
  TrackWriter writer_;
  std::priority_queue<Scheduled, std::vector<Scheduled>, Later> pending_;
  std::array<std::uint64_t, 128> sounding_until_{};
  std::uint64_t next_seq_ = 0;
  std::uint64_t written_ = 0;
  std::uint64_t written_tick_ = 0;
  std::uint64_t last_scheduled_ = 0;
  bool after_meta_ = false;
  bool after_sysex_ = false;
};

}  // namespace midiarena::gen
