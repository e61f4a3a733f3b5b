// The one Standard MIDI File parser, instantiated per storage backend.
//
//   auto file = midiarena::parse<FlatVector>(bytes);            // strict
//   auto file = midiarena::parse<FlatVector>(bytes, {.lenient = true}, &report);
//
// Every read stays inside the current chunk; lengths claimed by the file are
// checked against the bytes present before anything is allocated, so hostile
// input costs at most a small multiple of its size.
//
// Speed: while at least kFastPathBytes remain in the chunk, a channel event
// cannot run past it, so runs of channel events are read without per-byte
// checks (read_channel_run). That path takes only well-formed channel
// events; everything else, and the chunk's last bytes, go through the
// checked read_event, which alone reports errors. In tracks dense with
// status bytes and long deltas, runs are read 64 bytes at a time instead
// (read_blocks, channel_blocks.hpp), so that where an event starts no longer
// waits on, or branches on, the bytes of the one before; the common events
// that break a window's pattern are read there too (read_break).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <utility>

#include "midiarena/backend.hpp"
#include "midiarena/channel_blocks.hpp"
#include "midiarena/event.hpp"
#include "midiarena/parse_error.hpp"
#include "midiarena/smf_layout.hpp"

namespace midiarena {

// kFastPath off sends every event through the checked path: the reference
// the tests and the fuzzer hold the fast path to (parse_checked below).
template <Backend B, bool kFastPath = true>
class SmfParser {
 public:
  SmfParser(std::span<const std::uint8_t> input, const ParseOptions& options, ParseReport* report)
      : input_(input), options_(options), report_(report) {}

  typename B::File parse(typename B::Builder builder) {
    const SmfLayout layout = read_layout(input_, options_, report_);
    end_ = layout.end;
    std::size_t pos = layout.first_chunk;
    int tracks = 0;
    while (pos < end_) {
      if (end_ - pos < 8) {
        const std::string trailing = count_of(end_ - pos, "trailing byte");
        if (!options_.lenient) fail(kNoTrack, pos, trailing + " after the last chunk");
        repair(report_, kNoTrack, pos, "ignored " + trailing);
        break;
      }
      const std::uint32_t id = read_be32(&input_[pos]);
      const std::size_t length = read_be32(&input_[pos + 4]);
      const std::size_t body = pos + 8;
      const std::size_t available = end_ - body;
      if (id != chunk_id("MTrk")) {
        if (length > available) {
          if (!options_.lenient) fail(kNoTrack, pos + 4, chunk_name(id) + " chunk length " + std::to_string(length) + " runs past the end of the file");
          repair(report_, kNoTrack, pos, "ignored a truncated " + chunk_name(id) + " chunk at the end of the file");
          break;
        }
        pos = body + length;  // unknown chunks are skipped, as SMF 1.0 asks
        continue;
      }
      if (tracks == layout.header.declared_tracks) {
        if (!options_.lenient) fail(kNoTrack, pos, "more MTrk chunks than the " + std::to_string(tracks) + " the header declares");
        repair(report_, tracks, pos, "kept an MTrk chunk beyond the declared track count");
      }
      std::size_t track_end = body + length;
      if (length > available) {
        if (!options_.lenient)
          fail(tracks, pos + 4, "track chunk length " + std::to_string(length) + " runs past the end of the file (" +
                                    count_of(available, "byte") + " left)");
        repair(report_, tracks, pos + 4, "track chunk length " + std::to_string(length) + " runs past the end of the file; read the " +
                                             count_of(available, "byte") + " present");
        track_end = end_;
      }
      pos = parse_track(builder, tracks, body, track_end);
      ++tracks;
    }
    if (tracks < layout.header.declared_tracks) {
      const std::string message = "the header declares " + std::to_string(layout.header.declared_tracks) +
                                  " tracks but the file has " + std::to_string(tracks);
      if (!options_.lenient) fail(kNoTrack, end_, message);
      repair(report_, kNoTrack, end_, message);
    }
    return std::move(builder).finish(layout.header);
  }

 private:
  using Writer = typename B::Builder::TrackWriter;

