#include "cli/number_flags.hpp"

#include <cstdint>

#include "util/parse.hpp"

namespace snipcheck {

std::string check_number_text(const std::string& text, NumberKind kind, double min, double max) {
  if (kind == NumberKind::seconds) {
    auto seconds = parse_double(text, min, max);
    if (seconds) return {};
    std::string message = seconds.error();  // "'1e10' is out of range (0.001 to 86400)"
    if (message.ends_with(")")) return message.insert(message.size() - 1, " seconds");
    return message + " (a number of seconds)";
  }
  auto number = parse_int(text, static_cast<std::int64_t>(min), static_cast<std::int64_t>(max));
  return number ? std::string() : number.error();
}

}  // namespace snipcheck
