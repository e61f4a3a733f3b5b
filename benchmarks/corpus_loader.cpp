#include "corpus_loader.hpp"

#include <unistd.h>

#include <cerrno>  // program_invocation_short_name (glibc)
#include <cstdio>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>
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
  Corpus corpus{.name = base_name(dir), .files = {}, .dir = dir};
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

std::filesystem::path openmsx_corpus_dir() { return cache_directory() / "openmsx"; }

namespace {

// OpenMSX where scripts/fetch_openmsx.sh has put it, else nothing and a note
// saying so: C++ does not fetch Debian packages.
std::optional<Corpus> load_openmsx() {
  if (std::filesystem::is_directory(openmsx_corpus_dir())) return load_corpus(openmsx_corpus_dir());
  std::fprintf(stderr, "%s: no OpenMSX corpus in %s (scripts/fetch_openmsx.sh puts it there): generated profiles only\n",
               program_invocation_short_name, openmsx_corpus_dir().c_str());
  return std::nullopt;
}

// The document's size classes, in events per file.
struct SizeClass {
  const char* name;
  std::uint64_t min_events, max_events;  // [min, max)
};
constexpr SizeClass kSizeClasses[] = {
    {"small", 0, 10'000}, {"medium", 10'000, 100'000}, {"large", 100'000, UINT64_MAX}};

// A real corpus split by size class (<name>-small, -medium, -large; empty
// ones left out), so the claims about a class are judged on its real files.
std::vector<Corpus> split_by_size_class(const Corpus& corpus) {
  std::vector<Corpus> out;
  for (const SizeClass& size : kSizeClasses) {
    Corpus part{.name = corpus.name + "-" + size.name, .files = {}, .dir = corpus.dir};
    for (const CorpusFile& file : corpus.files)
      if (file.events >= size.min_events && file.events < size.max_events) {
        part.files.push_back(file);
        part.events += file.events;
        part.bytes += file.bytes.size();
      }
    if (!part.files.empty()) out.push_back(std::move(part));
  }
  return out;
}

// `count` files of `source`, in order, starting again from its first file
// when it has fewer: named <source>-<count>files.
Corpus collection(const Corpus& source, std::size_t count) {
  Corpus out{.name = source.name + "-" + std::to_string(count) + "files", .files = {}, .dir = source.dir};
  for (std::size_t i = 0; i < count; ++i) {
    const CorpusFile& file = source.files[i % source.files.size()];
    out.files.push_back(file);
    out.events += file.events;
    out.bytes += file.bytes.size();
  }
  return out;
}

}  // namespace

std::vector<Corpus> load_collections(const BenchFlags& flags) {
  std::vector<Corpus> collections;
  if (!flags.corpora.empty()) return collections;
  std::vector<Corpus> sources;
  sources.push_back(load_profile_corpus("small", 1000));
  if (auto openmsx = load_openmsx()) sources.push_back(std::move(*openmsx));
  for (const Corpus& source : sources)
    if (!source.files.empty())
      for (const std::size_t count : {10, 100, 1000}) collections.push_back(collection(source, count));
  return collections;
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
  if (flags.corpora.empty())
    if (const auto openmsx = load_openmsx())
      for (Corpus& part : split_by_size_class(*openmsx)) corpora.push_back(std::move(part));
  std::erase_if(corpora, [](const Corpus& c) {
    if (c.files.empty())
      std::fprintf(stderr, "%s: corpus %s has no parsable MIDI file\n", program_invocation_short_name, c.name.c_str());
    return c.files.empty();
  });
  return corpora;
}

}  // namespace midiarena::bench