  // Running-status statistics of one track, added to the report when the
  // track ends (or fails). Only channel_events changes per event; the rest
  // changes at status bytes and meta/sysex events, off the hot path.
  struct RunningStatusCounts {
    static constexpr std::size_t kNotCrossed = ~std::size_t{0};
    ParseReport* report;
    std::size_t channel_events = 0;
    std::size_t explicit_statuses = 0;
    std::size_t across_meta_or_sysex = 0;
    // channel_events when a meta/sysex event came after the running status
    // was set: every channel event from there to the next status byte relies
    // on running status across it.
    std::size_t crossed_at = kNotCrossed;

    void status_byte() {
      ++explicit_statuses;
      close_crossing();
    }
    void meta_or_sysex(bool has_running_status) {
      if (has_running_status && crossed_at == kNotCrossed) crossed_at = channel_events;
    }
    void close_crossing() {
      if (crossed_at == kNotCrossed) return;
      across_meta_or_sysex += channel_events - crossed_at;
      crossed_at = kNotCrossed;
    }
    ~RunningStatusCounts() {
      if (report == nullptr) return;
      close_crossing();
      report->running_status_events += channel_events - explicit_statuses;
      report->running_status_across_meta_or_sysex += across_meta_or_sysex;
    }
  };

  // A channel event is at most a 4-byte delta, a status and two data bytes;
  // the fast path also loads the byte after a one-data-byte message.
  static constexpr std::size_t kFastPathBytes = 8;

  // One track's read position and running status (read_channel_run copies
  // it into registers for each run).
  struct Cursor {
    const std::uint8_t* data;  // the input
    std::size_t p;
    std::size_t end;
    std::uint64_t tick = 0;
    // The running status, decoded once when its status byte is read: the
    // event tag's kind and channel bytes (Event::make_tag), and which data
    // bytes it carries: 0x00FF one, 0xFFFF two, 0 no status yet.
    std::uint32_t kind_and_channel = 0;
    std::uint16_t data_mask = 0;
    bool extended = false;  // lenient: reading on past a too-short chunk
    bool blocks = false;    // read runs in blocks (blocks::dense)
  };

  enum class Step { next_event, end_of_track };

  // Parses one MTrk body [begin, end) into a new track and returns where the
  // next chunk starts (normally `end`; lenient recovery may move it).
  // Lenient mode keeps the events of a track cut short by the end of the file
  // and drops only the incomplete event at the very end.
  std::size_t parse_track(typename B::Builder& builder, int track, std::size_t begin, std::size_t end) {
    Writer writer = builder.begin_track(max_events_in(end - begin));
    Cursor c{.data = input_.data(), .p = begin, .end = end,
             .blocks = kFastPath && blocks::dense(input_.subspan(begin, end - begin))};
    RunningStatusCounts counts{report_};
    std::size_t next;
    try {
      next = read_events(writer, counts, track, c);
    } catch (const ParseError& e) {
      if (!options_.lenient || end != end_ || !e.truncated()) throw;
      repair(report_, track, e.offset(), std::string("dropped an incomplete event at the end of the file (") +
                                             e.what() + ")");
      next = end;
    }
    builder.end_track(std::move(writer));
    return next;
  }

  // The fast path takes every run of plain channel events; read_event takes
  // one event wherever it stops, and the chunk's last bytes.
  std::size_t read_events(Writer& writer, RunningStatusCounts& counts, int track, Cursor& c) {
    for (;;) {
      if (kFastPath && c.end - c.p >= kFastPathBytes) {
        // Statistics cost an add or two per event: only when asked for. The
        // block loop also takes the meta events before a track's first
        // status byte (a conductor track has none).
        if (c.blocks && !report_ && c.end - c.p >= kBlockReach)
          read_blocks(writer, c);
        else if (c.data_mask != 0 && report_)
          read_channel_run<true>(writer, counts, c);
        else if (c.data_mask != 0)
          read_channel_run<false>(writer, counts, c);
      }
      if (c.p >= c.end) {
        const std::size_t next = missing_end_of_track(track, c.end, c.extended);
        if (next == c.end || c.extended) return next;
        c.end = next;  // lenient: the chunk length was too short; read on to End-of-Track
        c.extended = true;
        continue;
      }
      if (read_event(writer, counts, track, c) == Step::end_of_track)
        return c.extended ? c.p : after_end_of_track(track, c.p, c.end);
    }
  }

