#include "compare/result.hpp"

#include <vector>

#include <catch2/catch.hpp>

#include "support/results.hpp"

using namespace snipcheck;
using snipcheck::testing::make_result;

TEST_CASE("summarize", "[report][result]") {
  SECTION("counts each verdict, the total, the duration and the workers") {
    std::vector<Result> results = {make_result("001-a", Verdict::pass), make_result("002-b", Verdict::wrong),
                                   make_result("003-c", Verdict::pass), make_result("004-d", Verdict::skipped),
                                   make_result("005-e", Verdict::timeout)};
    Summary summary = summarize(results, 1234, 3);
    CHECK(summary.total == 5);
    CHECK(summary.duration_ms == 1234);
    CHECK(summary.workers == 3);
    CHECK(summary.count(Verdict::pass) == 2);
    CHECK(summary.count(Verdict::wrong) == 1);
    CHECK(summary.count(Verdict::skipped) == 1);
    CHECK(summary.count(Verdict::timeout) == 1);
    CHECK(summary.count(Verdict::error) == 0);
    CHECK(summary.count(Verdict::no_claim) == 0);
    CHECK_FALSE(summary.internal_failure);
  }
  SECTION("unfinished results (an interrupted run) are counted apart") {
    std::vector<Result> results = {make_result("001-a", Verdict::pass), make_result("002-b", Verdict::wrong)};
    results[1].finished = false;
    Summary summary = summarize(results, 10, 1);
    CHECK(summary.total == 1);
    CHECK(summary.unfinished == 1);
    CHECK(summary.count(Verdict::wrong) == 0);
    CHECK(summary.failing() == 0);
  }
  SECTION("no results") {
    Summary summary = summarize({}, 0, 1);
    CHECK(summary.total == 0);
    for (int i = 0; i < k_verdict_count; ++i) CHECK(summary.count(static_cast<Verdict>(i)) == 0);
    CHECK(summary.failing() == 0);
  }
  SECTION("an internal failure in any result is the run's") {
    Result internal = make_result("002-b", Verdict::crash, "internal error: x");
    internal.judgement.internal = true;
    Summary summary = summarize({make_result("001-a", Verdict::pass), internal, make_result("003-c", Verdict::pass)}, 0, 1);
    CHECK(summary.internal_failure);
  }
}

TEST_CASE("Summary::failing", "[report][result]") {
  SECTION("counts wrong, error, timeout, crash and limit") {
    Summary summary;
    summary.counts[static_cast<std::size_t>(Verdict::wrong)] = 1;
    summary.counts[static_cast<std::size_t>(Verdict::error)] = 2;
    summary.counts[static_cast<std::size_t>(Verdict::timeout)] = 3;
    summary.counts[static_cast<std::size_t>(Verdict::crash)] = 4;
    summary.counts[static_cast<std::size_t>(Verdict::limit)] = 5;
    CHECK(summary.failing() == 15);
  }
  SECTION("ignores pass, unverifiable, no_claim and skipped") {
    Summary summary;
    summary.counts[static_cast<std::size_t>(Verdict::pass)] = 7;
    summary.counts[static_cast<std::size_t>(Verdict::unverifiable)] = 1;
    summary.counts[static_cast<std::size_t>(Verdict::no_claim)] = 2;
    summary.counts[static_cast<std::size_t>(Verdict::skipped)] = 3;
    CHECK(summary.failing() == 0);
  }
}

