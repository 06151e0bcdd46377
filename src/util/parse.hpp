// Checked parsing of numbers in text from outside (flags, settings, material, output). Each
// helper takes the whole text or fails: no exceptions (std::stoi/std::stod throw, and
// std::stod accepts "1e999" as inf), no locale, no leading or trailing junk, a range check.
// The error is a message only: the caller knows the file and line and wraps it in an Error.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace snipcheck {

template <typename T>
using Parsed = tl::expected<T, std::string>;

// A decimal integer in [min, max]: "42", "-7". "4.0", " 4", "4x", "" and "99999999999" (for an
// int) fail with a message that names the text and the range.
Parsed<std::int64_t> parse_int(std::string_view text, std::int64_t min, std::int64_t max);

// An unsigned decimal integer in [min, max].
Parsed<std::uint64_t> parse_uint(std::string_view text, std::uint64_t min, std::uint64_t max);

// A finite decimal number in [min, max]: "0.5", "-3", "1e3". "nan", "inf", "1e999", "0x10" fail.
Parsed<double> parse_double(std::string_view text, double min, double max);

// A finite decimal number of any size, for comparing values (a claim against what a program
// printed): digits too many for a double still parse, to the nearest double or to ±inf-free
// saturation (1e400 -> largest double). Fails only when the text is not a number.
Parsed<double> parse_number(std::string_view text);

}  // namespace snipcheck
