#include "analyze_batch.hpp"

#include <chrono>
#include <utility>

#include "parallel_for.hpp"
#include "parse_file.hpp"
#include "progress_bar.hpp"

namespace midiarena::cli {
namespace {

FileFigures figures_of(const Analysis& analysis) {
  return {.tracks = analysis.tracks,
          .counts = analysis.counts,
          .duration_seconds = analysis.duration_seconds,
          .bpm = analysis.bpm.bpm,
          .bpm_confidence = analysis.bpm.confidence};
}

FileOutcome analyze_one(std::string path, const BatchOptions& options) {
  FileOutcome outcome;
  outcome.path = std::move(path);
  ParseReport report;
  const auto error = try_parse_file(outcome.path, options.backend, options.lenient, report,
                                    [&](const auto& file) { outcome.figures = figures_of(analyze(file)); });
  if (error) outcome.error = *error;
  outcome.repairs = std::move(report.repairs);
  return outcome;
}

}  // namespace

BatchTotals BatchResult::totals() const {
  BatchTotals totals;
  for (const FileOutcome& file : files) {
    if (!file.figures) {
      ++totals.failed;
      continue;
    }
    ++totals.analysed;
    totals.events += file.figures->counts.events;
    totals.notes += file.figures->counts.notes;
    totals.duration_seconds += file.figures->duration_seconds;
  }
  return totals;
}

BatchResult analyze_batch(const std::vector<std::filesystem::path>& files, const BatchOptions& options) {
  BatchResult result;
  result.files.resize(files.size());
  result.threads = thread_count(options.threads, files.size());
  ProgressBar progress(files.size());
  const auto start = std::chrono::steady_clock::now();
  // Each worker writes only its own slots, so the order is the input order.
  parallel_for(files.size(), result.threads, [&](std::size_t i) {
    result.files[i] = analyze_one(files[i].string(), options);
    progress.advance();
  });
  result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace midiarena::cli
