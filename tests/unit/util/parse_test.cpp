#include "util/parse.hpp"

#include <cstdint>
#include <limits>
#include <string>

#include <catch2/catch.hpp>

using namespace snipcheck;

TEST_CASE("parse_int", "[util][parse]") {
  SECTION("a whole number within the range") {
    CHECK(parse_int("42", 0, 100).value() == 42);
    CHECK(parse_int("-7", -10, 10).value() == -7);
    CHECK(parse_int("+5", 0, 10).value() == 5);
  }
  SECTION("junk, fractions, spaces and empty text fail with the text quoted") {
    for (const char* text : {"", "4.0", " 4", "4 ", "4x", "x", "-", "+", "0x10"}) {
      auto parsed = parse_int(text, -100, 100);
      REQUIRE_FALSE(parsed);
      CHECK(parsed.error().find("whole number") != std::string::npos);
    }
  }
  SECTION("out of the range, or of the type, names the range") {
    auto big = parse_int("99999999999", 1, 999);
    REQUIRE_FALSE(big);
    CHECK(big.error() == "'99999999999' is out of range (1 to 999)");
    auto huge = parse_int("999999999999999999999999", 0, 10);
    REQUIRE_FALSE(huge);
    CHECK(huge.error().find("out of range") != std::string::npos);
  }
  SECTION("a pasted paragraph is cut in the message") {
    auto parsed = parse_int(std::string(5000, 'z'), 0, 1);
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error().size() < 120);
  }
}

TEST_CASE("parse_uint", "[util][parse]") {
  CHECK(parse_uint("18446744073709551615", 0, std::numeric_limits<std::uint64_t>::max()).value() ==
        std::numeric_limits<std::uint64_t>::max());
  CHECK_FALSE(parse_uint("-1", 0, 10));
  CHECK_FALSE(parse_uint("11", 0, 10));
  CHECK(parse_uint("0", 0, 10).value() == 0);
}

TEST_CASE("parse_double", "[util][parse]") {
  SECTION("finite numbers in range") {
    CHECK(parse_double("0.5", 0, 1).value() == 0.5);
    CHECK(parse_double("1e3", 0, 1e4).value() == 1000.0);
    CHECK(parse_double("-3", -5, 5).value() == -3.0);
  }
  SECTION("nan, inf, overflow and junk fail") {
    for (const char* text : {"nan", "inf", "-inf", "NaN", "1e999", "", "1.5s", "0x10", "1e"}) {
      CHECK_FALSE(parse_double(text, -1e300, 1e300));
    }
  }
  SECTION("the range message is readable") {
    auto parsed = parse_double("1e10", 0.001, 86400);
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error() == "'1e10' is out of range (0.001 to 86400)");
    CHECK_FALSE(parse_double("1e-9", 0.001, 86400));
  }
}

TEST_CASE("parse_number", "[util][parse]") {
  SECTION("numbers too large for a double saturate instead of failing") {
    const std::string digits(2000, '9');
    CHECK(parse_number(digits).value() == std::numeric_limits<double>::max());
    CHECK(parse_number("-" + digits).value() == std::numeric_limits<double>::lowest());
    CHECK(parse_number("1e-400").value() == 0.0);
  }
  SECTION("ordinary numbers") {
    CHECK(parse_number("1.5").value() == 1.5);
    CHECK(parse_number("0.30000000000000004").value() == 0.1 + 0.2);
  }
  SECTION("not a number") {
    CHECK_FALSE(parse_number("abc"));
    CHECK_FALSE(parse_number("inf"));
    CHECK_FALSE(parse_number(""));
  }
}
