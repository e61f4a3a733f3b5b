// boxed_heap: the document's "before", done faithfully. Every event is its
// own heap allocation (Vec<Box<Event>>) and owns its text/sysex bytes.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "midiarena/boxed_track.hpp"
#include "midiarena/backend.hpp"

namespace midiarena {

struct BoxedHeap {
  static constexpr const char* name = "boxed_heap";

  struct BoxedEvent {
    Event event;
    std::vector<std::uint8_t> owned;  // no small-buffer: every payload is an allocation, as in Rust
  };
  static constexpr std::size_t event_size = sizeof(BoxedEvent);

  class File {
   public:
    const Header& header() const { return header_; }
    std::size_t track_count() const { return tracks_.size(); }
    BoxedTrack<std::unique_ptr<BoxedEvent>> track(std::size_t i) const {
      return BoxedTrack<std::unique_ptr<BoxedEvent>>(tracks_[i]);
    }
    std::size_t reserved_unused_bytes() const {
      std::size_t unused = 0;
      for (const auto& track : tracks_) unused += (track.capacity() - track.size()) * sizeof(track[0]);
      return unused;
    }

   private:
    friend struct BoxedHeap;
    Header header_;
    std::vector<std::vector<std::unique_ptr<BoxedEvent>>> tracks_;
  };

  class Builder {
   public:
    using TrackWriter = ForwardingTrackWriter<Builder>;

    explicit Builder(std::size_t /*input_bytes*/) {}
    TrackWriter begin_track(std::size_t max_events) {
      file_.tracks_.emplace_back().reserve(max_events);
      return TrackWriter(*this);
    }
    // Always inlined, as it was before the block loop's breaks called it
    // too: the allocation per event is what this layout models, not a call.
    [[gnu::always_inline]] void push(const Event& event) {
      file_.tracks_.back().push_back(std::make_unique<BoxedEvent>(BoxedEvent{event, {}}));
    }
    void push_payload(const Event& event, std::span<const std::uint8_t> bytes) {
      auto box = std::make_unique<BoxedEvent>(BoxedEvent{event, {bytes.begin(), bytes.end()}});
      box->event.payload = box->owned.data();
      box->event.payload_size = static_cast<std::uint32_t>(box->owned.size());
      file_.tracks_.back().push_back(std::move(box));
    }
    void end_track(TrackWriter&&) {}
    File finish(const Header& header) && {
      file_.header_ = header;
      return std::move(file_);
    }

   private:
    File file_;
  };
};

}  // namespace midiarena
