// libFuzzer target: every backend, strict and lenient, on arbitrary bytes.
// Besides crashes and sanitizer reports it checks the differential contract:
// all backends give the same dump, or the same error, and so does the parser
// with its fast path off (parse_checked), which all backends share.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>

#include "midiarena/allocators/registry.hpp"
#include "midiarena/dump.hpp"
#include "midiarena/smf_parser.hpp"

namespace {

// What a parse gives: the dump, the repairs and, with a report, the
// running-status counts (kept by a separate instantiation of the fast path);
// or the error. `Parse` is parse<B> or parse_checked<B>, wrapped.
template <class Parse>
std::string outcome(Parse parse, std::span<const std::uint8_t> input, bool lenient, bool with_report) {
  try {
    midiarena::ParseReport report;
    std::string out;
    midiarena::dump(out, parse(input, midiarena::ParseOptions{.lenient = lenient}, with_report ? &report : nullptr));
    for (const auto& line : report.repairs) out += line + '\n';
    out += "running status " + std::to_string(report.running_status_events) + " across " +
           std::to_string(report.running_status_across_meta_or_sysex) + '\n';
    return out;
  } catch (const midiarena::ParseError& e) {
    return std::string("error: ") + e.what();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using midiarena::Backend, midiarena::ParseOptions, midiarena::ParseReport;
  const std::span<const std::uint8_t> input(data, size);
  for (bool lenient : {false, true})
    for (bool with_report : {false, true}) {
      const auto checked = [](std::span<const std::uint8_t> in, const ParseOptions& o, ParseReport* r) {
        return midiarena::parse_checked<midiarena::FlatVector>(in, o, r);
      };
      const std::string expected = outcome(checked, input, lenient, with_report);
      midiarena::AllBackends::for_each([&]<Backend B>() {
        const auto fast = [](std::span<const std::uint8_t> in, const ParseOptions& o, ParseReport* r) {
          return midiarena::parse<B>(in, o, r);
        };
        if (outcome(fast, input, lenient, with_report) != expected) std::abort();  // fast path or backend disagrees
      });
    }
  return 0;
}
