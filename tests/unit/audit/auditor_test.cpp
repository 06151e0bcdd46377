#include "audit/auditor.hpp"

#include <catch2/catch.hpp>

using namespace snipcheck;

namespace {

// An example of three top-level statements; the second is a `with` whose body prints twice.
ImportedQuestion example() {
  ImportedQuestion question;
  question.id = "001-demo";
  question.question.number = 1;
  question.question.code =
      "print('a')  # a\n"
      "with ctx():\n"
      "    print('b')  # b\n"
      "print(iter([1]))  # [1]\n";
  question.question.code_lines = {10, 11, 12, 13};
  question.claims = extract_claims(question.question);
  return question;
}

Result ran(const std::string& stdout_text, std::vector<StatementOutput> statements) {
  Result result;
  result.id = "001-demo";
  result.outcome.stdout_text = stdout_text;
  result.outcome.statements = std::move(statements);
  result.outcome.exit_status = 0;
  return result;
}

}  // namespace

TEST_CASE("plan_second_run", "[cli][audit]") {
  std::vector<ImportedQuestion> imported = {example()};
  std::string out = "a\nopen\nb\nclose\n";

  SECTION("a claim that does not hold on the first run is checked again (with its probe)") {
    std::vector<Result> first = {ran(out + "<list_iterator object at 0x7f00>\n",
                                     {{1, 1, 0, 2, 0, 0}, {2, 3, 2, 15, 0, 0}, {4, 4, 15, 48, 0, 0}})};
    SecondRunPlan plan = plan_second_run(imported, first);
    CHECK(plan.needed == std::vector<bool>{true});
    CHECK(plan.probes[0][2].intent == ProbeIntent::items);
    // Evaluated right after the statement its claim is on, as data beside the unchanged code.
    std::vector<ProbeRequest> requests = planned_probes(plan.probes[0]);
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].line == 4);
    CHECK(requests[0].source == "list(iter([1]))");
    CHECK(requests[0].mode == ProbeRequest::Mode::eval);
  }

  SECTION("where every claim holds on the first run, a second run cannot change a verdict") {
    std::vector<Result> first = {ran(out + "[1]\n", {{1, 1, 0, 2, 0, 0}, {2, 3, 2, 15, 0, 0}, {4, 4, 15, 19, 0, 0}})};
    SecondRunPlan plan = plan_second_run(imported, first);
    CHECK(plan.needed == std::vector<bool>{false});
  }
}

TEST_CASE("plan_second_run places each probe at its claim's line", "[cli][audit][probes]") {
  ImportedQuestion question;
  question.id = "001-places";
  question.question.number = 1;
  question.question.code =
      "def f():\n"
      "    total = 1\n"
      "    total  # 1\n"
      "f()\n"
      "# f(1)  # TypeError: f takes no arguments\n"
      "n = 2\n"
      "n  # 2\n";
  question.question.code_lines = {1, 2, 3, 4, 5, 6, 7};
  question.claims = extract_claims(question.question);
  REQUIRE(question.claims.size() == 3);
  std::vector<Result> first = {ran("", {{1, 3, 0, 0, 0, 0}, {4, 4, 0, 0, 0, 0}, {6, 6, 0, 0, 0, 0}, {7, 7, 0, 0, 0, 0}})};
  SecondRunPlan plan = plan_second_run({question}, first);
  std::vector<ProbeRequest> requests = planned_probes(plan.probes[0]);
  REQUIRE(requests.size() == 3);
  // In a def body the line runs when f is called, not where it stands: after the example.
  CHECK(requests[0].source == "total");
  CHECK(requests[0].line == 0);
  // Commented-out code where it stands; an unprinted expression right after its statement.
  CHECK(requests[1].source == "f(1)");
  CHECK(requests[1].mode == ProbeRequest::Mode::exec);
  CHECK(requests[1].line == 5);
  CHECK(requests[2].source == "n");
  CHECK(requests[2].line == 7);
}

