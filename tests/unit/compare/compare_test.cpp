#include "compare/compare.hpp"

#include <string>

#include <catch2/catch.hpp>

using namespace snipcheck;

namespace {

// Lines of a diff body (after the two header lines) that start with `mark`.
int lines_marked(const std::string& diff, char mark) {
  int count = 0;
  std::size_t start = 0;
  int index = 0;
  while (start < diff.size()) {
    std::size_t end = diff.find('\n', start);
    if (end == std::string::npos) end = diff.size();
    if (index >= 2 && end > start && diff[start] == mark) ++count;
    start = end + 1;
    ++index;
  }
  return count;
}

}  // namespace

TEST_CASE("output_matches", "[compare]") {
  SECTION("exact: byte for byte") {
    CHECK(output_matches("a\nb\n", "a\nb\n", CompareMode::exact));
    CHECK(output_matches("", "", CompareMode::exact));
    CHECK_FALSE(output_matches("a\n", "a", CompareMode::exact));
    CHECK_FALSE(output_matches("a\n", "a \n", CompareMode::exact));
    CHECK_FALSE(output_matches("a\n", "a\n\n", CompareMode::exact));
    CHECK_FALSE(output_matches("Total: ...\n", "Total: 42\n", CompareMode::exact));
  }
  SECTION("normalize: trailing spaces on lines and trailing blank lines are ignored") {
    CHECK(output_matches("a\nb\n", "a  \nb\t\n\n\n", CompareMode::normalize));
    CHECK(output_matches("a \t\nb", "a\nb\n", CompareMode::normalize));
    CHECK(output_matches("", "\n\n  \n", CompareMode::normalize));
  }
  SECTION("normalize: everything else still matters") {
    CHECK_FALSE(output_matches("a\nb\n", "a\nc\n", CompareMode::normalize));
    CHECK_FALSE(output_matches("a\n", " a\n", CompareMode::normalize));
    CHECK_FALSE(output_matches("a\nb\n", "a\n\nb\n", CompareMode::normalize));
    CHECK_FALSE(output_matches("a b\n", "a  b\n", CompareMode::normalize));
    CHECK_FALSE(output_matches("", "x", CompareMode::normalize));
  }
  SECTION("ellipsis: ... matches any text") {
    CHECK(output_matches("Total: ...\n", "Total: 42\n", CompareMode::ellipsis));
    CHECK(output_matches("<object at 0x...>\n", "<object at 0x7f3a2c>\n", CompareMode::ellipsis));
    CHECK_FALSE(output_matches("Total: ...\n", "Sum: 42\n", CompareMode::ellipsis));
  }
  SECTION("ellipsis: without ... it is exact") {
    CHECK(output_matches("a\n", "a\n", CompareMode::ellipsis));
    CHECK_FALSE(output_matches("a\n", "a \n", CompareMode::ellipsis));
    CHECK_FALSE(output_matches("a\n", "a", CompareMode::ellipsis));
  }
}

