#include "report/annotations.hpp"

#include <string>

#include <catch2/catch.hpp>

#include "support/results.hpp"

using namespace snipcheck;
using snipcheck::testing::make_result;

TEST_CASE("annotation escaping", "[report][annotations]") {
  // As GitHub's runner reads workflow commands back: data escapes %, CR, LF; a property also : and ,.
  CHECK(escape_annotation_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b");
  CHECK(escape_annotation_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae");
  CHECK(escape_annotation_data("%0A") == "%250A");  // an escape in the text stays text
}

TEST_CASE("github_annotation", "[report][annotations]") {
  SECTION("a wrong answer at the line that printed the first differing line") {
    Result result = make_result("002-b", Verdict::wrong, "stdout differs from expected (exact)");
    result.line = 3;
    result.judgement.diff = "--- expected\n+++ actual\n-a\n+b\n";
    CHECK(github_annotation(result, "bank/snippets/002-b.py") ==
          "::error file=bank/snippets/002-b.py,line=3,title=snipcheck%3A 002-b wrong::stdout differs from expected "
          "(exact)%0A--- expected%0A+++ actual%0A-a%0A+b\n");
  }
  SECTION("a path with a comma or a colon is escaped as a property") {
    Result result = make_result("001-a", Verdict::error, "ValueError");
    CHECK(github_annotation(result, "odd,dir:x/001-a.py") ==
          "::error file=odd%2Cdir%3Ax/001-a.py,title=snipcheck%3A 001-a error::ValueError\n");
  }
  SECTION("no file (standard input): no file or line") {
    Result result = make_result("candidate", Verdict::timeout, "ran past its 1 s timeout");
    result.line = 2;
    CHECK(github_annotation(result, "") == "::error title=snipcheck%3A candidate timeout::ran past its 1 s timeout\n");
  }
  SECTION("control characters from a snippet cannot reach the log raw") {
    Result result = make_result("001-a", Verdict::error, "ValueError: \x1b[2J");
    CHECK(github_annotation(result, "a.py").find('\x1b') == std::string::npos);
  }
  SECTION("nothing for what did not fail") {
    CHECK(github_annotation(make_result("001-a", Verdict::pass), "a.py").empty());
    CHECK(github_annotation(make_result("001-a", Verdict::skipped, "skipped"), "a.py").empty());
    Result unfinished = make_result("001-a", Verdict::error);
    unfinished.finished = false;
    CHECK(github_annotation(unfinished, "a.py").empty());
  }
}

TEST_CASE("stop_commands_line and resume_commands_line", "[report][annotations]") {
  // GitHub's runner reads no workflow command between the two.
  CHECK(stop_commands_line("0123abcd") == "::stop-commands::0123abcd\n");
  CHECK(resume_commands_line("0123abcd") == "::0123abcd::\n");
}
