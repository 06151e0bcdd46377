#include <string>

#include <catch2/catch.hpp>

#include "util/regex.hpp"

using namespace snipcheck;

TEST_CASE("Regex", "[util][regex]") {
  SECTION("search gives the groups of the leftmost match, empty for one that took no part") {
    static const Regex pattern(R"((\w+)=(\d+)|(-))");
    auto found = pattern.search("a b=12 c=3");
    REQUIRE(found);
    CHECK(found->str(0) == "b=12");
    CHECK(found->str(1) == "b");
    CHECK(found->str(2) == "12");
    CHECK(found->str(3).empty());
    CHECK(found->offset == 2);
    CHECK_FALSE(pattern.search("none here"));
  }
  SECTION("match_whole needs the whole text; ^ and $ are the text's ends") {
    static const Regex word(R"(^[a-z]+$)");
    CHECK(word.matches_whole("abc"));
    CHECK_FALSE(word.matches_whole("abc1"));
    CHECK_FALSE(word.found_in("ab\ncd"));  // `$` is not the end of a line
  }
  SECTION("find_all and replace_all go left to right without overlap") {
    static const Regex number(R"(\d+)");
    auto all = number.find_all("1 22 333");
    REQUIRE(all.size() == 3);
    CHECK(all[2].str(0) == "333");
    CHECK(number.replace_all("a1b22c", "#") == "a#b#c");
    static const Regex maybe(R"(x*)");
    CHECK(maybe.replace_all("ab", "-") == "-a-b-");
  }
  SECTION("bytes, not characters: a UTF-8 character matches its bytes, any byte matches [^']") {
    static const Regex bullet(R"((•\s*)?Example:)");
    CHECK(bullet.found_in("  • Example: x"));
    static const Regex quoted(R"('([^']*)')");
    auto found = quoted.search("x = '\xff\xfe'");
    REQUIRE(found);
    CHECK(found->str(1) == "\xff\xfe");
  }
  SECTION("case-insensitive on request") {
    CHECK(Regex("^check", RegexCase::insensitive).found_in("CHECK this"));
    CHECK_FALSE(Regex("^check").found_in("CHECK this"));
  }
  SECTION("quote makes any text literal, NUL and metacharacters included") {
    std::string text = std::string("a.b*(c)\0d\\", 10);
    auto pattern = Regex::compile(Regex::quote(text));
    REQUIRE(pattern);
    CHECK(pattern->matches_whole(text));
    CHECK_FALSE(pattern->matches_whole("axb*(c)"));
  }
  SECTION("a pattern built from input that RE2 refuses is nullopt, not a crash") {
    CHECK_FALSE(Regex::compile("(unbalanced"));
  }
  SECTION("a megabyte line: linear, no recursion (std::regex overflowed the stack here)") {
    std::string line = "x = \"" + std::string(1 << 20, 'a') + "\"  #" + std::string(1 << 20, ' ') + "done";
    static const Regex literal(R"re("([^"]*)")re");
    auto found = literal.search(line);
    REQUIRE(found);
    CHECK(found->groups[1].size() == (1U << 20));
    CHECK(Regex(R"(#\s*done$)").found_in(line));
    CHECK(Regex(R"(^(.*\S)\s+(\S+)$)").matches_whole(line));
  }
}