TEST_CASE("ellipsis_match", "[compare]") {
  SECTION("no ellipsis: only equal text matches") {
    CHECK(ellipsis_match("abc", "abc"));
    CHECK(ellipsis_match("", ""));
    CHECK_FALSE(ellipsis_match("abc", "abcd"));
    CHECK_FALSE(ellipsis_match("", "a"));
  }
  SECTION("a lone ellipsis matches anything, even nothing") {
    CHECK(ellipsis_match("...", ""));
    CHECK(ellipsis_match("...", "anything\nat all\n"));
  }
  SECTION("the text before the first ellipsis anchors the start") {
    CHECK(ellipsis_match("a...", "abc"));
    CHECK(ellipsis_match("a...", "a"));
    CHECK_FALSE(ellipsis_match("a...", "ba"));
    CHECK_FALSE(ellipsis_match("a...", ""));
  }
  SECTION("the text after the last ellipsis anchors the end") {
    CHECK(ellipsis_match("...c", "abc"));
    CHECK(ellipsis_match("...c", "c"));
    CHECK_FALSE(ellipsis_match("...c", "cab"));
    CHECK_FALSE(ellipsis_match("...c\n", "abc\nd\n"));
  }
  SECTION("several ellipses: the pieces appear in order") {
    CHECK(ellipsis_match("a...b...c", "a1b2c"));
    CHECK(ellipsis_match("a...b...c", "abc"));
    CHECK(ellipsis_match("a...b...c", "a_b_b_c"));
    CHECK_FALSE(ellipsis_match("a...b...c", "acb"));
    CHECK_FALSE(ellipsis_match("a...b...c", "ac"));
    CHECK(ellipsis_match("...x...y...", "__x__y__"));
    CHECK_FALSE(ellipsis_match("...x...y...", "__y__x__"));
  }
  SECTION("adjacent ellipses behave as one") {
    CHECK(ellipsis_match("a......b", "ab"));
    CHECK(ellipsis_match("a......b", "a123b"));
    CHECK_FALSE(ellipsis_match("a......b", "a123"));
  }
  SECTION("an ellipsis matches across newlines") {
    CHECK(ellipsis_match("start\n...\nend\n", "start\nline 1\nline 2\nend\n"));
    CHECK(ellipsis_match("Traceback...\nValueError: bad\n", "Traceback (most recent call last):\n  File x\nValueError: bad\n"));
    CHECK_FALSE(ellipsis_match("start\n...\nend\n", "start\nend\n"));  // both newlines must be there
  }
  SECTION("the start and end pieces may not overlap") {
    CHECK_FALSE(ellipsis_match("ab...ba", "aba"));
    CHECK(ellipsis_match("ab...ba", "abba"));
    CHECK_FALSE(ellipsis_match("a...a", "a"));
    CHECK(ellipsis_match("a...a", "aa"));
  }
  SECTION("a middle piece may not overlap the end piece") {
    CHECK_FALSE(ellipsis_match("a...bc...c", "abc"));
    CHECK(ellipsis_match("a...bc...c", "abcc"));
  }
  SECTION("a middle piece may not overlap the start piece") {
    CHECK_FALSE(ellipsis_match("ab...b...z", "abz"));
    CHECK(ellipsis_match("ab...b...z", "abbz"));
  }
  SECTION("middle pieces may not overlap each other") {
    CHECK_FALSE(ellipsis_match("...aba...aba...", "ababa"));
    CHECK(ellipsis_match("...aba...aba...", "abaaba"));
    CHECK_FALSE(ellipsis_match("...x...x...", "x"));
    CHECK(ellipsis_match("...x...x...", "xx"));
  }
  SECTION("a repeated middle piece is matched at the first place that leaves room") {
    CHECK(ellipsis_match("<...b...>", "<ab ab>"));
    CHECK(ellipsis_match("1...2...3", "1 2 2 3 3"));
  }
}

