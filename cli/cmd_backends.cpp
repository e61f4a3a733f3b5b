// `midiarena backends [--json]`: the storage backends compiled into this
// executable (the registry, in its order), then the global allocator found
// at run time. The JSON is what scripts take backend names from.
#include <cstdio>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "midiarena/allocators/registry.hpp"
#include "midiarena/global_allocator.hpp"
#include "midiarena/memory_report.hpp"

namespace midiarena::cli {

void add_backends_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("backends", "List the storage backends in this executable, then the global allocator");
  auto json = std::make_shared<bool>(false);
  cmd->add_flag("--json", *json,
                "Print {\"backends\": [{\"name\", \"event_size\"}...], \"global_allocator\": {\"name\", \"version\", "
                "\"evidence\", \"built_for\"}}");
  cmd->callback([json, &exit_code] {
    // Asked of the allocator at run time; the build's intent is only a cross-check.
    const GlobalAllocator active = detect_global_allocator();
    const std::string built_for = MIDIARENA_GLOBAL_ALLOCATOR;
    if (*json) {
      nlohmann::ordered_json out = {{"backends", nlohmann::ordered_json::array()}};
      AllBackends::for_each([&]<AccountedBackend B>() {
        out["backends"].push_back({{"name", B::name}, {"event_size", B::event_size}});
      });
      out["global_allocator"] = {
          {"name", active.name}, {"version", active.version}, {"evidence", active.evidence}, {"built_for", built_for}};
      std::printf("%s\n", out.dump(1).c_str());
    } else {
      for (const auto& name : AllBackends::names()) std::printf("%s\n", name.c_str());
      std::printf("# global allocator: %s%s\n", describe(active).c_str(),
                  active.name == built_for ? "" : ("; this executable was built for " + built_for).c_str());
    }
    exit_code = 0;
  });
}

}  // namespace midiarena::cli
