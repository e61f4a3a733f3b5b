// Shared by the subcommands that parse one file with a chosen backend.
#pragma once

#include <cstdio>
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

// Parses `path` with the named backend and calls `use(file)`. Repairs (lenient
// mode) and errors go to stderr. Returns the exit status: 0, or 1 when the
// file cannot be read or parsed.
template <class Use>
int with_parsed_file(const std::string& path, const std::string& backend, bool lenient, Use&& use) {
  try {
    const MappedFile input(path);
    ParseReport report;
    AllBackends::visit(backend, [&]<Backend B>() {
      auto file = parse<B>(input.bytes(), ParseOptions{.lenient = lenient}, &report);
      for (const auto& line : report.repairs) std::fprintf(stderr, "repaired: %s\n", line.c_str());
      use(file);
    });
    return 0;
  } catch (const ParseError& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "error: %s: %s\n", path.c_str(), e.what());
  } catch (const std::system_error& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
  }
  return 1;
}

}  // namespace midiarena::cli
