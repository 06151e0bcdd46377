// The audit's planning, through a fake runner: which example runs when, in which directory, with
// which deadline and probes. No Python and no process: each job's outcome is canned.
#include "audit/planner.hpp"

#include <memory>

#include <catch2/catch.hpp>

#include "support/fake_runner.hpp"

using namespace snipcheck;
using namespace snipcheck::testing;

namespace {

// Examples imported as `audit` imports them: a material, its import plan, the bank written from
// it and loaded back (the questions, with the audit's 10 s timeout).
struct Imported {
  TempDir dir{"planner-test"};
  ImportPlan plan;
  std::vector<Question> questions;
  const std::string& id(std::size_t q) const { return plan.questions[q].id; }
};

std::unique_ptr<Imported> import_examples(const std::vector<std::string>& examples) {
  Material material;
  material.file = "notes.md";
  material.format = MaterialFormat::markdown;
  for (std::size_t i = 0; i < examples.size(); ++i) {
    MaterialQuestion question;
    question.number = static_cast<int>(i) + 1;
    question.title = "Example " + std::to_string(i + 1);
    question.source_line = static_cast<int>(i) * 100 + 1;
    question.code = examples[i];
    for (int line = 1; line <= static_cast<int>(std::count(examples[i].begin(), examples[i].end(), '\n')); ++line) {
      question.code_lines.push_back(question.source_line + 2 + line);
    }
    material.questions.push_back(question);
  }
  auto imported = std::make_unique<Imported>();
  imported->plan = plan_import(material, Sessions::alone);
  REQUIRE(write_bank(imported->dir.path() / "bank", imported->plan.draft));
  auto bank = load_bank(imported->dir.path() / "bank");
  REQUIRE(bank);
  imported->questions = bank->questions;
  for (Question& question : imported->questions) question.settings.timeout_s = 10.0;
  return imported;
}

AuditRuns audit(const Imported& imported, FakeRunner& fake) {
  ExecuteOptions options;
  options.runner = &fake;
  options.kept_output = std::nullopt;
  return run_audit(imported.questions, imported.plan.questions, options);
}

Canned slow(std::int64_t takes_ms, std::vector<Printed> statements) {
  Canned canned = printing(std::move(statements));
  canned.takes_ms = takes_ms;
  return canned;
}

const std::string k_iterator = "<list_iterator object at 0x7f0011223344>\n";

}  // namespace

TEST_CASE("run_audit: the first look", "[audit][planner]") {
  FakeRunner fake;

  SECTION("every example runs once, with a look at 2 s; one that imports a library starts first") {
    auto examples = import_examples({"print(1)  # 1\n", "import numpy\nprint(2)  # 2\n"});
    fake.on(examples->id(0), {printing({{1, "1\n"}})});
    fake.on(examples->id(1), {printing({{1, ""}, {2, "2\n"}})});
    AuditRuns runs = audit(*examples, fake);
    REQUIRE(fake.calls().size() == 1);  // every claim holds: no second run
    CHECK(fake.ids(0) == std::vector<std::string>{examples->id(1), examples->id(0)});
    for (const Job& job : fake.calls()[0]) {
      CHECK(job.timeout_ms == 10000);
      CHECK(job.look_ms == 2000);
      CHECK(job.probes.empty());
    }
    REQUIRE(runs.first.size() == 2);
    CHECK(runs.first[0].judgement.verdict == Verdict::pass);
    CHECK(runs.first[1].judgement.verdict == Verdict::pass);
    CHECK_FALSE(runs.second[0]);
    CHECK_FALSE(runs.second[1]);
  }

  SECTION("a chained example runs after the one it names, in its working directory") {
    auto examples = import_examples({"open('notes.txt', 'w').write('hi')\n", "print(open('notes.txt').read())  # hi\n"});
    REQUIRE(examples->questions[1].settings.after == examples->id(0));
    fake.on(examples->id(0), {[] {
              Canned canned = printing({{1, ""}});
              canned.files = {"notes.txt"};
              return canned;
            }()});
    fake.on(examples->id(1), {printing({{1, "hi\n"}})});
    AuditRuns runs = audit(*examples, fake);
    REQUIRE(fake.calls().size() == 2);  // one wave each, in chain order
    CHECK(fake.ids(0) == std::vector<std::string>{examples->id(0)});
    CHECK(fake.ids(1) == std::vector<std::string>{examples->id(1)});
    CHECK(fake.calls()[1][0].cwd == fake.calls()[0][0].cwd);
    CHECK(fake.calls()[1][0].look_ms == 2000);
    CHECK(runs.first[1].judgement.verdict == Verdict::pass);
  }
}

