// Parsed files whose events and payloads live in typed arenas: the storage
// of the typed_arena backend (arenas owned by the file) and of pooled_arena
// (arenas leased from an ArenaPool and given back when the file ends).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "midiarena/backend.hpp"
#include "midiarena/arena.hpp"

namespace midiarena {

struct EventArenas {
  Arena<Event> events;
  Arena<std::uint8_t> payloads;           // text and sysex bytes
  std::vector<std::span<const Event>> tracks;  // one contiguous slice per track

  void reset() {
    events.reset();
    payloads.reset();
    tracks.clear();
  }
  std::size_t unused_bytes() const { return events.unused_bytes() + payloads.unused_bytes(); }
};

// `Deleter` is what ending the file does with its arenas: free them, or
// give them back to a pool.
template <class Deleter>
class ArenaFile : public FileHeader {
 public:
  using Arenas = std::unique_ptr<EventArenas, Deleter>;

  std::size_t track_count() const { return arenas_->tracks.size(); }
  std::span<const Event> track(std::size_t i) const { return arenas_->tracks[i]; }
  std::size_t reserved_unused_bytes() const { return arenas_->unused_bytes(); }

 private:
  template <class>
  friend class ArenaBuilder;
  Arenas arenas_;
};

template <class Deleter>
class ArenaBuilder : public FileBuilder<ArenaFile<Deleter>> {
 public:
  explicit ArenaBuilder(typename ArenaFile<Deleter>::Arenas arenas) { this->file_.arenas_ = std::move(arenas); }

  // Each track is one contiguous slice, built in place: the run reserves
  // room for the most events the chunk can hold, which makes it typed-arena's
  // alloc_extend over an exact-size iterator without the temporary Vec the
  // document's code filled first (the chunk choice is made on that bound, not
  // on the exact count). Room the track leaves unused stays free for the next
  // one; a lenient parse that reads past a too-short chunk moves the run.
  class TrackWriter {
   public:
    void reserve(std::size_t n) { arenas_->events.make_room(run_, n); }
    void push(const Event& event) { arenas_->events.extend(run_, event); }
    // Always inlined, as VectorTrackWriter's: a call would keep the parser's
    // writer in memory.
    [[gnu::always_inline]] void push_payload(Event event, std::span<const std::uint8_t> bytes) {
      push(with_payload(event, arenas_->payloads.alloc_extend(bytes)));
    }

   private:
    friend class ArenaBuilder;
    TrackWriter(EventArenas* arenas, std::size_t max_events)
        : arenas_(arenas), run_(arenas->events.begin_extend(max_events)) {}
    EventArenas* arenas_;
    Arena<Event>::Run run_;
  };

  TrackWriter begin_track(std::size_t max_events) { return TrackWriter(this->file_.arenas_.get(), max_events); }
  void end_track(TrackWriter&& writer) {
    EventArenas& arenas = *this->file_.arenas_;
    arenas.tracks.push_back(arenas.events.end_extend(writer.run_));
  }
};

}  // namespace midiarena
