// Song assembly: parts play the song form bar by bar in lockstep until the
// file holds its target number of events, then every track is closed.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "midiarena/corpus_gen.hpp"
#include "midiarena/prng.hpp"
#include "midiarena/smf_writer.hpp"
#include "parts.hpp"
#include "song.hpp"

namespace midiarena {

namespace {

constexpr std::uint8_t kDrumChannel = 9;

std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 0xCBF29CE484222325ULL;
  for (const char c : text) hash = (hash ^ static_cast<std::uint8_t>(c)) * 0x100000001B3ULL;
  return hash;
}

// The file's stream: SplitMix64(seed ^ FNV-1a(profile name)) first output,
// xor SplitMix64(index) first output, expanded by xoshiro256**.
Xoshiro256 file_stream(const Profile& profile, std::uint64_t seed, std::uint32_t index) {
  return Xoshiro256(SplitMix64(seed ^ fnv1a(profile.name)).next() ^ SplitMix64(index).next());
}

std::uint32_t decades(const Profile& profile) {
  std::uint32_t n = 0;
  for (std::uint64_t events = profile.min_events; events <= profile.max_events; events *= 10) ++n;
  return n;
}

// The first draw of the file's stream (none for scaling).
std::uint64_t draw_target(const Profile& profile, std::uint32_t index, Xoshiro256& rng) {
  if (profile.one_file_per_decade) {
    if (index >= decades(profile)) {
      throw std::out_of_range("profile " + std::string(profile.name) + " has " + std::to_string(decades(profile)) +
                              " files");
    }
    std::uint64_t events = profile.min_events;
    for (std::uint32_t i = 0; i < index; ++i) events *= 10;
    return events;
  }
  return profile.min_events + rng.below(static_cast<std::uint32_t>(profile.max_events - profile.min_events + 1));
}

}  // namespace

std::uint32_t corpus_size(const Profile& profile, std::uint32_t requested) {
  return profile.one_file_per_decade ? std::min(requested, decades(profile)) : requested;
}

std::uint64_t target_events(const Profile& profile, std::uint64_t seed, std::uint32_t index) {
  Xoshiro256 rng = file_stream(profile, seed, index);
  return draw_target(profile, index, rng);
}

std::vector<std::uint8_t> generate_file(const Profile& profile, std::uint64_t seed, std::uint32_t index) {
  using namespace gen;
  Xoshiro256 rng = file_stream(profile, seed, index);
  const std::uint64_t target = draw_target(profile, index, rng);
  const EventMix& mix = profile.mix;
  const int ppq = mix.ticks_per_quarter;

  Conductor conductor(mix, rng,
                      "corpus_gen profile=" + std::string(profile.name) + " seed=" + std::to_string(seed) +
                          " file=" + std::to_string(index));
  const auto track_count =
      static_cast<unsigned>(rng.between(profile.min_instrument_tracks, profile.max_instrument_tracks));
  std::vector<Part> parts;
  parts.reserve(track_count);
  std::uint8_t next_channel = 0;
  for (unsigned i = 0; i < track_count; ++i) {
    const Role role = role_of_track(i);
    const bool percussive = role == Role::drums || role == Role::percussion;
    if (!percussive && next_channel == kDrumChannel) ++next_channel;
    const std::uint8_t channel = percussive ? kDrumChannel : next_channel++ % 16;
    parts.emplace_back(role, channel, i == 0, mix, rng);
  }

  // Every scheduled event reaches the file, plus one End-of-Track per track.
  const auto events = [&] {
    std::uint64_t n = conductor.track().events() + parts.size() + 1;
    for (Part& part : parts) n += part.track().events();
    return n;
  };

  SongForm form(mix, rng);
  std::uint64_t tick = 0;
  for (bool done = false; !done;) {
    const Section section = form.next();
    for (int b = 0; b < section.bars && !done; ++b) {
      const Bar bar{&section, b, tick, ppq, section.chord(b), section.chord(b + 1)};
      conductor.play(bar);
      for (Part& part : parts) {
        part.play(bar);
        if (events() >= target) {
          done = true;
          break;
        }
      }
      conductor.track().write_before(bar.end());
      for (Part& part : parts) part.track().write_before(bar.end());
      tick = bar.end();
    }
  }

  std::uint64_t end = std::max(tick, conductor.track().last_tick());
  for (Part& part : parts) end = std::max(end, part.track().last_tick());
  SmfWriter smf(1, mix.ticks_per_quarter);
  conductor.track().finish(end);
  smf.track(conductor.track().writer());
  for (Part& part : parts) {
    part.track().finish(end);
    smf.track(part.track().writer());
  }
  return smf.bytes();
}

std::string corpus_file_name(const Profile& profile, std::uint32_t index) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "%04u", index);
  return std::string(profile.name) + "-" + digits + ".mid";
}

std::vector<std::filesystem::path> write_corpus(const Profile& profile, std::uint32_t count, std::uint64_t seed,
                                                const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  std::vector<std::filesystem::path> written;
  for (std::uint32_t i = 0; i < corpus_size(profile, count); ++i) {
    const std::vector<std::uint8_t> bytes = generate_file(profile, seed, i);
    const std::filesystem::path path = dir / corpus_file_name(profile, i);
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) throw std::system_error(errno, std::generic_category(), "cannot write " + path.string());
    written.push_back(path);
  }
  return written;
}

}  // namespace midiarena
