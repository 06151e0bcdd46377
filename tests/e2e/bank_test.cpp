// The project's own question bank (snippets/, expected/, snipcheck.toml at the top of the
// repository), run by the built snipcheck as configured and then with every question forced
// into each tier in turn (issue 13). Green only when every question passes: exit status 0 alone
// would let a skipped, unverifiable or no_claim question through.
//
// Forced into a sub-interpreter, what a question may do depends on why `auto` sends it to the
// process tier:
//   - nothing, or only an import of one of the bank's own `process_modules` (sent there to use
//     the worker's preloaded modules, not because it needs it): it must pass;
//   - what its code does (os.fork, signal handlers, multiprocessing, a ProcessPoolExecutor, a
//     sub-interpreter's refusal at run time): it cannot work, and must fail with a failing
//     verdict of its own;
//   - an import of a module that CPython 3.11 sub-interpreters cannot host (numpy, pandas,
//     scikit-learn, ...): it may pass (numpy and pandas do, in a worker replaced afterwards) or
//     fail that way (scikit-learn's import hangs until the timeout).
// Either way the rest of the run is unharmed and snipcheck exits 1 on a failure, never 3.
//
// Compile definitions (string literals): SNIPCHECK_EXE = path of the snipcheck binary,
// SNIPCHECK_BANK_DIR = the repository's top folder. The Catch2 main lives in another file.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "bank/bank.hpp"
#include "bank/cases.hpp"
#include "util/fs.hpp"

#ifndef SNIPCHECK_EXE
#error "SNIPCHECK_EXE (path of the snipcheck binary) must be defined"
#endif
#ifndef SNIPCHECK_BANK_DIR
#error "SNIPCHECK_BANK_DIR (the folder holding the project's bank) must be defined"
#endif

extern char** environ;

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

const std::string k_exe = SNIPCHECK_EXE;
const fs::path k_bank = SNIPCHECK_BANK_DIR;

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct BankRun {
  int status = -1;
  std::string err;
  json report;
};

// `snipcheck run BANK -j 2 --json FILE` plus `extra`, stdin from /dev/null.
BankRun run_bank(const std::vector<std::string>& extra) {
  snipcheck::TempDir scratch("snipcheck-bank-test");
  const fs::path report = scratch.path() / "report.json";
  const fs::path out = scratch.path() / "stdout.txt";
  const fs::path err = scratch.path() / "stderr.txt";
  std::vector<std::string> all = {k_exe, "run", k_bank.string(), "-j", "2", "-q", "--json", report.string()};
  all.insert(all.end(), extra.begin(), extra.end());
  std::vector<char*> argv;
  for (std::string& arg : all) argv.push_back(arg.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, k_exe.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  REQUIRE(spawned == 0);
  int wait_status = 0;
  while (::waitpid(pid, &wait_status, 0) < 0) {
  }
  BankRun run;
  run.status = WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : 128 + WTERMSIG(wait_status);
  run.err = slurp(err);
  INFO("snipcheck's stdout:\n" << slurp(out) << "\nstderr:\n" << run.err);
  REQUIRE(fs::exists(report));
  run.report = json::parse(slurp(report));
  return run;
}

// The bank as snipcheck loads it: its question ids and its `process_modules`.
snipcheck::Bank load_project_bank() {
  auto bank = snipcheck::load_bank(k_bank);
  INFO((bank ? std::string() : bank.error().message));
  REQUIRE(bank.has_value());
  REQUIRE_FALSE(bank->questions.empty());
  return std::move(*bank);
}

// The ids of every run of the bank: each question's own, and one per input case ("087-x[case]").
std::set<std::string> question_ids(const snipcheck::Bank& bank) {
  std::set<std::string> ids;
  for (const snipcheck::Question& question : snipcheck::expand_cases(bank.questions)) ids.insert(question.id);
  return ids;
}

std::map<std::string, json> by_id(const json& report) {
  std::map<std::string, json> results;
  for (const json& result : report["results"]) results[result["id"].get<std::string>()] = result;
  return results;
}

// What a question forced into a sub-interpreter must do, from where `auto` sent it and why.
enum class InSubinterpreter { must_pass, must_fail, may_fail };

InSubinterpreter expectation(const json& auto_result, const std::vector<std::string>& process_modules) {
  if (auto_result["tier"] != "process") return InSubinterpreter::must_pass;
  const std::string reason = auto_result["tier_reason"].get<std::string>();
  const std::string imports = "imports ";
  if (reason.rfind(imports, 0) != 0) return InSubinterpreter::must_fail;  // uses ..., ran again ...
  const std::string module = reason.substr(imports.size());
  const std::string top = module.substr(0, module.find('.'));
  if (top == "multiprocessing") return InSubinterpreter::must_fail;
  for (const std::string& listed : process_modules) {
    if (listed == top || listed == module) return InSubinterpreter::must_pass;
  }
  return InSubinterpreter::may_fail;
}

// Every question of the bank is in the report and passed; `tier`, when given, is where each ran.
void require_all_pass(const BankRun& run, const std::string& tier) {
  const std::set<std::string> ids = question_ids(load_project_bank());
  const std::map<std::string, json> results = by_id(run.report);
  CHECK(results.size() == ids.size());
  for (const std::string& id : ids) {
    INFO("question " << id);
    REQUIRE(results.count(id) == 1);
    const json& result = results.at(id);
    INFO("reason: " << result.value("reason", "") << "\nstderr:\n" << result.value("stderr", ""));
    CHECK(result["verdict"] == "pass");
    if (!tier.empty()) CHECK(result["tier"] == tier);
  }
  CHECK(run.status == 0);
}

}  // namespace

