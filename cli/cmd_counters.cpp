// `midiarena counters [--json]`: which hardware and software counters the
// benchmarks can use on this machine, each event's encoding, and why the
// unavailable ones are unavailable.
#include <cstdio>
#include <memory>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "midiarena/perf_counters.hpp"

namespace midiarena::cli {
namespace {

std::string type_name(std::uint32_t type) {
  switch (type) {
    case PERF_TYPE_HARDWARE: return "hardware";
    case PERF_TYPE_SOFTWARE: return "software";
    case PERF_TYPE_HW_CACHE: return "hw_cache";
    case PERF_TYPE_RAW: return "raw";
    default: return "type " + std::to_string(type);
  }
}

nlohmann::ordered_json encoding_json(const EventStatus& e) {
  if (!e.attr) return nullptr;
  return {{"type", e.attr->type},
          {"type_name", type_name(e.attr->type)},
          {"config", e.attr->config},
          {"user_mode_only", static_cast<bool>(e.attr->exclude_kernel)}};
}

std::string encoding_text(const EventStatus& e) {
  if (!e.attr) return "-";
  char config[32];
  std::snprintf(config, sizeof(config), "0x%llx", static_cast<unsigned long long>(e.attr->config));
  return type_name(e.attr->type) + " " + config + (e.attr->exclude_kernel ? " user" : " user+kernel");
}

nlohmann::ordered_json to_json(const PerfCounters& counters) {
  const auto paranoid = perf_event_paranoid();
  nlohmann::ordered_json events = nlohmann::ordered_json::array();
  for (const EventStatus& e : counters.events()) {
    nlohmann::ordered_json event = {{"name", e.name},
                                    {"kind", e.hardware ? "hardware" : "software"},
                                    {"source", e.source},
                                    {"encoding", encoding_json(e)},
                                    {"counting", e.counting},
                                    {"reason", nullptr}};
    if (!e.counting) event["reason"] = e.unavailable_reason;
    events.push_back(std::move(event));
  }
  return {{"perf_event_paranoid", paranoid ? nlohmann::ordered_json(*paranoid) : nullptr},
          {"hardware_unavailable", counters.hardware_unavailable() ? nlohmann::ordered_json(*counters.hardware_unavailable()) : nullptr},
          {"events", events}};
}

void print_text(const PerfCounters& counters) {
  const auto paranoid = perf_event_paranoid();
  std::printf("kernel.perf_event_paranoid: %s\n", paranoid ? std::to_string(*paranoid).c_str() : "unreadable");
  if (counters.hardware_unavailable())
    std::printf("hardware counters unavailable: %s\n", counters.hardware_unavailable()->c_str());
  std::printf("\n%-18s %-31s %-28s %s\n", "EVENT", "SOURCE", "ENCODING (type config mode)", "HERE");
  for (const EventStatus& e : counters.events())
    std::printf("%-18s %-31s %-28s %s\n", e.name.c_str(), e.source.c_str(), encoding_text(e).c_str(),
                e.counting ? "counting" : ("unavailable: " + e.unavailable_reason).c_str());
}

}  // namespace

void add_counters_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("counters", "Which hardware and software counters work here, and why the others do not");
  auto json = std::make_shared<bool>(false);
  cmd->add_flag("--json", *json, "Print one JSON object");
  cmd->callback([json, &exit_code] {
    const PerfCounters counters;
    if (*json)
      std::printf("%s\n", to_json(counters).dump(2).c_str());
    else
      print_text(counters);
    exit_code = 0;
  });
}

}  // namespace midiarena::cli
