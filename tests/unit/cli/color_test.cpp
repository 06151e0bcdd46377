#include "cli/color.hpp"

#include <map>
#include <string>

#include <catch2/catch.hpp>

using namespace snipcheck;

namespace {

// An environment of the test's own, not the process's.
Color decide(ColorMode mode, bool terminal, const std::map<std::string, std::string>& variables) {
  return decide_color(mode, terminal ? Destination::terminal : Destination::other, [&](const char* name) -> const char* {
    auto found = variables.find(name);
    return found == variables.end() ? nullptr : found->second.c_str();
  });
}

}  // namespace

TEST_CASE("colour from --color and the environment", "[cli][color]") {
  SECTION("auto: a terminal gets colour, a pipe does not") {
    CHECK(decide(ColorMode::automatic, true, {}) == Color::yes);
    CHECK(decide(ColorMode::automatic, false, {}) == Color::no);
    CHECK(decide(ColorMode::automatic, true, {{"TERM", "dumb"}}) == Color::no);
  }
  SECTION("FORCE_COLOR and CLICOLOR_FORCE turn it on in a CI log") {
    CHECK(decide(ColorMode::automatic, false, {{"FORCE_COLOR", "1"}}) == Color::yes);
    CHECK(decide(ColorMode::automatic, false, {{"CLICOLOR_FORCE", "1"}}) == Color::yes);
    CHECK(decide(ColorMode::automatic, false, {{"FORCE_COLOR", "0"}}) == Color::no);
    CHECK(decide(ColorMode::automatic, false, {{"FORCE_COLOR", ""}}) == Color::no);
  }
  SECTION("NO_COLOR wins over both") {
    CHECK(decide(ColorMode::automatic, true, {{"NO_COLOR", "1"}}) == Color::no);
    CHECK(decide(ColorMode::automatic, false, {{"NO_COLOR", "1"}, {"FORCE_COLOR", "1"}}) == Color::no);
    CHECK(decide(ColorMode::automatic, false, {{"NO_COLOR", "1"}, {"CLICOLOR_FORCE", "1"}}) == Color::no);
    CHECK(decide(ColorMode::automatic, true, {{"NO_COLOR", ""}}) == Color::yes);
  }
  SECTION("the command line wins over the environment") {
    CHECK(decide(ColorMode::always, false, {{"NO_COLOR", "1"}}) == Color::yes);
    CHECK(decide(ColorMode::never, true, {{"FORCE_COLOR", "1"}}) == Color::no);
  }
  SECTION("the names --color takes") {
    CHECK(color_mode_from("auto") == ColorMode::automatic);
    CHECK(color_mode_from("always") == ColorMode::always);
    CHECK(color_mode_from("never") == ColorMode::never);
    CHECK_FALSE(color_mode_from("maybe"));
  }
}
