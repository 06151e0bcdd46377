#include "report/html_report.hpp"

#include <catch2/catch.hpp>

using namespace snipcheck;

TEST_CASE("html_escape: markup, quotes and control characters from a snippet stay text", "[report][html]") {
  CHECK(html_escape("<script>alert('x')</script> & \"q\"") ==
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
  CHECK(html_escape("a\x1b[2Jb\n\tc") == "a\\x1b[2Jb\n\tc");
}

TEST_CASE("render_html_report: summary, filter, code with numbers, diff and traceback, all escaped", "[report][html]") {
  Result wrong;
  wrong.id = "002-<x>";
  wrong.file = "snippets/002-x.py";
  wrong.path = "/bank/snippets/002-x.py";
  wrong.judgement = {Verdict::wrong, "stdout differs", "--- expected\n+++ actual\n@@ -1 +1 @@\n-<a>\n+<b>\n", false};
  Result error;
  error.id = "003-raises";
  error.file = "snippets/003-raises.py";
  error.judgement = {Verdict::error, "KeyError: '<k>' (line 2)", {}, false};
  error.outcome.error = PythonError{"KeyError", "'<k>'", "Traceback ...\nKeyError: '<k>'\n", 2, "", true, 0};
  HtmlReport report;
  report.title = "snipcheck run: <bank>";
  report.summary_line = "2 questions: 1 wrong, 1 error";
  report.counts = {{"wrong", 1}, {"error", 1}};
  report.entries.push_back({&wrong, "", "print('<b>')\n", {}, {}, true});
  report.entries.push_back({&error, "", "d = {}\nd['<k>']\n", {}, {}, true});
  const std::string html = render_html_report(report);
  CHECK(html.find("<title>snipcheck run: &lt;bank&gt;</title>") != std::string::npos);
  CHECK(html.find("<button data-filter=\"wrong\">wrong</button><button data-filter=\"error\">error</button>") !=
        std::string::npos);
  CHECK(html.find("data-id=\"002-&lt;x&gt;\"") != std::string::npos);
  CHECK(html.find("<td class=\"ln\">1</td><td><pre>print(&#39;&lt;b&gt;&#39;)</pre>") != std::string::npos);
  CHECK(html.find("<span class=\"del\">-&lt;a&gt;</span>") != std::string::npos);
  CHECK(html.find("<span class=\"add\">+&lt;b&gt;</span>") != std::string::npos);
  CHECK(html.find("<tr id=\"q1-L2\" class=\"hit\">") != std::string::npos);
  CHECK(html.find("KeyError: &#39;&lt;k&gt;&#39;") != std::string::npos);
  CHECK(html.find("<k>") == std::string::npos);
  CHECK(html.find("://") == std::string::npos);  // nothing fetched, no link out
}

TEST_CASE("render_html_report: an audit's claims under their material lines", "[report][html]") {
  Result result;
  result.id = "001-squares";
  result.judgement = {Verdict::wrong, "1 wrong claim", "Q1 line 2: ...", false};
  HtmlEntry entry{&result, "Squares", "s = map(f, x)\nprint(s)  # [1]\n", {6, 7}, {}, true};
  entry.claims.push_back({7, "wrong", true, "claims [1], prints <map object>", "list(s) gives it"});
  entry.claims.push_back({9, "correct", false, "claims ok", ""});
  HtmlReport report;
  report.entries.push_back(entry);
  const std::string html = render_html_report(report);
  const std::size_t line7 = html.find("<td class=\"ln\">7</td>");
  REQUIRE(line7 != std::string::npos);
  CHECK(html.find("<tr class=\"claim bad\"><td class=\"ln\"></td><td><span class=\"cv\">wrong</span> claims [1], prints "
                  "&lt;map object&gt; &mdash; list(s) gives it</td></tr>",
                  line7) != std::string::npos);
  CHECK(html.find("line 9: <span class=\"cv\">correct</span>") != std::string::npos);
  CHECK(html.find("<h3>diff</h3>") == std::string::npos);
}
