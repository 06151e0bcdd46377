#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "claims/claim.hpp"

using namespace snipcheck;

TEST_CASE("classify_comment", "[claims]") {
  const std::vector<std::string> literals = {"total: {n}", "Opened"};

  SECTION("a value is an output claim") {
    Claim claim = classify_comment(" [1, 4, 9]", "print(squares)", literals);
    CHECK(claim.kind == ClaimKind::output);
    CHECK(claim.value == "[1, 4, 9]");
    CHECK(claim.confidence == 1.0);
  }
  SECTION("a label in front is split off") {
    Claim claim = classify_comment(" Union: {1, 2}", "print(a | b)", literals);
    CHECK(claim.label == "Union");
    CHECK(claim.value == "{1, 2}");
  }
  SECTION("a trailing remark after a second # is a note") {
    Claim claim = classify_comment(" [0, 0]  # Changed too", "print(rows)", literals);
    CHECK(claim.value == "[0, 0]");
    CHECK(claim.note == "Changed too");
  }
  SECTION("markers: Output:, =>, approximate, example") {
    CHECK(classify_comment(" Output: 7", "print(x)", literals).value == "7");
    CHECK(classify_comment(" => 7", "print(x)", literals).value == "7");
    Claim approx = classify_comment(" ~ 0.33", "print(1 / 3)", literals);
    CHECK(approx.kind == ClaimKind::approximate);
    CHECK(approx.value == "0.33");
    CHECK(classify_comment(" about 2", "print(r)", literals).kind == ClaimKind::approximate);
    CHECK(classify_comment(" ≈ 1.4", "print(r)", literals).kind == ClaimKind::approximate);
    CHECK(classify_comment(" about page", "render(x)", literals).kind == ClaimKind::descriptive);
    Claim example = classify_comment(" e.g. Linux", "print(platform.system())", literals);
    CHECK(example.kind == ClaimKind::example);
    CHECK(example.value == "Linux");
    CHECK(classify_comment(" 3.11.4", "print(sys.version)", literals).kind == ClaimKind::example);
  }
  SECTION("prose about the code is descriptive, with a confidence") {
    Claim claim = classify_comment(" Keep big rows", "rows = table[table.x > 1]", literals);
    CHECK(claim.kind == ClaimKind::descriptive);
    CHECK(claim.confidence < 1.0);
    CHECK(classify_comment(" O(n) scan", "print(find(xs))", literals).kind == ClaimKind::descriptive);
    CHECK(classify_comment(" Frees memory", "print(gc.collect())", literals).kind == ClaimKind::descriptive);
  }
  SECTION("prose that shares words with the code's strings is output") {
    CHECK(classify_comment(" Opened, closed", "print(x)", literals).kind == ClaimKind::output);
  }
  SECTION("a single word on a print line is output, but a guess") {
    Claim claim = classify_comment(" racecar", "print(word[::-1])", literals);
    CHECK(claim.kind == ClaimKind::output);
    CHECK(claim.confidence < 1.0);
  }
  SECTION("commented-out code with the error it would raise") {
    Claim claim = classify_comment(" frozen.add(4)  # Error: frozensets are immutable", "", literals);
    CHECK(claim.kind == ClaimKind::error);
    CHECK(claim.scope == ClaimScope::namespace_);
    CHECK(claim.code == "frozen.add(4)");
  }
  SECTION("a comment alone on its line is a remark") {
    CHECK(classify_comment(" settings.py", "", literals).kind == ClaimKind::descriptive);
  }
}

TEST_CASE("extract_claims", "[claims]") {
  MaterialQuestion question;
  question.code =
      "names = ['b', 'a']  # Two names\n"
      "print(sorted(names))  # ['a', 'b']\n"
      "print(len(names))\n"
      "#> 2\n"
      "# names.upper()  # AttributeError\n";
  question.outputs.push_back({0, "['a', 'b']\n2\n", 9});
  question.verification = "Check len(names) == 2.";
  std::vector<Claim> claims = extract_claims(question);
  REQUIRE(claims.size() == 6);
  CHECK(claims[0].kind == ClaimKind::descriptive);
  CHECK(claims[1].line == 2);
  CHECK(claims[1].value == "['a', 'b']");
  CHECK(claims[2].line == 3);  // "#> 2" is the output of the statement above it
  CHECK(claims[2].value == "2");
  CHECK(claims[3].kind == ClaimKind::error);
  CHECK(claims[4].scope == ClaimScope::whole);
  CHECK(claims[4].value == "['a', 'b']\n2");
  CHECK(claims[5].kind == ClaimKind::verification);
  CHECK(claims[5].code == "len(names) == 2");
}

// Issue 9: std::regex overflowed the stack (SIGSEGV) on a line of some 26,000 characters.
TEST_CASE("extract_claims on megabyte lines", "[claims][long-line]") {
  const std::string mb(1 << 20, 'x');
  const std::string words = [] {
    std::string text;
    while (text.size() < (1U << 20)) text += "word ";
    return text;
  }();
  MaterialQuestion question;
  question.code = "s = \"" + mb + "\"  # " + mb + "\nprint(s)  # Output: " + mb + "\n#" + words + "\nprint(1)  # " + words +
                  "\n";
  question.verification = "Check that " + words + "(True)";
  std::vector<Claim> claims = extract_claims(question);
  REQUIRE(claims.size() == 4);
  CHECK(claims[1].line == 2);
  CHECK(claims[1].value == mb);
  CHECK(claims[2].kind == ClaimKind::descriptive);
  CHECK(claims[3].kind == ClaimKind::descriptive);
  CHECK(verification_claims("Inspect " + words + "out.log").size() == 1);
  CHECK(verification_claims("x == 1 returns " + mb).size() == 1);
}
