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

  using File = BoxedFile<std::vector<std::unique_ptr<BoxedEvent>>>;

  class Builder : public BoxedFileBuilder<Builder, File> {
   public:
    explicit Builder(std::size_t /*input_bytes*/) {}
    // Always inlined, as it was before the block loop's breaks called it
    // too: the allocation per event is what this layout models, not a call.
    [[gnu::always_inline]] void push(const Event& event) { add(std::make_unique<BoxedEvent>(BoxedEvent{event, {}})); }
    void push_payload(const Event& event, std::span<const std::uint8_t> bytes) {
      auto box = std::make_unique<BoxedEvent>(BoxedEvent{event, {bytes.begin(), bytes.end()}});
      box->event = with_payload(box->event, box->owned);
      add(std::move(box));
    }
  };
};

}  // namespace midiarena
