// libFuzzer target: every backend, strict and lenient, on arbitrary bytes.
// Besides crashes and sanitizer reports it checks the differential contract:
// all backends give the same dump, or the same error.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <span>
#include <string>

#include "midiarena/allocators/registry.hpp"
#include "midiarena/dump.hpp"
#include "midiarena/smf_parser.hpp"

namespace {

template <midiarena::Backend B>
std::string outcome(std::span<const std::uint8_t> input, bool lenient) {
  try {
    midiarena::ParseReport report;
    std::string out;
    midiarena::dump(out, midiarena::parse<B>(input, {.lenient = lenient}, &report));
    for (const auto& line : report.repairs) out += line + '\n';
    return out;
  } catch (const midiarena::ParseError& e) {
    return std::string("error: ") + e.what();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> input(data, size);
  for (bool lenient : {false, true}) {
    std::optional<std::string> first;
    midiarena::AllBackends::for_each([&]<midiarena::Backend B>() {
      std::string result = outcome<B>(input, lenient);
      if (!first) first = std::move(result);
      else if (result != *first) std::abort();  // backends disagree
    });
  }
  return 0;
}
