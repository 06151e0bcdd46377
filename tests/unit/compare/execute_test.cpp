// execute() through a fake runner: what becomes a job, in which wave and directory, and what
// each outcome becomes. No Python and no process.
#include "compare/execute.hpp"

#include <catch2/catch.hpp>

#include "support/fake_runner.hpp"

using namespace snipcheck;
using namespace snipcheck::testing;

namespace {

Question question(const std::string& id, const std::string& expected) {
  Question question;
  question.id = id;
  question.snippet = "/bank/snippets/" + id + ".py";
  question.display_path = "snippets/" + id + ".py";
  question.code = "print('x')\n";
  question.expected = expected;
  return question;
}

Execution run_all(const std::vector<Question>& questions, FakeRunner& fake, ExecuteOptions options = {}) {
  options.runner = &fake;
  return execute(questions, options, {});
}

}  // namespace

TEST_CASE("execute", "[compare][execute]") {
  FakeRunner fake;

  SECTION("each outcome is judged against the question's expected output") {
    std::vector<Question> questions = {question("001-a", "1\n"), question("002-b", "2\n")};
    fake.on("001-a", {printing({{1, "1\n"}})});
    fake.on("002-b", {printing({{1, "3\n"}})});
    Execution execution = run_all(questions, fake);
    REQUIRE(fake.calls().size() == 1);
    CHECK(execution.results[0].judgement.verdict == Verdict::pass);
    CHECK(execution.results[1].judgement.verdict == Verdict::wrong);
    CHECK(execution.results[1].line == 1);  // the statement that printed the differing line
    CHECK(execution.summary.total == 2);
    CHECK(fake.calls()[0][0].timeout_ms == 10000);
  }

  SECTION("a skipped question and one that is not Python are judged without running") {
    std::vector<Question> questions = {question("001-a", "1\n"), question("002-b", ""), question("003-c", "")};
    questions[1].settings.skip = "needs a GPU";
    questions[2].settings.language = "shell";
    Execution execution = run_all(questions, fake);
    CHECK(fake.ids(0) == std::vector<std::string>{"001-a"});
    CHECK(execution.results[1].judgement.verdict == Verdict::skipped);
    CHECK(execution.results[2].judgement.verdict == Verdict::unverifiable);
  }

  SECTION("a chain runs in waves, in its first question's directory") {
    std::vector<Question> questions = {question("001-a", ""), question("002-b", ""), question("003-c", ""),
                                       question("004-d", "")};
    questions[1].settings.after = "001-a";
    questions[2].settings.after = "002-b";
    run_all(questions, fake);
    REQUIRE(fake.calls().size() == 3);
    CHECK(fake.ids(0) == std::vector<std::string>{"001-a", "004-d"});
    CHECK(fake.ids(1) == std::vector<std::string>{"002-b"});
    CHECK(fake.ids(2) == std::vector<std::string>{"003-c"});
    CHECK(fake.calls()[1][0].cwd == fake.calls()[0][0].cwd);
    CHECK(fake.calls()[2][0].cwd == fake.calls()[0][0].cwd);
    CHECK(fake.calls()[0][1].cwd != fake.calls()[0][0].cwd);
  }

  SECTION("max_failures: once reached, no more start; the rest are unfinished") {
    std::vector<Question> questions = {question("001-a", "1\n"), question("002-b", "2\n"), question("003-c", "3\n")};
    ExecuteOptions options;
    options.max_failures = 1;
    Execution execution = run_all(questions, fake, options);  // each prints nothing: wrong
    CHECK(execution.results[0].judgement.verdict == Verdict::wrong);
    CHECK_FALSE(execution.results[1].finished);
    CHECK_FALSE(execution.results[2].finished);
    CHECK(execution.summary.unfinished == 2);
    CHECK(execution.summary.stopped_after == 1);
  }

  SECTION("each question's probes go into its job; the files it left are listed") {
    std::vector<Question> questions = {question("001-a", ""), question("002-b", "")};
    ExecuteOptions options;
    options.probes = {{}, {{ProbeRequest::Mode::eval, "n", 1}}};
    options.list_files = true;
    Canned writer;
    writer.files = {"out/data.txt"};
    fake.on("001-a", {writer});
    Execution execution = run_all(questions, fake, options);
    CHECK(fake.calls()[0][0].probes.empty());
    REQUIRE(fake.calls()[0][1].probes.size() == 1);
    CHECK(fake.calls()[0][1].probes[0].source == "n");
    CHECK(execution.files_left[0] == std::vector<std::string>{"out/data.txt"});
    CHECK(execution.files_left[1].empty());
  }
}
