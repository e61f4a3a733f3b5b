// The one Standard MIDI File parser, instantiated per storage backend.
//
//   auto file = midiarena::parse<FlatVector>(bytes);            // strict
//   auto file = midiarena::parse<FlatVector>(bytes, {.lenient = true}, &report);
//
// Every read is bounds-checked against the current chunk; lengths claimed by
// the file are checked against the bytes present before anything is
// allocated, so hostile input costs at most a small multiple of its size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <utility>

#include "midiarena/backend.hpp"
#include "midiarena/event.hpp"
#include "midiarena/parse_error.hpp"
#include "midiarena/smf_layout.hpp"

namespace midiarena {

template <Backend B>
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
      builder.begin_track(track_end - body);
      pos = parse_final_or_track(builder, tracks, body, track_end);
      builder.end_track();
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
  // Lenient mode keeps the events of a track cut short by the end of the
  // file and drops only the incomplete event at the very end.
  std::size_t parse_final_or_track(typename B::Builder& builder, int track, std::size_t begin, std::size_t end) {
    if (!options_.lenient || end != end_) return parse_track(builder, track, begin, end);
    try {
      return parse_track(builder, track, begin, end);
    } catch (const ParseError& e) {
      if (!e.truncated()) throw;
      repair(report_, track, e.offset(), std::string("dropped an incomplete event at the end of the file (") +
                                             e.what() + ")");
      return end;
    }
  }

  // Parses one MTrk body [begin, end) and returns where the next chunk starts
  // (normally `end`; lenient recovery may move it).
  std::size_t parse_track(typename B::Builder& builder, int track, std::size_t begin, std::size_t end) {
    const std::uint8_t* const data = input_.data();
    std::size_t p = begin;
    std::uint64_t tick = 0;
    std::uint8_t status = 0;           // running status; 0 = none yet
    bool status_crossed_meta = false;  // a meta/sysex event came after `status` was set
    bool extended = false;             // lenient: reading on past a too-short chunk
    RunningStatusCounts counts{report_};

    for (;;) {
      if (p >= end) {
        const std::size_t next = missing_end_of_track(track, end, extended);
        if (next == end || extended) return next;
        end = next;  // lenient: the chunk length was too short; read on to End-of-Track
        extended = true;
      }
      const std::size_t event_start = p;
      if (data[p] < 0x80) {
        tick += data[p++];  // most deltas fit in one byte
      } else {
        tick += read_vlq(track, p, end);
      }
      if (p >= end) fail_truncated(track, event_start, "truncated event: delta time with no event");

      const std::uint8_t byte = data[p];
      if (byte < 0x80) {  // running status: reuse the last channel status
        if (status == 0) fail(track, p, "running status with no previous status");
        ++counts.events;
        counts.across_meta_or_sysex += status_crossed_meta;
        push_channel(builder, track, status, tick, p, end);
        continue;
      }
      ++p;
      if (byte < 0xF0) {
        status = byte;
        status_crossed_meta = false;
        push_channel(builder, track, status, tick, p, end);
        continue;
      }
      if (byte == 0xFF) {
        if (p >= end) fail_truncated(track, event_start, "truncated meta event");
        const std::uint8_t type = data[p++];
        const std::size_t length = read_length(track, p, end, "meta event");
        Event event;
        event.tick = tick;
        event.kind = EventKind::meta;
        event.data1 = type;
        builder.push_payload(event, input_.subspan(p, length));
        p += length;
        status_crossed_meta = status != 0;
        if (type == 0x2F) {
          if (length != 0) {
            if (!options_.lenient) fail(track, event_start, "End-of-Track with a " + std::to_string(length) + "-byte payload");
            repair(report_, track, event_start, "accepted End-of-Track with a payload");
          }
          return extended ? p : after_end_of_track(track, p, end);
        }
        continue;
      }
      if (byte == 0xF0 || byte == 0xF7) {
        const std::size_t length = read_length(track, p, end, byte == 0xF0 ? "sysex event" : "sysex escape event");
        Event event;
        event.tick = tick;
        event.kind = byte == 0xF0 ? EventKind::sysex : EventKind::sysex_escape;
        builder.push_payload(event, input_.subspan(p, length));
        p += length;
        status_crossed_meta = status != 0;
        continue;
      }
      skip_system_message(track, byte, p, end);
    }
  }

  void push_channel(typename B::Builder& builder, int track, std::uint8_t status, std::uint64_t tick,
                    std::size_t& p, std::size_t end) {
    const std::uint8_t* const data = input_.data();
    const std::uint8_t high = status >> 4;
    const std::size_t size = (high == 0xC || high == 0xD) ? 1 : 2;  // program change, channel pressure: 1 data byte
    if (end - p < size) fail_truncated(track, p, "truncated channel message");
    const std::uint8_t data1 = data[p];
    const std::uint8_t data2 = size == 2 ? data[p + 1] : 0;
    if (((data1 | data2) & 0x80) != 0) {
      const std::size_t bad = (data1 & 0x80) ? p : p + 1;
      fail(track, bad, "data byte " + hex_byte(data[bad]) + " in a channel message has the high bit set");
    }
    p += size;
    builder.push(Event{.payload = nullptr,
                       .tick = tick,
                       .payload_size = 0,
                       .kind = static_cast<EventKind>(high - 0x8),
                       .channel = static_cast<std::uint8_t>(status & 0x0F),
                       .data1 = data1,
                       .data2 = data2});
  }

  // Delta times: at most 4 bytes (SMF 1.0), so at most 0x0FFFFFFF.
  std::uint32_t read_vlq(int track, std::size_t& p, std::size_t end) {
    const std::size_t start = p;
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
      if (p >= end) fail_truncated(track, start, "truncated variable-length quantity");
      const std::uint8_t byte = input_[p++];
      value = (value << 7) | (byte & 0x7F);
      if (byte < 0x80) return value;
    }
    fail(track, start, "variable-length quantity longer than 4 bytes");
  }

  // A payload length, checked against the bytes left in the chunk.
  std::size_t read_length(int track, std::size_t& p, std::size_t end, const char* what) {
    const std::size_t at = p;
    const std::size_t length = read_vlq(track, p, end);
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

  // Running-status counts for one track, kept in registers and added to the
  // report once, when the track ends (or fails).
  struct RunningStatusCounts {
    ParseReport* report;
    std::size_t events = 0;
    std::size_t across_meta_or_sysex = 0;
    ~RunningStatusCounts() {
      if (report == nullptr) return;
      report->running_status_events += events;
      report->running_status_across_meta_or_sysex += across_meta_or_sysex;
    }
  };

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

// Parses `input` into backend B's storage. Extra arguments go to B's Builder
// (e.g. the pool a pooled backend draws from). Throws ParseError.
template <Backend B, class... BuilderArgs>
typename B::File parse(std::span<const std::uint8_t> input, const ParseOptions& options = {},
                       ParseReport* report = nullptr, BuilderArgs&&... builder_args) {
  SmfParser<B> parser(input, options, report);
  return parser.parse(typename B::Builder(input.size(), std::forward<BuilderArgs>(builder_args)...));
}

}  // namespace midiarena
