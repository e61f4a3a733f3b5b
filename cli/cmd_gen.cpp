#include <cstdint>
#include <cstdio>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "midiarena/corpus_gen.hpp"

namespace midiarena::cli {

namespace {

std::vector<std::string> profile_names() {
  std::vector<std::string> names;
  for (const Profile& profile : profiles()) names.emplace_back(profile.name);
  return names;
}

std::string profiles_help() {
  std::string text = "Profiles:\n";
  for (const Profile& profile : profiles()) {
    text += "  " + std::string(profile.name) + std::string(12 - profile.name.size(), ' ') +
            std::string(profile.description) + "\n";
  }
  return text +
         "For scaling, --count caps the number of decades: 4 writes the 1K, 10K, 100K and 1M files.\n"
         "Files are named <profile>-<index>.mid; the same profile, seed and index give the same bytes.";
}

}  // namespace

void add_gen_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("gen", "Write a deterministic synthetic MIDI corpus (SPEC section 6)");
  struct Args {
    std::string profile;
    std::uint32_t count = 1;
    std::uint64_t seed = 1;
    std::string out;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("--profile,-p", args->profile, "Size class and event mix")
      ->required()
      ->check(CLI::IsMember(profile_names()));
  cmd->add_option("--count,-n", args->count, "Number of files")->capture_default_str();
  cmd->add_option("--seed,-s", args->seed, "Seed; the same seed gives byte-identical files")->capture_default_str();
  cmd->add_option("--out,-o", args->out, "Output directory (created if missing)")->required();
  cmd->footer(profiles_help());
  cmd->callback([args, &exit_code] {
    try {
      const Profile& profile = find_profile(args->profile);
      for (const auto& path : write_corpus(profile, args->count, args->seed, args->out)) {
        std::printf("%s\n", path.c_str());
      }
      exit_code = 0;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "error: %s\n", e.what());
      exit_code = 1;
    }
  });
}

}  // namespace midiarena::cli
