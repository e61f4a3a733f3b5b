// midiarena: parse, dump, analyse and generate Standard MIDI Files with any
// storage backend. See README.md.
#include <CLI/CLI.hpp>

#include "commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"midiarena: memory layout and allocator research on a Standard MIDI File parser"};
  app.require_subcommand(1);
  int exit_code = 0;
  midiarena::cli::add_dump_command(app, exit_code);
  midiarena::cli::add_backends_command(app, exit_code);
  midiarena::cli::add_mem_command(app, exit_code);
  midiarena::cli::add_gen_command(app, exit_code);
  midiarena::cli::add_stats_command(app, exit_code);
  midiarena::cli::add_analyze_command(app, exit_code);
  midiarena::cli::add_counters_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  }
  return exit_code;
}
