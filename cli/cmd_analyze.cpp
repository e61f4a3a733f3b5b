#include <cstdio>
#include <exception>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyze_batch.hpp"
#include "commands.hpp"
#include "midiarena/analysis.hpp"
#include "midiarena/analysis_report.hpp"
#include "midiarena/corpus_files.hpp"
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

// The detailed report of one file; returns the exit status.
int analyze_single(const std::string& path, const BatchOptions& options, bool json) {
  const auto analysis = analyze_file(path, options.backend, options.lenient);
  if (analysis) print_analysis(path, *analysis, json);
  return analysis ? 0 : 1;
}

// A line or object per file and the totals; returns the exit status.
int analyze_many(const std::vector<std::string>& paths, const BatchOptions& options, bool json) {
  std::vector<std::filesystem::path> files;
  try {
    files = midi_files({paths.begin(), paths.end()});
  } catch (const std::exception& e) {  // a directory that cannot be walked
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
  const BatchResult result = analyze_batch(files, options);
  if (json)
    print_batch_json(result);
  else
    print_batch_text(result);
  return result.totals().failed == 0 ? 0 : 1;
}

}  // namespace

void add_analyze_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "analyze", "Note count, channels, tempo map, duration, BPM and key estimates, time and key signatures");
  struct Args {
    std::vector<std::string> paths;
    BatchOptions options;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("PATH", args->paths, "Files, or directories searched recursively for .mid/.midi/.kar/.rmi")
      ->required();
  add_backend_option(*cmd, args->options.backend);
  cmd->add_option("--threads,-j", args->options.threads, "Worker threads for a batch; 0: one per core")
      ->capture_default_str();
  cmd->add_flag("--json", args->json, "Print JSON instead of text");
  cmd->add_flag("--lenient", args->options.lenient, "Recover what can be recovered and say so on stderr");
  cmd->footer(
      "One file: the detailed report. A directory or several paths: a batch, one line (or JSON object) per file\n"
      "in path order with duration, BPM, notes, channels, events and tracks, then totals, wall time, files/s\n"
      "(analysed or failed) and events/s. A progress bar shows on stderr when it is a terminal. A file that\n"
      "cannot be read or parsed is reported and the batch goes on; the exit status is then 1.");
  cmd->callback([args, &exit_code] {
    const auto& paths = args->paths;
    const bool single = paths.size() == 1 && !std::filesystem::is_directory(paths.front());
    exit_code = single ? analyze_single(paths.front(), args->options, args->json)
                       : analyze_many(paths, args->options, args->json);
  });
}

}  // namespace midiarena::cli
