#include "bank/cases.hpp"

#include <catch2/catch.hpp>

using namespace snipcheck;

namespace {

Question question(const std::string& id, std::optional<std::string> expected, std::vector<Case> cases) {
  Question made;
  made.id = id;
  made.display_path = "snippets/" + id + ".py";
  made.expected = std::move(expected);
  made.cases = std::move(cases);
  return made;
}

}  // namespace

TEST_CASE("expand_cases: one run per case, the question's own run only with an expected file", "[bank][cases]") {
  std::vector<Question> runs = expand_cases({question("001-plain", "1\n", {}),
                                             question("002-sum", std::nullopt, {{"big", "5 5\n", "10\n"}, {"one", "1\n", "1\n"}}),
                                             question("003-both", "x\n", {{"a", "in", "out"}})});
  REQUIRE(runs.size() == 5);
  CHECK(runs[0].id == "001-plain");
  CHECK_FALSE(runs[0].stdin_input.has_value());
  CHECK(runs[0].expected_file.empty());
  CHECK(runs[1].id == "002-sum[big]");
  CHECK(runs[1].question_id == "002-sum");
  CHECK(runs[1].case_name == "big");
  CHECK(runs[1].stdin_input == "5 5\n");
  CHECK(runs[1].expected == "10\n");
  CHECK(runs[1].expected_file == "cases/002-sum/big.out");
  CHECK(runs[1].display_path == "snippets/002-sum.py");
  CHECK(runs[2].id == "002-sum[one]");
  CHECK(runs[3].id == "003-both");
  CHECK(runs[3].expected == "x\n");
  CHECK_FALSE(runs[3].stdin_input.has_value());
  CHECK(runs[4].id == "003-both[a]");
  for (const Question& run : runs) CHECK(run.cases.empty());
}

TEST_CASE("question_of_run: a case's run belongs to its question", "[bank][cases]") {
  CHECK(question_of_run("007-sums[small]") == "007-sums");
  CHECK(question_of_run("007-sums") == "007-sums");
  CHECK(case_run_id("007-sums", "big") == "007-sums[big]");
}
