// flat_vector: std::vector<Event> per track, every payload in one byte
// buffer per file. The contiguous baseline the arenas are compared with.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "midiarena/backend.hpp"

namespace midiarena {

struct FlatVector {
  static constexpr const char* name = "flat_vector";
  static constexpr std::size_t event_size = sizeof(Event);

  class File {
   public:
    const Header& header() const { return header_; }
    std::size_t track_count() const { return tracks_.size(); }
    std::span<const Event> track(std::size_t i) const { return tracks_[i]; }
    std::size_t reserved_unused_bytes() const {
      std::size_t unused = payloads_.capacity() - payloads_.size();
      for (const auto& track : tracks_) unused += (track.capacity() - track.size()) * sizeof(Event);
      return unused;
    }

   private:
    friend struct FlatVector;
    Header header_;
    std::vector<std::vector<Event>> tracks_;
    std::vector<std::uint8_t> payloads_;  // never reallocated: views stay valid
  };

  class Builder {
   public:
    // Payloads cannot outgrow the input, so one reservation of the input's
    // size keeps every payload view valid without a fix-up pass.
    explicit Builder(std::size_t input_bytes) { file_.payloads_.reserve(input_bytes); }

    void begin_track(std::size_t chunk_bytes) {
      file_.tracks_.emplace_back().reserve(max_events_in(chunk_bytes));
    }
    void push(const Event& event) { file_.tracks_.back().push_back(event); }
    void push_payload(Event event, std::span<const std::uint8_t> bytes) {
      auto& store = file_.payloads_;
      event.payload = store.data() + store.size();
      event.payload_size = static_cast<std::uint32_t>(bytes.size());
      store.insert(store.end(), bytes.begin(), bytes.end());
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
