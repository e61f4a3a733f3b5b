#include "corpus_loader.hpp"

#include <unistd.h>

#include <cerrno>  // program_invocation_short_name (glibc)
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <system_error>

#include "midiarena/allocators/flat_vector.hpp"
#include "midiarena/analysis.hpp"
#include "midiarena/corpus_files.hpp"
#include "midiarena/corpus_gen.hpp"
#include "midiarena/parse_error.hpp"
#include "midiarena/smf_parser.hpp"

namespace midiarena::bench {
namespace {

constexpr std::uint64_t kSeed = 1;

std::vector<std::uint8_t> read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::system_error(errno, std::generic_category(), "cannot open " + path.string());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string base_name(const std::filesystem::path& dir) {
  // "corpora/" has an empty filename: name it by its last real component.
  const auto clean = dir.lexically_normal();
  return clean.has_filename() ? clean.filename().string() : clean.parent_path().filename().string();
}

}  // namespace

Corpus load_corpus(const std::filesystem::path& dir) {
  Corpus corpus{.name = base_name(dir), .files = {}};
  for (const auto& path : midi_files({dir})) {
    CorpusFile file{.path = path, .bytes = read_bytes(path)};
    try {
      file.events = count_events(parse<FlatVector>(file.bytes, ParseOptions{.lenient = false})).events;
    } catch (const ParseError& e) {
      std::fprintf(stderr, "%s: skipping %s: %s\n", program_invocation_short_name, path.c_str(), e.what());
      continue;
    }
    corpus.events += file.events;
    corpus.bytes += file.bytes.size();
    corpus.files.push_back(std::move(file));
  }
  return corpus;
}

std::filesystem::path cache_directory() {
  if (const char* dir = std::getenv("MIDIARENA_CACHE"); dir && *dir) return dir;
  if (const char* dir = std::getenv("XDG_CACHE_HOME"); dir && *dir) return std::filesystem::path(dir) / "midiarena";
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home && *home ? home : ".") / ".cache" / "midiarena";
}

std::filesystem::path profile_corpus_dir(std::string_view profile_name, std::uint32_t count) {
  const Profile& profile = find_profile(profile_name);
  const std::string folder = std::string(profile.name) + "-seed" + std::to_string(kSeed) + "-n" + std::to_string(count);
  const auto dir = cache_directory() / folder;
  if (!std::filesystem::exists(dir)) {
    // Written beside, then renamed: a concurrent run never sees half a corpus.
    const auto partial = cache_directory() / (folder + ".partial-" + std::to_string(::getpid()));
    std::fprintf(stderr, "%s: generating %s into %s\n", program_invocation_short_name, folder.c_str(), dir.c_str());
    write_corpus(profile, count, kSeed, partial);
    std::error_code lost_race;
    std::filesystem::rename(partial, dir, lost_race);
    if (lost_race) std::filesystem::remove_all(partial);
  }
  return dir;
}

Corpus load_profile_corpus(std::string_view profile_name, std::uint32_t count) {
  Corpus corpus = load_corpus(profile_corpus_dir(profile_name, count));
  corpus.name = find_profile(profile_name).name;
  return corpus;
}

std::string describe(const Corpus& corpus) {
  return std::to_string(corpus.files.size()) + " files, " + std::to_string(corpus.events) + " events, " +
         std::to_string(corpus.bytes) + " bytes";
}

std::vector<Corpus> load_corpora(const BenchFlags& flags) {
  std::vector<Corpus> corpora;
  if (!flags.corpora.empty()) {
    for (const auto& dir : flags.corpora) corpora.push_back(load_corpus(dir));
  } else if (flags.quick) {
    corpora.push_back(load_profile_corpus("small", 5));
    corpora.push_back(load_profile_corpus("medium", 1));
    corpora.push_back(load_profile_corpus("large", 1));  // one file, so claims C3 and C12 have a >100K-event class
    corpora.push_back(load_profile_corpus("reference", 1));
  } else {
    corpora.push_back(load_profile_corpus("small", 20));
    corpora.push_back(load_profile_corpus("medium", 4));
    corpora.push_back(load_profile_corpus("large", 1));
    corpora.push_back(load_profile_corpus("reference", 1));
  }
  std::erase_if(corpora, [](const Corpus& c) {
    if (c.files.empty())
      std::fprintf(stderr, "%s: corpus %s has no parsable MIDI file\n", program_invocation_short_name, c.name.c_str());
    return c.files.empty();
  });
  return corpora;
}

}  // namespace midiarena::bench
