// Shared by the subcommands that parse files with a chosen backend.
#pragma once

#include <cstdio>
#include <exception>
#include <optional>
#include <string>
#include <system_error>

#include <CLI/CLI.hpp>

#include "midiarena/allocators/registry.hpp"
#include "midiarena/mapped_file.hpp"
#include "midiarena/smf_parser.hpp"

namespace midiarena::cli {

inline void add_backend_option(CLI::App& cmd, std::string& backend) {
  cmd.add_option("--backend,-b", backend, "Storage backend (see `midiarena backends`)")
      ->check(CLI::IsMember(AllBackends::names()))
      ->capture_default_str();
}

// Parses `path` with the named backend and calls `use(file)`. Parse, use and
// destruction all happen on the calling thread, which backends with per-thread
// heaps (pooled_arena's default pool, mi_heap) require. Returns nullopt, or
// what stopped it: "track 2 at byte 0x1a3f: running status with no previous
// status", "No such file or directory".
template <class Use>
std::optional<std::string> try_parse_file(const std::string& path, const std::string& backend, bool lenient,
                                          ParseReport& report, Use&& use) {
  try {
    const MappedFile input(path);
    AllBackends::visit(backend, [&]<Backend B>() {
      auto file = parse<B>(input.bytes(), ParseOptions{.lenient = lenient}, &report);
      use(file);
    });
    return std::nullopt;
  } catch (const std::system_error& e) {  // its what() repeats the path
    return e.code().message();
  } catch (const std::exception& e) {  // ParseError, or e.g. bad_alloc: one file's failure, not the batch's
    return std::string(e.what());
  }
}

// try_parse_file for one file: repairs (lenient mode) and errors go to
// stderr. Returns the exit status: 0, or 1 when the file cannot be read or
// parsed.
template <class Use>
int with_parsed_file(const std::string& path, const std::string& backend, bool lenient, Use&& use) {
  ParseReport report;
  const auto error = try_parse_file(path, backend, lenient, report, [&](const auto& file) {
    for (const auto& line : report.repairs) std::fprintf(stderr, "repaired: %s\n", line.c_str());
    use(file);
  });
  if (!error) return 0;
  std::fflush(stdout);
  std::fprintf(stderr, "error: %s: %s\n", path.c_str(), error->c_str());
  return 1;
}

}  // namespace midiarena::cli
