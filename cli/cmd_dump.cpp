#include <cstdio>
#include <string>

#include "commands.hpp"
#include "midiarena/allocators/registry.hpp"
#include "midiarena/dump.hpp"
#include "midiarena/mapped_file.hpp"
#include "midiarena/smf_parser.hpp"
#include "parse_file.hpp"

namespace midiarena::cli {

void add_dump_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("dump", "Print a file's events in the canonical format (SPEC section 4)");
  struct Args {
    std::string path;
    std::string backend = "flat_vector";
    bool lenient = false;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("FILE", args->path, "Standard MIDI File (or RIFF RMID)")->required();
  add_backend_option(*cmd, args->backend);
  cmd->add_flag("--lenient", args->lenient, "Recover what can be recovered and say so on stderr");
  cmd->callback([args, &exit_code] {
    exit_code = with_parsed_file(args->path, args->backend, args->lenient, [](const auto& file) {
      std::string out;
      dump(out, file);
      std::fwrite(out.data(), 1, out.size(), stdout);
    });
  });
}

}  // namespace midiarena::cli