TEST_CASE("observed_chains", "[cli][audit]") {
  std::vector<Question> questions(4);
  for (std::size_t q = 0; q < questions.size(); ++q) questions[q].id = "00" + std::to_string(q + 1) + "-demo";
  std::vector<Result> results(4);
  results[3].outcome.error = PythonError{"FileNotFoundError", "[Errno 2] No such file or directory: 'out/data.txt'", "", 1, "", true, 2};
  std::vector<std::vector<std::string>> files = {{"out/data.txt"}, {"out/data.txt", "z.txt"}, {"other.txt"}, {}};

  SECTION("a failure on a file an earlier example left chains it after the latest such example") {
    CHECK(observed_chains(questions, results, files) == std::vector<std::string>{"", "", "", "002-demo"});
  }
  SECTION("not after an example that another one already runs after, nor for one already chained") {
    questions[2].settings.after = "002-demo";
    CHECK(observed_chains(questions, results, files)[3].empty());
    questions[2].settings.after.clear();
    questions[3].settings.after = "001-demo";
    CHECK(observed_chains(questions, results, files)[3].empty());
  }
  SECTION("not after a block of its own session, which already runs first in its directory") {
    questions[3].before = {{"002-demo", "/bank/snippets/002-demo.py", "open('out/data.txt', 'w')\n", "script"}};
    CHECK(observed_chains(questions, results, files)[3].empty());
  }
  SECTION("not a file no earlier example left, nor a command subprocess did not find") {
    files[0].clear();
    files[1].clear();
    CHECK(observed_chains(questions, results, files)[3].empty());
    files[1] = {"out/data.txt"};
    results[3].outcome.error->traceback = "  File \"/usr/lib/python3.11/subprocess.py\", line 1 in _execute_child\n";
    CHECK(observed_chains(questions, results, files)[3].empty());
  }
}

TEST_CASE("audit_results", "[cli][audit]") {
  std::vector<ImportedQuestion> imported = {example()};
  std::string out = "a\nopen\nb\nclose\n<list_iterator object at 0x7f00>\n";
  std::vector<Result> first = {ran(out, {{1, 1, 0, 2, 0, 0}, {2, 3, 2, 15, 0, 0}, {4, 4, 15, 48, 0, 0}})};

  SECTION("each claim is held to the output of the statement that holds its line") {
    ProbePlans plans = plan_second_run(imported, first).probes;
    std::vector<AuditQuestion> questions = audit_results(imported, first, {std::nullopt}, plans);
    REQUIRE(questions.size() == 1);
    const auto& claims = questions[0].claims;
    REQUIRE(claims.size() == 3);
    CHECK(claims[0].verdict == ClaimVerdict::correct);
    CHECK(claims[0].matched == "statement line 1");
    CHECK(claims[1].verdict == ClaimVerdict::correct);
    CHECK(claims[1].matched == "its own line, inside the enclosing statement line 2");
    CHECK(claims[2].verdict == ClaimVerdict::wrong);
    CHECK(questions[0].result.judgement.verdict == Verdict::wrong);
  }

  SECTION("the probe planned for a wrong claim feeds its hint") {
    ProbePlans plans = plan_second_run(imported, first).probes;
    REQUIRE(plans[0][2].intent == ProbeIntent::items);
    Result second = first[0];
    second.outcome.probes = {ProbeResult{true, "[1]", "[1]", "", ""}};
    std::vector<AuditQuestion> questions = audit_results(imported, first, {second}, plans);
    CHECK(questions[0].claims[2].hint.find("list(iter([1])) gives the claimed [1] (checked)") != std::string::npos);
    // The second run's own output is the example's: nothing of the probe is in it to strip.
    CHECK(questions[0].claims[2].verdict == ClaimVerdict::wrong);
  }

  SECTION("a probe that never ran (its statement was not reached) checks nothing") {
    ProbePlans plans = plan_second_run(imported, first).probes;
    Result second = first[0];
    second.outcome.probes = {std::nullopt};
    std::vector<AuditQuestion> questions = audit_results(imported, first, {second}, plans);
    CHECK(questions[0].claims[2].hint == "prints the iterator object, not its items");
  }

  SECTION("a statement that raised: claims after it are not reached, the reason is the error's") {
    Result failed = ran("a\n", {{1, 1, 0, 2, 0, 0}, {2, 3, 2, 2, 0, 0}});
    failed.outcome.error = PythonError{"ModuleNotFoundError", "No module named 'ctxlib'", "", 2, "ctxlib", false, 0};
    std::vector<Result> runs = {failed};
    std::vector<AuditQuestion> questions = audit_results(imported, runs, {std::nullopt}, plan_second_run(imported, runs).probes);
    CHECK(questions[0].claims[0].verdict == ClaimVerdict::correct);
    CHECK(questions[0].claims[2].verdict == ClaimVerdict::unverifiable);
    CHECK(questions[0].result.judgement.verdict == Verdict::unverifiable);
    CHECK(questions[0].result.judgement.reason.find("module 'ctxlib'") != std::string::npos);
  }
}