TEST_CASE("every question passes as configured", "[bank]") {
  const BankRun run = run_bank({});
  require_all_pass(run, "");
}

TEST_CASE("every question passes forced into the process tier", "[bank]") {
  const BankRun run = run_bank({"--isolation", "process"});
  require_all_pass(run, "process");
}

TEST_CASE("forced into sub-interpreters: all pass but those needing a process", "[bank]") {
  const snipcheck::Bank bank = load_project_bank();
  const std::map<std::string, json> routed = by_id(run_bank({}).report);
  const BankRun run = run_bank({"--isolation", "subinterpreter"});
  const std::map<std::string, json> results = by_id(run.report);
  const std::set<std::string> ids = question_ids(bank);
  REQUIRE(results.size() == ids.size());
  const std::set<std::string> failing = {"wrong", "error", "timeout", "crash", "limit"};
  int failed = 0;
  for (const std::string& id : ids) {
    INFO("question " << id);
    REQUIRE(results.count(id) == 1);
    REQUIRE(routed.count(id) == 1);
    const json& result = results.at(id);
    const std::string verdict = result["verdict"].get<std::string>();
    const std::string why = routed.at(id)["tier_reason"].get<std::string>();
    INFO("verdict " << verdict << ": " << result.value("reason", "") << "\nunder auto: " << why);
    CHECK(result["tier"] == "subinterpreter");
    const InSubinterpreter expected = expectation(routed.at(id), bank.workers.process_modules);
    if (expected == InSubinterpreter::must_pass) {
      CHECK(verdict == "pass");
      continue;
    }
    if (verdict == "pass") {
      // Only a module that a sub-interpreter cannot host may still work there, once.
      CHECK(expected == InSubinterpreter::may_fail);
      continue;
    }
    // It cannot work here: a failing verdict of its own, never one that does not fail a run.
    ++failed;
    CHECK(failing.count(verdict) == 1);
    WARN(id << " needs a process (" << why << "); forced into a sub-interpreter: " << verdict << " "
            << result.value("reason", ""));
  }
  CHECK(run.status == (failed > 0 ? 1 : 0));
}
