#include "report/json_report.hpp"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "support/results.hpp"

using namespace snipcheck;
using snipcheck::testing::make_result;
using nlohmann::json;
using namespace std::string_literals;

namespace {

Result failing_result() {
  Result result = make_result("003-error", Verdict::error, "ZeroDivisionError: division by zero (line 2)");
  result.expected = "1\n";
  result.settings.compare = CompareMode::normalize;
  Outcome& outcome = result.outcome;
  outcome.stdout_text = "1\n";
  outcome.stderr_text = "Traceback...\n";
  outcome.exit_status = 1;
  outcome.duration_ms = 12;
  PythonError error;
  error.type = "ZeroDivisionError";
  error.message = "division by zero";
  error.traceback = "Traceback (most recent call last):\n...";
  error.line = 2;
  outcome.error = error;
  outcome.statements = {{1, 1, 0, 2, 0, 0}, {2, 3, 2, 2, 0, 13}};
  outcome.taint = "1 file descriptor(s) left open";
  return result;
}

}  // namespace

TEST_CASE("result_to_json", "[report][json]") {
  SECTION("the fields of a plain pass, with nulls where nothing happened") {
    Result result = make_result("001-pass", Verdict::pass);
    result.expected = "hi\n";
    result.outcome.stdout_text = "hi\n";
    result.outcome.duration_ms = 7;
    result.outcome.statements = {{1, 1, 0, 3, 0, 0}};
    json item = result_to_json(result);
    CHECK(item["id"] == "001-pass");
    CHECK(item["file"] == "snippets/001-pass.py");
    CHECK(item["verdict"] == "pass");
    CHECK(item["reason"] == "");
    CHECK(item["duration_ms"] == 7);
    CHECK(item["stdout"] == "hi\n");
    CHECK(item["stderr"] == "");
    CHECK(item["exit_status"] == 0);
    CHECK(item["error"].is_null());
    CHECK(item["diff"].is_null());
    CHECK(item["stack"].is_null());
    CHECK(item["signal"].is_null());
    CHECK(item["expected"] == "hi\n");
    CHECK(item["compare"] == "exact");
    CHECK(item["statements"] == json::parse(R"([{"line": 1, "end_line": 1, "stdout": [0, 3], "stderr": [0, 0]}])"));
    CHECK(item["worker"]["pid"] == 4242);
    CHECK(item["worker"]["tainted"].is_null());
    CHECK(item["tier"].is_null());
    CHECK(item["tier_reason"].is_null());
  }
  SECTION("the tier the question ran in, and why") {
    Result result = make_result("001-fork", Verdict::pass);
    result.outcome.tier = "process";
    result.outcome.tier_reason = "uses os.fork()";
    json item = result_to_json(result);
    CHECK(item["tier"] == "process");
    CHECK(item["tier_reason"] == "uses os.fork()");
  }
  SECTION("an error, its statements and a tainted worker") {
    json item = result_to_json(failing_result());
    CHECK(item["verdict"] == "error");
    CHECK(item["reason"] == "ZeroDivisionError: division by zero (line 2)");
    CHECK(item["exit_status"] == 1);
    REQUIRE(item["error"].is_object());
    CHECK(item["error"]["type"] == "ZeroDivisionError");
    CHECK(item["error"]["message"] == "division by zero");
    CHECK(item["error"]["traceback"] == "Traceback (most recent call last):\n...");
    CHECK(item["error"]["line"] == 2);
    CHECK(item["compare"] == "normalize");
    REQUIRE(item["statements"].size() == 2);
    CHECK(item["statements"][1]["line"] == 2);
    CHECK(item["statements"][1]["end_line"] == 3);
    CHECK(item["statements"][1]["stdout"] == json::array({2, 2}));
    CHECK(item["statements"][1]["stderr"] == json::array({0, 13}));
    CHECK(item["worker"]["tainted"] == "1 file descriptor(s) left open");
  }
  SECTION("a missing module names the module") {
    Result result = make_result("010-numpy", Verdict::unverifiable, "module 'numpy' is not installed on this machine");
    PythonError error;
    error.type = "ModuleNotFoundError";
    error.module = "numpy";
    error.module_installed = false;
    result.outcome.error = error;
    json item = result_to_json(result);
    CHECK(item["verdict"] == "unverifiable");
    CHECK(item["error"]["module"] == "numpy");
  }
  SECTION("wrong: the diff") {
    Result result = make_result("002-wrong", Verdict::wrong, "stdout differs from expected (exact)");
    result.judgement.diff = "--- expected\n+++ actual\n@@ -1 +1 @@\n-a\n+b\n";
    json item = result_to_json(result);
    CHECK(item["diff"] == "--- expected\n+++ actual\n@@ -1 +1 @@\n-a\n+b\n");
  }
  SECTION("timeout: the stack, and no exit status") {
    Result result = make_result("004-spin", Verdict::timeout, "ran past its 1 s timeout");
    result.outcome.ending = Ending::timeout;
    result.outcome.exit_status.reset();
    result.outcome.stack = "  File \"/bank/snippets/004-spin.py\", line 1 in <module>\n";
    json item = result_to_json(result);
    CHECK(item["stack"] == "  File \"/bank/snippets/004-spin.py\", line 1 in <module>\n");
    CHECK(item["exit_status"].is_null());
  }
  SECTION("crash: the signal") {
    Result result = make_result("005-segv", Verdict::crash, "killed by SIGSEGV");
    result.outcome.ending = Ending::crashed;
    result.outcome.exit_status.reset();
    result.outcome.signal = 11;
    json item = result_to_json(result);
    CHECK(item["signal"] == 11);
    CHECK(item["exit_status"].is_null());
  }
  SECTION("no expected output: expected is null") {
    Result result = make_result("006-none", Verdict::no_claim, "ran clean; no expected output documented");
    json item = result_to_json(result);
    CHECK(item["expected"].is_null());
    CHECK(item["verdict"] == "no_claim");
  }
}

