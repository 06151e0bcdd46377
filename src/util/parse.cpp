#include "util/parse.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <system_error>

namespace snipcheck {

namespace {

// "'abc'" with the text cut to a readable length: a flag value can be a pasted paragraph.
std::string quoted(std::string_view text) {
  constexpr std::size_t k_shown = 40;
  if (text.size() <= k_shown) return "'" + std::string(text) + "'";
  return "'" + std::string(text.substr(0, k_shown)) + "…'";
}

template <typename T>
std::string range_text(T min, T max) {
  return std::to_string(min) + " to " + std::to_string(max);
}

// A double in a readable form for a range message: "0.001", "86400", not "86400.000000".
std::string number_text(double value) {
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return ec == std::errc{} ? std::string(buffer, end) : std::to_string(value);
}

template <typename T>
Parsed<T> parse_integral(std::string_view text, T min, T max) {
  T value{};
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  if (!text.empty() && text.front() == '+') ++begin;  // "+5" as people write it
  auto [stop, ec] = std::from_chars(begin, end, value);
  if (text.empty() || begin == end || ec == std::errc::invalid_argument || stop != end) {
    return tl::unexpected("expected a whole number, got " + quoted(text));
  }
  if (ec == std::errc::result_out_of_range || value < min || value > max) {
    return tl::unexpected(quoted(text) + " is out of range (" + range_text(min, max) + ")");
  }
  return value;
}

}  // namespace

Parsed<std::int64_t> parse_int(std::string_view text, std::int64_t min, std::int64_t max) {
  return parse_integral<std::int64_t>(text, min, max);
}

Parsed<std::uint64_t> parse_uint(std::string_view text, std::uint64_t min, std::uint64_t max) {
  if (!text.empty() && text.front() == '-') return tl::unexpected("expected a whole number of 0 or more, got " + quoted(text));
  return parse_integral<std::uint64_t>(text, min, max);
}

Parsed<double> parse_number(std::string_view text) {
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  if (!text.empty() && text.front() == '+') ++begin;
  double value = 0;
  auto [stop, ec] = std::from_chars(begin, end, value, std::chars_format::general);
  if (text.empty() || begin == end || ec == std::errc::invalid_argument || stop != end || std::isnan(value) ||
      std::isinf(value)) {
    return tl::unexpected("expected a number, got " + quoted(text));
  }
  if (ec == std::errc::result_out_of_range) {
    // Too large or too small for a double: saturate, keeping the sign, so values still compare.
    const bool negative = text.front() == '-';
    const bool tiny = text.find_first_of("eE") != std::string_view::npos &&
                      text[text.find_first_of("eE") + 1] == '-';
    if (tiny) return negative ? -0.0 : 0.0;
    return negative ? std::numeric_limits<double>::lowest() : std::numeric_limits<double>::max();
  }
  return value;
}

Parsed<double> parse_double(std::string_view text, double min, double max) {
  Parsed<double> value = parse_number(text);
  if (!value) return value;
  const bool saturated = std::fabs(*value) == std::numeric_limits<double>::max();
  if (saturated || *value < min || *value > max) {
    return tl::unexpected(quoted(text) + " is out of range (" + number_text(min) + " to " + number_text(max) + ")");
  }
  return value;
}

}  // namespace snipcheck