  // The fast path: channel events, one after another, while at least
  // kFastPathBytes remain, so that no read can leave the chunk and no byte
  // needs a bounds check, once a running status is set (a track's first
  // event goes through read_event); and short meta events when no
  // statistics are kept. It takes only well-formed events and stops, with c
  // at the event it did not take, at anything else: End-of-Track, a long
  // meta, sysex or system event, a malformed event (read_event then reports
  // it, with its offset), or a status byte while a running-status crossing
  // is being counted.
  //
  // Its own function, working on local copies, so that the loop's few values
  // stay in registers: an Event store may alias anything reached through a
  // reference, so the state would otherwise be reloaded after every event.
  // Aligned to 64 bytes, as read_blocks: where the loop falls in the
  // 64-byte fetch blocks then depends on this function's code alone, alike
  // for every backend and executable (on a Zen 5, across three blocks it ran
  // 6-16 % slower than across two: docs/notes/2026-12-06-one-data-byte-streams.md).
  template <bool kCounting>
  [[gnu::noinline, gnu::aligned(64)]] static void read_channel_run(Writer& writer_ref, RunningStatusCounts& counts,
                                                                   Cursor& c) {
    // Every event takes at least two bytes: room for this many is room for
    // the whole run. Within the chunk's bound made at begin_track, so a no-op
    // unless lenient mode read on past a too-short chunk. Made before the
    // copy: a call given the local writer's address would keep it in memory.
    writer_ref.reserve(max_events_in(c.end - c.p));
    Writer writer = std::move(writer_ref);
    const std::uint8_t* const end = c.data + c.end;
    const std::uint8_t* const last = end - kFastPathBytes;
    const std::uint8_t* p = c.data + c.p;
    std::uint64_t tick = c.tick;
    std::uint32_t kind_and_channel = c.kind_and_channel;
    std::uint32_t data_mask = c.data_mask;
    std::size_t data_size = 1 + (data_mask >> 15);  // 1 or 2 bytes
    const bool crossing = kCounting && counts.crossed_at != RunningStatusCounts::kNotCrossed;
    std::size_t channel_events = 0;
    std::size_t status_bytes = 0;
    while (p <= last) {
      const std::uint8_t* q = p + 1;
      std::uint64_t delta = p[0];
      if (delta >= 0x80) [[unlikely]] {  // most deltas fit in one byte, nearly all in two
        std::uint8_t byte = *q++;
        delta = (delta & 0x7F) << 7 | (byte & 0x7F);
        while (byte >= 0x80 && q - p < 4) {
          byte = *q++;
          delta = (delta << 7) | (byte & 0x7F);
        }
        if (byte >= 0x80) break;  // longer than 4 bytes
      }
      const std::uint32_t status = *q;
      if (status >= 0x80) [[unlikely]] {
        if (status == 0xFF && !kCounting) {
          // A meta event with a one-byte length, inside the chunk, not End-of-
          // Track: taken here too, since leaving the run costs more than it
          // (2 % of the events in the song profiles are lyrics or text).
          const std::uint8_t type = q[1];
          const std::size_t length = q[2];
          const std::uint8_t* const payload = q + 3;  // at most p + 7: inside the chunk
          if (length >= 0x80 || type == 0x2F || length > static_cast<std::size_t>(end - payload)) break;
          tick += delta;
          writer.push_payload(Event::payload_event(tick, EventKind::meta, type), {payload, length});
          p = payload + length;
          continue;
        }
        if (status >= 0xF0 || crossing) break;
        // Set at once: if the event turns out malformed, read_event reads
        // this status byte again.
        kind_and_channel = decode_status(status, data_mask);
        data_size = 1 + (data_mask >> 15);
        ++q;
      }
      std::uint16_t bytes;
      std::memcpy(&bytes, q, 2);  // the second byte may belong to the next event: masked off
      bytes &= data_mask;
      if ((bytes & 0x8080) != 0) [[unlikely]]
        break;
      tick += delta;
      p = q + data_size;
      writer.push(Event::channel_message(tick, kind_and_channel | std::uint32_t{bytes} << 16));
      if constexpr (kCounting) {
        ++channel_events;
        status_bytes += status >> 7;
      }
    }
    writer_ref = std::move(writer);
    c.p = static_cast<std::size_t>(p - c.data);
    c.tick = tick;
    c.kind_and_channel = kind_and_channel;
    c.data_mask = static_cast<std::uint16_t>(data_mask);
    counts.channel_events += channel_events;
    counts.explicit_statuses += status_bytes;
  }

