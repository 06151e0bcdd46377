// Whether a command paints its terminal report, decided as people set it: `--color
// always|never` wins; with `auto` (the default) NO_COLOR (set and not empty) turns colour off,
// else FORCE_COLOR or CLICOLOR_FORCE (set, not empty, not "0") turn it on where there is no
// terminal (CI logs), else colour when the report goes to a terminal that is not TERM=dumb.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "report/terminal_report.hpp"

namespace snipcheck {

enum class ColorMode { automatic, always, never };
enum class Destination { terminal, other };  // where the report goes

// "auto", "always", "never"; nullopt for anything else.
std::optional<ColorMode> color_mode_from(std::string_view name);

// `environment(name)`: the variable's value, or nullptr when unset (std::getenv in the program).
Color decide_color(ColorMode mode, Destination destination,
                   const std::function<const char*(const char*)>& environment);

}  // namespace snipcheck
