#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "midiarena/analysis.hpp"
#include "midiarena/analysis_report.hpp"
#include "parse_file.hpp"

namespace midiarena::cli {
namespace {

// Parses and analyses one file. nullopt when it cannot be read or parsed
// (with_parsed_file has then said why on stderr).
std::optional<Analysis> analyze_file(const std::string& path, const std::string& backend, bool lenient) {
  std::optional<Analysis> analysis;
  if (with_parsed_file(path, backend, lenient, [&](const auto& file) { analysis = analyze(file); }) != 0)
    return std::nullopt;
  return analysis;
}

void print_analysis(const std::string& path, const Analysis& analysis, bool json) {
  std::string out;
  if (json) {
    nlohmann::ordered_json report = {{"file", path}};
    report.update(analysis_to_json(analysis));
    out = report.dump(2) + '\n';
  } else {
    out = "file " + path + '\n' + format_analysis(analysis);
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
}

}  // namespace

void add_analyze_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "analyze", "Note count, channels, tempo map, duration, BPM and key estimates, time and key signatures");
  struct Args {
    std::string path;
    std::string backend = "flat_vector";
    bool json = false;
    bool lenient = false;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("FILE", args->path, "Standard MIDI File (or RIFF RMID)")->required();
  add_backend_option(*cmd, args->backend);
  cmd->add_flag("--json", args->json, "Print JSON instead of text");
  cmd->add_flag("--lenient", args->lenient, "Recover what can be recovered and say so on stderr");
  cmd->callback([args, &exit_code] {
    const auto analysis = analyze_file(args->path, args->backend, args->lenient);
    if (analysis) print_analysis(args->path, *analysis, args->json);
    exit_code = analysis ? 0 : 1;
  });
}

}  // namespace midiarena::cli
