#include "report/terminal_report.hpp"

#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "support/results.hpp"
#include "util/text.hpp"

using namespace snipcheck;
using snipcheck::testing::make_result;

namespace {

std::size_t position(const std::string& text, const std::string& what) {
  std::size_t found = text.find(what);
  INFO("looking for '" << what << "' in:\n" << text);
  REQUIRE(found != std::string::npos);
  return found;
}

Result wrong_result(const std::string& id) {
  Result result = make_result(id, Verdict::wrong, "stdout differs from expected (exact)");
  result.judgement.diff = "--- expected\n+++ actual\n@@ -1 +1 @@\n-hello\n+HELLO\n";
  result.outcome.stdout_text = "HELLO\n";
  return result;
}

}  // namespace

TEST_CASE("TerminalReport::add", "[report][terminal]") {
  std::ostringstream out;

  SECTION("results are printed in bank order even when they arrive out of order") {
    TerminalReport report(out, 3, Color::no, Detail::normal);
    report.add(2, make_result("003-third", Verdict::pass));
    CHECK(out.str().empty());  // waits for 001 and 002
    report.add(0, make_result("001-first", Verdict::pass));
    CHECK_THAT(out.str(), Catch::Contains("001-first"));
    CHECK_THAT(out.str(), !Catch::Contains("003-third"));
    report.add(1, make_result("002-second", Verdict::no_claim, "ran clean; no expected output documented"));
    const std::string text = out.str();
    std::size_t first = position(text, "001-first");
    std::size_t second = position(text, "002-second");
    std::size_t third = position(text, "003-third");
    CHECK(first < second);
    CHECK(second < third);
  }
  SECTION("each line has the verdict, the id, the duration and the reason") {
    TerminalReport report(out, 1, Color::no, Detail::normal);
    Result result = make_result("001-skip", Verdict::skipped, "needs a network");
    result.outcome.duration_ms = 42;
    report.add(0, result);
    const std::string text = out.str();
    CHECK_THAT(text, Catch::StartsWith("skipped"));
    CHECK_THAT(text, Catch::Contains("001-skip"));
    CHECK_THAT(text, Catch::Contains("42 ms"));
    CHECK_THAT(text, Catch::Contains("needs a network"));
    CHECK_THAT(text, Catch::EndsWith("\n"));
  }
  SECTION("no ANSI codes with Color::no") {
    TerminalReport report(out, 3, Color::no, Detail::normal);
    report.add(0, make_result("001-a", Verdict::pass));
    report.add(1, wrong_result("002-b"));
    report.add(2, make_result("003-c", Verdict::skipped, "s"));
    CHECK_THAT(out.str(), !Catch::Contains("\033"));
  }
  SECTION("ANSI colours with Color::yes") {
    TerminalReport report(out, 2, Color::yes, Detail::normal);
    report.add(0, make_result("001-a", Verdict::pass));
    report.add(1, wrong_result("002-b"));
    const std::string text = out.str();
    CHECK_THAT(text, Catch::Contains("\033[32mpass"));
    CHECK_THAT(text, Catch::Contains("\033[31mwrong"));
    CHECK_THAT(text, Catch::Contains("\033[0m"));
  }
  SECTION("quiet hides passes and other non-failures but shows failures") {
    TerminalReport report(out, 4, Color::no, Detail::quiet);
    report.add(0, make_result("001-pass", Verdict::pass));
    report.add(1, make_result("002-skip", Verdict::skipped, "reason"));
    report.add(2, make_result("003-none", Verdict::no_claim, "no claim"));
    report.add(3, make_result("004-boom", Verdict::error, "ValueError: x (line 1)"));
    const std::string text = out.str();
    CHECK_THAT(text, !Catch::Contains("001-pass"));
    CHECK_THAT(text, !Catch::Contains("002-skip"));
    CHECK_THAT(text, !Catch::Contains("003-none"));
    CHECK_THAT(text, Catch::Contains("004-boom"));
    CHECK_THAT(text, Catch::Contains("ValueError: x (line 1)"));
  }
  SECTION("the diff is shown, indented, for a wrong result") {
    TerminalReport report(out, 1, Color::no, Detail::normal);
    report.add(0, wrong_result("001-wrong"));
    const std::string text = out.str();
    CHECK_THAT(text, Catch::Contains("    --- expected\n"));
    CHECK_THAT(text, Catch::Contains("    -hello\n"));
    CHECK_THAT(text, Catch::Contains("    +HELLO\n"));
  }
  SECTION("the traceback of an error and the stack of a timeout are shown") {
    TerminalReport report(out, 2, Color::no, Detail::normal);
    Result error = make_result("001-error", Verdict::error, "ZeroDivisionError: division by zero (line 1)");
    PythonError python_error;
    python_error.type = "ZeroDivisionError";
    python_error.traceback = "Traceback (most recent call last):\nZeroDivisionError: division by zero\n";
    error.outcome.error = python_error;
    Result timeout = make_result("002-spin", Verdict::timeout, "ran past its 1 s timeout, stuck at line 3");
    timeout.outcome.stack = "  File \"/bank/snippets/002-spin.py\", line 3 in <module>\n";
    report.add(0, error);
    report.add(1, timeout);
    const std::string text = out.str();
    CHECK_THAT(text, Catch::Contains("    Traceback (most recent call last):\n"));
    CHECK_THAT(text, Catch::Contains("002-spin.py\", line 3"));
    CHECK_THAT(text, Catch::Contains("stuck at line 3"));
  }
  SECTION("no details under a pass unless verbose") {
    Result pass = make_result("001-pass", Verdict::pass);
    pass.judgement.diff = "DIFF-TEXT\n";
    pass.outcome.stack = "STACK-TEXT\n";
    TerminalReport normal(out, 1, Color::no, Detail::normal);
    normal.add(0, pass);
    CHECK_THAT(out.str(), !Catch::Contains("STACK-TEXT"));
    std::ostringstream verbose_out;
    TerminalReport verbose(verbose_out, 1, Color::no, Detail::verbose);
    verbose.add(0, pass);
    CHECK_THAT(verbose_out.str(), Catch::Contains("STACK-TEXT"));
  }
  SECTION("a replaced worker is mentioned when verbose") {
    Result result = make_result("001-taint", Verdict::pass);
    result.outcome.taint = "os.environ changed";
    TerminalReport verbose(out, 1, Color::no, Detail::verbose);
    verbose.add(0, result);
    CHECK_THAT(out.str(), Catch::Contains("os.environ changed"));
  }
  SECTION("the tier is shown when verbose only") {
    Result result = make_result("001-fork", Verdict::pass);
    result.outcome.tier = "process";
    result.outcome.tier_reason = "uses os.fork()";
    TerminalReport normal(out, 1, Color::no, Detail::normal);
    normal.add(0, result);
    CHECK_THAT(out.str(), !Catch::Contains("os.fork()"));
    std::ostringstream verbose_out;
    TerminalReport verbose(verbose_out, 1, Color::no, Detail::verbose);
    verbose.add(0, result);
    CHECK_THAT(verbose_out.str(), Catch::Contains("process (uses os.fork())"));
  }
  SECTION("a long diff is cut") {
    Result result = make_result("001-long", Verdict::wrong, "stdout differs");
    for (int i = 0; i < 100; ++i) result.judgement.diff += "+line " + std::to_string(i) + "\n";
    TerminalReport report(out, 1, Color::no, Detail::normal);
    report.add(0, result);
    const std::string text = out.str();
    CHECK_THAT(text, Catch::Contains("+line 0\n"));
    CHECK_THAT(text, !Catch::Contains("+line 99\n"));
    CHECK_THAT(text, Catch::Contains("more lines"));
  }
}

