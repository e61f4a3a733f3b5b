// The profiles and their event-kind mixes.
//
// small, medium, large and scaling share one mix (kSongMix) so that the size
// classes differ in size only, and per-event costs compare across them.
// kSongMix is a modern sequencer export (480 PPQ, so many two-byte deltas):
// about 3.6 bytes per event, 12 % note_off, 11 % control_change.
//
// reference stands for the document's `large.mid` (150 KB, 50,000 events, so
// about 3 bytes per event, near the 3-byte floor of a channel message under
// running status): a played-in file from an older hardware sequencer, with
// 96 PPQ (one-byte deltas), note ends as velocity-0 note_on, few controller
// sweeps (each costs two status bytes where it interleaves with notes) and
// keyboard pressure streams (two bytes each). It comes out at 153.0-156.0 KB
// (3.06-3.12 bytes per event) over 300 seeds.
#include <stdexcept>
#include <string>

#include "midiarena/corpus_gen.hpp"

namespace midiarena {

namespace {

constexpr EventMix kSongMix = {
    .ticks_per_quarter = 480,
    .zero_velocity_note_off = 700,
    .explicit_status = 50,
    .running_status_after_meta = 500,
    .humanize_ticks = 12,
    .controller_ramp = 120,
    .controller_ramp_steps = 16,
    .sustain_pedal = 500,
    .pitch_bend_ramp = 100,
    .pitch_bend_steps = 16,
    .aftertouch = 150,
    .aftertouch_steps = 3,
    .program_change = 100,
    .text_meta = 150,
    .lyrics = 800,
    .sysex = 150,
    .tempo_change = 250,
    .meter_change = 100,
    .key_change = 150,
};

constexpr EventMix kReferenceMix = {
    .ticks_per_quarter = 96,
    .zero_velocity_note_off = 980,
    .explicit_status = 4,
    .running_status_after_meta = 900,
    .humanize_ticks = 3,
    .controller_ramp = 25,
    .controller_ramp_steps = 8,
    .sustain_pedal = 80,
    .pitch_bend_ramp = 40,
    .pitch_bend_steps = 8,
    .aftertouch = 300,
    .aftertouch_steps = 8,
    .program_change = 100,
    .text_meta = 100,
    .lyrics = 200,
    .sysex = 150,
    .tempo_change = 150,
    .meter_change = 100,
    .key_change = 150,
};

// A file overshoots its target by less than one bar of one track (well under
// 200 events), hence maxima a little below each class's upper bound.
constexpr Profile kProfiles[] = {
    {"small", "1K-10K events, 2-6 instrument tracks", 1'000, 9'800, false, 2, 6, kSongMix},
    {"medium", "10K-100K events, 4-10 instrument tracks", 10'000, 98'000, false, 4, 10, kSongMix},
    {"large", "100K-1M events, 8-16 instrument tracks", 100'000, 980'000, false, 8, 16, kSongMix},
    {"reference", "the document's large.mid: ~150 KB, ~50,000 events", 50'000, 50'000, false, 8, 12, kReferenceMix},
    {"scaling", "one file per decade, 1K to 10M events, 8 instrument tracks", 1'000, 10'000'000, true, 8, 8,
     kSongMix},
};

}  // namespace

std::span<const Profile> profiles() { return kProfiles; }

const Profile& find_profile(std::string_view name) {
  std::string known;
  for (const Profile& profile : kProfiles) {
    if (profile.name == name) return profile;
    known += (known.empty() ? "" : ", ") + std::string(profile.name);
  }
  throw std::invalid_argument("unknown profile '" + std::string(name) + "' (known: " + known + ")");
}

}  // namespace midiarena