TEST_CASE("claims_match: each line a claim, held as the audit holds it", "[compare][claims]") {
  SECTION("the same text, addresses and the spaces around a line aside") {
    CHECK(claims_match("[1, 4, 9]\n", "[1, 4, 9]\n"));
    CHECK(claims_match("  Hello  \n", "Hello\n\n"));
    CHECK(claims_match("<Node object at 0x7f...>\n", "<__main__.Node object at 0x7f3a2b1c9e50>\n"));
    CHECK_FALSE(claims_match("[1, 4, 9]\n", "[1, 4, 16]\n"));
    CHECK_FALSE(claims_match("1\n", "1\n2\n"));  // output nobody documented, with no ... for it
    CHECK_FALSE(claims_match("1\n2\n", "1\n"));
  }
  SECTION("a value written differently: label, lines joined by commas, quotes, numbers, set order") {
    CHECK(claims_match("Intersection: {2, 3}\n", "{2, 3}\n"));
    CHECK(claims_match("Intersection: {2, 3}\n", "Intersection: {2, 3}\n"));
    CHECK(claims_match("Calling add, Finished add, 5\n", "Calling add\nFinished add\n5\n"));
    CHECK(claims_match("[\"a\", \"b\"]\n", "['a', 'b']\n"));
    CHECK(claims_match("[8.0]\n", "[8.]\n"));
    CHECK(claims_match("1,000,000\n", "1000000\n"));
    CHECK(claims_match("{3, 1, 2}\n", "{1, 2, 3}\n"));
  }
  SECTION("what is not the claimed value is wrong") {
    CHECK_FALSE(claims_match("0.3\n", "0.30000000000000004\n"));
    CHECK_FALSE(claims_match("2\n", "2.0\n"));
    CHECK_FALSE(claims_match("hello\n", "'hello'\n"));
    CHECK_FALSE(claims_match("{'b': 2, 'a': 1}\n", "{'a': 1, 'b': 2}\n"));  // a dict's order counts
  }
  SECTION("~ is approximate; ... stands for lines, or for what a line elides") {
    CHECK(claims_match("~ 3.14\n", "3.142857142857143\n"));
    CHECK_FALSE(claims_match("~ [8]\n", "tensor([[3.9043]])\n"));
    CHECK(claims_match("...\n5\n...\n", "a\nb\n5\nc\n"));
    CHECK(claims_match("...\n5\n", "5\n"));
    CHECK_FALSE(claims_match("...\n5\n", "5\n6\n"));
    CHECK(claims_match("[0, 1, 2, ..., 9]\n", "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]\n"));
  }
  SECTION("output_matches under compare = \"claims\"") {
    CHECK(output_matches("Total: 6\n", "6\n", CompareMode::claims));
    CHECK_FALSE(output_matches("Total: 6\n", "6\n", CompareMode::exact));
  }
}

TEST_CASE("normalize_output", "[compare]") {
  SECTION("trailing spaces and tabs on each line are removed") {
    CHECK(normalize_output("a  \nb\t\nc \t \n") == "a\nb\nc\n");
  }
  SECTION("trailing blank lines are removed") {
    CHECK(normalize_output("a\n\n\n") == "a\n");
    CHECK(normalize_output("a\n  \n\t\n") == "a\n");
  }
  SECTION("leading and inner whitespace and inner blank lines are kept") {
    CHECK(normalize_output("  a  b\n\n c\n") == "  a  b\n\n c\n");
  }
  SECTION("the last line ends with a newline") {
    CHECK(normalize_output("a") == "a\n");
    CHECK(normalize_output("a\nb") == "a\nb\n");
  }
  SECTION("blank text becomes empty") {
    CHECK(normalize_output("").empty());
    CHECK(normalize_output("\n\n").empty());
    CHECK(normalize_output("   \n\t").empty());
  }
}