TEST_CASE("TerminalReport prints a snippet's control characters visibly", "[report][terminal]") {
  // What a candidate controls: its output (in the diff), its exception, its stderr, the reason.
  const std::string forged = "\x1b]0;PWNED\x07\x1b[2J\x1b[1A\rpass         003-forge   1 ms";
  Result result = make_result("001-candidate", Verdict::crash, "crash: " + forged);
  result.judgement.diff = "--- expected\n+++ actual\n@@ -1 +1 @@\n-1\n+" + forged + "\n";
  result.outcome.error = PythonError{};
  result.outcome.error->traceback = "ValueError: \x1b[2Jcleared\n";
  result.outcome.stack = "  File \"x\x9b.py\"\n";
  result.outcome.stderr_text = "\x1b[31mred\x1b[0m\n";
  std::ostringstream out;
  TerminalReport report(out, 1, Color::no, Detail::verbose);
  report.add(0, result);
  INFO(out.str());
  CHECK(out.str().find('\x1b') == std::string::npos);
  CHECK(out.str().find('\x07') == std::string::npos);
  CHECK(out.str().find('\r') == std::string::npos);
  CHECK(out.str().find('\x9b') == std::string::npos);
  CHECK_THAT(out.str(), Catch::Contains("+\\x1b]0;PWNED\\x07\\x1b[2J\\x1b[1A\\rpass"));
  CHECK_THAT(out.str(), Catch::Contains("ValueError: \\x1b[2Jcleared"));
}

