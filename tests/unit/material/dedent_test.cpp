#include <string>

#include <catch2/catch.hpp>

#include "material/material.hpp"

using namespace snipcheck;

TEST_CASE("dedent", "[material][dedent]") {
  SECTION("the margin all lines of code share goes; deeper indentation stays") {
    CHECK(dedent("    if x:\n        y()\n") == "if x:\n    y()\n");
  }
  SECTION("no margin, nothing changes") {
    CHECK(dedent("x = 1\n    \n") == "x = 1\n    \n");
    CHECK(dedent("") == "");
  }
  SECTION("blank lines lose what they have of the margin, and count for nothing") {
    CHECK(dedent("  a\n\n \n      \n  b\n") == "a\n\n\n    \nb\n");
  }
  SECTION("comments count only when there is no code") {
    CHECK(dedent("# c\n   x\n") == "# c\nx\n");
    CHECK(dedent("      # c\n   x\n") == "   # c\nx\n");
    CHECK(dedent("   # only\n   # comments\n") == "# only\n# comments\n");
  }
  SECTION("tabs and spaces are compared as they are") {
    CHECK(dedent("\tx\n\t\ty\n") == "x\n\ty\n");
    CHECK(dedent("\tx\n    y\n") == "\tx\n    y\n");
    CHECK(dedent(" \tx\n  y\n") == "\tx\n y\n");
  }
  SECTION("the line count never changes; a last line without newline stays without") {
    CHECK(dedent("  a\n  b") == "a\nb");
    CHECK(dedent("  a\r\n  b\r\n") == "a\r\nb\r\n");
  }
}
