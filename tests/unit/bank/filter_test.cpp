#include "bank/filter.hpp"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

using namespace snipcheck;

TEST_CASE("filter terms as people type them", "[bank][filter]") {
  SECTION("a number names the question with that number, padded or not") {
    CHECK(filter_term_matches("7", "007-generators"));
    CHECK(filter_term_matches("007", "007-generators"));
    CHECK_FALSE(filter_term_matches("7", "017-seven"));
    CHECK_FALSE(filter_term_matches("70", "007-generators"));
    CHECK(filter_term_matches("123", "123-x"));
  }
  SECTION("a word is a substring of the id, case-blind") {
    CHECK(filter_term_matches("generators", "007-generators"));
    CHECK(filter_term_matches("GEN", "007-generators"));
    CHECK(filter_term_matches("7-gen", "007-generators"));
    CHECK_FALSE(filter_term_matches("lists", "007-generators"));
  }
  SECTION("a glob matches the whole id") {
    CHECK(filter_term_matches("007-*", "007-generators"));
    CHECK(filter_term_matches("*-gen*", "007-generators"));
    CHECK(filter_term_matches("00?-generators", "007-generators"));
    CHECK_FALSE(filter_term_matches("gen*", "007-generators"));
  }
}

TEST_CASE("filter_selects combines -k terms", "[bank][filter]") {
  const std::vector<std::string> none;
  CHECK(filter_selects(none, "001-a"));
  SECTION("plain terms: any of them") {
    const std::vector<std::string> filters = {"1", "lists"};
    CHECK(filter_selects(filters, "001-a"));
    CHECK(filter_selects(filters, "004-lists"));
    CHECK_FALSE(filter_selects(filters, "002-b"));
  }
  SECTION("a not term alone: everything else") {
    const std::vector<std::string> filters = {"not slow"};
    CHECK(filter_selects(filters, "001-fast"));
    CHECK_FALSE(filter_selects(filters, "002-slow-sort"));
  }
  SECTION("plain and not together: the plain ones without the not ones") {
    const std::vector<std::string> filters = {"sort", "not  slow "};
    CHECK(filter_selects(filters, "001-quick-sort"));
    CHECK_FALSE(filter_selects(filters, "002-slow-sort"));
    CHECK_FALSE(filter_selects(filters, "003-other"));
  }
  SECTION("a word starting with not is a plain term") {
    const std::vector<std::string> filters = {"notes"};
    CHECK(filter_selects(filters, "005-notes"));
  }
}

TEST_CASE("closest_ids suggests what a slip of a filter meant", "[bank][filter]") {
  const std::vector<std::string> ids = {"001-lists", "007-generators", "012-decorators", "020-strings"};
  CHECK(closest_ids({"genrators"}, ids, 1) == std::vector<std::string>{"007-generators"});
  CHECK(closest_ids({"*decoratrs*"}, ids, 1) == std::vector<std::string>{"012-decorators"});
  CHECK(closest_ids({"string"}, ids, 2).front() == "020-strings");
  CHECK(closest_ids({"not slow"}, ids).empty());
  CHECK(closest_ids({"x"}, ids, 3).size() == 3);
  CHECK(describe_filters({"a", "not b"}) == "-k 'a' -k 'not b'");
}
