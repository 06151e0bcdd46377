#include <catch2/catch.hpp>

#include "claims/claim.hpp"

using namespace snipcheck;

TEST_CASE("verification_claims", "[claims]") {
  SECTION("an expression with its value in parentheses") {
    auto claims = verification_claims("Check issubclass(Dog, Animal) (True).");
    REQUIRE(claims.size() == 1);
    CHECK(claims[0].code == "issubclass(Dog, Animal)");
    CHECK(claims[0].expect == "True");
    CHECK(claims[0].kind == ClaimKind::verification);
  }
  SECTION("a comparison claims True; prose before it is dropped") {
    auto claims = verification_claims("Check the size: len(dict.fromkeys('aab')) == 2.");
    REQUIRE(claims.size() == 1);
    CHECK(claims[0].code == "len(dict.fromkeys('aab')) == 2");
    CHECK(claims[0].expect == "True");
  }
  SECTION("works and fails, split at vs.") {
    auto claims = verification_claims("Try items[0] = 1 (works) vs. frozen[0] = 1 (fails).");
    REQUIRE(claims.size() == 2);
    CHECK(claims[0].code == "items[0] = 1");
    CHECK(claims[0].expect == "works");
    CHECK(claims[1].expect == "fails");
  }
  SECTION("X returns Y, a number with words, a predicate call") {
    CHECK(verification_claims("Check type(obj) returns Model.")[0].code == "(type(obj)) == (Model)");
    CHECK(verification_claims("Check proc.returncode (0 on success).")[0].expect == "0");
    CHECK(verification_claims("Confirm with all(x > 0 for x in xs).")[0].code == "all(x > 0 for x in xs)");
  }
  SECTION("a file the reader is sent to check: the example must have written it") {
    auto claims = verification_claims("Check the messages in run/events.log.");
    REQUIRE(claims.size() == 1);
    CHECK(claims[0].file == "run/events.log");
    CHECK(claims[0].code == "__import__('os').path.isfile('run/events.log')");
    CHECK(claims[0].expect == "True");
    CHECK(claims[0].scope == ClaimScope::namespace_);
    CHECK(verification_claims("Inspect totals.csv with head totals.csv")[0].file == "totals.csv");
    CHECK(verification_claims("Open report.json in an editor.")[0].file == "report.json");
  }
  SECTION("a script to run, or a file named without a verb that sends the reader to it, is no file claim") {
    CHECK(verification_claims("Run python tool.py --in data.txt.").empty());
    CHECK(verification_claims("Check style with flake8 tool.py.").empty());
    CHECK(verification_claims("Compare output.txt with the original.").empty());
  }
  SECTION("prose, shell commands and values nobody states are no claims") {
    CHECK(verification_claims("Run pytest -q to see the tests pass.").empty());
    CHECK(verification_claims("Check obj.__dict__ to see its fields.").empty());
    CHECK(verification_claims("Check arr.shape and arr.dtype.").empty());
    CHECK(verification_claims("").empty());
  }
}