TEST_CASE("unified_diff", "[compare]") {
  SECTION("equal text gives no diff") {
    CHECK(unified_diff("a\nb\n", "a\nb\n").empty());
    CHECK(unified_diff("", "").empty());
  }
  SECTION("a changed line") {
    std::string diff = unified_diff("one\ntwo\nthree\n", "one\nTWO\nthree\n");
    CHECK_THAT(diff, Catch::StartsWith("--- expected\n+++ actual\n"));
    CHECK_THAT(diff, Catch::Contains("\n-two\n"));
    CHECK_THAT(diff, Catch::Contains("\n+TWO\n"));
    CHECK_THAT(diff, Catch::Contains("\n one\n"));
    CHECK_THAT(diff, Catch::Contains("\n three\n"));
    CHECK_THAT(diff, Catch::Contains("@@"));
    CHECK(diff.find("-two") < diff.find("+TWO"));
    CHECK(lines_marked(diff, '-') == 1);
    CHECK(lines_marked(diff, '+') == 1);
  }
  SECTION("an added and a removed line") {
    std::string added = unified_diff("a\nb\n", "a\nb\nc\n");
    CHECK_THAT(added, Catch::Contains("\n+c\n"));
    CHECK(lines_marked(added, '+') == 1);
    CHECK(lines_marked(added, '-') == 0);
    std::string removed = unified_diff("a\nb\nc\n", "a\nc\n");
    CHECK_THAT(removed, Catch::Contains("\n-b\n"));
    CHECK(lines_marked(removed, '-') == 1);
    CHECK(lines_marked(removed, '+') == 0);
  }
  SECTION("from nothing and to nothing") {
    std::string from_empty = unified_diff("", "x\n");
    CHECK_THAT(from_empty, Catch::StartsWith("--- expected\n+++ actual\n"));
    CHECK_THAT(from_empty, Catch::Contains("\n+x\n"));
    std::string to_empty = unified_diff("x\n", "");
    CHECK_THAT(to_empty, Catch::Contains("\n-x\n"));
  }
  SECTION("only three lines of context around a change") {
    std::string expected = "l01\nl02\nl03\nl04\nl05\nl06\nl07\nl08\nl09\nl10\n";
    std::string actual = "l01\nl02\nl03\nl04\nl05\nl06\nl07\nl08\nl09\nCHANGED\n";
    std::string diff = unified_diff(expected, actual);
    CHECK_THAT(diff, Catch::Contains("\n l07\n"));
    CHECK_THAT(diff, Catch::Contains("\n-l10\n"));
    CHECK_THAT(diff, Catch::Contains("\n+CHANGED\n"));
    CHECK_THAT(diff, !Catch::Contains("l06"));
    CHECK_THAT(diff, !Catch::Contains("l01"));
  }
  SECTION("the actual output lacks the final newline") {
    std::string diff = unified_diff("a\nb\n", "a\nb");
    CHECK_FALSE(diff.empty());
    CHECK_THAT(diff, Catch::StartsWith("--- expected\n+++ actual\n"));
    CHECK_THAT(diff, Catch::Contains("No newline at end of actual"));
  }
  SECTION("the expected output lacks the final newline") {
    std::string diff = unified_diff("a\nb", "a\nb\n");
    CHECK_FALSE(diff.empty());
    CHECK_THAT(diff, Catch::Contains("No newline at end of expected"));
  }
  SECTION("an extra blank line at the end is a visible difference") {
    std::string diff = unified_diff("a\n", "a\n\n");
    CHECK_FALSE(diff.empty());
    CHECK_THAT(diff, Catch::Contains("\n+\n"));
  }
}

TEST_CASE("output_diff", "[compare]") {
  SECTION("equal text gives no diff") { CHECK(output_diff("a\n", "a\n").empty()); }
  SECTION("a changed line, with context") {
    CHECK(output_diff("one\ntwo\nthree\n", "one\nTWO\nthree\n") ==
          "--- expected\n+++ actual\n@@ -1,3 +1,3 @@\n one\n-two\n+TWO\n three\n");
  }
  SECTION("trailing spaces and tabs are visible on changed lines") {
    CHECK(output_diff("a b\n", "a b  \n") == "--- expected\n+++ actual\n@@ -1,1 +1,1 @@\n-a b\n+a b\u00b7\u00b7\n");
    CHECK(output_diff("a    b\n", "a\tb\n") == "--- expected\n+++ actual\n@@ -1,1 +1,1 @@\n-a    b\n+a\\tb\n");
  }
  SECTION("a missing final newline is a line of its own, after that side's last line") {
    CHECK(output_diff("a\nb\n", "a\nb") ==
          "--- expected\n+++ actual\n@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of actual output\n");
    CHECK(output_diff("x", "y\n") ==
          "--- expected\n+++ actual\n@@ -1,1 +1,1 @@\n-x\n\\ No newline at end of expected output\n+y\n");
  }
  SECTION("from and to nothing") {
    CHECK(output_diff("", "x\n") == "--- expected\n+++ actual\n@@ -0,0 +1,1 @@\n+x\n");
    CHECK(output_diff("x\n", "") == "--- expected\n+++ actual\n@@ -1,1 +0,0 @@\n-x\n");
  }
  SECTION("far-apart changes make separate hunks with three lines of context") {
    std::string expected, actual;
    for (int i = 1; i <= 20; ++i) {
      expected += "l" + std::to_string(i) + "\n";
      actual += (i == 2 || i == 18 ? "X" : "l") + std::to_string(i) + "\n";
    }
    const std::string diff = output_diff(expected, actual);
    CHECK_THAT(diff, Catch::Contains("@@ -1,5 +1,5 @@\n l1\n-l2\n+X2\n l3\n l4\n l5\n@@ -15,6 +15,6 @@\n l15\n"));
    CHECK_THAT(diff, !Catch::Contains("l10"));
  }
  SECTION("the patch form stays a patch") { CHECK(unified_diff("a \n", "a\n").find("\u00b7") == std::string::npos); }
}

