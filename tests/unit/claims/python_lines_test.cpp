#include <string>

#include <catch2/catch.hpp>

#include "claims/claim.hpp"

using namespace snipcheck;

TEST_CASE("scan_python", "[claims]") {
  SECTION("a # inside a string is no comment") {
    auto lines = scan_python("print('#1')  # one\n");
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].code == "print('#1')");
    CHECK(lines[0].comment == " one");
  }
  SECTION("brackets and triple-quoted strings make continuation lines") {
    auto lines = scan_python("x = [\n  1,\n]\ns = \"\"\"a\n# not a comment\n\"\"\"\n");
    REQUIRE(lines.size() == 6);
    CHECK(lines[1].continuation);
    CHECK_FALSE(lines[3].continuation);
    CHECK(lines[4].continuation);
    CHECK_FALSE(lines[4].has_comment);
  }
  SECTION("indentation") {
    auto lines = scan_python("if x:\n    y()\n");
    CHECK(lines[1].indent == 4);
  }
}

TEST_CASE("string_literals", "[claims]") {
  CHECK(string_literals("print(\"a\", 'b')  # 'c'\n") == std::vector<std::string>{"a", "b"});
}

TEST_CASE("top_level_line", "[claims]") {
  auto lines = scan_python("import os\n@wrap\ndef f():\n    return 1\nwith open(p) as f:\n    print(1)\nelse_ = 2\n");
  CHECK(top_level_line(lines, 1) == 1);
  CHECK(top_level_line(lines, 4) == 2);  // the decorator starts the statement
  CHECK(top_level_line(lines, 6) == 5);
  CHECK(top_level_line(lines, 7) == 7);
}

TEST_CASE("inside_definition", "[claims]") {
  auto lines = scan_python("def f():\n    print(1)\nfor i in x:\n    print(i)\nclass A:\n    n = 1\n");
  CHECK(inside_definition(lines, 2));
  CHECK_FALSE(inside_definition(lines, 1));
  CHECK_FALSE(inside_definition(lines, 4));
  CHECK(inside_definition(lines, 6));
}
