// The corpora the benchmarks run on, loaded into memory once, untimed.
//
//   Corpus c = load_corpus("path/to/midi");           // any directory of .mid files
//   Corpus r = load_profile_corpus("reference", 1);   // generated on first use, then cached
//
// Every file is parsed once, strictly, to count its events (the benchmarks'
// items); a file that does not parse is skipped with one line on stderr, so
// every workload runs on the same files for every backend.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "bench_flags.hpp"

namespace midiarena::bench {

struct CorpusFile {
  std::filesystem::path path;
  std::vector<std::uint8_t> bytes;
  std::uint64_t events = 0;
};

struct Corpus {
  std::string name;  // the directory's base name, or the profile's name
  std::vector<CorpusFile> files;
  std::filesystem::path dir;  // where the files are (a split or collection takes some of them)
  std::uint64_t events = 0;  // over all files
  std::uint64_t bytes = 0;
};

// The MIDI files below `dir` (recursively); the corpus is named after `dir`.
Corpus load_corpus(const std::filesystem::path& dir);

// Where generated corpora are kept: $MIDIARENA_CACHE, else
// $XDG_CACHE_HOME/midiarena, else ~/.cache/midiarena.
std::filesystem::path cache_directory();

// The directory holding `count` files of the generator profile `profile`
// with seed 1, <cache>/<profile>-seed1-n<count>/, written on first use.
std::filesystem::path profile_corpus_dir(std::string_view profile, std::uint32_t count);

// The corpus in profile_corpus_dir(profile, count), named after the profile.
Corpus load_profile_corpus(std::string_view profile, std::uint32_t count);

// "20 files, 95871 events, 345467 bytes"
std::string describe(const Corpus& corpus);

// Where scripts/fetch_openmsx.sh puts the OpenMSX files: <cache>/openmsx.
std::filesystem::path openmsx_corpus_dir();

// The corpora `flags` select: every --corpus DIR, else the generated profiles
// (fewer and smaller with --quick) and OpenMSX if it is in the cache, split
// by the document's size classes (openmsx-small: <10K events per file,
// openmsx-medium: 10K-100K; it has no larger file).
// Corpora with no parsable file are left out with one line on stderr.
std::vector<Corpus> load_corpora(const BenchFlags& flags);

// Claim C17's collections: 10, 100 and 1,000 generated small files, and as
// many OpenMSX files (its 31 cycled), named <source>-<count>files; none
// with --corpus.
std::vector<Corpus> load_collections(const BenchFlags& flags);

}  // namespace midiarena::bench
