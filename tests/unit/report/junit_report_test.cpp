#include "report/junit_report.hpp"

#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <pugixml.hpp>

#include "support/results.hpp"
#include "util/text.hpp"

using namespace snipcheck;
using snipcheck::testing::make_result;
using namespace std::string_literals;

namespace {

// Parses `xml`, failing the test when it is not well-formed.
void parse(pugi::xml_document& document, const std::string& xml) {
  pugi::xml_parse_result parsed = document.load_string(xml.c_str());
  INFO(xml);
  INFO(parsed.description());
  REQUIRE(parsed);
}

pugi::xml_node testcase(const pugi::xml_document& document, const char* name) {
  return document.child("testsuites").child("testsuite").find_child_by_attribute("testcase", "name", name);
}

std::vector<Result> mixed_results() {
  Result pass = make_result("001-pass", Verdict::pass);
  pass.outcome.stdout_text = "hello\n";
  Result wrong = make_result("002-wrong", Verdict::wrong, "stdout differs from expected (exact)");
  wrong.judgement.diff = "--- expected\n+++ actual\n@@ -1 +1 @@\n-a\n+b\n";
  Result error = make_result("003-error", Verdict::error, "ValueError: bad (line 1)");
  error.outcome.error = PythonError{"ValueError", "bad", "Traceback (most recent call last):\nValueError: bad\n", 1,
                                    "", true, 0};
  error.outcome.stderr_text = "Traceback (most recent call last):\nValueError: bad\n";
  Result timeout = make_result("004-timeout", Verdict::timeout, "ran past its 1 s timeout, stuck at line 2");
  timeout.outcome.stack = "  File \"/bank/snippets/004-timeout.py\", line 2 in <module>\n";
  Result skipped = make_result("005-skipped", Verdict::skipped, "needs a network");
  Result unverifiable = make_result("006-numpy", Verdict::unverifiable, "module 'numpy' is not installed");
  Result no_claim = make_result("007-no-claim", Verdict::no_claim, "ran clean; no expected output documented");
  Result limit = make_result("008-limit", Verdict::limit, "output: more than 1 MiB on one stream");
  Result crash = make_result("009-crash", Verdict::crash, "killed by SIGSEGV");
  return {pass, wrong, error, timeout, skipped, unverifiable, no_claim, limit, crash};
}

}  // namespace

