// Unit tests for src/cli/number_flags.cpp: numbers given on the command line.
#include "cli/number_flags.hpp"

#include <catch2/catch.hpp>

using namespace snipcheck;

TEST_CASE("check_number_text", "[cli]") {
  SECTION("seconds: a finite number in the range, said in plain words otherwise") {
    CHECK(check_number_text("2.5", NumberKind::seconds, 0.001, 86400).empty());
    CHECK(check_number_text("0.001", NumberKind::seconds, 0.001, 86400).empty());
    CHECK(check_number_text("86400", NumberKind::seconds, 0.001, 86400).empty());
    for (const char* text : {"nan", "inf", "1e10", "1e300", "1e-9", "0", "-1", "", "10s", "1e999"}) {
      INFO(text);
      std::string message = check_number_text(text, NumberKind::seconds, 0.001, 86400);
      CHECK_FALSE(message.empty());
      CHECK(message.size() < 120);
    }
    CHECK(check_number_text("1e10", NumberKind::seconds, 0.001, 86400) ==
          "'1e10' is out of range (0.001 to 86400 seconds)");
  }
  SECTION("whole numbers: no fractions, no overflow") {
    CHECK(check_number_text("4", NumberKind::whole, 1, 256).empty());
    CHECK(check_number_text("99999999999", NumberKind::whole, 1, 256) == "'99999999999' is out of range (1 to 256)");
    CHECK_FALSE(check_number_text("2.5", NumberKind::whole, 1, 256).empty());
    CHECK_FALSE(check_number_text("0", NumberKind::whole, 1, 256).empty());
  }
}