  // What read_blocks may read from where a window starts: the window, and
  // from its end an event that breaks it (read_break). And the byte before.
  static constexpr std::ptrdiff_t kBlockReach = blocks::kWindowBytes + kFastPathBytes;

#if MIDIARENA_BLOCKS
  // The fast path of dense tracks (channel_blocks.hpp): a window of 64 bytes
  // at a time, each read as a segment of events that fit the pattern, then
  // the event that broke it, if read_break takes it. Stops, with c at it, at
  // an event that neither takes, which read_event then takes, or where fewer
  // than kBlockReach bytes remain. Never with statistics: counting running
  // status across meta events needs them one at a time. Works on local
  // copies, as read_channel_run does.
  [[gnu::noinline, gnu::aligned(64), MIDIARENA_TARGET_BLOCKS]] static void read_blocks(Writer& writer_ref, Cursor& c) {
    writer_ref.reserve(max_events_in(c.end - c.p));
    Writer writer = std::move(writer_ref);
    const std::uint8_t* const end = c.data + c.end;
    const std::uint8_t* p = c.data + c.p;
    std::uint64_t tick = c.tick;
    std::uint32_t kind_and_channel = c.kind_and_channel;
    std::uint32_t data_mask = c.data_mask;
    blocks::Window window;
    while (end - p >= kBlockReach) {
      // Under a one-data-byte running status (channel pressure, program
      // change), or none yet, read_break takes the events one at a time:
      // the next event would break a window unless it brought a status byte.
      if (data_mask == 0xFFFF) {
        blocks::load(window, p);
        const blocks::Segment segment = blocks::split(window);
        if (segment.ends != 0) {
          read_segment(window, segment, tick, kind_and_channel, writer);
          p = window.bytes + (blocks::kWindowBytes - static_cast<unsigned>(__builtin_clzll(segment.ends)));
        }
        if (!segment.broken) {
          if (segment.ends == 0) break;
          continue;
        }
      }
      const std::uint8_t* const next = read_break(p, end, tick, kind_and_channel, data_mask, writer);
      if (next == nullptr) break;
      p = next;
    }
    writer_ref = std::move(writer);
    c.p = static_cast<std::size_t>(p - c.data);
    c.tick = tick;
    c.kind_and_channel = kind_and_channel;
    c.data_mask = static_cast<std::uint16_t>(data_mask);
  }

  // The event that broke a window's pattern, at p, kFastPathBytes or more
  // before the chunk's end: taken here if it is a short meta event or a
  // channel event with a delta of one or two bytes, the common breaks:
  // leaving the block loop for read_event and coming back cost about 200
  // instructions, and medium has a break about every 20 events. Returns
  // where the next event starts, or null to leave it to read_event.
  [[gnu::always_inline, MIDIARENA_TARGET_BLOCKS]] static const std::uint8_t* read_break(
      const std::uint8_t* p, const std::uint8_t* end, std::uint64_t& tick, std::uint32_t& kind_and_channel,
      std::uint32_t& data_mask, Writer& writer) {
    const std::uint8_t* q = p + 1;
    std::uint64_t delta = p[0];
    if (delta >= 0x80) {
      if (*q >= 0x80) return nullptr;
      delta = (delta & 0x7F) << 7 | *q++;
    }
    std::uint32_t status = *q;
    if (status == 0xFF) {
      const std::uint8_t type = q[1];
      const std::size_t length = q[2];
      const std::uint8_t* const payload = q + 3;  // at most p + 5
      if (length >= 0x80 || type == 0x2F || length > static_cast<std::size_t>(end - payload)) return nullptr;
      tick += delta;
      writer.push_payload(Event::payload_event(tick, EventKind::meta, type), {payload, length});
      return payload + length;
    }
    std::uint32_t mask = data_mask;
    std::uint32_t tag = kind_and_channel;
    if (status >= 0x80) {
      if (status >= 0xF0) return nullptr;
      tag = decode_status(status, mask);
      ++q;
    }
    if (mask == 0) return nullptr;  // running status with no status yet: read_event reports it
    std::uint16_t bytes;
    std::memcpy(&bytes, q, 2);
    bytes &= mask;
    if ((bytes & 0x8080) != 0) return nullptr;
    tick += delta;
    writer.push(Event::channel_message(tick, tag | std::uint32_t{bytes} << 16));
    kind_and_channel = tag;
    data_mask = mask;
    return q + 1 + (mask >> 15);
  }