TEST_CASE("run_audit: an example still running at the first look", "[audit][planner]") {
  FakeRunner fake;

  SECTION("goes on to its full timeout in the same run, and that run is its result") {
    auto examples = import_examples({"import time\ntime.sleep(3)\nprint('done')  # done\n"});
    fake.on(examples->id(0), {slow(3000, {{1, ""}, {2, ""}, {3, "done\n"}})});
    AuditRuns runs = audit(*examples, fake);
    REQUIRE(fake.calls().size() == 1);
    CHECK(fake.calls()[0][0].timeout_ms == 10000);
    CHECK(runs.first[0].outcome.ending == Ending::finished);
    CHECK(runs.first[0].judgement.verdict == Verdict::pass);
    CHECK_FALSE(runs.second[0]);  // its claim holds on that run: nothing to probe
  }

  SECTION("a sandboxed one has no look: its first run's deadline is 2 s, then a run with its full timeout") {
    auto examples = import_examples({"import time\ntime.sleep(3)\nprint('done')  # done\n"});
    for (Question& question : examples->questions) question.settings.sandbox = true;
    fake.on(examples->id(0), {slow(3000, {{1, ""}, {2, ""}, {3, "done\n"}})});
    AuditRuns runs = audit(*examples, fake);
    REQUIRE(fake.calls().size() == 2);
    CHECK(fake.calls()[0][0].timeout_ms == 2000);
    CHECK(fake.calls()[1][0].timeout_ms == 10000);
    CHECK(fake.calls()[1][0].probes.empty());
    CHECK(runs.first[0].outcome.ending == Ending::finished);
    CHECK(runs.first[0].judgement.verdict == Verdict::pass);
  }

  SECTION("at its look in a loop that only ends when stopped, it is stopped there and judged") {
    auto examples = import_examples({"import socketserver\nserve()\nprint('served')  # served\n"});
    Canned serving = slow(1000000, {});
    serving.stack = "  File \"/usr/lib/python3.11/socketserver.py\", line 233 in serve_forever\n";
    fake.on(examples->id(0), {serving});
    AuditRuns runs = audit(*examples, fake);
    CHECK(fake.calls().size() == 1);
    CHECK(runs.first[0].outcome.ending == Ending::timeout);
    CHECK(runs.first[0].outcome.duration_ms == 2000);
  }

  SECTION("at its look while it imports, it goes on: a slow import is no endless loop") {
    auto examples = import_examples({"import socketserver\nprint('served')  # served\n"});
    Canned importing = slow(3000, {{1, ""}, {2, "served\n"}});
    importing.stack = "  File \"<frozen importlib._bootstrap>\", line 1 in _find_and_load\n"
                      "  File \"/usr/lib/python3.11/socketserver.py\", line 233 in serve_forever\n";
    fake.on(examples->id(0), {importing});
    AuditRuns runs = audit(*examples, fake);
    REQUIRE(fake.calls().size() == 1);
    CHECK(runs.first[0].outcome.ending == Ending::finished);
  }

  SECTION("its chain runs after it in the same run, in one directory") {
    auto examples = import_examples({"import time\ntime.sleep(3)\nopen('notes.txt', 'w').write('hi')\n",
                                     "print(open('notes.txt').read())  # hi\n"});
    REQUIRE(examples->questions[1].settings.after == examples->id(0));
    Canned writer = slow(3000, {{1, ""}, {2, ""}, {3, ""}});
    writer.files = {"notes.txt"};
    fake.on(examples->id(0), {writer});
    fake.on(examples->id(1), {printing({{1, "hi\n"}})});
    AuditRuns runs = audit(*examples, fake);
    REQUIRE(fake.calls().size() == 2);  // the first run's two waves, and no other run
    CHECK(fake.ids(0) == std::vector<std::string>{examples->id(0)});
    CHECK(fake.ids(1) == std::vector<std::string>{examples->id(1)});
    CHECK(fake.calls()[1][0].cwd == fake.calls()[0][0].cwd);
    CHECK(runs.first[0].outcome.ending == Ending::finished);
    CHECK(runs.first[1].judgement.verdict == Verdict::pass);
  }

  SECTION("a claim that does not hold once it ran to its end: a second run, with its probes") {
    auto examples = import_examples({"import time\ntime.sleep(3)\nprint(iter([1]))  # [1]\n"});
    Canned iterating = slow(3000, {{1, ""}, {2, ""}, {3, k_iterator}});
    iterating.probes["list(iter([1]))"] = evaluated("[1]");
    fake.on(examples->id(0), {iterating});
    AuditRuns runs = audit(*examples, fake);
    REQUIRE(fake.calls().size() == 2);
    CHECK(fake.calls()[0][0].probes.empty());  // the first run runs the example as printed
    REQUIRE(fake.calls()[1][0].probes.size() == 1);
    CHECK(fake.calls()[1][0].probes[0].source == "list(iter([1]))");
    CHECK(fake.calls()[1][0].timeout_ms == 10000);
    REQUIRE(runs.second[0]);
    REQUIRE(runs.second[0]->outcome.probes.size() == 1);
    CHECK(runs.second[0]->outcome.probes[0]->str == "[1]");
    CHECK(runs.probes[0][0].intent == ProbeIntent::items);
  }
}

