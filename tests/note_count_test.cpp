// count_notes_simd (AVX2 gathers over a contiguous track) against the plain
// count_notes loop: the same notes on generated files of every profile, and
// on the edges of the eight-event gather (tails, empty tracks, velocity 0).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "midiarena/allocators/flat_vector.hpp"
#include "midiarena/corpus_gen.hpp"
#include "midiarena/note_count.hpp"
#include "midiarena/smf_parser.hpp"

namespace midiarena {
namespace {

std::uint64_t simd_notes(const FlatVector::File& file) {
  std::uint64_t notes = 0;
  for (std::size_t t = 0; t < file.track_count(); ++t) notes += count_notes_simd(file.track(t));
  return notes;
}

TEST(NoteCount, SimdAgreesWithThePlainLoopOnEveryProfile) {
  if (!simd_note_count_available()) GTEST_SKIP() << "no AVX2 on this CPU";
  for (const Profile& profile : profiles()) {
    const auto file = parse<FlatVector>(generate_file(profile, /*seed=*/2, /*index=*/0));
    EXPECT_EQ(simd_notes(file), count_notes(file)) << profile.name;
    EXPECT_EQ(count_notes_avx2(file), count_notes(file)) << profile.name;
    EXPECT_GT(count_notes(file), 0u) << profile.name;
  }
}

TEST(NoteCount, SimdHandlesEveryTailLengthAndSilentNoteOns) {
  if (!simd_note_count_available()) GTEST_SKIP() << "no AVX2 on this CPU";
  std::vector<Event> events;
  for (std::uint64_t n = 0; n < 40; ++n) {
    EXPECT_EQ(count_notes_simd(events), static_cast<std::uint64_t>(std::count_if(events.begin(), events.end(), [](const Event& e) {
                return e.starts_note();
              }))) << n << " events";
    // A pattern of note-ons with and without velocity, note-offs and others.
    const auto kind = n % 4 == 3 ? EventKind::control_change : n % 3 == 0 ? EventKind::note_off : EventKind::note_on;
    events.push_back(Event::channel_message(n, Event::make_tag(kind, n % 16, 60, n % 5 == 0 ? 0 : 90)));
  }
}

}  // namespace
}  // namespace midiarena
