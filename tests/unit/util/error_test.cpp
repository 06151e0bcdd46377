#include "util/error.hpp"

#include <string>

#include <catch2/catch.hpp>

using namespace snipcheck;

TEST_CASE("Error::describe", "[util][error]") {
  SECTION("file, line and message") {
    Error error{"snipcheck.toml", 12, "unknown compare mode 'fuzzy'"};
    CHECK(error.describe() == "snipcheck.toml:12: unknown compare mode 'fuzzy'");
  }
  SECTION("file without a line") {
    Error error{"snippets/bad name.py", 0, "not a question file"};
    CHECK(error.describe() == "snippets/bad name.py: not a question file");
  }
  SECTION("no file: the message alone") {
    Error error{"", 7, "something went wrong"};
    CHECK(error.describe() == "something went wrong");
  }
}

TEST_CASE("fail", "[util][error]") {
  SECTION("builds an unexpected Error for any Expected") {
    Expected<int> failed = fail("a.toml", 3, "bad");
    REQUIRE_FALSE(failed.has_value());
    CHECK(failed.error().file == "a.toml");
    CHECK(failed.error().line == 3);
    CHECK(failed.error().message == "bad");
    Expected<void> failed_void = fail("", 0, "nothing");
    REQUIRE_FALSE(failed_void.has_value());
    CHECK(failed_void.error().describe() == "nothing");
  }
}
