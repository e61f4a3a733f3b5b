// Deterministic synthetic corpora: Standard MIDI Files that look like real
// songs, at the motivating document's size classes (SPEC section 6).
//
//   const Profile& p = find_profile("reference");
//   std::vector<std::uint8_t> smf = generate_file(p, /*seed=*/1, /*index=*/0);
//   write_corpus(p, /*count=*/10, /*seed=*/1, "corpus/");  // reference-0000.mid ...
//
// Same (profile, seed, index) => byte-identical file on any machine: the only
// randomness is the library's own xoshiro256** stream (prng.hpp), seeded from
// the three, and no byte depends on floating point.
//
// A file is a format-1 song: a conductor track (tempo, time and key
// signatures, markers, text) and 2-16 instrument tracks (melody with lyrics,
// bass, drums, chords, pads, arpeggios, counter-melodies) playing a song form
// of sections over chord progressions. Each track opens with a GM-style setup
// block (program, CC 7/10/11/1/64, pitch-bend centre; the first one with a GM
// reset sysex), so every file holds every event kind its mix promises.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace midiarena {

// The knobs that set a profile's event-kind mix. Shares are per mille (‰).
struct EventMix {
  std::uint16_t ticks_per_quarter;  // MThd division; the delta-time sizes follow from it

  // How events are encoded.
  unsigned zero_velocity_note_off;     // ‰ of note ends written as note_on velocity 0 (others: note_off)
  unsigned explicit_status;            // ‰ of channel events that repeat a status byte running status could omit
  unsigned running_status_after_meta;  // ‰ of channel events right after a meta event that still omit the
                                       // status (RP-001 says repeat it; real files often do not). Never after sysex.

  // What is played.
  unsigned humanize_ticks;         // notes start 0..this many ticks after their grid position
  unsigned controller_ramp;        // ‰ of (track, bar) with a CC 1/11/7/10 ramp
  unsigned controller_ramp_steps;  // controller events per ramp
  unsigned sustain_pedal;          // ‰ of keyboard bars held with CC 64 down/up
  unsigned pitch_bend_ramp;        // ‰ of melody/bass bars with a bend away and back
  unsigned pitch_bend_steps;       // pitch-bend events per ramp
  unsigned aftertouch;             // ‰ of melody notes played with pressure (every 8th polyphonic)
  unsigned aftertouch_steps;       // pressure events per such note
  unsigned program_change;         // ‰ of (track, section) that switch program
  unsigned text_meta;              // ‰ of (track, section) with a text meta event
  unsigned lyrics;                 // ‰ of sung notes preceded by a lyric meta event
  unsigned sysex;                  // ‰ of sections opened by a GS/XG/universal sysex (a GM reset opens every file)
  unsigned tempo_change;           // ‰ of sections with a new tempo, eased in over the previous bar
  unsigned meter_change;           // ‰ of sections with a new time signature
  unsigned key_change;             // ‰ of sections that modulate (new key signature)
};

struct Profile {
  std::string_view name;
  std::string_view description;
  // Each file is generated up to a target event count (every event the parser
  // reports, End-of-Track included), drawn uniformly from [min_events,
  // max_events]; a file exceeds its target by less than one bar of one track.
  std::uint64_t min_events;
  std::uint64_t max_events;
  // Scaling: file i targets min_events * 10^i instead, for i up to the decade
  // of max_events; there are no further files.
  bool one_file_per_decade;
  unsigned min_instrument_tracks;  // besides the conductor track; 2..16
  unsigned max_instrument_tracks;
  EventMix mix;
};

// small, medium, large, reference, scaling (see profiles.cpp for the figures).
std::span<const Profile> profiles();
// Throws std::invalid_argument naming the known profiles.
const Profile& find_profile(std::string_view name);

// Files a profile can produce: `requested`, or fewer for `scaling` (one per
// decade, so --count caps the number of decades).
std::uint32_t corpus_size(const Profile& profile, std::uint32_t requested);
// The event count file `index` aims at. Throws std::out_of_range past the
// last scaling decade.
std::uint64_t target_events(const Profile& profile, std::uint64_t seed, std::uint32_t index);

// One complete SMF.
std::vector<std::uint8_t> generate_file(const Profile& profile, std::uint64_t seed, std::uint32_t index);

// "<profile>-<index, 4 digits>.mid", e.g. "reference-0000.mid".
std::string corpus_file_name(const Profile& profile, std::uint32_t index);

// Writes corpus_size(profile, count) files into `dir` (created if needed) and
// returns their paths. Throws std::system_error when a file cannot be written.
std::vector<std::filesystem::path> write_corpus(const Profile& profile, std::uint32_t count, std::uint64_t seed,
                                                const std::filesystem::path& dir);

}  // namespace midiarena
