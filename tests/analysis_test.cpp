// Meta decoders and analysis passes on hand-built files whose answers are
// worked out by hand (durations, BPM shares) or independently (the key
// correlations were computed with numpy's corrcoef on the same profiles).
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "midiarena/allocators/registry.hpp"
#include "midiarena/analysis.hpp"
#include "midiarena/analysis_report.hpp"
#include "midiarena/meta.hpp"
#include "midiarena/smf_parser.hpp"
#include "midiarena/smf_writer.hpp"
#include "test_files.hpp"

namespace midiarena {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes tempo_bytes(std::uint32_t micros) {
  return {static_cast<std::uint8_t>(micros >> 16), static_cast<std::uint8_t>(micros >> 8),
          static_cast<std::uint8_t>(micros)};
}

// A meta event viewing `payload`, as a parsed file would hold it.
Event meta_event(std::uint8_t type, const Bytes& payload) {
  Event event = Event::payload_event(0, EventKind::meta, type);
  event.payload = payload.data();
  event.payload_size = static_cast<std::uint32_t>(payload.size());
  return event;
}

// Appends a melody of back-to-back notes of `length` ticks on `channel`.
TrackWriter& melody(TrackWriter& track, std::initializer_list<std::uint8_t> notes, std::uint32_t length,
                    std::uint8_t channel = 0) {
  for (std::uint8_t note : notes) {
    track.channel(0, 0x90 | channel, note, 100);
    track.channel(length, 0x80 | channel, note, 64);
  }
  return track;
}

Analysis analyze_bytes(const Bytes& bytes) { return analyze(parse<FlatVector>(bytes)); }

// SMPTE division: -fps in the high byte, ticks per frame in the low byte.
std::uint16_t smpte_division(int fps, int ticks_per_frame) {
  return static_cast<std::uint16_t>(((256 - fps) << 8) | ticks_per_frame);
}

// ------------------------------------------------------------ meta decoders

TEST(MetaDecoders, Tempo) {
  EXPECT_EQ(decode_tempo(meta_event(0x51, {0x07, 0xA1, 0x20})), 500000u);
  EXPECT_EQ(decode_tempo(meta_event(0x51, {0xFF, 0xFF, 0xFF})), 0xFFFFFFu);
  EXPECT_EQ(decode_tempo(meta_event(0x51, {0x07, 0xA1})), std::nullopt);
  EXPECT_EQ(decode_tempo(meta_event(0x51, {0x07, 0xA1, 0x20, 0x00})), std::nullopt);
  EXPECT_EQ(decode_tempo(meta_event(0x51, {0, 0, 0})), std::nullopt);
  EXPECT_EQ(decode_tempo(meta_event(0x58, {0x07, 0xA1, 0x20})), std::nullopt);
  const Event note = Event::channel_message(0, Event::make_tag(EventKind::note_on));
  EXPECT_EQ(decode_tempo(note), std::nullopt);
}

TEST(MetaDecoders, TimeSignature) {
  const auto six_eight = decode_time_signature(meta_event(0x58, {6, 3, 36, 8}));
  ASSERT_TRUE(six_eight);
  EXPECT_EQ(six_eight->numerator, 6);
  EXPECT_EQ(six_eight->denominator(), 8);
  EXPECT_EQ(six_eight->clocks_per_click, 36);
  EXPECT_EQ(six_eight->thirty_seconds_per_quarter, 8);
  EXPECT_EQ(decode_time_signature(meta_event(0x58, {4, 2, 24})), std::nullopt);
  EXPECT_EQ(decode_time_signature(meta_event(0x58, {4, 2, 24, 8, 0})), std::nullopt);
  EXPECT_EQ(decode_time_signature(meta_event(0x58, {0, 2, 24, 8})), std::nullopt);
  EXPECT_EQ(decode_time_signature(meta_event(0x58, {4, 8, 24, 8})), std::nullopt);
  EXPECT_EQ(decode_time_signature(meta_event(0x59, {4, 2, 24, 8})), std::nullopt);
}

TEST(MetaDecoders, KeySignature) {
  const auto e_flat = decode_key_signature(meta_event(0x59, {0xFD, 0}));
  ASSERT_TRUE(e_flat);
  EXPECT_EQ(e_flat->sharps, -3);
  EXPECT_FALSE(e_flat->minor);
  EXPECT_EQ(e_flat->name(), "Eb major");
  EXPECT_EQ(decode_key_signature(meta_event(0x59, {0, 1}))->name(), "A minor");
  EXPECT_EQ(decode_key_signature(meta_event(0x59, {7, 0}))->name(), "C# major");
  EXPECT_EQ(decode_key_signature(meta_event(0x59, {0xF9, 1}))->name(), "Ab minor");
  EXPECT_EQ(decode_key_signature(meta_event(0x59, {8, 0})), std::nullopt);
  EXPECT_EQ(decode_key_signature(meta_event(0x59, {0xF8, 0})), std::nullopt);
  EXPECT_EQ(decode_key_signature(meta_event(0x59, {0, 2})), std::nullopt);
  EXPECT_EQ(decode_key_signature(meta_event(0x59, {0})), std::nullopt);
  EXPECT_EQ(decode_key_signature(meta_event(0x59, {0, 0, 0})), std::nullopt);
}

TEST(MetaDecoders, TextKinds) {
  const Bytes piano = {'P', 'i', 'a', 'n', 'o'};
  const auto name = decode_text(meta_event(0x03, piano));
  ASSERT_TRUE(name);
  EXPECT_EQ(name->type, 0x03);
  EXPECT_EQ(name->kind, "track_name");
  EXPECT_EQ(name->text, "Piano");
  EXPECT_EQ(decode_text(meta_event(0x01, piano))->kind, "text");
  EXPECT_EQ(decode_text(meta_event(0x02, piano))->kind, "copyright");
  EXPECT_EQ(decode_text(meta_event(0x04, piano))->kind, "instrument_name");
  EXPECT_EQ(decode_text(meta_event(0x05, piano))->kind, "lyric");
  EXPECT_EQ(decode_text(meta_event(0x06, piano))->kind, "marker");
  EXPECT_EQ(decode_text(meta_event(0x07, piano))->kind, "cue_point");
  EXPECT_EQ(decode_text(meta_event(0x0F, piano))->kind, "reserved_text_0f");
  EXPECT_EQ(decode_text(meta_event(0x05, {}))->text, "");
  EXPECT_EQ(decode_text(meta_event(0x00, piano)), std::nullopt);
  EXPECT_EQ(decode_text(meta_event(0x10, piano)), std::nullopt);
  EXPECT_EQ(decode_text(meta_event(0x51, piano)), std::nullopt);
}

// ------------------------------------------------------------------ counts

TEST(Analysis, CountsNotesAndSoundingChannels) {
  TrackWriter t;
  t.meta(0, 0x03, "lead")
      .channel(0, 0xB5, 7, 100)   // a controller alone does not make channel 5 sound
      .channel(0, 0x90, 60, 100)  // ch 0
      .channel(10, 0x90, 60, 0)   // velocity 0: a note-off, not a note
      .channel(0, 0x93, 64, 90)   // ch 3
      .channel(10, 0x83, 64, 0)
      .channel(0, 0x99, 36, 120)  // ch 9 (drums) counts as a note and a channel
      .channel(0, 0x99, 38, 120)
      .channel(10, 0x89, 36, 0)
      .end_of_track();
  const Analysis a = analyze_bytes(SmfWriter(0, 96).track(t).bytes());
  EXPECT_EQ(a.counts.events, 10u);
  EXPECT_EQ(a.counts.notes, 4u);
  EXPECT_EQ(a.counts.channel_mask, (1u << 0) | (1u << 3) | (1u << 9));
  EXPECT_EQ(a.counts.channel_count(), 3);
  EXPECT_EQ(count_events(parse<FlatVector>(SmfWriter(0, 96).track(t).bytes())).notes, 4u);
}

// ------------------------------------------------------ tempo and duration

TEST(Analysis, DurationThroughSeveralTempoChanges) {
  // 480 PPQ: one beat at 120 BPM, then two beats at 60 BPM = 0.5 s + 2.0 s.
  TrackWriter conductor;
  conductor.meta(0, 0x51, tempo_bytes(500000)).meta(480, 0x51, tempo_bytes(1000000)).end_of_track();
  TrackWriter notes;
  melody(notes, {60, 62, 64}, 480).end_of_track();
  const auto file = parse<FlatVector>(SmfWriter(1, 480).track(conductor).track(notes).bytes());

  const TempoMap map = tempo_map(file);
  EXPECT_EQ(map.changes, (std::vector<TempoChange>{{0, 500000}, {480, 1000000}}));
  EXPECT_EQ(map.end_tick, 1440u);
  EXPECT_DOUBLE_EQ(ticks_to_seconds(map, 480, file.header()), 0.5);
  EXPECT_DOUBLE_EQ(ticks_to_seconds(map, 960, file.header()), 1.5);
  EXPECT_DOUBLE_EQ(ticks_to_seconds(map, 1440, file.header()), 2.5);

  const Analysis a = analyze(file);
  EXPECT_DOUBLE_EQ(a.duration_seconds, 2.5);
  // 60 BPM covers 2.0 of the 2.5 seconds.
  EXPECT_DOUBLE_EQ(a.bpm.bpm, 60);
  EXPECT_DOUBLE_EQ(a.bpm.confidence, 0.8);
}

TEST(Analysis, TempoEventsOfAllTracksMerge) {
  // Track 0 sets 120 BPM at 0 and 80 BPM at 960; track 1 sets 60 BPM at 480.
  TrackWriter a;
  a.meta(0, 0x51, tempo_bytes(500000)).meta(960, 0x51, tempo_bytes(750000)).end_of_track(480);
  TrackWriter b;
  b.meta(480, 0x51, tempo_bytes(1000000)).end_of_track();
  const Analysis result = analyze_bytes(SmfWriter(1, 480).track(a).track(b).bytes());
  EXPECT_EQ(result.tempo_map.changes, (std::vector<TempoChange>{{0, 500000}, {480, 1000000}, {960, 750000}}));
  // 0.5 s at 120 BPM + 1.0 s at 60 BPM + 0.75 s at 80 BPM.
  EXPECT_DOUBLE_EQ(result.duration_seconds, 2.25);
  EXPECT_DOUBLE_EQ(result.bpm.bpm, 60);
  EXPECT_DOUBLE_EQ(result.bpm.confidence, 1.0 / 2.25);
}

TEST(Analysis, NearlyEqualTemposCountAsOneBpm) {
  // 1 beat at 120 BPM, 2 beats at 119.976 BPM, 1 beat at 60 BPM.
  TrackWriter t;
  t.meta(0, 0x51, tempo_bytes(500000))
      .meta(96, 0x51, tempo_bytes(500100))
      .meta(192, 0x51, tempo_bytes(1000000))
      .end_of_track(96);
  const Analysis a = analyze_bytes(SmfWriter(0, 96).track(t).bytes());
  const double near_120 = 0.5 + 1.0002;
  EXPECT_DOUBLE_EQ(a.duration_seconds, near_120 + 1.0);
  EXPECT_NEAR(a.bpm.bpm, (0.5 * 120 + 1.0002 * 60e6 / 500100) / near_120, 1e-9);
  EXPECT_NEAR(a.bpm.confidence, near_120 / (near_120 + 1.0), 1e-12);
}

TEST(Analysis, NoTempoEventsMeansDefault120WithLowConfidence) {
  TrackWriter t;
  melody(t, {60, 64}, 480).end_of_track();
  const Analysis a = analyze_bytes(SmfWriter(0, 480).track(t).bytes());
  EXPECT_TRUE(a.tempo_map.changes.empty());
  EXPECT_DOUBLE_EQ(a.duration_seconds, 1.0);
  EXPECT_DOUBLE_EQ(a.bpm.bpm, 120);
  EXPECT_LT(a.bpm.confidence, 0.5);
  EXPECT_NE(a.bpm.basis.find("no tempo events"), std::string_view::npos);
}

TEST(Analysis, SmpteDivisionIgnoresTempo) {
  // 25 fps x 40 ticks per frame = 1000 ticks per second, whatever the tempo.
  TrackWriter t;
  t.meta(0, 0x51, tempo_bytes(1000000)).channel(0, 0x90, 60, 100).channel(2500, 0x80, 60, 0).end_of_track();
  const Analysis a = analyze_bytes(SmfWriter(0, smpte_division(25, 40)).track(t).bytes());
  EXPECT_DOUBLE_EQ(a.duration_seconds, 2.5);
  EXPECT_DOUBLE_EQ(a.bpm.bpm, 60);  // the file's notional beat
  EXPECT_DOUBLE_EQ(a.bpm.confidence, 1.0);
}

TEST(Analysis, Smpte29MeansDropFrame2997) {
  TrackWriter t;
  t.end_of_track(9000);
  const Analysis a = analyze_bytes(SmfWriter(0, smpte_division(29, 30)).track(t).bytes());
  // 9000 ticks / (30000/1001 fps x 30 ticks per frame) = 10.01 s.
  EXPECT_DOUBLE_EQ(a.duration_seconds, 10.01);
}

TEST(Analysis, Format2PlaysTracksOneAfterAnother) {
  TrackWriter slow;  // 1 beat at 60 BPM: 1 s
  slow.meta(0, 0x51, tempo_bytes(1000000)).end_of_track(480);
  TrackWriter plain;  // no tempo of its own: back to 120 BPM, 0.5 s
  plain.end_of_track(480);
  TrackWriter fast;  // 1 beat at 240 BPM: 0.25 s
  fast.meta(0, 0x51, tempo_bytes(250000)).end_of_track(480);
  const Analysis a = analyze_bytes(SmfWriter(2, 480).track(slow).track(plain).track(fast).bytes());
  EXPECT_EQ(a.tempo_map.changes, (std::vector<TempoChange>{{0, 1000000}, {480, 500000}, {960, 250000}}));
  EXPECT_EQ(a.tempo_map.end_tick, 1440u);
  EXPECT_DOUBLE_EQ(a.duration_seconds, 1.75);
}

// -------------------------------------------------------------------- keys

TEST(Analysis, PitchClassProfilePairsNotesPerChannel) {
  TrackWriter t;
  t.channel(0, 0x90, 60, 100)       // C: 0..100, ended by a note-off
      .channel(0, 0x91, 67, 100)    // G on ch 1: 0..50, retriggered
      .channel(0, 0x92, 60, 100)    // C on ch 2: 0..10, its own slot
      .channel(0, 0x99, 61, 100)    // drums: never a pitch class
      .channel(10, 0x82, 60, 0)
      .channel(40, 0x91, 67, 100)   // G again at 50: 50..80
      .channel(30, 0x81, 67, 0)
      .channel(20, 0x80, 60, 0)
      .channel(0, 0x80, 60, 0)      // stray note-off: ignored
      .channel(0, 0x90, 62, 100)    // D: 100..250, ended by velocity 0
      .channel(150, 0x90, 62, 0)
      .channel(0, 0x90, 64, 100)    // E: 250..400, never ended: track end
      .end_of_track(150);
  const auto profile = pitch_class_profile(parse<FlatVector>(SmfWriter(0, 96).track(t).bytes()));
  EXPECT_EQ(profile, (PitchClassProfile{110, 0, 150, 0, 150, 0, 0, 80, 0, 0, 0, 0}));
}

TEST(Analysis, CMajorScaleIsCMajor) {
  TrackWriter t;
  melody(t, {60, 62, 64, 65, 67, 69, 71, 72}, 96).end_of_track();
  const Analysis a = analyze_bytes(SmfWriter(0, 96).track(t).bytes());
  ASSERT_TRUE(a.key.found);
  EXPECT_EQ(a.key.key.name(), "C major");
  EXPECT_NEAR(a.key.correlation, 0.9013524118114132, 1e-12);
  EXPECT_DOUBLE_EQ(a.key.confidence, a.key.correlation);
  EXPECT_EQ(a.key.runner_up.name(), "A minor");
  EXPECT_NEAR(a.key.runner_up_correlation, 0.7563045836320685, 1e-12);
}

TEST(Analysis, CMajorCadenceIsCMajorWhateverTheDrums) {
  // I - IV - V7 - I as block chords, plus a long drum note on F# that would
  // pull towards another key were drums counted.
  TrackWriter t;
  t.channel(0, 0x99, 42, 100);
  for (const auto& chord : std::vector<std::vector<std::uint8_t>>{{60, 64, 67}, {65, 69, 72}, {67, 71, 74, 77}, {60, 64, 67}}) {
    for (std::uint8_t n : chord) t.channel(0, 0x90, n, 90);
    for (std::size_t i = 0; i < chord.size(); ++i) t.channel(i == 0 ? 480 : 0, 0x80, chord[i], 0);
  }
  t.channel(0, 0x89, 42, 0).end_of_track();
  const Analysis a = analyze_bytes(SmfWriter(0, 480).track(t).bytes());
  EXPECT_EQ(a.pitch_classes, (PitchClassProfile{1440, 0, 480, 0, 960, 960, 0, 1440, 0, 480, 0, 480}));
  EXPECT_EQ(a.key.key.name(), "C major");
  EXPECT_NEAR(a.key.correlation, 0.9649613430444893, 1e-12);
}

TEST(Analysis, AHarmonicMinorIsAMinor) {
  TrackWriter t;
  melody(t, {69, 71, 72, 74, 76, 77, 80, 81}, 96, 4).end_of_track();
  const Analysis a = analyze_bytes(SmfWriter(0, 96).track(t).bytes());
  EXPECT_EQ(a.key.key.name(), "A minor");
  EXPECT_TRUE(a.key.key.minor);
  EXPECT_EQ(a.key.key.tonic, 9);
  EXPECT_NEAR(a.key.correlation, 0.8465520454219226, 1e-12);
}

TEST(Analysis, EFlatMajorScaleIsEFlatMajor) {
  TrackWriter t;
  melody(t, {63, 65, 67, 68, 70, 72, 74, 75}, 96).end_of_track();
  const Analysis a = analyze_bytes(SmfWriter(0, 96).track(t).bytes());
  EXPECT_EQ(a.key.key.name(), "Eb major");
  EXPECT_EQ(a.key.runner_up.name(), "C minor");
}

TEST(Analysis, DrumsOnlyHaveNoKey) {
  TrackWriter t;
  melody(t, {36, 38, 42}, 96, kDrumChannel).end_of_track();
  const Analysis a = analyze_bytes(SmfWriter(0, 96).track(t).bytes());
  EXPECT_EQ(a.counts.notes, 3u);
  EXPECT_FALSE(a.key.found);
  EXPECT_DOUBLE_EQ(a.key.confidence, 0);
}

// -------------------------------------------------------------- signatures

TEST(Analysis, TimeAndKeySignaturesDecodedAndMalformedOnesCounted) {
  TrackWriter t;
  t.meta(0, 0x58, Bytes{4, 2, 24, 8})
      .meta(0, 0x59, Bytes{0xFD, 0})
      .meta(0, 0x51, Bytes{0x07, 0xA1})       // malformed tempo
      .meta(960, 0x58, Bytes{3, 2, 24})       // malformed time signature
      .meta(0, 0x58, Bytes{3, 2, 24, 8})
      .meta(0, 0x59, Bytes{9, 0})             // malformed key signature
      .end_of_track();
  TrackWriter second;
  second.meta(480, 0x59, Bytes{0, 1}).end_of_track();
  const Analysis a = analyze_bytes(SmfWriter(1, 480).track(t).track(second).bytes());
  ASSERT_EQ(a.time_signatures.size(), 2u);
  EXPECT_EQ(a.time_signatures[0].tick, 0u);
  EXPECT_EQ(a.time_signatures[0].value, (TimeSignature{4, 2, 24, 8}));
  EXPECT_EQ(a.time_signatures[1].tick, 960u);
  EXPECT_EQ(a.time_signatures[1].value.numerator, 3);
  EXPECT_EQ(a.time_signatures[1].value.denominator(), 4);
  ASSERT_EQ(a.key_signatures.size(), 2u);
  EXPECT_EQ(a.key_signatures[0].value.name(), "Eb major");
  EXPECT_EQ(a.key_signatures[1].track, 1u);
  EXPECT_EQ(a.key_signatures[1].tick, 480u);
  EXPECT_EQ(a.key_signatures[1].value.name(), "A minor");
  EXPECT_EQ(a.malformed_meta, 3u);
  EXPECT_TRUE(a.tempo_map.changes.empty());
}

// ---------------------------------------------------- backends and reports

Bytes mixed_file() {
  TrackWriter conductor;
  conductor.meta(0, 0x58, Bytes{3, 2, 24, 8})
      .meta(0, 0x59, Bytes{0xFE, 1})
      .meta(0, 0x51, tempo_bytes(600000))
      .meta(960, 0x51, tempo_bytes(400000))
      .end_of_track(960);
  TrackWriter melody_track;
  melody_track.meta(0, 0x03, "melody");
  melody(melody_track, {67, 70, 74, 72, 70, 69, 67}, 240, 1).end_of_track();
  TrackWriter bass_and_drums;
  melody(bass_and_drums, {43, 38, 43}, 480, 2);
  melody(bass_and_drums, {36, 42, 36, 42}, 120, kDrumChannel).sysex(0, Bytes{0x7E, 0x7F, 0x09, 0x01, 0xF7}).end_of_track();
  return SmfWriter(1, 240).track(conductor).track(melody_track).track(bass_and_drums).bytes();
}

// Every backend's analysis of `bytes` as JSON, first the flat_vector one.
std::vector<nlohmann::ordered_json> analyses_by_backend(const Bytes& bytes, bool lenient) {
  std::vector<nlohmann::ordered_json> results;
  results.push_back(analysis_to_json(analyze(parse<FlatVector>(bytes, {.lenient = lenient}))));
  AllBackends::for_each([&]<Backend B>() {
    results.push_back(analysis_to_json(analyze(parse<B>(bytes, {.lenient = lenient}))));
  });
  return results;
}

TEST(Analysis, EveryBackendGivesTheSameAnswers) {
  const auto results = analyses_by_backend(mixed_file(), false);
  for (const auto& result : results) EXPECT_EQ(result, results.front());
  EXPECT_EQ(results.front()["key"]["name"], "G minor");
}

TEST(Analysis, EveryBackendGivesTheSameAnswersOnConformanceFiles) {
  int analysed = 0;
  for (const auto& path : testing::conformance_files()) {
    const Bytes bytes = testing::read_bytes(path);
    try {
      const auto results = analyses_by_backend(bytes, true);
      for (const auto& result : results) EXPECT_EQ(result, results.front()) << path;
      ++analysed;
    } catch (const ParseError&) {
      // Not a MIDI file even leniently: nothing to analyse.
    }
  }
  EXPECT_GT(analysed, 60);
}

TEST(Analysis, ConformanceCMajorScale) {
  const auto file = parse<FlatVector>(
      testing::read_bytes(testing::conformance_dir() / "test-c-major-scale.mid"));
  const Analysis a = analyze(file);
  EXPECT_EQ(a.key.key.name(), "C major");
  EXPECT_EQ(a.counts.notes, 8u);
  EXPECT_EQ(a.counts.channel_mask, 1u);
  // Eight quarter notes at 96 PPQ with no tempo event: 8 x 0.5 s.
  EXPECT_DOUBLE_EQ(a.duration_seconds, 4.0);
  EXPECT_DOUBLE_EQ(a.bpm.bpm, 120);
}

TEST(AnalysisReport, JsonHoldsTheDecodedValues) {
  TrackWriter conductor;
  conductor.meta(0, 0x51, tempo_bytes(500000)).meta(0, 0x58, Bytes{6, 3, 36, 8}).meta(480, 0x51, tempo_bytes(1000000)).end_of_track();
  TrackWriter notes;
  melody(notes, {60, 62, 64}, 480).end_of_track();
  const auto j = analysis_to_json(analyze_bytes(SmfWriter(1, 480).track(conductor).track(notes).bytes()));
  EXPECT_EQ(j["format"], 1);
  EXPECT_EQ(j["ticks_per_quarter"], 480);
  EXPECT_EQ(j["notes"], 3);
  EXPECT_EQ(j["channels"], nlohmann::ordered_json::array({0}));
  EXPECT_EQ(j["end_tick"], 1440);
  EXPECT_DOUBLE_EQ(j["duration_seconds"].get<double>(), 2.5);
  EXPECT_DOUBLE_EQ(j["bpm"]["value"].get<double>(), 60);
  EXPECT_DOUBLE_EQ(j["tempo_map"][1]["bpm"].get<double>(), 60);
  EXPECT_EQ(j["tempo_map"][1]["tick"], 480);
  EXPECT_EQ(j["time_signatures"][0]["numerator"], 6);
  EXPECT_EQ(j["time_signatures"][0]["denominator"], 8);
  EXPECT_EQ(j["key_signatures"], nlohmann::ordered_json::array());
}

TEST(AnalysisReport, TextNamesTheFindings) {
  TrackWriter t;
  t.meta(0, 0x51, tempo_bytes(500000)).meta(0, 0x59, Bytes{0, 1});
  melody(t, {69, 71, 72, 74, 76, 77, 80, 81}, 96).end_of_track();
  const std::string text = format_analysis(analyze_bytes(SmfWriter(0, 96).track(t).bytes()));
  EXPECT_NE(text.find("format 0, 1 tracks, 96 ticks per quarter\n"), std::string::npos) << text;
  EXPECT_NE(text.find("events 19, notes 8, channels used 1: 0\n"), std::string::npos) << text;
  EXPECT_NE(text.find("duration 4.000 s (768 ticks)\n"), std::string::npos) << text;
  EXPECT_NE(text.find("tempo 120.00 BPM, confidence 1.00"), std::string::npos) << text;
  EXPECT_NE(text.find("key A minor, confidence 0.85"), std::string::npos) << text;
  EXPECT_NE(text.find("  track 0 tick 0: A minor\n"), std::string::npos) << text;
}

// ---------------------------------------------------------------------- CLI

TEST(AnalyzeCommand, PrintsJsonWithEveryBackend) {
  const std::string file = (testing::conformance_dir() / "test-c-major-scale.mid").string();
  for (const auto& backend : AllBackends::names()) {
    const auto [status, out] = testing::run_cli("analyze --json --backend " + backend + " " + file);
    ASSERT_EQ(status, 0) << backend;
    const auto j = nlohmann::json::parse(out);
    EXPECT_EQ(j["file"], file);
    EXPECT_EQ(j["key"]["name"], "C major");
    EXPECT_EQ(j["notes"], 8);
  }
}

TEST(AnalyzeCommand, FailsOnAFileThatIsNotMidi) {
  const auto [status, out] =
      testing::run_cli("analyze " + (testing::conformance_dir() / "test-not-a-midi-file.mid").string());
  EXPECT_EQ(status, 1);
  EXPECT_EQ(out, "");
}

}  // namespace
}  // namespace midiarena
