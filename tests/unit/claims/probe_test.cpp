#include <catch2/catch.hpp>

#include "claims/probe.hpp"

using namespace snipcheck;

TEST_CASE("code_with_probes", "[claims]") {
  SECTION("no probes: the code unchanged") { CHECK(code_with_probes("x = 1", {}) == "x = 1"); }
  SECTION("the example's lines stay where they are; probes follow") {
    std::string code = code_with_probes("x = [1]\nprint(x)", {{ProbeRequest::Mode::eval, "len(x)"}});
    CHECK(code.starts_with("x = [1]\nprint(x)\n"));
    CHECK(code.find("__snipcheck_probes([(\"eval\", \"len(x)\"), ])") != std::string::npos);
  }
}

TEST_CASE("parse_probe_results", "[claims]") {
  SECTION("the marked line at the end of stdout") {
    std::string out = "hello\n\x1esnipcheck-probes [{\"ok\": true, \"str\": \"2\", \"repr\": \"2\", \"error\": \"\", \"output\": \"\"},"
                      " {\"ok\": false, \"str\": \"\", \"repr\": \"\", \"error\": \"NameError: y\", \"output\": \"\"}]\n";
    auto results = parse_probe_results(out);
    REQUIRE(results);
    REQUIRE(results->size() == 2);
    CHECK((*results)[0].ok);
    CHECK((*results)[0].str == "2");
    CHECK((*results)[1].error == "NameError: y");
    CHECK(strip_probe_line(out) == "hello\n");
  }
  SECTION("no marker: the probes never ran") { CHECK_FALSE(parse_probe_results("hello\n")); }
}
