// Helpers shared by the tests: parse bytes to a canonical dump, read and
// write files, temporary directories, running the `midiarena` program.
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
  return std::filesystem::path(MIDIARENA_CONFORMANCE_DIR);  // tests/conformance/test-midi-files
}

std::vector<std::uint8_t> read_bytes(const std::filesystem::path& path);
void write_bytes(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes);

// A fresh directory named after the running test, removed at the end.
struct TempDir {
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::filesystem::path path;
};

struct CliRun {
  int status = -1;  // exit status; -1 when killed by a signal
  std::string out;  // stdout
};

// Runs `midiarena ARGUMENTS` through the shell, stderr sent to `stderr_to`.
CliRun run_cli(const std::string& arguments, const std::string& stderr_to = "/dev/null");

// Every .mid file of the conformance corpus, sorted by name.
std::vector<std::filesystem::path> conformance_files();

template <Backend B = FlatVector>
std::string dump_of(const std::vector<std::uint8_t>& bytes, bool lenient = false, ParseReport* report = nullptr) {
  std::string out;
  dump(out, parse<B>(bytes, ParseOptions{.lenient = lenient}, report));
  return out;
}

}  // namespace midiarena::testing