  // A segment's events: every one a channel event with two data bytes, its
  // status or the running one before it. No branch depends on the data.
  [[gnu::always_inline, MIDIARENA_TARGET_BLOCKS]] static void read_segment(const blocks::Window& window,
                                                                          const blocks::Segment& segment,
                                                                          std::uint64_t& tick_ref,
                                                                          std::uint32_t& kind_and_channel_ref,
                                                                          Writer& writer) {
    std::uint64_t ends = segment.ends;
    std::uint64_t delta_ends = segment.delta_ends;
    std::uint64_t tick = tick_ref;
    std::uint32_t kind_and_channel = kind_and_channel_ref;
    do {
      const std::uint64_t last = _tzcnt_u64(ends);
      const std::uint64_t delta_end = _tzcnt_u64(delta_ends);
      ends = _blsr_u64(ends);
      delta_ends = _blsr_u64(delta_ends);
      const std::uint8_t before_data = window.bytes[last - 2];  // a status, or the delta's last byte
      // A select, not a branch: it would mispredict on every status byte.
      const std::uint32_t status_tag = kStatusTags[before_data];
      kind_and_channel = before_data >= 0x80 ? status_tag : kind_and_channel;
      tick += window.delta_ending_at[delta_end];
      std::uint16_t data;
      std::memcpy(&data, window.bytes + last - 1, 2);
      writer.push(Event::channel_message(tick, kind_and_channel | std::uint32_t{data} << 16));
    } while (ends != 0);
    tick_ref = tick;
    kind_and_channel_ref = kind_and_channel;
  }
#else
  // No block loop on this target (channel_blocks.hpp): blocks::dense() is
  // always false, so this is never reached; were it, the track would go on
  // one event at a time.
  static void read_blocks(Writer&, Cursor& c) { c.blocks = false; }
#endif

  // One event at c.p, every read checked against c.end.
  Step read_event(Writer& writer, RunningStatusCounts& counts, int track, Cursor& c) {
    const std::size_t event_start = c.p;
    const auto [delta, after_delta] = read_vlq(track, c.p, c.end);
    c.tick += delta;
    c.p = after_delta;
    if (c.p >= c.end) fail_truncated(track, event_start, "truncated event: delta time with no event");

    const std::uint8_t byte = c.data[c.p];
    if (byte < 0x80) {  // running status: reuse the last channel status
      if (c.data_mask == 0) fail(track, c.p, "running status with no previous status");
    } else if (byte < 0xF0) {
      c.kind_and_channel = decode_status(byte, c.data_mask);
      counts.status_byte();
      ++c.p;
    } else {
      const OtherEvent other = read_meta_sysex_or_system(track, c.p, c.end, event_start, byte);
      c.p = other.next;
      if (other.kind == OtherEvent::skipped) return Step::next_event;
      writer.reserve(1);
      writer.push_payload(Event::payload_event(c.tick, other.kind_of_event, other.meta_type), other.payload);
      counts.meta_or_sysex(c.data_mask != 0);
      return other.kind == OtherEvent::end_of_track ? Step::end_of_track : Step::next_event;
    }
    const std::size_t size = c.data_mask == 0xFFFF ? 2 : 1;
    if (c.end - c.p < size) fail_truncated(track, c.p, "truncated channel message");
    const std::uint16_t bytes = c.data[c.p] | (size == 2 ? c.data[c.p + 1] << 8 : 0);
    if ((bytes & 0x8080) != 0) {
      const std::size_t bad = (bytes & 0x80) ? c.p : c.p + 1;
      fail(track, bad, "data byte " + hex_byte(c.data[bad]) + " in a channel message has the high bit set");
    }
    c.p += size;
    writer.reserve(1);
    writer.push(Event::channel_message(c.tick, c.kind_and_channel | std::uint32_t{bytes} << 16));
    ++counts.channel_events;
    return Step::next_event;
  }