TEST_CASE("TerminalReport: a snippet's text never starts a line of its own", "[report][terminal]") {
  // An exception's message (the reason), a source line, an id, the tier's reason, a taint: each
  // one field of a line the report writes, whatever newlines the snippet put in them.
  const std::string forged = "x\npass         candidate    5 ms\n::warning file=x.py,line=1::injected\noverall: pass";
  Result result = make_result("001-" + forged, Verdict::error, "ValueError: " + forged);
  result.source_line = "raise ValueError(" + forged + ")";
  result.line = 1;
  result.outcome.tier = "t\n::error::tier";
  result.outcome.tier_reason = forged;
  result.outcome.taint = forged;
  std::ostringstream out;
  TerminalReport report(out, 1, Color::no, Detail::verbose);
  report.add(0, result);
  INFO(out.str());
  for (const std::string& line : split_lines(out.str())) {
    CHECK_FALSE(line.starts_with("pass"));
    CHECK_FALSE(line.starts_with("::"));
    CHECK_FALSE(line.starts_with("overall"));
  }
  CHECK_THAT(out.str(), Catch::Contains("ValueError: x\\npass         candidate    5 ms\\n::warning"));
}

TEST_CASE("TerminalReport::finish", "[report][terminal]") {
  SECTION("prints the summary line last") {
    std::ostringstream out;
    TerminalReport report(out, 1, Color::no, Detail::normal);
    std::vector<Result> results = {make_result("001-a", Verdict::pass)};
    report.add(0, results[0]);
    Summary summary = summarize(results, 250, 1);
    report.finish(summary);
    CHECK_THAT(out.str(), Catch::EndsWith(format_summary_line(summary) + "\n"));
    CHECK(out.str().find("001-a") < out.str().find(format_summary_line(summary)));
  }
}

TEST_CASE("TerminalReport::finish interrupted", "[report][terminal]") {
  SECTION("prints what finished behind an unfinished question, how many did not, and says interrupted") {
    std::ostringstream out;
    TerminalReport report(out, 3, Color::no, Detail::normal);
    std::vector<Result> results = {make_result("001-a", Verdict::pass), make_result("002-b", Verdict::pass),
                                   make_result("003-c", Verdict::pass)};
    results[1].finished = false;
    report.add(0, results[0]);
    report.add(2, results[2]);
    CHECK(out.str().find("003-c") == std::string::npos);  // waits for 002-b
    Summary summary = summarize(results, 250, 1);
    summary.interrupted = true;
    report.finish(summary);
    CHECK(out.str().find("003-c") != std::string::npos);
    CHECK_THAT(out.str(), Catch::Contains("1 not finished (interrupted)"));
    CHECK_THAT(out.str(), Catch::EndsWith("interrupted after 2 of 3 questions: 2 pass  (0.25 s, 1 worker)\n"));
  }
}