TEST_CASE("report_to_json", "[report][json]") {
  std::vector<Result> results = {make_result("001-a", Verdict::pass), make_result("002-b", Verdict::wrong, "w"),
                                 make_result("003-c", Verdict::pass), make_result("004-d", Verdict::skipped, "s")};
  Summary summary = summarize(results, 1500, 2);
  json report = report_to_json(results, summary);
  SECTION("the summary has every count, the total and the duration") {
    const json& s = report["summary"];
    CHECK(s["total"] == 4);
    CHECK(s["pass"] == 2);
    CHECK(s["wrong"] == 1);
    CHECK(s["error"] == 0);
    CHECK(s["timeout"] == 0);
    CHECK(s["crash"] == 0);
    CHECK(s["limit"] == 0);
    CHECK(s["unverifiable"] == 0);
    CHECK(s["no_claim"] == 0);
    CHECK(s["skipped"] == 1);
    CHECK(s["duration_ms"] == 1500);
  }
  SECTION("the results keep the order given") {
    REQUIRE(report["results"].size() == 4);
    CHECK(report["results"][0]["id"] == "001-a");
    CHECK(report["results"][1]["id"] == "002-b");
    CHECK(report["results"][2]["id"] == "003-c");
    CHECK(report["results"][3]["id"] == "004-d");
  }
  SECTION("a run that was not interrupted says so") {
    CHECK(report["interrupted"] == false);
    CHECK(report["unfinished"] == json::array());
  }
  SECTION("an interrupted run: the finished results, the ids of the others, interrupted") {
    results[1].finished = false;
    results[2].finished = false;
    Summary partial = summarize(results, 1500, 2);
    partial.interrupted = true;
    json cut = report_to_json(results, partial);
    CHECK(cut["interrupted"] == true);
    CHECK(cut["unfinished"] == json::array({"002-b", "003-c"}));
    REQUIRE(cut["results"].size() == 2);
    CHECK(cut["results"][0]["id"] == "001-a");
    CHECK(cut["results"][1]["id"] == "004-d");
    CHECK(cut["summary"]["total"] == 2);
    CHECK(cut["summary"]["unfinished"] == 2);
    CHECK(cut["summary"]["wrong"] == 0);
  }
  SECTION("no results: an empty array") {
    json empty = report_to_json({}, summarize({}, 0, 1));
    CHECK(empty["results"].is_array());
    CHECK(empty["results"].empty());
    CHECK(empty["summary"]["total"] == 0);
  }
}

TEST_CASE("render_json_report", "[report][json]") {
  SECTION("parses back to the same report") {
    std::vector<Result> results = {failing_result()};
    Summary summary = summarize(results, 10, 1);
    std::string text = render_json_report(results, summary);
    CHECK_THAT(text, Catch::EndsWith("\n"));
    CHECK(json::parse(text) == report_to_json(results, summary));
  }
  SECTION("invalid UTF-8 in the output is replaced, never thrown") {
    Result result = make_result("007-bytes", Verdict::pass);
    result.outcome.stdout_text = "ok \xff\xfe end\n";
    result.outcome.stderr_text = "\xc3";
    result.expected = "ok \xff\xfe end\n";
    std::vector<Result> results = {result};
    std::string text;
    REQUIRE_NOTHROW(text = render_json_report(results, summarize(results, 0, 1)));
    json parsed = json::parse(text);
    std::string out = parsed["results"][0]["stdout"];
    CHECK_THAT(out, Catch::StartsWith("ok "));
    CHECK_THAT(out, Catch::EndsWith(" end\n"));
    CHECK_THAT(out, Catch::Contains("\xef\xbf\xbd"));  // U+FFFD
  }
  SECTION("control characters are escaped") {
    Result result = make_result("008-ctrl", Verdict::pass);
    result.outcome.stdout_text = "a\0b\x1b[31m\n"s;
    std::vector<Result> results = {result};
    std::string text = render_json_report(results, summarize(results, 0, 1));
    CHECK_THAT(text, Catch::Contains("\\u0000"));
    CHECK_THAT(text, Catch::Contains("\\u001b"));
    CHECK(json::parse(text)["results"][0]["stdout"] == "a\0b\x1b[31m\n"s);
  }
}
