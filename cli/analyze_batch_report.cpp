// The batch's output: text for people, JSON for programs; both in file order.
#include <algorithm>
#include <cstdio>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "analyze_batch.hpp"
#include "midiarena/analysis_report.hpp"

namespace midiarena::cli {
namespace {

using Json = nlohmann::ordered_json;

double per_second(double count, double seconds) { return seconds > 0 ? count / seconds : 0; }

// Files analysed or failed: both are work the batch did.
std::size_t files_done(const BatchTotals& totals) { return totals.analysed + totals.failed; }

void print_repairs_and_failures(const BatchResult& result) {
  std::fflush(stdout);  // keep stdout and stderr in order on a terminal
  for (const FileOutcome& file : result.files) {
    for (const std::string& repair : file.repairs) fmt::print(stderr, "repaired: {}: {}\n", file.path, repair);
    if (!file.figures) fmt::print(stderr, "error: {}: {}\n", file.path, file.error);
  }
}

}  // namespace

void print_batch_text(const BatchResult& result) {
  std::size_t width = 4;  // "file"
  for (const FileOutcome& file : result.files)
    if (file.figures) width = std::max(width, file.path.size());
  fmt::print("{:<{}}  {:>10}  {:>7}  {:>8}  {:>8}  {:>9}  {:>6}\n", "file", width, "seconds", "BPM", "notes",
             "channels", "events", "tracks");
  for (const FileOutcome& file : result.files) {
    if (!file.figures) continue;
    const FileFigures& f = *file.figures;
    fmt::print("{:<{}}  {:>10.3f}  {:>7.2f}  {:>8}  {:>8}  {:>9}  {:>6}\n", file.path, width, f.duration_seconds,
               f.bpm, f.counts.notes, f.counts.channel_count(), f.counts.events, f.tracks);
  }
  print_repairs_and_failures(result);

  const BatchTotals t = result.totals();
  fmt::print("total: {} files analysed, {} failed; {} events, {} notes, {:.3f} s of music\n", t.analysed, t.failed,
             t.events, t.notes, t.duration_seconds);
  fmt::print("wall time {:.3f} s on {} thread{}: {:.1f} files/s, {:.0f} events/s\n", result.wall_seconds,
             result.threads, result.threads == 1 ? "" : "s",
             per_second(static_cast<double>(files_done(t)), result.wall_seconds),
             per_second(static_cast<double>(t.events), result.wall_seconds));
}

void print_batch_json(const BatchResult& result) {
  Json files = Json::array();
  Json failures = Json::array();
  for (const FileOutcome& file : result.files) {
    if (!file.figures) {
      failures.push_back({{"path", file.path}, {"error", file.error}});
      continue;
    }
    const FileFigures& f = *file.figures;
    // The keys and shapes of the single-file report, for the fields kept.
    files.push_back({{"path", file.path},
                     {"duration_seconds", f.duration_seconds},
                     {"bpm", {{"value", f.bpm}, {"confidence", f.bpm_confidence}}},
                     {"notes", f.counts.notes},
                     {"channels", channels_to_json(f.counts.channel_mask)},
                     {"events", f.counts.events},
                     {"tracks", f.tracks}});
  }
  const BatchTotals t = result.totals();
  const Json totals = {
      {"files_analysed", t.analysed},
      {"files_failed", t.failed},
      {"events", t.events},
      {"notes", t.notes},
      {"duration_seconds", t.duration_seconds},
      {"threads", result.threads},
      {"wall_seconds", result.wall_seconds},
      {"files_per_second", per_second(static_cast<double>(files_done(t)), result.wall_seconds)},
      {"events_per_second", per_second(static_cast<double>(t.events), result.wall_seconds)}};
  const Json report = {{"files", files}, {"failures", failures}, {"totals", totals}};
  const std::string out = report.dump(2) + '\n';
  std::fwrite(out.data(), 1, out.size(), stdout);
  print_repairs_and_failures(result);
}

}  // namespace midiarena::cli
