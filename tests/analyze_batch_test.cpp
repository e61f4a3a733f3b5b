// `midiarena analyze` over directories and several paths: the same figures as
// the single-file report, deterministic order whatever the thread count,
// failures reported without stopping the batch, progress only on a terminal.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "midiarena/allocators/flat_vector.hpp"
#include "midiarena/allocators/registry.hpp"
#include "midiarena/corpus_gen.hpp"
#include "midiarena/smf_parser.hpp"
#include "test_files.hpp"

namespace midiarena {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::run_cli;
using testing::TempDir;

// Small generated files in two subdirectories, so the walk recurses.
void write_songs(const fs::path& dir, std::uint32_t per_directory) {
  write_corpus(find_profile("small"), per_directory, 21, dir / "b");
  write_corpus(find_profile("small"), per_directory, 22, dir / "a");
}

json batch_json(const std::string& arguments, int expected_status = 0) {
  const auto [status, out] = run_cli("analyze --json " + arguments);
  EXPECT_EQ(status, expected_status) << arguments;
  return json::parse(out);
}

// What the parser says about `bytes`: its located message.
std::string parse_error_of(const std::vector<std::uint8_t>& bytes) {
  try {
    parse<FlatVector>(bytes);
  } catch (const ParseError& e) {
    return e.what();
  }
  return "parsed";
}

TEST(AnalyzeBatch, GivesTheFiguresOfTheSingleFileReport) {
  TempDir dir;
  write_songs(dir.path, 3);
  const json batch = batch_json(dir.path.string());
  ASSERT_EQ(batch["files"].size(), 6u);
  for (const json& file : batch["files"]) {
    const json single = batch_json(file["path"]);
    EXPECT_EQ(file["duration_seconds"], single["duration_seconds"]) << file["path"];
    EXPECT_EQ(file["bpm"]["value"], single["bpm"]["value"]);
    EXPECT_EQ(file["bpm"]["confidence"], single["bpm"]["confidence"]);
    EXPECT_EQ(file["notes"], single["notes"]);
    EXPECT_EQ(file["channels"], single["channels"]);
    EXPECT_EQ(file["events"], single["events"]);
    EXPECT_EQ(file["tracks"], single["tracks"]);
  }
}

TEST(AnalyzeBatch, TotalsAddUp) {
  TempDir dir;
  write_songs(dir.path, 4);
  const json batch = batch_json(dir.path.string());
  std::uint64_t events = 0, notes = 0;
  double seconds = 0;
  for (const json& file : batch["files"]) {
    events += file["events"].get<std::uint64_t>();
    notes += file["notes"].get<std::uint64_t>();
    seconds += file["duration_seconds"].get<double>();
  }
  const json& totals = batch["totals"];
  EXPECT_EQ(totals["files_analysed"], 8);
  EXPECT_EQ(totals["files_failed"], 0);
  EXPECT_EQ(batch["failures"], json::array());
  EXPECT_EQ(totals["events"], events);
  EXPECT_EQ(totals["notes"], notes);
  EXPECT_DOUBLE_EQ(totals["duration_seconds"].get<double>(), seconds);
  const double wall = totals["wall_seconds"].get<double>();
  ASSERT_GT(wall, 0);
  EXPECT_DOUBLE_EQ(totals["files_per_second"].get<double>(), 8 / wall);
  EXPECT_DOUBLE_EQ(totals["events_per_second"].get<double>(), static_cast<double>(events) / wall);
}

TEST(AnalyzeBatch, OrderIsByPathWhateverTheThreadCount) {
  TempDir dir;
  write_songs(dir.path, 8);
  const json one = batch_json("--threads 1 " + dir.path.string());
  const json two = batch_json("--threads 2 " + dir.path.string());
  EXPECT_EQ(one["totals"]["threads"], 1);
  EXPECT_EQ(two["totals"]["threads"], 2);
  EXPECT_EQ(one["files"], two["files"]);
  std::vector<std::string> paths;
  for (const json& file : one["files"]) paths.push_back(file["path"]);
  EXPECT_EQ(paths.size(), 16u);
  EXPECT_TRUE(std::is_sorted(paths.begin(), paths.end()));

  // The text table too: everything but the last line (the wall time).
  const auto table = [&](const std::string& threads) {
    const std::string out = run_cli("analyze --threads " + threads + " " + dir.path.string()).out;
    return out.substr(0, out.rfind("wall time"));
  };
  EXPECT_EQ(table("1"), table("2"));
}

// Per-thread heaps (pooled_arena's thread_local pool, mi_heap) are used and
// freed on the worker that parsed the file.
TEST(AnalyzeBatch, EveryBackendGivesTheSameFiguresOnWorkerThreads) {
  TempDir dir;
  write_songs(dir.path, 3);
  const json reference = batch_json("--threads 1 " + dir.path.string());
  for (const auto& backend : AllBackends::names())
    EXPECT_EQ(batch_json("--threads 2 --backend " + backend + " " + dir.path.string())["files"], reference["files"])
        << backend;
}

TEST(AnalyzeBatch, ReportsFailedFilesAndAnalysesTheRest) {
  TempDir dir;
  write_songs(dir.path, 2);
  // A valid file cut short inside its last track, and a bare header.
  std::vector<std::uint8_t> cut = generate_file(find_profile("small"), 5, 0);
  cut.resize(cut.size() / 2);
  testing::write_bytes(dir.path / "a" / "cut.mid", cut);
  const std::vector<std::uint8_t> header_only = {'M', 'T', 'h', 'd', 0, 0, 0, 6, 0, 1};
  testing::write_bytes(dir.path / "b" / "header-only.mid", header_only);
  const fs::path missing = dir.path / "missing.mid";

  const std::string paths = dir.path.string() + " " + missing.string();
  const json batch = batch_json(paths, 1);
  EXPECT_EQ(batch["files"].size(), 4u);
  EXPECT_EQ(batch["totals"]["files_analysed"], 4);
  EXPECT_EQ(batch["totals"]["files_failed"], 3);
  const json expected_failures = {
      {{"path", (dir.path / "a" / "cut.mid").string()}, {"error", parse_error_of(cut)}},
      {{"path", (dir.path / "b" / "header-only.mid").string()}, {"error", parse_error_of(header_only)}},
      {{"path", missing.string()}, {"error", "No such file or directory"}}};
  EXPECT_EQ(batch["failures"], expected_failures);
  EXPECT_NE(parse_error_of(cut).find(" at byte 0x"), std::string::npos) << parse_error_of(cut);

  // Text: the same failures on stderr, in path order; the rest on stdout.
  const fs::path err = dir.path / "stderr.txt";
  const auto [status, out] = run_cli("analyze " + paths, err.string());
  EXPECT_EQ(status, 1);
  const std::vector<std::uint8_t> err_bytes = testing::read_bytes(err);
  EXPECT_EQ(std::string(err_bytes.begin(), err_bytes.end()),
            "error: " + (dir.path / "a" / "cut.mid").string() + ": " + parse_error_of(cut) + "\n" +
                "error: " + (dir.path / "b" / "header-only.mid").string() + ": " + parse_error_of(header_only) + "\n" +
                "error: " + missing.string() + ": No such file or directory\n");
  EXPECT_NE(out.find("total: 4 files analysed, 3 failed;"), std::string::npos) << out;
}

TEST(AnalyzeBatch, RejectsABadThreadCount) {
  EXPECT_EQ(run_cli("analyze --threads -1 .").status, 2);
  EXPECT_EQ(run_cli("analyze --threads many .").status, 2);
}

TEST(AnalyzeBatch, NoProgressWhenStderrIsNotATerminal) {
  TempDir dir;
  write_songs(dir.path, 2);
  const fs::path err = dir.path / "stderr.txt";
  EXPECT_EQ(run_cli("analyze " + dir.path.string(), err.string()).status, 0);
  EXPECT_EQ(fs::file_size(err), 0u);
}

TEST(AnalyzeBatch, ShowsProgressOnATerminalAndClearsIt) {
  TempDir dir;
  write_songs(dir.path, 2);
  int terminal = -1;
  const pid_t child = ::forkpty(&terminal, nullptr, nullptr, nullptr);
  ASSERT_GE(child, 0);
  if (child == 0) {  // stderr (and stdin) on the terminal, stdout discarded
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, STDOUT_FILENO);
    ::execl(MIDIARENA_CLI, MIDIARENA_CLI, "analyze", dir.path.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  std::string seen;
  char buffer[4096];
  for (ssize_t n; (n = ::read(terminal, buffer, sizeof buffer)) > 0;) seen.append(buffer, static_cast<std::size_t>(n));
  ::close(terminal);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_NE(seen.find("/4 "), std::string::npos) << seen;  // done/total
  EXPECT_NE(seen.find(" files/s"), std::string::npos) << seen;
  EXPECT_TRUE(seen.ends_with("\r\033[K")) << seen;
}

}  // namespace
}  // namespace midiarena
