#include <algorithm>
#include <cstdio>
#include <exception>
#include <memory>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "midiarena/corpus_files.hpp"
#include "midiarena/corpus_stats.hpp"
#include "midiarena/mapped_file.hpp"

namespace midiarena::cli {

namespace {

using Row = std::pair<std::string, CorpusStats>;

void print_table(const std::vector<Row>& rows, const CorpusStats& total) {
  const std::string total_label = fmt::format("total ({} file{})", total.files, total.files == 1 ? "" : "s");
  std::size_t width = total_label.size();
  for (const auto& [path, stats] : rows) width = std::max(width, path.size());

  fmt::print("{:<{}}  {:>12}  {:>6}  {:>10}  {:>11}  {:>14}  {:>17}\n", "file", width, "bytes", "tracks", "events",
             "bytes/event", "running status", "rs across meta/sx");  // ParseReport's two running-status counts
  const auto summary = [&](const std::string& label, const CorpusStats& s) {
    fmt::print("{:<{}}  {:>12}  {:>6}  {:>10}  {:>11.2f}  {:>12.1f} %  {:>17}\n", label, width, s.bytes, s.tracks,
               s.events, s.bytes_per_event(), 100 * s.running_status_share(), s.running_status_across_meta_or_sysex);
  };
  for (const auto& [path, stats] : rows) summary(path, stats);
  summary(total_label, total);

  // Events by kind: one column per kind, as wide as its name.
  const auto kind_name = [](std::size_t k) { return event_kind_name(static_cast<EventKind>(k)); };
  const auto kind_width = [&](std::size_t k) { return std::max<std::size_t>(8, kind_name(k).size()); };
  fmt::print("\n{:<{}}", "events by kind", width);
  for (std::size_t k = 0; k < kEventKindCount; ++k) fmt::print("  {:>{}}", kind_name(k), kind_width(k));
  fmt::print("  note_on(v=0)\n");
  const auto kinds = [&](const std::string& label, const CorpusStats& s) {
    fmt::print("{:<{}}", label, width);
    for (std::size_t k = 0; k < kEventKindCount; ++k) fmt::print("  {:>{}}", s.events_by_kind[k], kind_width(k));
    fmt::print("  {:>12}\n", s.zero_velocity_note_ons);
  };
  for (const auto& [path, stats] : rows) kinds(path, stats);
  kinds(total_label, total);
  fmt::print("{:<{}}", "share of events", width);
  for (std::size_t k = 0; k < kEventKindCount; ++k) {
    const auto n = static_cast<double>(total.events_by_kind[k]);
    fmt::print("  {:>{}.1f} %", total.events ? 100.0 * n / static_cast<double>(total.events) : 0.0, kind_width(k) - 2);
  }
  fmt::print("\n");
}

void print_json(const std::vector<Row>& rows, const CorpusStats& total, const nlohmann::json& errors) {
  nlohmann::json files = nlohmann::json::array();
  for (const auto& [path, stats] : rows) {
    nlohmann::json file = stats;
    file["path"] = path;
    files.push_back(std::move(file));
  }
  const nlohmann::json out = {{"files", files}, {"total", total}, {"errors", errors}};
  std::printf("%s\n", out.dump(2).c_str());
}

}  // namespace

void add_stats_command(CLI::App& app, int& exit_code) {
  auto* cmd =
      app.add_subcommand("stats", "Bytes, tracks, events and event-kind mix of MIDI files, per file and in total");
  struct Args {
    std::vector<std::string> paths;
    bool json = false;
    bool lenient = false;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("PATH", args->paths, "Files, or directories searched recursively for .mid/.midi/.kar/.rmi")
      ->required();
  cmd->add_flag("--json", args->json, "Print JSON instead of a table");
  cmd->add_flag("--lenient", args->lenient, "Count what lenient parsing recovers instead of rejecting the file");
  cmd->footer("A file that fails to parse is reported on stderr and the exit status is 1; the rest are still counted.");
  cmd->callback([args, &exit_code] {
    exit_code = 0;
    std::vector<std::filesystem::path> files;
    try {
      files = midi_files({args->paths.begin(), args->paths.end()});
    } catch (const std::exception& e) {
      std::fprintf(stderr, "error: %s\n", e.what());
      exit_code = 1;
      return;
    }
    std::vector<Row> rows;
    CorpusStats total;
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& path : files) {
      const auto fail = [&](const std::string& message) {
        std::fprintf(stderr, "error: %s\n", message.c_str());
        errors.push_back({{"path", path.string()}, {"error", message}});
        exit_code = 1;
      };
      try {
        const MappedFile input(path.string());
        rows.emplace_back(path.string(), file_stats(input.bytes(), ParseOptions{.lenient = args->lenient}));
        total += rows.back().second;
      } catch (const ParseError& e) {
        fail(path.string() + ": " + e.what());
      } catch (const std::system_error& e) {  // its message names the file
        fail(e.what());
      }
    }
    if (args->json) {
      print_json(rows, total, errors);
    } else {
      print_table(rows, total);
    }
  });
}

}  // namespace midiarena::cli
