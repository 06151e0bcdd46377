// Numbers given on the command line (--timeout, -j): checked with util/parse.hpp's helpers, as
// every number from outside is, because CLI11's own conversion takes "nan", "1e300" and "1e-9" as
// numbers of seconds. It knows nothing of the flags themselves (cli/commands.cpp does).
#pragma once

#include <string>

namespace snipcheck {

enum class NumberKind { seconds, whole };

// "" when `text` is a number of that kind in [min, max]; otherwise the message, the range in
// plain words ("'1e10' is out of range (0.001 to 86400 seconds)").
std::string check_number_text(const std::string& text, NumberKind kind, double min, double max);

}  // namespace snipcheck