TEST_CASE("clip_output", "[report][result]") {
  SECTION("keeps the start of each stream and of the diff, and the whole sizes") {
    Result result = make_result("001-a", Verdict::wrong);
    result.outcome.stdout_text = std::string(5000, 'o');
    result.outcome.stdout_bytes = 5000;
    result.outcome.stderr_text = std::string(3000, 'e');
    std::string diff = "--- expected\n+++ actual\n";
    for (int i = 0; i < 200; ++i) diff += "+line " + std::to_string(i) + "\n";
    result.judgement.diff = diff;
    result.expected = std::string(2000, 'x');
    clip_output(result, 1000);
    CHECK(result.expected == std::string(1000, 'x'));
    CHECK(result.outcome.stdout_text == std::string(1000, 'o'));
    CHECK(result.outcome.stdout_bytes == 5000);
    CHECK(result.outcome.stderr_text == std::string(1000, 'e'));
    CHECK(result.outcome.stderr_bytes == 3000);
    CHECK(result.judgement.diff.size() < 1100);
    CHECK(diff.rfind(result.judgement.diff.substr(0, result.judgement.diff.rfind("+line")), 0) == 0);
    CHECK(result.judgement.diff.find("[diff cut at ") != std::string::npos);
  }
  SECTION("leaves what fits alone and never cuts a UTF-8 sequence") {
    Result result = make_result("001-a", Verdict::pass);
    result.outcome.stdout_text = "ab\xc3\xa9";
    clip_output(result, 3);
    CHECK(result.outcome.stdout_text == "ab");
    CHECK(result.outcome.stdout_bytes == 4);
    result.outcome.stderr_text = "short";
    result.judgement.diff = "";
    clip_output(result, 100);
    CHECK(result.outcome.stderr_text == "short");
    CHECK(result.judgement.diff.empty());
  }
}

TEST_CASE("first_difference_offset", "[report][result]") {
  CHECK(first_difference_offset("a\nb\nc\n", "a\nB\nc\n", CompareMode::exact) == 2);
  CHECK(first_difference_offset("a\nb\n", "a\n", CompareMode::exact) == 2);        // stops short
  CHECK(first_difference_offset("a\n", "a\nmore\n", CompareMode::exact) == 2);     // goes on
  CHECK(first_difference_offset("a\nb\n", "a\nb", CompareMode::exact) == 2);       // the last newline
  CHECK(first_difference_offset("a\nb\n", "a  \nB\n", CompareMode::normalize) == 4);
}

TEST_CASE("failure_line", "[report][result]") {
  SECTION("an error: the line that raised") {
    Result result = make_result("001-a", Verdict::error);
    result.outcome.error = PythonError{};
    result.outcome.error->line = 7;
    CHECK(failure_line(result) == 7);
  }
  SECTION("a timeout: the line in the stack") {
    Result result = make_result("001-a", Verdict::timeout);
    result.outcome.stack = "Snippet's main thread (most recent call first):\n  File \"" + result.path + "\", line 4 in <module>\n";
    CHECK(failure_line(result) == 4);
  }
  SECTION("wrong: the statement that printed the first differing line, or the last one that printed") {
    Result result = make_result("001-a", Verdict::wrong);
    result.expected = "one\ntwo\nthree\n";
    result.outcome.stdout_text = "one\nTWO\nthree\n";
    result.outcome.statements = {{1, 1, 0, 4, 0, 0}, {2, 2, 4, 4, 0, 0}, {3, 5, 4, 14, 0, 0}};
    CHECK(failure_line(result) == 3);
    result.outcome.stdout_text = "one\n";
    result.outcome.statements = {{1, 1, 0, 4, 0, 0}, {2, 2, 4, 4, 0, 0}};
    CHECK(failure_line(result) == 1);
  }
  SECTION("a transcript: counted in what the session showed, after a prompt that raised") {
    Result result = make_result("001-a", Verdict::wrong);
    result.settings.mode = RunMode::repl;
    result.expected = "1\nKeyError: 'k'\n3\n5\n";
    result.outcome.stdout_text = "1\n3\n4\n";
    result.outcome.stderr_text = "Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\nKeyError: 'k'\n";
    result.outcome.statements = {{1, 1, 0, 2, 0, 0}, {2, 2, 2, 2, 0, result.outcome.stderr_text.size()},
                                 {3, 3, 2, 4, result.outcome.stderr_text.size(), result.outcome.stderr_text.size()},
                                 {4, 4, 4, 6, result.outcome.stderr_text.size(), result.outcome.stderr_text.size()}};
    CHECK(failure_line(result) == 4);
  }
  SECTION("nothing known") { CHECK(failure_line(make_result("001-a", Verdict::wrong)) == 0); }
}

TEST_CASE("code_line", "[report][result]") {
  CHECK(code_line("a = 1\n    b = 2  \n", 2) == "b = 2");
  CHECK(code_line("a = 1\n", 3).empty());
  CHECK(code_line("a = 1\n", 0).empty());
  CHECK(code_line("x", 1) == "x");
}
