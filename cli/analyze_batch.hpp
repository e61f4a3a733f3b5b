// `midiarena analyze` over many files: every file parsed and analysed on a
// worker thread, then dropped; only a few figures per file are kept.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "midiarena/analysis.hpp"

namespace midiarena::cli {

struct BatchOptions {
  std::string backend = "flat_vector";
  bool lenient = false;
  unsigned threads = 0;  // 0: every core
};

// What the batch keeps of one file's Analysis.
struct FileFigures {
  std::size_t tracks = 0;
  EventCounts counts;
  double duration_seconds = 0;
  double bpm = 0;
  double bpm_confidence = 0;
};

struct FileOutcome {
  std::string path;
  std::optional<FileFigures> figures;  // empty when the file failed
  std::string error;                   // why it failed: the reader's or the parser's message
  std::vector<std::string> repairs;    // lenient mode: what was repaired
};

struct BatchTotals {
  std::size_t analysed = 0;
  std::size_t failed = 0;
  std::uint64_t events = 0;
  std::uint64_t notes = 0;
  double duration_seconds = 0;
};

struct BatchResult {
  std::vector<FileOutcome> files;  // in the order given, whatever the thread count
  unsigned threads = 1;
  double wall_seconds = 0;  // parsing and analysing, from the first file to the last

  BatchTotals totals() const;
};

// Shows a progress bar on stderr when it is a terminal.
BatchResult analyze_batch(const std::vector<std::filesystem::path>& files, const BatchOptions& options);

// A table with a row per file, then the totals, on stdout; repairs and
// failures on stderr ("error: PATH: MESSAGE"), in file order.
void print_batch_text(const BatchResult& result);

// One JSON document on stdout: {"files": [...], "failures": [...], "totals": {...}};
// repairs and failures also on stderr as for text.
void print_batch_json(const BatchResult& result);

}  // namespace midiarena::cli