namespace {

// A transcript: `d = {}`, `d['k']` (raises KeyError), `len(d)` (echoes 0), `[].append(1)` (shows
// nothing), then a for loop whose output is documented after its blank `...` line.
ImportedQuestion transcript_example() {
  ImportedQuestion question;
  question.id = "002-repl";
  question.question.number = 2;
  question.question.transcript = true;
  question.question.code = "d = {}\nd['k']\nlen(d)\n[].append(1)\nfor i in range(2):\n    i\n\n";
  question.question.code_lines = {3, 4, 8, 10, 12, 13, 14};
  question.question.outputs = {
      {2, "Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\nKeyError: 'k'\n", 5, ""},
      {3, "0\n", 9, ""},
      {4, "None\n", 11, ""},
      {7, "0\n1\n", 15, ""}};
  question.claims = extract_claims(question.question);
  return question;
}

Result transcript_ran() {
  Result result;
  result.id = "002-repl";
  result.outcome.stdout_text = "0\n0\n1\n";
  result.outcome.stderr_text = "Traceback (most recent call last):\n  File \"/b/snippets/002-repl.py\", line 2, in <module>\n"
                               "    d['k']\n    ~^^^^^\nKeyError: 'k'\n";
  const auto err = static_cast<std::uint64_t>(result.outcome.stderr_text.size());
  result.outcome.statements = {{1, 1, 0, 0, 0, 0}, {2, 2, 0, 0, 0, err}, {3, 3, 0, 2, err, err},
                               {4, 4, 2, 2, err, err}, {5, 6, 2, 6, err, err}};
  result.outcome.statements[1].error = PythonError{"KeyError", "'k'", "", 2, "", true, 0};
  result.outcome.exit_status = 0;
  return result;
}

}  // namespace

TEST_CASE("audit_results on a transcript", "[cli][audit][repl]") {
  std::vector<ImportedQuestion> imported = {transcript_example()};
  std::vector<Result> first = {transcript_ran()};
  SecondRunPlan plan = plan_second_run(imported, first);
  std::vector<AuditQuestion> questions = audit_results(imported, first, {std::nullopt}, plan.probes);
  REQUIRE(questions.size() == 1);
  const auto& claims = questions[0].claims;
  REQUIRE(claims.size() == 4);
  SECTION("the traceback a prompt showed is correct, and the prompts after it ran") {
    CHECK(claims[0].verdict == ClaimVerdict::correct);
    CHECK(claims[0].matched == "prompt line 2");
    CHECK(claims[1].verdict == ClaimVerdict::correct);
  }
  SECTION("a claimed None the REPL never shows is wrong, with no probe to run") {
    CHECK(claims[2].verdict == ClaimVerdict::wrong);
    CHECK(claims[2].hint == "the REPL shows nothing: the value is None");
    CHECK(plan.probes[0][2].intent == ProbeIntent::none);
  }
  SECTION("output documented after a loop's blank continuation line belongs to the loop's prompt") {
    CHECK(claims[3].verdict == ClaimVerdict::correct);
    CHECK(claims[3].matched == "prompt line 5");
  }
  SECTION("the question is wrong for its one wrong claim, not an error for the prompt's exception") {
    CHECK(questions[0].result.judgement.verdict == Verdict::wrong);
    CHECK(questions[0].result.judgement.reason == "1 wrong claim");
  }
}

TEST_CASE("audit_results on a transcript that needs a module this machine lacks", "[cli][audit][repl]") {
  ImportedQuestion question;
  question.id = "003-repl";
  question.question.number = 3;
  question.question.transcript = true;
  question.question.code = "import nowhere_xyz\nnowhere_xyz.f()\n1 + 1\n";
  question.question.code_lines = {3, 4, 6};
  question.question.outputs = {{2, "42\n", 5, ""}, {3, "2\n", 7, ""}};
  question.claims = extract_claims(question.question);
  Result result;
  result.id = "003-repl";
  result.outcome.stdout_text = "2\n";
  result.outcome.stderr_text = "ModuleNotFoundError: No module named 'nowhere_xyz'\nNameError: name 'nowhere_xyz' is not defined\n";
  result.outcome.statements = {{1, 1, 0, 0, 0, 50}, {2, 2, 0, 0, 50, 96}, {3, 3, 0, 2, 96, 96}};
  result.outcome.statements[0].error =
      PythonError{"ModuleNotFoundError", "No module named 'nowhere_xyz'", "", 1, "nowhere_xyz", false, 0};
  result.outcome.statements[1].error = PythonError{"NameError", "name 'nowhere_xyz' is not defined", "", 2, "", true, 0};
  result.outcome.exit_status = 0;
  std::vector<ImportedQuestion> imported = {question};
  std::vector<Result> first = {result};
  std::vector<AuditQuestion> questions =
      audit_results(imported, first, {std::nullopt}, plan_second_run(imported, first).probes);
  REQUIRE(questions[0].claims.size() == 2);
  CHECK(questions[0].result.judgement.verdict == Verdict::unverifiable);
  CHECK(questions[0].result.judgement.reason.find("module 'nowhere_xyz'") != std::string::npos);
  CHECK(questions[0].claims[0].verdict == ClaimVerdict::unverifiable);  // it failed for the module's absence
  CHECK(questions[0].claims[1].verdict == ClaimVerdict::correct);       // it ran: its claim still counts
}
