// The `midiarena` subcommands. Each adds itself to the app; its callback
// stores the process exit status in `exit_code` (0 ok, 1 parse error or
// failed file, 2 usage error).
#pragma once

#include <CLI/CLI.hpp>

namespace midiarena::cli {

void add_dump_command(CLI::App& app, int& exit_code);
void add_backends_command(CLI::App& app, int& exit_code);
void add_mem_command(CLI::App& app, int& exit_code);
void add_gen_command(CLI::App& app, int& exit_code);
void add_stats_command(CLI::App& app, int& exit_code);
void add_analyze_command(CLI::App& app, int& exit_code);
void add_counters_command(CLI::App& app, int& exit_code);

}  // namespace midiarena::cli
