// Helpers shared by the tests: parse bytes to a canonical dump, read files.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "midiarena/allocators/flat_vector.hpp"
#include "midiarena/dump.hpp"
#include "midiarena/smf_parser.hpp"

namespace midiarena::testing {

inline std::filesystem::path conformance_dir() {
  return std::filesystem::path(MIDIARENA_SHARED_DIR) / "corpora" / "test-midi-files";
}

std::vector<std::uint8_t> read_bytes(const std::filesystem::path& path);

// Every .mid file of the conformance corpus, sorted by name.
std::vector<std::filesystem::path> conformance_files();

template <Backend B = FlatVector>
std::string dump_of(const std::vector<std::uint8_t>& bytes, bool lenient = false, ParseReport* report = nullptr) {
  std::string out;
  dump(out, parse<B>(bytes, ParseOptions{.lenient = lenient}, report));
  return out;
}

}  // namespace midiarena::testing
