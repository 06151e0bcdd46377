#include "report/merge.hpp"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "report/json_report.hpp"
#include "support/results.hpp"

using namespace snipcheck;
using snipcheck::testing::make_result;

namespace {

// Shard `index` of `count` holding `results`, of a selection of `questions`.
ShardReport shard(const std::string& name, int index, int count, std::vector<Result> results, int questions = 4,
                  const std::string& selection = "abc") {
  Summary summary = summarize(results, 100 * index, 2);
  return {name, report_to_json(results, summary, ShardInfo{index, count, questions, selection})};
}

std::vector<Result> whole() {
  Result wrong = make_result("002-b", Verdict::wrong, "stdout differs from expected (exact)");
  wrong.judgement.diff = "--- expected\n+++ actual\n";
  return {make_result("001-a", Verdict::pass), wrong, make_result("003-c", Verdict::pass),
          make_result("004-d", Verdict::error, "ValueError")};
}

}  // namespace

TEST_CASE("merge_reports joins the shards into the whole run", "[report][merge]") {
  const std::vector<Result> all = whole();
  // Given in any order; results come out in id order.
  auto merged = merge_reports({shard("2.json", 2, 2, {all[1], all[3]}), shard("1.json", 1, 2, {all[0], all[2]})});
  REQUIRE(merged);
  nlohmann::json expected = report_to_json(all, summarize(all, 200, 4));
  CHECK(merged->report == expected);
  CHECK(merged->summary.total == 4);
  CHECK(merged->summary.count(Verdict::wrong) == 1);
  CHECK(merged->summary.duration_ms == 200);  // the longest shard's
  CHECK(merged->summary.workers == 4);        // the shards' together
  REQUIRE(merged->results.size() == 4);
  CHECK(merged->results[1].id == "002-b");
  CHECK(merged->results[1].judgement.verdict == Verdict::wrong);
  CHECK(merged->results[1].judgement.diff == "--- expected\n+++ actual\n");
  CHECK_FALSE(merged->report.contains("shard"));
}

TEST_CASE("merge_reports keeps fields it does not know", "[report][merge]") {
  const std::vector<Result> all = whole();
  ShardReport one = shard("1.json", 1, 1, all);
  one.report["results"][0]["cases"] = {{"name", "small"}};
  auto merged = merge_reports({one});
  REQUIRE(merged);
  CHECK(merged->report["results"][0]["cases"]["name"] == "small");
}

TEST_CASE("merge_reports refuses what is not one run's shards", "[report][merge]") {
  const std::vector<Result> all = whole();
  auto message = [](const std::vector<ShardReport>& shards) {
    auto merged = merge_reports(shards);
    REQUIRE_FALSE(merged);
    return merged.error().describe();
  };
  SECTION("a missing part") {
    CHECK_THAT(message({shard("1.json", 1, 3, {all[0]}), shard("3.json", 3, 3, {all[2]})}),
               Catch::Contains("missing shard 2/3"));
  }
  SECTION("the same part twice") {
    CHECK_THAT(message({shard("a.json", 1, 2, {all[0]}), shard("b.json", 1, 2, {all[1]})}),
               Catch::Contains("b.json: overlapping shards: it and a.json are both shard 1/2"));
  }
  SECTION("a question in two parts") {
    CHECK_THAT(message({shard("1.json", 1, 2, {all[0], all[1]}), shard("2.json", 2, 2, {all[1], all[2], all[3]})}),
               Catch::Contains("question 002-b is in it and in 1.json"));
  }
  SECTION("a question in none") {
    CHECK_THAT(message({shard("1.json", 1, 2, {all[0]}), shard("2.json", 2, 2, {all[2], all[3]})}),
               Catch::Contains("the shards hold 3 of the 4 questions"));
  }
  SECTION("parts of another N or another selection") {
    CHECK_THAT(message({shard("1.json", 1, 2, {all[0], all[1]}), shard("2.json", 2, 3, {all[2], all[3]})}),
               Catch::Contains("share N"));
    CHECK_THAT(message({shard("1.json", 1, 2, {all[0], all[1]}), shard("2.json", 2, 2, {all[2], all[3]}, 4, "def")}),
               Catch::Contains("2.json: it is a shard of another selection"));
  }
  SECTION("a whole run's report, or not a report") {
    nlohmann::json run = report_to_json(all, summarize(all, 1, 1));
    CHECK_THAT(message({{"run.json", run}}), Catch::Contains("run.json: not a shard's report"));
    CHECK_THAT(message({{"x.json", nlohmann::json::array()}}), Catch::Contains("x.json: not a JSON report"));
    CHECK_THAT(message({}), Catch::Contains("needs the JSON reports"));
  }
}

TEST_CASE("merge_reports: an interrupted or internally failed shard", "[report][merge]") {
  std::vector<Result> all = whole();
  all[3].finished = false;
  Summary second = summarize({all[2], all[3]}, 10, 1);
  second.interrupted = true;
  second.internal_failure = true;
  ShardReport two{"2.json", report_to_json({all[2], all[3]}, second, ShardInfo{2, 2, 4, "abc"})};
  auto merged = merge_reports({shard("1.json", 1, 2, {all[0], all[1]}), two});
  REQUIRE(merged);
  CHECK(merged->summary.interrupted);
  CHECK(merged->summary.internal_failure);
  CHECK(merged->summary.unfinished == 1);
  CHECK(merged->report["unfinished"] == nlohmann::json::array({"004-d"}));
  CHECK_FALSE(merged->results[3].finished);
}

TEST_CASE("result_from_json reads back what the reports show", "[report][merge]") {
  Result result = make_result("004-d", Verdict::error, "ValueError: no (line 2)");
  result.line = 2;
  result.source_line = "raise ValueError('no')";
  result.outcome.error = PythonError{"ValueError", "no", "Traceback ...\n", 2, "", true, 0};
  result.outcome.stdout_text = "partial\n";
  result.outcome.stdout_bytes = 20000;
  result.outcome.duration_ms = 42;
  result.judgement.internal = true;
  const Result back = result_from_json(result_to_json(result));
  CHECK(back.id == "004-d");
  CHECK(back.file == "snippets/004-d.py");
  CHECK(back.judgement.verdict == Verdict::error);
  CHECK(back.judgement.reason == "ValueError: no (line 2)");
  CHECK(back.judgement.internal);
  CHECK(back.line == 2);
  CHECK(back.source_line == "raise ValueError('no')");
  REQUIRE(back.outcome.error);
  CHECK(back.outcome.error->traceback == "Traceback ...\n");
  CHECK(back.outcome.stdout_text == "partial\n");
  CHECK(back.outcome.stdout_bytes == 20000);
  CHECK(back.outcome.duration_ms == 42);
}