TEST_CASE("render_junit_report", "[report][junit]") {
  SECTION("an interrupted run: the questions it did not finish are skipped, and counted") {
    std::vector<Result> results = {make_result("001-a", Verdict::pass), make_result("002-b", Verdict::pass)};
    results[1].finished = false;
    Summary summary = summarize(results, 100, 1);
    summary.interrupted = true;
    pugi::xml_document document;
    parse(document, render_junit_report(results, summary, "bank"));
    pugi::xml_node suite = document.child("testsuites").child("testsuite");
    CHECK(suite.attribute("tests").as_int() == 2);
    CHECK(suite.attribute("skipped").as_int() == 1);
    pugi::xml_node second = suite.find_child_by_attribute("testcase", "name", "002-b");
    REQUIRE(second);
    CHECK_THAT(std::string(second.child("skipped").attribute("message").value()), Catch::Contains("interrupted"));
    CHECK_FALSE(suite.find_child_by_attribute("testcase", "name", "001-a").child("skipped"));
  }
  SECTION("the suite's counts") {
    std::vector<Result> results = mixed_results();
    std::string xml = render_junit_report(results, summarize(results, 2500, 2), "my-bank");
    pugi::xml_document document;
    parse(document, xml);
    pugi::xml_node suite = document.child("testsuites").child("testsuite");
    REQUIRE(suite);
    CHECK(std::string(suite.attribute("name").value()) == "my-bank");
    CHECK(suite.attribute("tests").as_int() == 9);
    CHECK(suite.attribute("failures").as_int() == 1);
    CHECK(suite.attribute("errors").as_int() == 4);   // error, timeout, limit, crash
    CHECK(suite.attribute("skipped").as_int() == 2);  // skipped, unverifiable
    CHECK(suite.attribute("time").as_double() == Approx(2.5));
    int cases = 0;
    for (pugi::xml_node node : suite.children("testcase")) {
      (void)node;
      ++cases;
    }
    CHECK(cases == 9);
  }
  SECTION("one testcase per question, in order, with its file") {
    std::vector<Result> results = mixed_results();
    pugi::xml_document document;
    parse(document, render_junit_report(results, summarize(results, 0, 1), "bank"));
    std::vector<std::string> names;
    for (pugi::xml_node node : document.child("testsuites").child("testsuite").children("testcase")) {
      names.emplace_back(node.attribute("name").value());
      CHECK(std::string(node.attribute("classname").value()) == "bank");
    }
    CHECK(names == std::vector<std::string>{"001-pass", "002-wrong", "003-error", "004-timeout", "005-skipped",
                                            "006-numpy", "007-no-claim", "008-limit", "009-crash"});
    CHECK(std::string(testcase(document, "002-wrong").attribute("file").value()) == "snippets/002-wrong.py");
  }
  SECTION("failure for wrong, error for the other failing verdicts, skipped for skipped and unverifiable") {
    std::vector<Result> results = mixed_results();
    pugi::xml_document document;
    parse(document, render_junit_report(results, summarize(results, 0, 1), "bank"));

    pugi::xml_node pass = testcase(document, "001-pass");
    CHECK_FALSE(pass.child("failure"));
    CHECK_FALSE(pass.child("error"));
    CHECK_FALSE(pass.child("skipped"));
    CHECK(std::string(pass.child("system-out").text().get()) == "hello\n");

    pugi::xml_node wrong = testcase(document, "002-wrong").child("failure");
    REQUIRE(wrong);
    CHECK(std::string(wrong.attribute("type").value()) == "wrong");
    CHECK(std::string(wrong.attribute("message").value()) == "stdout differs from expected (exact)");
    CHECK_THAT(std::string(wrong.text().get()), Catch::Contains("-a\n+b\n"));
    CHECK_FALSE(testcase(document, "002-wrong").child("error"));

    pugi::xml_node error = testcase(document, "003-error").child("error");
    REQUIRE(error);
    CHECK(std::string(error.attribute("type").value()) == "error");
    CHECK_THAT(std::string(error.text().get()), Catch::Contains("ValueError: bad"));
    CHECK_THAT(std::string(testcase(document, "003-error").child("system-err").text().get()),
               Catch::Contains("Traceback"));

    pugi::xml_node timeout = testcase(document, "004-timeout").child("error");
    REQUIRE(timeout);
    CHECK(std::string(timeout.attribute("type").value()) == "timeout");
    CHECK_THAT(std::string(timeout.text().get()), Catch::Contains("004-timeout.py\", line 2"));

    for (const char* name : {"008-limit", "009-crash"}) {
      INFO(name);
      CHECK(testcase(document, name).child("error"));
      CHECK_FALSE(testcase(document, name).child("failure"));
    }

    for (const char* name : {"005-skipped", "006-numpy"}) {
      INFO(name);
      pugi::xml_node skipped = testcase(document, name).child("skipped");
      REQUIRE(skipped);
      CHECK_FALSE(testcase(document, name).child("failure"));
      CHECK_FALSE(testcase(document, name).child("error"));
    }
    CHECK(std::string(testcase(document, "005-skipped").child("skipped").attribute("message").value()) ==
          "needs a network");

    pugi::xml_node no_claim = testcase(document, "007-no-claim");
    CHECK_FALSE(no_claim.child("failure"));
    CHECK_FALSE(no_claim.child("error"));
    CHECK_FALSE(no_claim.child("skipped"));
  }
  SECTION("markup and control characters in the output still give a well-formed document") {
    Result result = make_result("001-ctrl", Verdict::wrong, "bad <tag> & \x01 \"quote\"");
    result.outcome.stdout_text = "bell\x07 esc\x1b[31m nul\0 </system-out> & <b>\n"s;
    result.outcome.stderr_text = "\x0b\x0c\x1f"s;
    result.judgement.diff = "-\x02\n+\x03\n";
    std::vector<Result> results = {result};
    std::string xml = render_junit_report(results, summarize(results, 0, 1), "bank & <co>");
    pugi::xml_document document;
    parse(document, xml);
    pugi::xml_node node = testcase(document, "001-ctrl");
    std::string out = node.child("system-out").text().get();
    CHECK_THAT(out, Catch::StartsWith("bell"));
    CHECK_THAT(out, Catch::Contains("\\x07"));
    CHECK_THAT(out, Catch::Contains("\\x1b[31m"));
    CHECK_THAT(out, Catch::Contains("\\x00"));
    CHECK_THAT(out, Catch::Contains("</system-out> & <b>"));
    CHECK(std::string(node.child("system-err").text().get()) == "\\x0b\\x0c\\x1f");
    CHECK(std::string(node.child("failure").attribute("message").value()) == "bad <tag> & \\x01 \"quote\"");
    CHECK_THAT(std::string(node.child("failure").text().get()), Catch::Contains("\\x02"));
    CHECK(std::string(document.child("testsuites").child("testsuite").attribute("name").value()) == "bank & <co>");
  }
  SECTION("invalid UTF-8 in the output still gives a well-formed (UTF-8) document") {
    // The document declares encoding="UTF-8"; a byte sequence that is not UTF-8 makes it
    // malformed for every conforming parser (expat: "not well-formed (invalid token)").
    Result result = make_result("001-bytes", Verdict::wrong, "stdout differs");
    result.outcome.stdout_text = "ok \xff\xfe end\n";
    result.outcome.stderr_text = "cut \xc3";
    result.judgement.diff = "-ok\n+ok \xff\xfe end\n";
    std::vector<Result> results = {result};
    std::string xml = render_junit_report(results, summarize(results, 0, 1), "bank");
    auto bad = invalid_utf8_offset(xml);
    INFO("first invalid byte at offset " << (bad ? static_cast<long long>(*bad) : -1LL));
    CHECK_FALSE(bad.has_value());
    pugi::xml_document document;
    parse(document, xml);
    std::string out = testcase(document, "001-bytes").child("system-out").text().get();
    CHECK_THAT(out, Catch::StartsWith("ok "));
    CHECK_THAT(out, Catch::EndsWith(" end\n"));
  }
  SECTION("U+FFFE and U+FFFF, which XML 1.0 does not allow, are made visible; their neighbours are kept") {
    // Valid UTF-8, but not XML Chars: expat stops at them ("not well-formed (invalid token)").
    Result result = make_result("001-nonchar", Verdict::wrong, "says \xEF\xBF\xBF");
    result.outcome.stdout_text = "a\xEF\xBF\xBE b\xEF\xBF\xBF c\xEF\xBF\xBD d\xEF\xBF\xBC" "e\n";
    result.judgement.diff = "+\xEF\xBF\xBF\n";
    std::vector<Result> results = {result};
    std::string xml = render_junit_report(results, summarize(results, 0, 1), "bank");
    CHECK(xml.find("\xEF\xBF\xBE") == std::string::npos);
    CHECK(xml.find("\xEF\xBF\xBF") == std::string::npos);
    pugi::xml_document document;
    parse(document, xml);
    pugi::xml_node node = testcase(document, "001-nonchar");
    CHECK(std::string(node.child("system-out").text().get()) == "a\\ufffe b\\uffff c\xEF\xBF\xBD d\xEF\xBF\xBC" "e\n");
    CHECK(std::string(node.child("failure").attribute("message").value()) == "says \\uffff");
    CHECK(std::string(node.child("failure").text().get()) == "+\\uffff\n");
  }
  SECTION("tabs and newlines are kept as they are") {
    Result result = make_result("001-ws", Verdict::pass);
    result.outcome.stdout_text = "a\tb\nc\n";
    std::vector<Result> results = {result};
    pugi::xml_document document;
    parse(document, render_junit_report(results, summarize(results, 0, 1), "bank"));
    CHECK(std::string(testcase(document, "001-ws").child("system-out").text().get()) == "a\tb\nc\n");
  }
  SECTION("no results: an empty suite") {
    pugi::xml_document document;
    parse(document, render_junit_report({}, summarize({}, 0, 1), "bank"));
    pugi::xml_node suite = document.child("testsuites").child("testsuite");
    REQUIRE(suite);
    CHECK(suite.attribute("tests").as_int() == 0);
    CHECK_FALSE(suite.child("testcase"));
  }
}
