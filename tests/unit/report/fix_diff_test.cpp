#include "report/fix_diff.hpp"

#include <catch2/catch.hpp>

using namespace snipcheck;

namespace {

// The comment as the audit reads it on `code`, corrected to what the line printed.
std::string fixed(const std::string& comment, const std::string& code, const std::string& printed) {
  CommentFix fix = fix_comment(classify_comment(comment, code, {}), printed);
  INFO(fix.why_not);
  return fix.text;
}

std::string why_not(const std::string& comment, const std::string& code, const std::string& printed) {
  return fix_comment(classify_comment(comment, code, {}), printed).why_not;
}

AuditQuestion question_with(const std::vector<int>& code_lines, ClaimResult claim) {
  AuditQuestion question;
  question.number = 4;
  question.id = "004-maps";
  question.title = "Maps";
  question.code_lines = code_lines;
  claim.verdict = ClaimVerdict::wrong;
  question.claims.push_back(std::move(claim));
  return question;
}

ClaimResult comment_claim(const std::string& comment, const std::string& code, int line, const std::string& actual) {
  ClaimResult claim;
  claim.claim = classify_comment(comment, code, {});
  claim.claim.line = line;
  claim.expected = claim.claim.value;
  claim.actual = actual;
  return claim;
}

}  // namespace

TEST_CASE("fix_comment", "[report][audit][fix]") {
  SECTION("a plain value is replaced") { CHECK(fixed(" 3", "print(len(xs))", "2") == "2"); }
  SECTION("a label stays once, whether the line prints it or not") {
    CHECK(fixed(" Items: 3", "print(\"Items:\", n)", "Items: 2") == "Items: 2");
    CHECK(fixed(" Items: 3", "print(n)", "2") == "Items: 2");
  }
  SECTION("a marker stays") {
    CHECK(fixed(" => 13", "print(n + 1)", "12") == "=> 12");
    CHECK(fixed(" -> [1, 2]", "print(xs)", "[2, 1]") == "-> [2, 1]");
    CHECK(fixed(" Output: 7", "print(total)", "6") == "Output: 6");
  }
  SECTION("an approximate claim stays approximate, to about its own digits") {
    CHECK(fixed(" ~ 2.5", "print(math.pi)", "3.141592653589793") == "~ 3.1");
    CHECK(fixed(" about 1.5 seconds", "print(t)", "2.71828") == "about 2.7 seconds");
    CHECK(fixed(" ≈ 1", "print(x)", "1.4") == "≈ 1.4");  // 1 is not within the tolerance of 1.4
    CHECK(fixed(" ~ [0.5, 0.5]", "print(p)", "[0.3333333333333333, 0.6666666666666666]") == "~ [0.3, 0.7]");
    CHECK(fixed(" Approx [8]", "print(m(x))", "tensor([[6.5]])") == "Approx [6.5]");  // the claim's brackets
    CHECK(fixed(" about 2", "print(xs)", "[1.5, 2.5]") == "about [1.5, 2.5]");         // numbers that do not pair up
  }
  SECTION("a string keeps its quotes where it can") {
    CHECK(fixed(" \"abc\"", "print(repr(s))", "'abd'") == "\"abd\"");
    CHECK(fixed(" 'abc'", "print(repr(s))", "'abd'") == "'abd'");
    CHECK(fixed(" \"abc\"", "print(repr(s))", "\"it's\"") == "\"it's\"");
    CHECK(fixed(" [\"a\", \"b\"]", "print(xs)", "['a', 'c']") == "[\"a\", \"c\"]");
    CHECK(fixed(" \"its\"", "print(s)", "it's") == "it's");  // no repr: its quote is no delimiter
    // The quotes were what was wrong: print() shows a str without them.
    CHECK(fixed(" 'abd'", "print(s)", "abd") == "abd");
  }
  SECTION("the words after the value stay") {
    CHECK(fixed(" 10 — the first item", "print(xs[0])", "8") == "8 — the first item");
    CHECK(fixed(" [1]  # Modified", "print(xs)", "[2]") == "[2]  # Modified");
  }
  SECTION("an address is written as 0x...") {
    CHECK(fixed(" [2, 4]", "print(map(f, xs))", "<map object at 0x7f0011223344>") == "<map object at 0x...>");
  }
  SECTION("what one comment cannot say is refused, with the reason") {
    CHECK(why_not(" a", "print(s)", "a\nb\nc").starts_with("prints 3 lines"));
    CHECK(why_not(" Done", "asyncio.run(main())", "").starts_with("the line prints nothing"));
    CHECK(why_not(" 1", "print(xs)", "[" + std::string(200, '1') + "]").find("too long for one comment") != std::string::npos);
  }
}