TEST_CASE("collapse_tracebacks", "[compare][repl]") {
  SECTION("a traceback is reduced to its last line; the header and the stack do not count") {
    const std::string real = "1\nTraceback (most recent call last):\n  File \"/b/snippets/001-a.py\", line 2, in <module>\n"
                             "    d['k']\n    ~^^^^^\nKeyError: 'k'\n2\n";
    const std::string documented = "1\nTraceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\n"
                                   "KeyError: 'k'\n2\n";
    const std::string doctest_style = "1\nTraceback (most recent call last):\n    ...\nKeyError: 'k'\n2\n";
    CHECK(collapse_tracebacks(real) == "1\nKeyError: 'k'\n2\n");
    CHECK(collapse_tracebacks(documented) == collapse_tracebacks(real));
    CHECK(collapse_tracebacks(doctest_style) == collapse_tracebacks(real));
    CHECK(collapse_tracebacks("1\nKeyError: 'k'\n2\n") == collapse_tracebacks(real));  // only the last line shown
  }
  SECTION("the exception's type and message still count") {
    const std::string a = "Traceback (most recent call last):\n  File \"x\", line 1, in <module>\nKeyError: 'k'\n";
    const std::string b = "Traceback (most recent call last):\n  File \"x\", line 1, in <module>\nKeyError: 'j'\n";
    CHECK(collapse_tracebacks(a) != collapse_tracebacks(b));
  }
  SECTION("a SyntaxError as the REPL prints it, without a header") {
    const std::string real = "  File \"/b/snippets/001-a.py\", line 3\n    x = = 1\n        ^\nSyntaxError: invalid syntax\n";
    const std::string documented = "  File \"<stdin>\", line 1\n    x = = 1\n      ^\nSyntaxError: invalid syntax\n";
    CHECK(collapse_tracebacks(real) == "SyntaxError: invalid syntax\n");
    CHECK(collapse_tracebacks(documented) == collapse_tracebacks(real));
  }
  SECTION("text without a traceback, and a header with no exception line, are kept as they are") {
    CHECK(collapse_tracebacks("a\n  b\nc") == "a\n  b\nc");
    CHECK(collapse_tracebacks("Traceback (most recent call last):\n  File \"x\"\n") ==
          "Traceback (most recent call last):\n  File \"x\"\n");
  }
}

TEST_CASE("output_units", "[compare][repl]") {
  const std::string text = "1\nTraceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\nKeyError: 'k'\n3";
  std::vector<OutputUnit> units = output_units(text);
  REQUIRE(units.size() == 3);
  CHECK(units[0].text == "1\n");
  CHECK(units[1].text == "Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\nKeyError: 'k'\n");
  CHECK(units[1].shown == "KeyError: 'k'\n");
  CHECK(units[2].text == "3");  // no newline at the end: none added
  std::string joined, shown;
  for (const OutputUnit& unit : units) joined += unit.text, shown += unit.shown;
  CHECK(joined == text);
  CHECK(shown == collapse_tracebacks(text));
}
