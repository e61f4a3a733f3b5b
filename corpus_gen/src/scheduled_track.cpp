#include "scheduled_track.hpp"

#include <algorithm>
#include <stdexcept>

namespace midiarena::gen {

namespace {

constexpr std::uint8_t kNoteOff = 0x80;
constexpr std::uint8_t kNoteOn = 0x90;
constexpr std::uint8_t kReleaseVelocity = 64;  // what most sequencers write in a note_off

}  // namespace

bool ScheduledTrack::note(std::uint64_t tick, std::uint64_t duration, std::uint8_t channel, std::uint8_t pitch,
                          std::uint8_t velocity) {
  if (sounding_until_[pitch] > tick) return false;
  sounding_until_[pitch] = tick + duration;
  const std::uint8_t on[2] = {pitch, velocity};
  schedule(tick, Order::note_start, kNoteOn | channel, on);
  schedule(tick + duration, Order::note_end, kNoteOff | channel, std::span(on, 1));
  return true;
}

void ScheduledTrack::channel(std::uint64_t tick, std::uint8_t status, std::uint8_t data1, std::uint8_t data2) {
  const std::uint8_t data[2] = {data1, data2};
  const bool one_byte = (status & 0xF0) == 0xC0 || (status & 0xF0) == 0xD0;
  schedule(tick, Order::channel, status, std::span(data, one_byte ? 1 : 2));
}

void ScheduledTrack::meta(std::uint64_t tick, std::uint8_t type, std::span<const std::uint8_t> payload) {
  schedule(tick, Order::meta, type, payload);
}

void ScheduledTrack::meta(std::uint64_t tick, std::uint8_t type, std::string_view text) {
  meta(tick, type, std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

void ScheduledTrack::sysex(std::uint64_t tick, std::span<const std::uint8_t> bytes) {
  schedule(tick, Order::sysex, 0xF0, bytes);
}

void ScheduledTrack::schedule(std::uint64_t tick, Order order, std::uint8_t status,
                              std::span<const std::uint8_t> bytes) {
  Scheduled event{tick, next_seq_++, order, status, static_cast<std::uint8_t>(bytes.size()), {}};
  if (bytes.size() > event.data.size()) throw std::logic_error("corpus_gen: payload too long to schedule");
  std::copy(bytes.begin(), bytes.end(), event.data.begin());
  pending_.push(event);
  last_scheduled_ = std::max(last_scheduled_, tick);
}

void ScheduledTrack::write_before(std::uint64_t tick) {
  while (!pending_.empty() && pending_.top().tick < tick) {
    write(pending_.top());
    pending_.pop();
  }
}

void ScheduledTrack::finish(std::uint64_t end_tick) {
  write_before(UINT64_MAX);
  writer_.end_of_track(static_cast<std::uint32_t>(std::max(end_tick, written_tick_) - written_tick_));
}

void ScheduledTrack::write(const Scheduled& event) {
  const auto delta = static_cast<std::uint32_t>(event.tick - written_tick_);
  written_tick_ = event.tick;
  ++written_;
  switch (event.order) {
    case Order::meta:
      writer_.meta(delta, event.status, std::span(event.data.data(), event.size));
      after_meta_ = true;
      return;
    case Order::sysex:
      writer_.sysex(delta, std::span(event.data.data(), event.size));
      after_sysex_ = true;
      return;
    case Order::note_end:
      if (rng_.chance(mix_.zero_velocity_note_off)) {
        write_channel(delta, kNoteOn | (event.status & 0x0F), event.data[0], 0);
      } else {
        write_channel(delta, event.status, event.data[0], kReleaseVelocity);
      }
      return;
    case Order::channel:
    case Order::note_start:
      write_channel(delta, event.status, event.data[0], event.data[1]);
      return;
  }
}

void ScheduledTrack::write_channel(std::uint32_t delta, std::uint8_t status, std::uint8_t data1,
                                   std::uint8_t data2) {
  bool running = !rng_.chance(mix_.explicit_status);
  // Sysex always cancels running status here: RP-001 says so and mido (the
  // differential oracle) reads a data byte after sysex as more sysex.
  if (after_sysex_) running = false;
  if (after_meta_) running = running && rng_.chance(mix_.running_status_after_meta);
  after_meta_ = after_sysex_ = false;
  writer_.channel(delta, status, data1, data2, running);
}

}  // namespace midiarena::gen
