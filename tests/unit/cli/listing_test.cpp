#include "cli/listing.hpp"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

using namespace snipcheck;

TEST_CASE("settings_differing names what is not the default", "[cli][listing]") {
  Settings settings;
  CHECK(settings_differing(settings).empty());
  settings.timeout_s = 2;
  settings.compare = CompareMode::ellipsis;
  settings.skip = "needs a network";
  settings.sandbox_env = {"API_URL"};
  CHECK(settings_differing(settings) ==
        "timeout = 2, compare = \"ellipsis\", skip = \"needs a network\", sandbox_env = [\"API_URL\"]");
}

TEST_CASE("render_question_list: one line per question, then the count", "[cli][listing]") {
  Question plain;
  plain.id = "001-a";
  Question titled;
  titled.id = "012-longer-name";
  titled.settings.title = "A title\x1b[2J";
  titled.settings.isolation = Isolation::process;
  CHECK(render_question_list({plain, titled}) ==
        "001-a            auto\n"
        "012-longer-name  process         A title\\x1b[2J\n"
        "2 questions\n");
}

TEST_CASE("render_durations: the slowest that ran, slowest first", "[cli][listing]") {
  auto result = [](const char* id, std::int64_t ms, Verdict verdict = Verdict::pass) {
    Result made;
    made.id = id;
    made.outcome.duration_ms = ms;
    made.judgement.verdict = verdict;
    return made;
  };
  std::vector<Result> results = {result("001-a", 5), result("002-b", 50), result("003-c", 0, Verdict::skipped),
                                 result("004-d", 20)};
  CHECK(render_durations(results, 2) == "slowest 2 questions:\n       50 ms  002-b\n       20 ms  004-d\n");
  CHECK(render_durations(results, 0) ==
        "slowest 3 questions:\n       50 ms  002-b\n       20 ms  004-d\n        5 ms  001-a\n");
}

TEST_CASE("listing: a newline in an id or a title does not start a line", "[cli][listing]") {
  Question question;
  question.id = "001-a\npass  002-forged";
  question.settings.title = "A\n3 questions";
  question.settings.skip = "x\ny";
  CHECK(render_question_list({question}) ==
        "001-a\\npass  002-forged  auto            A\\n3 questions  [skip = \"x\\ny\"]\n1 question\n");
  Result result;
  result.id = "001-a\n  9 ms  forged";
  result.outcome.duration_ms = 5;
  CHECK(render_durations({result}, 0) == "slowest 1 question:\n        5 ms  001-a\\n  9 ms  forged\n");
}