  // A channel status byte as the kind and channel bytes of an event tag, and
  // its data mask: program change (0xC_) and channel pressure (0xD_) carry
  // one data byte, the rest two. Bit tests, not compares: this runs for every
  // status byte, 40 % of the events in some files.
  template <class Mask>
  static constexpr std::uint32_t decode_status(std::uint32_t status, Mask& data_mask) {
    const std::uint32_t one_data_byte = (0x3000u >> (status >> 4)) & 1;
    data_mask = static_cast<Mask>(0xFFFFu >> (one_data_byte << 3));
    return ((status >> 4) - 0x8) | (status & 0x0F) << 8;  // Event::make_tag(kind, channel)
  }

  // Event tags (kind and channel) by status byte, for read_segment.
  static constexpr auto kStatusTags = [] {
    std::array<std::uint32_t, 256> tags{};
    for (std::uint32_t status = 0x80; status < 0xF0; ++status) {
      std::uint32_t data_mask = 0;
      tags[status] = decode_status(status, data_mask);
    }
    return tags;
  }();

  // What read_meta_sysex_or_system found.
  struct OtherEvent {
    enum { payload_event, end_of_track, skipped } kind;
    std::size_t next;  // where the next event starts
    EventKind kind_of_event = EventKind::meta;
    std::uint8_t meta_type = 0;
    std::span<const std::uint8_t> payload;
  };

  // A meta, sysex or (illegal) system event whose status byte is at `p`;
  // always checked: these are rare, and their lengths come from the file.
  // Out of line and given values, not the cursor, so that the cursor and
  // the writer of the hot loop are never address-taken.
  [[gnu::noinline]] OtherEvent read_meta_sysex_or_system(int track, std::size_t p, std::size_t end,
                                                         std::size_t event_start, std::uint8_t byte) {
    ++p;
    if (byte == 0xFF) {
      if (p >= end) fail_truncated(track, event_start, "truncated meta event");
      const std::uint8_t type = input_[p++];
      const std::size_t length = read_length(track, p, end, "meta event");
      const OtherEvent meta{.kind = type == 0x2F ? OtherEvent::end_of_track : OtherEvent::payload_event,
                            .next = p + length,
                            .kind_of_event = EventKind::meta,
                            .meta_type = type,
                            .payload = input_.subspan(p, length)};
      if (type == 0x2F && length != 0) {
        if (!options_.lenient) fail(track, event_start, "End-of-Track with a " + std::to_string(length) + "-byte payload");
        repair(report_, track, event_start, "accepted End-of-Track with a payload");
      }
      return meta;
    }
    if (byte == 0xF0 || byte == 0xF7) {
      const std::size_t length = read_length(track, p, end, byte == 0xF0 ? "sysex event" : "sysex escape event");
      return {.kind = OtherEvent::payload_event,
              .next = p + length,
              .kind_of_event = byte == 0xF0 ? EventKind::sysex : EventKind::sysex_escape,
              .payload = input_.subspan(p, length)};
    }
    skip_system_message(track, byte, p, end);
    return {.kind = OtherEvent::skipped, .next = p, .payload = {}};
  }

  // Delta times: at most 4 bytes (SMF 1.0), so at most 0x0FFFFFFF. The
  // position comes and goes by value: a reference would force the hot
  // loop's cursor into memory wherever this is not inlined.
  struct Vlq {
    std::uint32_t value;
    std::size_t next;
  };
  Vlq read_vlq(int track, std::size_t p, std::size_t end) const {
    const std::size_t start = p;
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
      if (p >= end) fail_truncated(track, start, "truncated variable-length quantity");
      const std::uint8_t byte = input_[p++];
      value = (value << 7) | (byte & 0x7F);
      if (byte < 0x80) return {value, p};
    }
    fail(track, start, "variable-length quantity longer than 4 bytes");
  }