TEST_CASE("format_summary_line", "[report][terminal]") {
  SECTION("counts in verdict order, duration and workers") {
    std::vector<Result> results = {make_result("001-a", Verdict::wrong), make_result("002-b", Verdict::pass),
                                   make_result("003-c", Verdict::pass)};
    CHECK(format_summary_line(summarize(results, 1500, 2)) == "3 questions: 2 pass, 1 wrong  (1.50 s, 2 workers)");
  }
  SECTION("singular") {
    std::vector<Result> results = {make_result("001-a", Verdict::skipped)};
    CHECK(format_summary_line(summarize(results, 1234, 1)) == "1 question: 1 skipped  (1.23 s, 1 worker)");
  }
  SECTION("nothing run") {
    CHECK(format_summary_line(summarize({}, 0, 1)) == "0 questions: nothing run  (0.00 s, 1 worker)");
  }
}

TEST_CASE("TerminalReport shows where and what a failure was", "[report][terminal]") {
  std::ostringstream out;
  TerminalReport report(out, 2, Color::no, Detail::normal);
  Result stopped = make_result("001-slow", Verdict::timeout, "ran past its 1 s timeout, stuck at line 3");
  stopped.line = 3;
  stopped.source_line = "time.sleep(1)";
  stopped.outcome.stdout_text = "started\nstep 1\n";
  report.add(0, stopped);
  Result raised = make_result("002-raise", Verdict::error, "ValueError: no (line 2)");
  raised.line = 2;
  raised.source_line = "raise ValueError('no')";
  raised.outcome.error = PythonError{};
  raised.outcome.error->traceback = "Traceback (most recent call last):\n";
  report.add(1, raised);
  CHECK_THAT(out.str(), Catch::Contains("    stopped at line 3: time.sleep(1)\n"));
  CHECK_THAT(out.str(), Catch::Contains("    stdout before it was stopped:\n    started\n    step 1\n"));
  CHECK_THAT(out.str(), Catch::Contains("    at line 2: raise ValueError('no')\n    Traceback (most recent call last):\n"));
}

TEST_CASE("TerminalReport shows the last lines a stopped question printed", "[report][terminal]") {
  std::ostringstream out;
  TerminalReport report(out, 1, Color::no, Detail::normal);
  Result stopped = make_result("001-slow", Verdict::timeout, "ran past its 1 s timeout");
  for (int i = 1; i <= 25; ++i) stopped.outcome.stdout_text += "line " + std::to_string(i) + "\n";
  report.add(0, stopped);
  CHECK_THAT(out.str(), Catch::Contains("    ... 5 earlier lines\n    line 6\n"));
  CHECK_THAT(out.str(), Catch::EndsWith("    line 25\n"));
}

TEST_CASE("TerminalReport cuts a stopped question's very long line", "[report][terminal]") {
  std::ostringstream out;
  TerminalReport report(out, 1, Color::no, Detail::normal);
  Result flooded = make_result("001-flood", Verdict::limit, "output: more than 1 MiB on one stream");
  flooded.outcome.ending = Ending::output_limit;
  flooded.outcome.stdout_text = std::string(1000, 'x');
  report.add(0, flooded);
  CHECK_THAT(out.str(), Catch::Contains("    " + std::string(300, 'x') + "... [700 more bytes]\n"));
}

TEST_CASE("TerminalReport: a question that ended by itself at a limit was not stopped", "[report][terminal]") {
  std::ostringstream out;
  TerminalReport report(out, 1, Color::no, Detail::normal);
  Result memory = make_result("001-memory", Verdict::limit, "memory: MemoryError past the 64 MiB limit");
  memory.line = 2;
  memory.source_line = "data = bytearray(1 << 30)";
  report.add(0, memory);
  CHECK_THAT(out.str(), Catch::Contains("    at line 2: data = bytearray(1 << 30)\n"));
  CHECK_THAT(out.str(), !Catch::Contains("before it was stopped"));
}
