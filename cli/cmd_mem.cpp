// `midiarena mem FILE --backend B [--json]`: the memory figures of parsing
// one file with one backend (memory_report.hpp says how they are counted).
#include <cstdio>
#include <memory>
#include <string>
#include <system_error>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "midiarena/allocators/registry.hpp"
#include "midiarena/global_allocator.hpp"
#include "midiarena/mapped_file.hpp"
#include "midiarena/memory_report.hpp"
#include "parse_file.hpp"

namespace midiarena::cli {
namespace {

nlohmann::ordered_json to_json(const MemoryReport& r) {
  return {
      {"backend", r.backend},
      {"global_allocator", describe(detect_global_allocator())},
      {"events", r.events},
      {"payload_bytes", r.payload_bytes},
      {"event_size_bytes", r.event_size},
      {"allocations", r.allocations},
      {"bytes_requested", r.bytes_requested},
      {"peak_live_bytes", r.peak_live_bytes},
      {"reserved_unused_bytes", r.reserved_unused_bytes},
      {"bytes_per_event", r.bytes_per_event()},
      {"live_after_teardown_bytes", r.live_after_teardown},
      // Measured: anonymous RSS growth around the parse, this process's first (memory_report.hpp).
      {"resident_bytes", r.resident_bytes < 0 ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.resident_bytes)},
      {"resident_bytes_per_event", r.resident_bytes < 0 || r.events == 0
                                       ? nlohmann::ordered_json(nullptr)
                                       : nlohmann::ordered_json(static_cast<double>(r.resident_bytes) /
                                                                static_cast<double>(r.events))},
      {"minor_faults", r.minor_faults},
      {"event_stride_bytes", r.event_stride.bytes},
      {"event_stride_fraction", r.event_stride.fraction},
  };
}

void print_text(const nlohmann::ordered_json& fields) {
  for (const auto& [key, value] : fields.items())
    std::printf("%-26s %s\n", key.c_str(), value.is_string() ? value.get<std::string>().c_str() : value.dump().c_str());
}

}  // namespace

void add_mem_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "mem", "Memory figures of parsing a file: allocations, bytes requested, peak live bytes, slack, bytes per event, "
      "resident bytes (RSS growth, measured), minor faults, event address stride");
  struct Args {
    std::string path;
    std::string backend = "flat_vector";
    bool lenient = false;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("FILE", args->path, "Standard MIDI File (or RIFF RMID)")->required();
  add_backend_option(*cmd, args->backend);
  cmd->add_flag("--lenient", args->lenient, "Recover what can be recovered");
  cmd->add_flag("--json", args->json, "Print one JSON object");
  cmd->callback([args, &exit_code] {
    try {
      const MappedFile input(args->path);
      MemoryReport report;
      AllBackends::visit(args->backend, [&]<Backend B>() {
        report = measure_memory<B>(input.bytes(), ParseOptions{.lenient = args->lenient});
      });
      const auto fields = to_json(report);
      if (args->json)
        std::printf("%s\n", fields.dump(2).c_str());
      else
        print_text(fields);
      exit_code = 0;
    } catch (const ParseError& e) {
      std::fprintf(stderr, "error: %s: %s\n", args->path.c_str(), e.what());
      exit_code = 1;
    } catch (const std::system_error& e) {
      std::fprintf(stderr, "error: %s\n", e.what());
      exit_code = 1;
    }
  });
}

}  // namespace midiarena::cli
