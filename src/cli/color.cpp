#include "cli/color.hpp"

namespace snipcheck {

std::optional<ColorMode> color_mode_from(std::string_view name) {
  if (name == "auto") return ColorMode::automatic;
  if (name == "always") return ColorMode::always;
  if (name == "never") return ColorMode::never;
  return std::nullopt;
}

Color decide_color(ColorMode mode, Destination destination,
                   const std::function<const char*(const char*)>& environment) {
  if (mode == ColorMode::always) return Color::yes;
  if (mode == ColorMode::never) return Color::no;
  auto set = [&](const char* name) {
    const char* value = environment(name);
    return value != nullptr && *value != '\0';
  };
  auto forces = [&](const char* name) { return set(name) && std::string_view(environment(name)) != "0"; };
  if (set("NO_COLOR")) return Color::no;
  if (forces("FORCE_COLOR") || forces("CLICOLOR_FORCE")) return Color::yes;
  const char* term = environment("TERM");
  if (term != nullptr && std::string_view(term) == "dumb") return Color::no;
  return destination == Destination::terminal ? Color::yes : Color::no;
}

}  // namespace snipcheck