TEST_CASE("render_fix_diff", "[report][audit][fix]") {
  SECTION("a trailing comment") {
    std::string material = std::string(11, '\n') + "xs = [1, 2]\nprint(map(double, xs))  # [2, 4]\nmore\n";
    auto questions = std::vector{question_with({12, 13}, comment_claim(" [2, 4]", "print(map(double, xs))", 2,
                                                                         "<map object at 0x7f0011223344>"))};
    FixDiff fix = render_fix_diff(material, "notes.md", questions);
    CHECK(fix.diff.starts_with("--- a/notes.md\n+++ b/notes.md\n@@"));
    CHECK(fix.diff.find("-print(map(double, xs))  # [2, 4]\n+print(map(double, xs))  # <map object at 0x...>\n") !=
          std::string::npos);
    CHECK(fix.unfixed.empty());
    for (ClaimVerdict verdict : {ClaimVerdict::correct, ClaimVerdict::format, ClaimVerdict::unsure, ClaimVerdict::unverifiable,
                                 ClaimVerdict::nondeterministic, ClaimVerdict::version_dependent}) {
      questions[0].claims[0].verdict = verdict;  // only a wrong claim is corrected, or listed
      CHECK(render_fix_diff(material, "notes.md", questions).diff.empty());
      CHECK(render_fix_diff(material, "notes.md", questions).unfixed.empty());
    }
  }
  SECTION("an # Output: line under its statement, beside the statement's own comment") {
    std::string material = "print(total)  # the sum\n# Output: 7\n";
    ClaimResult claim = comment_claim(" Output: 7", "print(total)", 1, "6");
    FixDiff fix = render_fix_diff(material, "notes.md", {question_with({1, 2}, claim)});
    CHECK(fix.diff.find("-# Output: 7\n+# Output: 6\n") != std::string::npos);
    CHECK(fix.diff.find("-print(total)") == std::string::npos);
  }
  SECTION("an Output block: the wrong line only") {
    std::string material = "```\n1\n5\n9\n```\n";
    ClaimResult claim;
    claim.claim.text = "1\n5\n9\n";
    claim.claim.value = "1\n5\n9";
    claim.claim.scope = ClaimScope::whole;
    claim.claim.material_line = 2;
    claim.expected = claim.claim.value;
    claim.actual = "1\n4\n9";
    FixDiff fix = render_fix_diff(material, "notes.md", {question_with({}, claim)});
    CHECK(fix.diff.find(" 1\n-5\n+4\n 9\n") != std::string::npos);
    SECTION("more lines printed than claimed: the block is replaced") {
      claim.actual = "1\n4\n9\n16";
      fix = render_fix_diff(material, "notes.md", {question_with({}, claim)});
      CHECK(fix.diff.find(" 1\n-5\n+4\n 9\n+16\n") != std::string::npos);
    }
  }
  SECTION("a transcript's echo is replaced whole, in the block's margin; the prompt's comment stays") {
    std::string material = "  >>> print('x\\ny')  # two lines\n  x\n  z\n";
    ClaimResult claim;
    claim.claim.line = 1;
    claim.claim.echo = true;
    claim.claim.text = "x\nz\n";
    claim.claim.value = "x\nz";
    claim.claim.material_line = 2;
    claim.actual = "x\ny";
    FixDiff fix = render_fix_diff(material, "notes.md", {question_with({1}, claim)});
    CHECK(fix.diff.find("   x\n-  z\n+  y\n") != std::string::npos);
    CHECK(fix.diff.find("+  >>>") == std::string::npos);
  }
  SECTION("a claim it cannot fix is listed with why") {
    std::string material = "print('a\\nb')  # a, c\n";
    ClaimResult claim = comment_claim(" a, c", "print('a\\nb')", 1, "a\nb");
    claim.material_line = 1;
    FixDiff fix = render_fix_diff(material, "notes.md", {question_with({1}, claim)});
    CHECK(fix.diff.empty());
    REQUIRE(fix.unfixed.size() == 1);
    CHECK(fix.unfixed[0] == "Q4 material line 1: claims a, c — prints 2 lines, and a comment holds one: write them as an Output block");
    ClaimResult prose;
    prose.claim.kind = ClaimKind::verification;
    prose.expected = "True";
    fix = render_fix_diff(material, "notes.md", {question_with({1}, prose)});
    REQUIRE(fix.unfixed.size() == 1);
    CHECK(fix.unfixed[0].ends_with("a verification sentence is prose: reword it"));
    ClaimResult varies = comment_claim(" a, c", "print('a\\nb')", 1, "a\nb");
    varies.material_line = 1;
    varies.varies = true;  // a random initialisation: each run prints another value
    fix = render_fix_diff(material, "notes.md", {question_with({1}, varies)});
    CHECK(fix.diff.empty());
    REQUIRE(fix.unfixed.size() == 1);
    CHECK(fix.unfixed[0].ends_with("its output varies between runs: there is no one value to write"));
  }
}
