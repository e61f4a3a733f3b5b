// vec_owned: what the document's heap parser really did, as opposed to the
// Vec<Box<Event>> its prose describes. Events are inline in one vector per
// track; each text/sysex payload is its own allocation, like a Rust String
// or Vec<u8> (std::vector, not std::string: no small-buffer optimisation).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "midiarena/backend.hpp"

namespace midiarena {

struct VecOwned {
  static constexpr const char* name = "vec_owned";
  static constexpr std::size_t event_size = sizeof(Event);

  class File {
   public:
    const Header& header() const { return header_; }
    std::size_t track_count() const { return tracks_.size(); }
    std::span<const Event> track(std::size_t i) const { return tracks_[i]; }
    std::size_t reserved_unused_bytes() const {
      std::size_t unused = (payloads_.capacity() - payloads_.size()) * sizeof(payloads_[0]);
      for (const auto& track : tracks_) unused += (track.capacity() - track.size()) * sizeof(Event);
      return unused;
    }

   private:
    friend struct VecOwned;
    Header header_;
    std::vector<std::vector<Event>> tracks_;
    // The owners of the payloads. Growing this list moves the vector objects
    // but not their heap buffers, so the events' payload pointers stay valid.
    std::vector<std::vector<std::uint8_t>> payloads_;
  };

  class Builder {
   public:
    explicit Builder(std::size_t /*input_bytes*/) {}
    void begin_track(std::size_t chunk_bytes) { file_.tracks_.emplace_back().reserve(max_events_in(chunk_bytes)); }
    void push(const Event& event) { file_.tracks_.back().push_back(event); }
    void push_payload(Event event, std::span<const std::uint8_t> bytes) {
      const auto& owned = file_.payloads_.emplace_back(bytes.begin(), bytes.end());
      event.payload = owned.data();
      event.payload_size = static_cast<std::uint32_t>(owned.size());
      push(event);
    }
    void end_track() {}
    File finish(const Header& header) && {
      file_.header_ = header;
      return std::move(file_);
    }

   private:
    File file_;
  };
};

}  // namespace midiarena
