// Prints a Standard MIDI File's header, events per track and its length in
// seconds, using only the installed <midiarena/midiarena.hpp>. Without an
// argument it parses a small file of its own.
#include <midiarena/midiarena.hpp>

#include <cstdint>
#include <cstdio>
#include <exception>
#include <span>
#include <vector>

namespace {

// Format 0, 96 ticks per quarter: a tempo, middle C for a quarter note.
const std::vector<std::uint8_t> kBuiltIn = {
    'M', 'T', 'h', 'd', 0, 0, 0, 6, 0, 0, 0, 1, 0, 96,                //
    'M', 'T', 'r', 'k', 0, 0, 0, 19,                                   //
    0x00, 0xFF, 0x51, 0x03, 0x07, 0xA1, 0x20,                          // tempo 500,000 us
    0x00, 0x90, 60, 100,                                               // note on
    0x60, 0x80, 60, 0,                                                 // note off after 96 ticks
    0x00, 0xFF, 0x2F, 0x00,                                            // End-of-Track
};

void summarise(std::span<const std::uint8_t> bytes) {
  const auto file = midiarena::parse<midiarena::FlatVector>(bytes);
  std::printf("format %d, %zu tracks, division %d\n", file.header().format, file.track_count(),
              file.header().division);
  for (std::size_t i = 0; i < file.track_count(); ++i) {
    std::size_t events = 0, notes = 0;
    for (const midiarena::Event& event : file.track(i)) {
      ++events;
      notes += event.starts_note();
    }
    std::printf("track %zu: %zu events, %zu notes\n", i, events, notes);
  }
  std::printf("%.3f seconds\n", midiarena::analyze(file).duration_seconds);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc > 1) {
      const midiarena::MappedFile input(argv[1]);
      summarise(input.bytes());
    } else {
      summarise(kBuiltIn);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "track_summary: %s\n", e.what());
    return 1;
  }
}