TEST_CASE("run_audit: the second run", "[audit][planner]") {
  FakeRunner fake;

  SECTION("only an example whose verdict it can change runs again, with its planned probes") {
    auto examples = import_examples({"print(1)  # 1\n", "print(iter([1]))  # [1]\n"});
    fake.on(examples->id(0), {printing({{1, "1\n"}})});
    Canned iterating = printing({{1, k_iterator}});
    iterating.probes["list(iter([1]))"] = evaluated("[1]");
    fake.on(examples->id(1), {iterating});
    AuditRuns runs = audit(*examples, fake);
    REQUIRE(fake.calls().size() == 2);
    CHECK(fake.ids(1) == std::vector<std::string>{examples->id(1)});
    const Job& again = fake.calls()[1][0];
    CHECK(again.timeout_ms == 10000);
    REQUIRE(again.probes.size() == 1);
    CHECK(again.probes[0].source == "list(iter([1]))");
    CHECK(again.probes[0].mode == ProbeRequest::Mode::eval);
    CHECK(again.probes[0].line == 1);
    // A new working directory: another run, not the first look's leftovers.
    CHECK(again.cwd != fake.calls()[0][1].cwd);
    CHECK_FALSE(runs.second[0]);
    REQUIRE(runs.second[1]);
    CHECK(runs.second[1]->outcome.probes[0]->str == "[1]");
    CHECK(runs.first[1].outcome.statements.size() == 1);  // the first look stays the example's run
  }

  SECTION("an example that raised by itself is not run again: a second run cannot change its verdict") {
    auto examples = import_examples({"print(iter([1]))  # [1]\nprint(1 / 0)\n"});
    Canned failing = printing({{1, k_iterator}, {2, ""}});
    failing.error = raised("ZeroDivisionError", "division by zero", 2);
    fake.on(examples->id(0), {failing});
    AuditRuns runs = audit(*examples, fake);
    CHECK(fake.calls().size() == 1);
    CHECK(runs.first[0].judgement.verdict == Verdict::error);
    CHECK_FALSE(runs.second[0]);
  }

  SECTION("a chained example runs again with its chain, the earlier one without probes of its own") {
    auto examples = import_examples({"open('notes.txt', 'w').write('hi')\n", "print(iter(open('notes.txt').read().split()))  # ['hi']\n"});
    REQUIRE(examples->questions[1].settings.after == examples->id(0));
    Canned writer = printing({{1, ""}});
    writer.files = {"notes.txt"};
    fake.on(examples->id(0), {writer});
    fake.on(examples->id(1), {printing({{1, k_iterator}})});
    AuditRuns runs = audit(*examples, fake);
    REQUIRE(fake.calls().size() == 4);
    CHECK(fake.ids(2) == std::vector<std::string>{examples->id(0)});
    CHECK(fake.ids(3) == std::vector<std::string>{examples->id(1)});
    CHECK(fake.calls()[2][0].probes.empty());
    REQUIRE(fake.calls()[3][0].probes.size() == 1);
    CHECK(fake.calls()[3][0].probes[0].source == "list(iter(open('notes.txt').read().split()))");
    CHECK(fake.calls()[3][0].cwd == fake.calls()[2][0].cwd);
    CHECK_FALSE(runs.second[0]);  // run only for the files its chain needs
    CHECK(runs.second[1]);
  }

  SECTION("the longest example of the first look starts first") {
    auto examples = import_examples({"print(iter([1]))  # [1]\n", "print(iter([2]))  # [2]\n"});
    fake.on(examples->id(0), {slow(50, {{1, k_iterator}})});
    fake.on(examples->id(1), {slow(500, {{1, k_iterator}})});
    audit(*examples, fake);
    REQUIRE(fake.calls().size() == 2);
    CHECK(fake.ids(0) == std::vector<std::string>{examples->id(0), examples->id(1)});
    CHECK(fake.ids(1) == std::vector<std::string>{examples->id(1), examples->id(0)});
  }
}

TEST_CASE("run_audit: a chain the first run shows", "[audit][planner]") {
  // The name of the file is built at run time: import cannot see the chain, the first run can.
  auto examples = import_examples({"name = 'data' + '.txt'\nopen(name, 'w').write('x')\n",
                                   "print(open('data.txt').read())  # x\n"});
  REQUIRE(examples->questions[1].settings.after.empty());
  FakeRunner fake;
  Canned writer = printing({{1, ""}, {2, ""}});
  writer.files = {"data.txt"};
  fake.on(examples->id(0), {writer});
  Canned missing = printing({{1, ""}});
  missing.error = raised("FileNotFoundError", "[Errno 2] No such file or directory: 'data.txt'", 1);
  fake.on(examples->id(1), {missing, printing({{1, "x\n"}})});
  AuditRuns runs = audit(*examples, fake);
  CHECK(runs.observed_after == std::vector<std::string>{"", examples->id(0)});
  // The second run chains it after the example whose file it needs: two waves, one directory.
  REQUIRE(fake.calls().size() == 3);
  CHECK(fake.ids(1) == std::vector<std::string>{examples->id(0)});
  CHECK(fake.ids(2) == std::vector<std::string>{examples->id(1)});
  CHECK(fake.calls()[2][0].cwd == fake.calls()[1][0].cwd);
  CHECK(fake.calls()[2][0].timeout_ms == 10000);
  CHECK(runs.first[1].outcome.error == std::nullopt);
  CHECK(runs.first[1].judgement.verdict == Verdict::pass);
}