  // A payload length, checked against the bytes left in the chunk; moves
  // `p` past the length.
  std::size_t read_length(int track, std::size_t& p, std::size_t end, const char* what) const {
    const std::size_t at = p;
    const auto [length, next] = read_vlq(track, p, end);
    p = next;
    if (length > end - p)
      fail_truncated(track, at, std::string(what) + " length " + std::to_string(length) + " runs past the end of the track (" +
                                    count_of(end - p, "byte") + " left)");
    return length;
  }

  // F1-F6 and F8-FE are not allowed in a file. Lenient mode steps over the
  // status byte and the data bytes the message would carry.
  void skip_system_message(int track, std::uint8_t byte, std::size_t& p, std::size_t end) {
    const std::size_t at = p - 1;
    if (!options_.lenient) fail(track, at, "illegal system message " + hex_byte(byte) + " in a track");
    const int data_bytes = byte == 0xF2 ? 2 : (byte == 0xF1 || byte == 0xF3) ? 1 : 0;
    for (int i = 0; i < data_bytes && p < end && input_[p] < 0x80; ++i) ++p;
    repair(report_, track, at, "skipped illegal system message " + hex_byte(byte));
  }

  // The chunk ran out before End-of-Track. Returns where parsing goes on:
  // `end` to finish the track, or (lenient, chunk length too short) the end
  // of the input to read on to the End-of-Track that lies beyond.
  std::size_t missing_end_of_track(int track, std::size_t end, bool extended) {
    if (!options_.lenient) fail(track, end, "track ends without End-of-Track");
    if (!extended && end < end_ && !looks_like_chunk(input_.first(end_), end)) {
      repair(report_, track, end, "track chunk length too short; read on to End-of-Track");
      return end_;
    }
    repair(report_, track, end, "missing End-of-Track");
    return end;
  }

  // End-of-Track must end the chunk. Returns where the next chunk starts.
  std::size_t after_end_of_track(int track, std::size_t p, std::size_t end) {
    if (p == end) return end;
    const std::string extra = count_of(end - p, "byte") + " after End-of-Track";
    if (!options_.lenient) fail(track, p, extra);
    // The chunk length disagrees with End-of-Track: trust whichever position
    // starts a plausible chunk header.
    const auto whole = input_.first(end_);
    if (end == end_ || looks_like_chunk(whole, end) || !looks_like_chunk(whole, p)) {
      repair(report_, track, p, "ignored " + extra);
      return end;
    }
    repair(report_, track, p, "track chunk length too long; the next chunk starts after End-of-Track");
    return p;
  }

  static std::string hex_byte(std::uint8_t b) {
    static constexpr char digits[] = "0123456789abcdef";
    return std::string{'0', 'x', digits[b >> 4], digits[b & 0xF]};
  }

  static std::string chunk_name(std::uint32_t id) {
    std::string name = "'";
    for (int shift = 24; shift >= 0; shift -= 8) {
      const char c = static_cast<char>((id >> shift) & 0xFF);
      name += (c >= 0x20 && c < 0x7F) ? c : '?';
    }
    return name + "'";
  }

  std::span<const std::uint8_t> input_;
  ParseOptions options_;
  ParseReport* report_;
  std::size_t end_ = 0;
};

// Parses `input` into backend B's storage. Throws ParseError.
template <Backend B>
typename B::File parse(std::span<const std::uint8_t> input, const ParseOptions& options = {},
                       ParseReport* report = nullptr) {
  SmfParser<B> parser(input, options, report);
  return parser.parse(typename B::Builder(input.size()));
}

// The same, with the Builder from `factory` (backend.hpp): files parsed
// through one factory share what B shares across files, e.g. pooled_arena's
// arenas. The factory must outlive the file.
template <Backend B>
typename B::File parse(std::span<const std::uint8_t> input, const ParseOptions& options, ParseReport* report,
                       BuilderFactory<B>& factory) {
  SmfParser<B> parser(input, options, report);
  return parser.parse(factory.builder(input.size()));
}

// The same parse with the fast path off: every event read with full checks.
// Must give exactly what parse() gives, events, repairs and errors alike.
template <Backend B>
typename B::File parse_checked(std::span<const std::uint8_t> input, const ParseOptions& options = {},
                               ParseReport* report = nullptr) {
  SmfParser<B, /*kFastPath=*/false> parser(input, options, report);
  return parser.parse(typename B::Builder(input.size()));
}

}  // namespace midiarena
