// End-to-end tests of `snipcheck import` and `snipcheck audit`: the built binary on the interview
// material in ../shared/material/ (what it must flag, and why) and on a Markdown file of our own
// with each claim form.
//
// Compile definitions: SNIPCHECK_EXE (the binary), SNIPCHECK_MATERIAL_DIR (../shared/material).
// The Catch2 main lives in tests/support/catch_main.cpp.
//
// What is right about the material was decided by reading it, example by example:
//   - Four claims are wrong: Q40 prints the generator Path.glob returns, not the list of paths it
//     claims; Q45 calls asyncio.run() as a statement, so "Done" is returned and never printed;
//     Q31's verification line sends the reader to error.log, but logging.basicConfig() without a
//     filename logs to stderr and no such file is written; Q55 line 11 `# Approx [8]` prints the
//     tensor a linear layer gives after ten Adam steps from a random start (learning rate 0.001):
//     near no fixed value, never near 8, another one each run (so --fix leaves it). The other
//     files verification lines
//     send the reader to (Q35 app.log, Q36 data.txt, Q37 data.csv, Q40 new_dir/data.txt, Q71
//     mydb.db) are written.
//   - Five claims are right in substance but written differently (`format`): Q8 puts a label in
//     front ("Intersection: {2, 3}"), Q14, Q17 and Q21 join several printed lines with commas
//     (Q21's claim sits in a `with` body and matches the enclosing statement), Q53 writes 8.0
//     where numpy prints 8.
//   - Debatable, decided here: Q2/Q6 `lst.append(3)  # List: [1, 2, 3]` prints nothing, but the
//     comment states lst's value afterwards (checked): descriptive, not wrong. Q3 `print(gc.collect())
//     # Force garbage collection` describes the call: descriptive. Q1 `# E.g., 3.12.3` is an
//     example version: shape only, never wrong. Q60 runs `pytest` in an empty directory, finds no
//     tests and exits 1: reported as error (it fails where it is run), or unverifiable where no
//     pytest command exists. Q90 reads data.txt, which only Q36's chain creates and Q39 moves away.
//     Q68 `# More memory-efficient than list` on a three-item array.array is descriptive, though
//     the material's own check (sys.getsizeof) shows the array larger at that size: a claim about
//     sizes in general, not about this output. Q54's `# Approx [8]` (TensorFlow) is most likely
//     as false as Q55's, but Debian does not package TensorFlow: unverifiable. Q67 (numba) prints
//     its sum and claims nothing. Q58 is an Ansible module run as a script: ansible passes its
//     arguments as JSON on stdin, which is empty here: unverifiable.
//   - Unverifiable on this machine (the set-up installs what Debian packages): Django fragments
//     (Q26, Q49), modules Debian lacks (Q29, Q54), an Ansible module's arguments (Q58), the
//     debugger on stdin (Q33), Flask's development server that runs until stopped (Q46; its
//     reloader's signal handler, refused in a sub-interpreter, sends it to the process tier),
//     missing cloud credentials (Q59), no PostgreSQL server (Q74), fragments using an undefined `cursor` (Q75, Q98), argparse without
//     arguments (Q76), input files the material never provides (Q56, Q77, Q90), DNS (Q78, and Q80
//     without network), a scheduler that never returns (Q79), and the blocks that are not Python
//     (Q69 Cython, Q92 Dockerfile, Q93-Q95, Q97, Q99 shell).

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <spawn.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

extern char** environ;

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace std::string_literals;

const std::string k_exe = SNIPCHECK_EXE;
const fs::path k_material = fs::path(SNIPCHECK_MATERIAL_DIR) / "python-interview-questions-2025.txt";

struct Run {
  int status = -1;
  std::string out;
  std::string err;
  double seconds = 0;
};

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A scratch folder removed at the end of the test.
struct Scratch {
  fs::path path;
  Scratch() {
    std::string pattern = (fs::temp_directory_path() / "snipcheck-audit-test-XXXXXX").string();
    path = ::mkdtemp(pattern.data());
  }
  ~Scratch() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

// Runs snipcheck with `args`, stdin from /dev/null, stdout and stderr to files.
Run snipcheck(const std::vector<std::string>& args, const fs::path& scratch) {
  std::vector<std::string> all = {k_exe};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& arg : all) argv.push_back(arg.data());
  argv.push_back(nullptr);
  fs::path out = scratch / "stdout.txt", err = scratch / "stderr.txt";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  auto start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  int spawned = posix_spawn(&pid, k_exe.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  REQUIRE(spawned == 0);
  int wait_status = 0;
  while (::waitpid(pid, &wait_status, 0) < 0) {
  }
  Run run;
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run.status = WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : 128 + WTERMSIG(wait_status);
  run.out = slurp(out);
  run.err = slurp(err);
  return run;
}

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

std::map<int, json> by_question(const json& report) {
  std::map<int, json> results;
  for (const json& result : report["results"]) results[result["question"].get<int>()] = result;
  return results;
}

// (question, line) of every claim with `verdict`.
std::set<std::pair<int, int>> claims_with(const json& report, const std::string& verdict) {
  std::set<std::pair<int, int>> found;
  for (const json& result : report["results"]) {
    for (const json& claim : result["claims"]) {
      if (claim["verdict"] == verdict) found.emplace(result["question"].get<int>(), claim["line"].get<int>());
    }
  }
  return found;
}

// (snippet line, material line, verdict) of each claim of a question, in report order.
using Claims = std::vector<std::tuple<int, int, std::string>>;

std::map<int, Claims> claims_by_question(const std::map<int, json>& results) {
  std::map<int, Claims> claims;
  for (const auto& [number, result] : results) {
    for (const json& claim : result["claims"]) {
      claims[number].emplace_back(claim["line"].get<int>(), claim["material_line"].get<int>(),
                                  claim["verdict"].get<std::string>());
    }
  }
  return claims;
}

const json* claim_at(const json& result, int line) {
  for (const json& claim : result["claims"]) {
    if (claim["line"] == line) return &claim;
  }
  return nullptr;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The audit of the material is slow enough (two runs of ~100 examples) to run once for all sections.
struct MaterialAudit {
  Scratch scratch;
  Run run;
  json report;
  std::string markdown;
  std::string fix;
  MaterialAudit() {
    // The default worker count. An example that is only slow (an import on a loaded machine) and
    // runs past the audit's first look is run again with the full timeout, so its verdict does not
    // depend on the load. On a loaded 2-core machine importing torch (Q55) took 4-6.5 s alone and
    // past the default 10 s while the suite ran (reported then as unverifiable, still importing);
    // under ASan scikit-learn's import does too: a longer full timeout, so the verdicts are fixed.
    std::vector<std::string> args = {"audit", k_material.string(), "--json", (scratch.path / "audit.json").string(),
                                     "--markdown", (scratch.path / "audit.md").string(),
                                     "--fix", (scratch.path / "fix.diff").string()};
    args.insert(args.end(), {"--timeout", SNIPCHECK_SANITIZED ? "60" : "40"});
    run = snipcheck(args, scratch.path);
    report = json::parse(slurp(scratch.path / "audit.json"), nullptr, false);
    markdown = slurp(scratch.path / "audit.md");
    fix = slurp(scratch.path / "fix.diff");
  }
};

const MaterialAudit& material_audit() {
  static const MaterialAudit audit;
  return audit;
}

}  // namespace

TEST_CASE("audit of the interview material flags exactly its wrong claims", "[audit][material]") {
  const MaterialAudit& audit = material_audit();
  INFO(audit.run.out << audit.run.err);
  REQUIRE(audit.run.status == 1);
  REQUIRE_FALSE(audit.report.is_discarded());
  std::map<int, json> results = by_question(audit.report);

  SECTION("every numbered question with code is there, in order") {
    REQUIRE(results.size() == 101);  // 105 questions; 101, 103, 104 and 105 have no example
    CHECK_FALSE(results.contains(101));
    CHECK(results.begin()->first == 1);
    CHECK(results.rbegin()->first == 102);
  }

  SECTION("the wrong claims, with the hint that explains each") {
    CHECK(claims_with(audit.report, "wrong") == std::set<std::pair<int, int>>{{31, 0}, {40, 5}, {45, 5}, {55, 11}});
    const json* log_file = claim_at(results[31], 0);
    REQUIRE(log_file != nullptr);
    CHECK((*log_file)["kind"] == "verification");
    CHECK((*log_file)["actual"] == "no error.log");
    CHECK(contains((*log_file)["hint"], "leaves no file error.log in its working directory"));
    CHECK(contains((*log_file)["hint"], "went to stderr: ERROR:root:Error: division by zero"));
    CHECK(results[31]["verdict"] == "wrong");
    const json* glob = claim_at(results[40], 5);
    REQUIRE(glob != nullptr);
    CHECK(contains((*glob)["actual"], "<generator object Path.glob at 0x"));
    CHECK(contains((*glob)["hint"], "prints the iterator object, not its items"));
    CHECK(contains((*glob)["hint"], "gives the claimed [PosixPath('new_dir/data.txt')] (checked)"));
    const json* coroutine = claim_at(results[45], 5);
    REQUIRE(coroutine != nullptr);
    CHECK((*coroutine)["actual"] == "");
    CHECK(contains((*coroutine)["hint"], "the value is Done (checked), but a script does not echo values"));
    CHECK(results[40]["verdict"] == "wrong");
    CHECK(results[45]["verdict"] == "wrong");
    const json* tensor = claim_at(results[55], 11);
    REQUIRE(tensor != nullptr);
    CHECK((*tensor)["kind"] == "approximate");
    CHECK(contains((*tensor)["actual"], "tensor([["));
    CHECK(contains((*tensor)["hint"], "varies between runs"));
    CHECK(results[55]["verdict"] == "wrong");
    CHECK(results[67]["verdict"] == "no_claim");  // numba compiles and runs it; it claims nothing
  }

  SECTION("the report lines name question, line, claim, output and hint") {
    CHECK(contains(audit.run.out,
                   "Q40 line 665: claims [PosixPath('new_dir/data.txt')], prints <generator object Path.glob at 0x...> — "
                   "prints the iterator object"));
    CHECK(contains(audit.run.out, "Q45 line 747: claims Done, prints nothing — the value is Done (checked)"));
    CHECK(contains(audit.run.out, "Q31 verification: claims the example writes error.log (\"Check logs in error.log\"), "
                                  "it does not — the example leaves no file error.log"));
  }

  SECTION("files a verification line sends the reader to are checked") {
    std::map<int, std::string> files;
    for (const auto& [question, result] : results) {
      for (const json& claim : result["claims"]) {
        if (claim["kind"] == "verification" && contains(claim["actual"], " written")) files[question] = claim["actual"];
      }
    }
    CHECK(files == std::map<int, std::string>{{35, "app.log written"},
                                              {36, "data.txt written"},
                                              {37, "data.csv written"},
                                              {40, "new_dir/data.txt written"},
                                              {71, "mydb.db written"}});
  }

  SECTION("right values in another presentation are format, not wrong") {
    CHECK(claims_with(audit.report, "format") ==
          std::set<std::pair<int, int>>{{8, 3}, {14, 12}, {17, 4}, {21, 8}, {53, 6}});
    CHECK(contains((*claim_at(results[21], 8))["matched"], "enclosing statement line 7"));
    CHECK(contains((*claim_at(results[8], 3))["hint"], "label"));
    CHECK(contains((*claim_at(results[14], 12))["hint"], "joined by commas"));
  }

  SECTION("a chained example runs in the directory of the one whose file it uses") {
    CHECK(results[39]["verdict"] == "pass");  // renames the data.txt that Q36 wrote
    CHECK((*claim_at(results[39], 4))["verdict"] == "correct");
  }

  SECTION("comments that describe the code are descriptive, example values never wrong") {
    std::set<std::pair<int, int>> descriptive = claims_with(audit.report, "descriptive");
    for (std::pair<int, int> expected : {std::pair{2, 2}, {3, 3}, {3, 4}, {3, 5}, {6, 2}, {7, 2}, {7, 3}, {8, 4},
                                         {28, 3}, {51, 4}, {68, 2}}) {
      CHECK(descriptive.contains(expected));
    }
    CHECK((*claim_at(results[1], 3))["verdict"] == "correct");
    CHECK((*claim_at(results[1], 3))["kind"] == "example");
    CHECK(contains((*claim_at(results[2], 2))["hint"], "describes the value of lst afterwards"));
  }

  SECTION("commented-out code and verification lines are evaluated") {
    CHECK((*claim_at(results[2], 4))["kind"] == "error");
    CHECK((*claim_at(results[2], 4))["verdict"] == "correct");
    std::set<std::string> verified;
    for (int question : {6, 8, 10, 11, 13, 23, 45, 57, 88}) {
      for (const json& claim : results[question]["claims"]) {
        if (claim["kind"] == "verification") {
          CHECK(claim["verdict"] == "correct");
          verified.insert(claim["text"].get<std::string>());
        }
      }
    }
    CHECK(verified.contains("Check uniqueness: len(set([1, 1, 2])) == 2"));
    CHECK(verified.contains("id(deep[0]) == id(lst[0]) (False)"));
    CHECK(verified.contains("tup[0] = 10 (fails)"));
  }

  SECTION("examples this machine cannot run are unverifiable, with the true reason") {
    std::map<int, std::string> expected = {
        {26, "Django project"},
        {29, "module 'polars' is not installed on this machine (not packaged by Debian 12)"},
        {33, "debugger"},
        {46, "a web server (werkzeug) that runs until it is stopped"},
        {49, "Django project"},
        {54, "module 'tensorflow'"},
        {56, "needs the file 'data'"},
        {58, "an Ansible module: it reads its arguments as JSON on standard input"},
        {59, "credentials"},
        {69, "not Python (cython)"},
        {74, "database server"},
        {75, "'cursor'"},
        {76, "command-line arguments"},
        {77, "large.csv"},
        {78, "DNS"},
        {79, "scheduler"},
        {90, "data.txt"},
        {92, "not Python (dockerfile)"},
        {93, "not Python (shell)"},
        {94, "not Python (shell)"},
        {95, "not Python (shell)"},
        {97, "not Python (shell)"},
        {98, "'cursor'"},
        {99, "not Python (shell)"},
    };
    for (const auto& [question, reason] : expected) {
      INFO("Q" << question << ": " << results[question]["reason"]);
      CHECK(results[question]["verdict"] == "unverifiable");
      // Flask's port 5000 may be held by another program on a shared machine (another audit of
      // this material): that is as true a reason.
      bool port_taken = question == 46 && contains(results[question]["reason"], "port is in use on this machine");
      CHECK((contains(results[question]["reason"], reason) || port_taken));
    }
    // With a network, Q80 scrapes a real page and claims nothing.
    CHECK((results[80]["verdict"] == "unverifiable" || results[80]["verdict"] == "no_claim"));
    std::set<int> unverifiable;
    for (const auto& [question, result] : results) {
      if (result["verdict"] == "unverifiable") unverifiable.insert(question);
    }
    unverifiable.erase(80);
    unverifiable.erase(60);
    std::set<int> listed;
    for (const auto& [question, reason] : expected) listed.insert(question);
    CHECK(unverifiable == listed);
  }

  SECTION("nothing else fails: the only error is the CI script run outside a project") {
    std::set<int> failing;
    for (const auto& [question, result] : results) {
      std::string verdict = result["verdict"];
      if (verdict == "error" || verdict == "timeout" || verdict == "crash" || verdict == "limit") failing.insert(question);
    }
    CHECK((failing == std::set<int>{60} || failing.empty()));
  }

  SECTION("--fix corrects the one wrong comment it can and lists the other three, with why") {
    CHECK(contains(audit.fix, "--- a/python-interview-questions-2025.txt\n+++ b/python-interview-questions-2025.txt\n"));
    CHECK(contains(audit.fix, "-print(p.glob(\"*.txt\"))  # [PosixPath('new_dir/data.txt')]\n"
                              "+print(p.glob(\"*.txt\"))  # <generator object Path.glob at 0x...>\n"));
    // Q45's line prints nothing (the value is returned), Q31's claim is a sentence and Q55's
    // output varies between runs (a randomly initialised model): the editor's.
    CHECK(contains(audit.run.err, "snipcheck: --fix left 3 wrong claims to the editor:\n"));
    CHECK(contains(audit.run.err, ": claims [8] — its output varies between runs: there is no one value to write\n"));
    CHECK(contains(audit.run.err, ": claims Done — the line prints nothing: print() the value, or reword the comment\n"));
    CHECK(contains(audit.run.err, " — a verification sentence is prose: reword it\n"));
    int changed = 0;
    std::istringstream lines(audit.fix);
    for (std::string line; std::getline(lines, line);) {
      if ((line.starts_with("+") && !line.starts_with("+++")) || (line.starts_with("-") && !line.starts_with("---"))) {
        ++changed;
      }
    }
    CHECK(changed == 2);
  }

  SECTION("--markdown is a report an editor can read") {
    CHECK(contains(audit.markdown, "# snipcheck audit of `python-interview-questions-2025.txt`"));
    CHECK(contains(audit.markdown, "## Wrong claims"));
    CHECK(contains(audit.markdown, "| Q40 What is pathlib"));
    CHECK(contains(audit.markdown, "## Not verifiable on this machine"));
  }
}

TEST_CASE("import of the interview material writes a bank, byte-identical on re-import", "[audit][import]") {
  Scratch scratch;
  fs::path bank = scratch.path / "bank";
  Run first = snipcheck({"import", k_material.string(), "--out", bank.string()}, scratch.path);
  INFO(first.out << first.err);
  REQUIRE(first.status == 0);
  CHECK(contains(first.out, "imported 101 questions"));

  SECTION("snippets hold the example exactly; expected output comes from the claims") {
    std::string code = slurp(bank / "snippets" / "019-map-function-work.py");
    CHECK(code == "nums = [1, 2, 3]\nsquares = map(lambda x: x**2, nums)\nprint(list(squares))  # [1, 4, 9]\n");
    CHECK(slurp(bank / "expected" / "019-map-function-work.out") == "[1, 4, 9]\n");
    CHECK_FALSE(fs::exists(bank / "expected" / "027-fastapi-popular-2025.out"));  // documents nothing
  }

  SECTION("settings keep title, source line, language and chains") {
    std::string settings = slurp(bank / "snipcheck.toml");
    CHECK(contains(settings, "[question.\"019-map-function-work\"]\ntitle = \"What is the map function, and how does it "
                             "work?\"\nsource_line = 331\nlanguage = \"python\"\n"));
    CHECK(contains(settings, "[question.\"093-use-gunicorn-wsgi-apps\"]\n"));
    CHECK(contains(settings, "language = \"shell\""));
    CHECK(contains(settings, "language = \"dockerfile\""));
    CHECK(contains(settings, "language = \"cython\""));
    // Q39 renames the data.txt that Q36 writes.
    CHECK(contains(settings, "[question.\"039-os-module-used-file-operations\"]\ntitle = \"What is the os module, and "
                             "how is it used for file operations?\"\nsource_line = 642\nlanguage = \"python\"\nafter = "
                             "\"036-read-write-files-python\"\n"));
  }

  SECTION("importing again gives the same bytes") {
    fs::path again = scratch.path / "again";
    REQUIRE(snipcheck({"import", k_material.string(), "--out", again.string()}, scratch.path).status == 0);
    REQUIRE(snipcheck({"import", k_material.string(), "--out", bank.string()}, scratch.path).status == 0);
    for (const auto& entry : fs::recursive_directory_iterator(bank)) {
      if (!entry.is_regular_file()) continue;
      fs::path other = again / fs::relative(entry.path(), bank);
      INFO(entry.path());
      CHECK(slurp(entry.path()) == slurp(other));
    }
  }
}

TEST_CASE("import and audit of a Markdown file with each claim form", "[audit][markdown]") {
  Scratch scratch;
  fs::path notes = scratch.path / "notes.md";
  write(notes, R"MD(# Notes on everyday Python

Some prose with `inline code` that is not an example.

## 1. Claim forms

```python
def shout(s):
    print(s.upper())
    return len(s)

print(shout("hi"))  # HI, 2
print(sorted({3, 1}))  # Sorted: [1, 3]
print(map(abs, [-1, 2]))  # [1, 2]
total = sum([1, 2, 3])
total  # 6
print(22 / 7)  # Approx 3.14
import platform
print(platform.system())  # e.g. Linux
data = [3, 1, 2]  # Keep the raw numbers
# data.missing()  # AttributeError: no such method
print(len(data))  # Output: 3
print(max(data))
#> 3
print(min(data))  # => 1
ages = {"b": 2, "a": 1}
print(ages)  # {'a': 1, 'b': 2}
```

## 2. Output block

```python
print("hello")
print("world")
```

```text
hello
world
```

## 3. Output paragraph

```python
print(2 ** 10)
```

Output: 1024

## 4. Transcript

```pycon
>>> x = [1, 2]
>>> x.append(3)
>>> print(x)
[1, 2, 3]
>>> len(x)
3
```

## 5. A context manager

```python
from contextlib import contextmanager

@contextmanager
def session():
    print("open")
    yield 1
    print("close")

with session() as s:
    print(s)  # open, 1, close
```

## 6. Installing

```bash
pip install requests
```
)MD");

  SECTION("import chooses Markdown from the content and writes one question per example") {
    fs::path bank = scratch.path / "bank";
    Run run = snipcheck({"import", notes.string(), "--out", bank.string()}, scratch.path);
    INFO(run.out << run.err);
    REQUIRE(run.status == 0);
    CHECK(contains(run.out, "(markdown)"));
    CHECK(slurp(bank / "snippets" / "002-output-block.py") == "print(\"hello\")\nprint(\"world\")\n");
    CHECK(slurp(bank / "expected" / "002-output-block.out") == "hello\nworld\n");
    CHECK(slurp(bank / "expected" / "003-output-paragraph.out") == "1024\n");
    CHECK(slurp(bank / "snippets" / "004-transcript.py") == "x = [1, 2]\nx.append(3)\nprint(x)\nlen(x)\n");
    CHECK(contains(slurp(bank / "snipcheck.toml"), "[question.\"006-installing\"]\ntitle = \"Installing\"\n"));
    CHECK(contains(slurp(bank / "snipcheck.toml"), "language = \"shell\""));
  }

  SECTION("audit judges every claim form") {
    Run run = snipcheck({"audit", notes.string(), "-j", "2", "--json", (scratch.path / "notes.json").string(),
                         "--junit", (scratch.path / "notes.xml").string()},
                        scratch.path);
    INFO(run.out << run.err);
    CHECK(run.status == 1);
    json report = json::parse(slurp(scratch.path / "notes.json"));
    std::map<int, json> results = by_question(report);
    REQUIRE(results.size() == 6);
    std::map<int, std::string> verdicts;
    std::map<int, std::string> hints;
    for (const json& claim : results[1]["claims"]) {
      verdicts[claim["line"].get<int>()] = claim["verdict"];
      hints[claim["line"].get<int>()] = claim["hint"];
    }
    CHECK(verdicts == std::map<int, std::string>{{5, "format"},  {6, "format"},  {7, "wrong"},   {9, "wrong"},
                                                 {10, "correct"}, {12, "correct"}, {13, "descriptive"},
                                                 {14, "correct"}, {15, "correct"}, {16, "correct"}, {18, "correct"},
                                                 {20, "wrong"}});
    CHECK(contains(hints[7], "list(map(abs, [-1, 2])) gives the claimed [1, 2] (checked)"));
    CHECK(contains(hints[9], "the value is 6 (checked)"));
    CHECK(contains(hints[20], "dicts keep insertion order"));
    CHECK(results[2]["claims"][0]["verdict"] == "correct");
    CHECK(results[3]["claims"][0]["verdict"] == "correct");
    for (const json& claim : results[4]["claims"]) CHECK(claim["verdict"] == "correct");
    CHECK(results[5]["claims"][0]["verdict"] == "format");
    CHECK(contains(results[5]["claims"][0]["matched"], "enclosing statement line 9"));
    CHECK(results[6]["verdict"] == "unverifiable");
    CHECK(results[6]["reason"] == "not Python (shell)");
    CHECK(contains(run.out, "Q1 line 14: claims [1, 2], prints <map object at 0x...> — prints the iterator object"));
    CHECK(contains(slurp(scratch.path / "notes.xml"), "<testsuite name=\"snipcheck-audit\""));
  }
}

TEST_CASE("audit chains an example that fails on a file an earlier one left", "[audit][chain]") {
  // The file name is built at run time, so import cannot see from the code that example 1 makes
  // what example 3 reads; the first run shows it.
  Scratch scratch;
  fs::path notes = scratch.path / "files.md";
  write(notes, R"MD(# Files

## 1. Writing

```python
name = "notes" + ".txt"
with open(name, "w") as f:
    f.write("hello\n")
print("written")  # written
```

## 2. Something else

```python
print(1 + 1)  # 2
```

## 3. Reading

```python
with open("notes.txt") as f:
    print(f.read().strip())  # hello
```
)MD");
  Run imported = snipcheck({"import", notes.string(), "--out", (scratch.path / "bank").string()}, scratch.path);
  REQUIRE(imported.status == 0);
  CHECK_FALSE(contains(slurp(scratch.path / "bank" / "snipcheck.toml"), "after ="));

  Run run = snipcheck({"audit", notes.string(), "--json", (scratch.path / "audit.json").string()}, scratch.path);
  INFO(run.out << run.err);
  CHECK(run.status == 0);
  json report = json::parse(slurp(scratch.path / "audit.json"), nullptr, false);
  REQUIRE_FALSE(report.is_discarded());
  std::map<int, json> results = by_question(report);
  CHECK(results[3]["verdict"] == "pass");
  CHECK((*claim_at(results[3], 2))["verdict"] == "correct");
  CHECK(contains(results[3]["reason"], "ran after 001-writing, whose file it needs (add after = \"001-writing\""));
  CHECK(results[2]["reason"] == "");
}

TEST_CASE("audit observes an example run as one program, statements on one line together", "[audit][one-unit]") {
  // Issue 10 items 1 and 6: compiled alone, each statement had its own 257 (a is b: False), and
  // a claim after `print(1); print(2)` saw only the first print's output.
  Scratch scratch;
  fs::path material = scratch.path / "unit.md";
  write(material, R"MD(# One program

```python
a = 257
b = 257
print(a is b)  # True
print(1); print(2)  # 1
x = 4; print(x * 2)  # 8
```
)MD");
  Run run = snipcheck({"audit", material.string(), "--json", (scratch.path / "audit.json").string()}, scratch.path);
  INFO(run.out << run.err);
  json report = json::parse(slurp(scratch.path / "audit.json"), nullptr, false);
  REQUIRE_FALSE(report.is_discarded());
  std::map<int, json> results = by_question(report);
  REQUIRE(results.count(1) == 1);
  REQUIRE(claim_at(results[1], 3) != nullptr);
  CHECK((*claim_at(results[1], 3))["verdict"] == "correct");
  // The line printed 1 and 2: "1" is no longer the whole of what it printed.
  REQUIRE(claim_at(results[1], 4) != nullptr);
  CHECK((*claim_at(results[1], 4))["verdict"] == "wrong");
  REQUIRE(claim_at(results[1], 5) != nullptr);
  CHECK((*claim_at(results[1], 5))["verdict"] == "correct");
}

TEST_CASE("audit evaluates each probe right after its line, before a later statement rebinds the name",
          "[audit][probes]") {
  // Issue 10 item 4: probes were appended after the example, so each saw the name as the end of
  // the example left it: scores reversed, a new `first`, the second map (already consumed), a
  // list where the tuple was. In every tier, sandboxed too, they now see it at their line.
  const std::vector<std::string> where = GENERATE(std::vector<std::string>{},
                                                  std::vector<std::string>{"--isolation", "process"},
                                                  std::vector<std::string>{"--sandbox", "--allow-weaker-sandbox"});
  Scratch scratch;
  std::vector<std::string> args = {"audit", (fs::path(SNIPCHECK_FIXTURES) / "probes-at-line" / "notes.md").string(),
                                   "--json", (scratch.path / "audit.json").string()};
  args.insert(args.end(), where.begin(), where.end());
  Run run = snipcheck(args, scratch.path);
  INFO(run.out << run.err);
  CHECK(run.status == 1);
  json report = json::parse(slurp(scratch.path / "audit.json"), nullptr, false);
  REQUIRE_FALSE(report.is_discarded());
  std::map<int, json> results = by_question(report);
  REQUIRE(results.size() == 4);
  auto verdict = [&](int question, int line) {
    const json* claim = claim_at(results[question], line);
    return claim == nullptr ? std::string("<no claim>") : (*claim)["verdict"].get<std::string>();
  };
  auto hint = [&](int question, int line) {
    const json* claim = claim_at(results[question], line);
    return claim == nullptr ? std::string() : (*claim)["hint"].get<std::string>();
  };
  // 1. `scores.sort()  # [1, 2, 3]`, then scores reversed: the comment is scores' value there.
  CHECK(verdict(1, 2) == "descriptive");
  CHECK(contains(hint(1, 2), "describes the value of scores afterwards ([1, 2, 3], checked)"));
  CHECK(verdict(1, 4) == "correct");
  CHECK(results[1]["verdict"] == "pass");
  // 2. `alias is first  # True`, then `first` rebound: True there (still not printed).
  CHECK(verdict(2, 3) == "wrong");
  CHECK(contains(hint(2, 3), "the value is True (checked), but a script does not echo values"));
  CHECK(verdict(2, 5) == "correct");
  // 3. `print(shown)` of a map, then `shown` rebound and consumed: list(shown) there is the claim.
  CHECK(verdict(3, 3) == "wrong");
  CHECK(contains(hint(3, 3), "list(shown) gives the claimed ['B', 'A'] (checked)"));
  CHECK(verdict(3, 5) == "correct");
  // 4. `# point[0] = 5  # TypeError` while point is a tuple; a list after it.
  CHECK(verdict(4, 2) == "correct");
  CHECK(contains((*claim_at(results[4], 2))["matched"].get<std::string>(), "where line 2 stands"));
  CHECK(verdict(4, 5) == "correct");
  CHECK(results[4]["verdict"] == "pass");
  // The example ran as written: what a statement printed is the example's alone.
  CHECK((*claim_at(results[3], 5))["actual"] == "['b', 'a']");
}

TEST_CASE("import and audit of Markdown whose examples are indented by their layout", "[audit][dedent]") {
  // Issue 10 item 5, on tests/fixtures/indented-material/indented.md (the forms real documents
  // showed: fences in list items, nested lists and blockquotes, indented code blocks, tabs, a
  // fence four spaces deep): every example runs as its reader copies it, and every claim keeps
  // the material line it is on. Q9 has a line of code less indented than the rest: python3
  // refuses it too, so it stays an error.
  Scratch scratch;
  fs::path material = fs::path(SNIPCHECK_FIXTURES) / "indented-material" / "indented.md";

  SECTION("import writes each example without its margin, and the bank runs") {
    fs::path bank = scratch.path / "bank";
    Run run = snipcheck({"import", material.string(), "--out", bank.string()}, scratch.path);
    INFO(run.out << run.err);
    REQUIRE(run.status == 0);
    CHECK(contains(run.out, "imported 9 questions"));
    CHECK(slurp(bank / "snippets" / "001-fence-list-item-lines-further-right.py") ==
          "total = 0\nfor step in range(3):\n    total += step\n\nprint(total)  # 3\n");
    CHECK(slurp(bank / "snippets" / "005-tabs.py") == "size = len(\"four\")\nif size:\n    print(size)  # 4\n");
    CHECK(slurp(bank / "snippets" / "006-comment-less-indented-than-code.py") ==
          "# sorted returns a new list\nitems = sorted([3, 1, 2])\nprint(items)  # [1, 2, 3]\n");
    Run ran = snipcheck({"run", bank.string(), "-j", "1"}, scratch.path);
    INFO(ran.out << ran.err);
    CHECK(ran.status == 1);
    CHECK(contains(ran.out, "9 questions: 8 pass, 1 error"));
    CHECK(contains(ran.out, "IndentationError: unexpected indent (009-"));
  }

  SECTION("audit judges every claim at its material line") {
    Run run = snipcheck({"audit", material.string(), "-j", "1", "--json", (scratch.path / "audit.json").string()},
                        scratch.path);
    INFO(run.out << run.err);
    json report = json::parse(slurp(scratch.path / "audit.json"), nullptr, false);
    REQUIRE_FALSE(report.is_discarded());
    std::map<int, json> results = by_question(report);
    REQUIRE(results.size() == 9);
    // question -> (snippet line, material line, verdict) of each claim.
    std::map<int, std::vector<std::tuple<int, int, std::string>>> claims;
    for (const auto& [number, result] : results) {
      for (const json& claim : result["claims"]) {
        claims[number].emplace_back(claim["line"].get<int>(), claim["material_line"].get<int>(),
                                    claim["verdict"].get<std::string>());
      }
    }
    using Claims = std::vector<std::tuple<int, int, std::string>>;
    CHECK(claims[1] == Claims{{5, 14, "correct"}});
    CHECK(claims[2] == Claims{{2, 24, "correct"}});
    CHECK(claims[3] == Claims{{2, 31, "correct"}});
    CHECK(claims[4] == Claims{{3, 40, "correct"}});
    CHECK(claims[5] == Claims{{3, 47, "correct"}});
    CHECK(claims[6] == Claims{{1, 55, "descriptive"}, {3, 57, "correct"}});
    CHECK(claims[7] == Claims{{1, 64, "correct"}});
    CHECK(claims[8] == Claims{{1, 72, "correct"}});  // a transcript's output: its own line, not the prompt's
    for (int number = 1; number <= 8; ++number) CHECK(results[number]["verdict"] == "pass");
    CHECK(results[9]["verdict"] == "error");
    CHECK(results[9]["error"]["type"] == "IndentationError");
  }
}

TEST_CASE("audit runs the blocks under one heading as one session", "[audit][sessions]") {
  // Issue 10, item 3, on tests/fixtures/sessions-material/sessions.md (written for these tests):
  // a setup block, blocks and a transcript that use it, one that uses a name no block defines
  // (a fragment), one whose claim is wrong once the earlier blocks ran, a new heading, and a
  // setup that needs a module this machine lacks, with a block that uses what it would define.
  Scratch scratch;
  const fs::path material = fs::path(SNIPCHECK_FIXTURES) / "sessions-material" / "sessions.md";
  const std::string fragment = "a fragment: it uses 'discount', which neither it nor an earlier block of its session defines";

  SECTION("import writes continues for every block of a session but the first") {
    fs::path bank = scratch.path / "bank";
    Run run = snipcheck({"import", material.string(), "--out", bank.string()}, scratch.path);
    INFO(run.out << run.err);
    REQUIRE(run.status == 0);
    CHECK(contains(run.out, "5 continuing a session"));
    std::string toml = slurp(bank / "snipcheck.toml");
    CHECK(contains(toml, "[question.\"002-1-prices-total-2\"]\n"));
    std::size_t count = 0;
    for (std::size_t at = toml.find("continues = "); at != std::string::npos; at = toml.find("continues = ", at + 1)) ++count;
    CHECK(count == 5);
    CHECK(contains(toml, "continues = \"001-1-prices-total\"\n"));
    CHECK(contains(toml, "continues = \"004-1-prices-total-4\"\n"));
    CHECK_FALSE(contains(toml.substr(toml.find("[question.\"006-"), toml.find("[question.\"007-") - toml.find("[question.\"006-")),
                         "continues"));
    // The bank runs as the audit does: the second block sees the first's names.
    Run ran = snipcheck({"run", bank.string(), "-k", "002-*", "--json", (scratch.path / "run.json").string()}, scratch.path);
    INFO(ran.out << ran.err);
    json report = json::parse(slurp(scratch.path / "run.json"), nullptr, false);
    REQUIRE_FALSE(report.is_discarded());
    CHECK(report["results"][0]["verdict"] == "pass");
    CHECK(report["results"][0]["stdout"] == "8\n2\n");
  }

  SECTION("audit judges every claim of the session") {
    Run run = snipcheck({"audit", material.string(), "--json", (scratch.path / "audit.json").string(), "--markdown",
                         (scratch.path / "audit.md").string()},
                        scratch.path);
    INFO(run.out << run.err);
    CHECK(run.status == 1);  // the wrong claim
    json report = json::parse(slurp(scratch.path / "audit.json"), nullptr, false);
    REQUIRE_FALSE(report.is_discarded());
    std::map<int, json> results = by_question(report);
    REQUIRE(results.size() == 8);
    std::map<int, int> block_lines;
    for (auto& [number, result] : results) block_lines[number] = result["block_line"].get<int>();
    CHECK(block_lines == std::map<int, int>{{1, 11}, {2, 24}, {3, 31}, {4, 38}, {5, 44}, {6, 51}, {7, 59}, {8, 65}});
    auto verdict_at = [&](int question, int line) {
      const json* claim = claim_at(results[question], line);
      return claim == nullptr ? std::string("<no claim>") : (*claim)["verdict"].get<std::string>();
    };
    CHECK(results[1]["verdict"] == "pass");
    CHECK(verdict_at(1, 8) == "correct");
    CHECK(results[2]["verdict"] == "pass");
    CHECK(results[2]["stdout"] == "8\n2\n");  // the setup's "ready" is the first block's output only
    CHECK(verdict_at(2, 1) == "correct");
    CHECK(verdict_at(2, 2) == "correct");
    CHECK(results[3]["verdict"] == "pass");
    CHECK(verdict_at(3, 1) == "correct");
    CHECK(results[4]["verdict"] == "unverifiable");
    CHECK(results[4]["reason"] == fragment);
    CHECK(verdict_at(4, 1) == "unverifiable");
    CHECK(results[5]["verdict"] == "wrong");
    REQUIRE(claim_at(results[5], 2) != nullptr);
    CHECK(verdict_at(5, 2) == "wrong");
    CHECK((*claim_at(results[5], 2))["actual"] == "8");
    CHECK(results[6]["verdict"] == "pass");
    CHECK(verdict_at(6, 1) == "correct");
    // The setup lacks a module; the block after it uses what it would have defined: both
    // unverifiable, neither an error.
    CHECK(results[7]["verdict"] == "unverifiable");
    CHECK(results[7]["reason"] == "module 'cafe_settings' is not installed on this machine");
    CHECK(results[8]["verdict"] == "unverifiable");
    CHECK(contains(results[8]["reason"], "it uses 'config', which an earlier block of its session (007-"));
    CHECK(contains(results[8]["reason"], "never defined: that block raised ModuleNotFoundError: No module named "
                                         "'cafe_settings' (line 1)"));
    CHECK(verdict_at(8, 1) == "unverifiable");
    for (auto& [number, result] : results) CHECK(result["claims"].size() == (number == 2 ? 2U : number == 7 ? 0U : 1U));
    CHECK(report["summary"]["claims"]["correct"] == 5);
    CHECK(report["summary"]["claims"]["wrong"] == 1);
    CHECK(report["summary"]["claims"]["unverifiable"] == 2);
    CHECK(contains(slurp(scratch.path / "audit.md"), "(line 38): " + fragment));
    CHECK(contains(run.out, "line 38"));
  }

  SECTION("--no-sessions runs every block alone") {
    Run run = snipcheck({"audit", material.string(), "--no-sessions", "--json", (scratch.path / "alone.json").string()},
                        scratch.path);
    INFO(run.out << run.err);
    json report = json::parse(slurp(scratch.path / "alone.json"), nullptr, false);
    REQUIRE_FALSE(report.is_discarded());
    std::map<int, json> results = by_question(report);
    REQUIRE(results.size() == 8);
    CHECK(results[1]["verdict"] == "pass");
    CHECK(results[2]["verdict"] == "unverifiable");
    CHECK(results[2]["reason"] == "a fragment: it uses 'total', which it never defines");
    CHECK(results[4]["reason"] == "a fragment: it uses 'discount', which it never defines");
    CHECK(results[5]["verdict"] == "unverifiable");
    CHECK(results[6]["verdict"] == "pass");
    CHECK(results[8]["reason"] == "a fragment: it uses 'config', which it never defines");
  }
}

TEST_CASE("audit runs transcripts as a REPL runs them", "[audit][repl]") {
  // Issue 10 item 2: run as scripts, the transcripts echoed nothing, stopped at the first
  // exception (what followed "not reached", a correct traceback wrong) and a claimed None was
  // "correct" through a probe; run as a REPL, each claim is held to what its prompt showed.
  Scratch scratch;
  const fs::path material = fs::path(SNIPCHECK_FIXTURES) / "transcripts" / "transcripts.md";
  Run run = snipcheck({"audit", material.string(), "--json", (scratch.path / "audit.json").string()}, scratch.path);
  INFO(run.out << run.err);
  CHECK(run.status == 1);
  json report = json::parse(slurp(scratch.path / "audit.json"), nullptr, false);
  REQUIRE_FALSE(report.is_discarded());
  std::map<int, json> results = by_question(report);
  REQUIRE(results.size() == 4);
  std::map<std::pair<int, int>, std::string> verdicts, hints;
  for (const auto& [question, result] : results) {
    for (const json& claim : result["claims"]) {
      verdicts[{question, claim["line"].get<int>()}] = claim["verdict"];
      hints[{question, claim["line"].get<int>()}] = claim["hint"];
    }
  }
  using Verdicts = std::map<std::pair<int, int>, std::string>;
  CHECK(verdicts == Verdicts{{{1, 2}, "correct"}, {{1, 3}, "correct"}, {{1, 5}, "correct"},
                             {{2, 2}, "wrong"},   {{2, 3}, "correct"},
                             {{3, 2}, "correct"}, {{3, 3}, "correct"}, {{3, 4}, "correct"}, {{3, 5}, "correct"},
                             {{3, 6}, "correct"}, {{3, 7}, "correct"},
                             {{4, 3}, "correct"}, {{4, 7}, "correct"}, {{4, 8}, "wrong"}});
  CHECK(hints[{2, 2}] == "the REPL shows nothing: the value is None");
  CHECK(run.out.find("Q2 line 26: claims None, shows nothing — the REPL shows nothing: the value is None") !=
        std::string::npos);
  CHECK(hints[{4, 8}] == "str() vs repr(): the REPL echoes a repr() (with its quotes); the claim shows the str()");
  for (const auto& [key, hint] : hints) CHECK(hint.find("a script does not echo") == std::string::npos);
  CHECK(results[1]["verdict"] == "pass");
  CHECK(results[2]["verdict"] == "wrong");
  CHECK(results[3]["verdict"] == "pass");
  CHECK(results[4]["verdict"] == "wrong");

  SECTION("import writes each transcript with mode = \"repl\" and what its REPL shows") {
    const fs::path bank = scratch.path / "bank";
    Run imported = snipcheck({"import", material.string(), "--out", bank.string()}, scratch.path);
    INFO(imported.out << imported.err);
    REQUIRE(imported.status == 0);
    CHECK(slurp(bank / "snippets" / "004-loops-functions-at-prompt.py") ==
          "for word in [\"a\", \"bb\"]:\n    len(word)\n\ndef double(n):\n    return n * 2\n\ndouble(21)\n\"ab\" * 2\n");
    CHECK(slurp(bank / "expected" / "003-errors-not-end-session.out") ==
          "Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\nKeyError: 'k'\n0\n"
          "Traceback (most recent call last):\n    ...\nValueError: invalid literal for int() with base 10: 'seven'\n2.5\n"
          "ValueError: 3 is not in list\n3\n");
    const std::string settings = slurp(bank / "snipcheck.toml");
    CHECK(settings.find("[question.\"003-errors-not-end-session\"]\ntitle = \"Errors do not end the session\"\n"
                        "source_line = 31\nlanguage = \"python\"\ncompare = \"claims\"\nmode = \"repl\"\n") != std::string::npos);
    // The bank runs: the transcript whose every output is right passes, tracebacks included.
    Run ran = snipcheck({"run", bank.string(), "--json", (scratch.path / "run.json").string()}, scratch.path);
    INFO(ran.out << ran.err);
    json run_report = json::parse(slurp(scratch.path / "run.json"), nullptr, false);
    REQUIRE_FALSE(run_report.is_discarded());
    std::map<std::string, std::string> run_verdicts;
    for (const json& result : run_report["results"]) run_verdicts[result["id"]] = result["verdict"];
    CHECK(run_verdicts == std::map<std::string, std::string>{{"001-values-at-prompt", "pass"},
                                                             {"002-methods-that-return-none", "wrong"},
                                                             {"003-errors-not-end-session", "pass"},
                                                             {"004-loops-functions-at-prompt", "wrong"}});
  }
}

TEST_CASE("audit judges numbers, ids, raises, old Python and guesses like an editor", "[audit][judge]") {
  // Issue 11 (judge side), on tests/fixtures/judge-material/judging.md: every claim's verdict.
  Scratch scratch;
  fs::path material = fs::path(SNIPCHECK_FIXTURES) / "judge-material" / "judging.md";
  Run run = snipcheck({"audit", material.string(), "-j", "1", "--json", (scratch.path / "audit.json").string(),
                       "--markdown", (scratch.path / "audit.md").string()},
                      scratch.path);
  INFO(run.out << run.err);
  CHECK(run.status == 1);
  json report = json::parse(slurp(scratch.path / "audit.json"), nullptr, false);
  REQUIRE_FALSE(report.is_discarded());
  std::map<int, json> results = by_question(report);
  REQUIRE(results.size() == 10);
  std::map<int, Claims> claims = claims_by_question(results);
  auto hint = [&](int question, int line) {
    const json* claim = claim_at(results[question], line);
    return claim == nullptr ? std::string() : (*claim)["hint"].get<std::string>();
  };
  // 0.1 + 0.2 is not 0.3; 6 / 3 is 2.0; round() and 7 / 2 are what they claim.
  CHECK(claims[1] == Claims{{1, 8, "wrong"}, {2, 9, "wrong"}, {3, 10, "correct"}, {4, 11, "correct"}});
  CHECK(contains(hint(1, 1), "a float prints every digit its value needs (0.30000000000000004)"));
  CHECK(contains(hint(1, 2), "true division (/) returns a float"));
  // numpy-style 9., quotes of another style, approximate thousands, a label.
  CHECK(claims[2] == Claims{{2, 18, "format"}, {3, 19, "format"}, {4, 20, "correct"}, {5, 21, "format"}});
  // The quotes of a repr where print shows the str, and the other way round.
  CHECK(claims[3] == Claims{{2, 28, "wrong"}, {3, 29, "wrong"}});
  CHECK(contains(hint(3, 2), "str() vs repr()"));
  CHECK(contains(hint(3, 3), "str() vs repr()"));
  // An address written 0x7f..., an id: never wrong.
  CHECK(claims[4] == Claims{{5, 39, "correct"}, {6, 40, "nondeterministic"}});
  // `point[0] = 5  # TypeError` inside the try that catches it.
  CHECK(claims[5] == Claims{{3, 48, "correct"}});
  // Python 2: every claim unverifiable, with that reason.
  CHECK(claims[6] == Claims{{1, 56, "unverifiable"}, {3, 58, "unverifiable"}});
  CHECK(results[6]["verdict"] == "unverifiable");
  CHECK(contains(results[6]["reason"].get<std::string>(), "Python 2 code (the print statement)"));
  CHECK(contains(hint(6, 3), "Python 2 code"));
  // A claim stated for Python < 3.7, with what 3.11 prints.
  CHECK(claims[7] == Claims{{2, 65, "version-dependent"}, {3, 66, "correct"}});
  CHECK(contains(hint(7, 2), "stated for Python < 3.7; Python 3.11 prints ['b', 'a']"));
  // The output block's third line is wrong: its material line, the statement that printed it.
  CHECK(claims[8] == Claims{{0, 82, "wrong"}});
  CHECK(contains(hint(8, 0), "line 3 of the output block claims tree, the example prints three (printed by the "
                             "statement at line 72)"));  // the material's lines
  CHECK(contains(run.out, "Q8 output block (material line 82): claims one, two, tree, done"));
  // A one-word comment that may not be a claim: unsure, listed, not failing.
  CHECK(claims[9] == Claims{{2, 90, "unsure"}});
  CHECK(results[9]["verdict"] != "wrong");
  REQUIRE(report["unsure"].size() == 1);
  CHECK(report["unsure"][0]["question"] == 9);
  CHECK(report["unsure"][0]["confidence"].get<double>() < 1.0);
  CHECK(report["summary"]["claims"]["unsure"] == 1);
  CHECK(report["summary"]["claims"]["version-dependent"] == 1);
  CHECK(contains(run.out, "unsure (that these are claims is a guess; not failing):"));
  CHECK(contains(run.out, "Q9 line 90 (confidence 0.6): claims desserts, prints tressed"));
  std::string markdown = slurp(scratch.path / "audit.md");
  CHECK(contains(markdown, "## Unsure claims (a guess, not failing)"));
  CHECK(contains(markdown, "| 90 | `desserts` | `tressed` | 0.6 |"));
  // A line that does not compile, documented as such: that claim holds and the question does not
  // fail; the claim before it is not judged (the program as copied ran nothing), and says why.
  CHECK(claims[10] == Claims{{2, 97, "unverifiable"}, {3, 98, "correct"}});
  CHECK(contains(hint(10, 2), "not judged: the example does not compile on Python 3.11 (line 3: SyntaxError"));
  CHECK(results[10]["verdict"] == "pass");
  // Exactly the five wrong claims fail: nothing else.
  CHECK(report["summary"]["claims"]["wrong"] == 5);
}

TEST_CASE("audit reads the Python a claim is stated for: version-dependent only where it does not hold", "[audit][version]") {
  // Issue 11, on tests/fixtures/version-material/versions.md: every form, every claim's verdict.
  Scratch scratch;
  fs::path material = fs::path(SNIPCHECK_FIXTURES) / "version-material" / "versions.md";
  Run run = snipcheck({"audit", material.string(), "-j", "1", "--json", (scratch.path / "audit.json").string()}, scratch.path);
  INFO(run.out << run.err);
  CHECK(run.status == 1);
  json report = json::parse(slurp(scratch.path / "audit.json"), nullptr, false);
  REQUIRE_FALSE(report.is_discarded());
  std::map<int, json> results = by_question(report);
  REQUIRE(results.size() == 6);
  std::map<int, Claims> claims = claims_by_question(results);
  auto hint = [&](int question, int line, std::size_t index = 0) {
    std::size_t seen = 0;
    for (const json& claim : results[question]["claims"]) {
      if (claim["line"] == line && seen++ == index) return claim["hint"].get<std::string>();
    }
    return std::string();
  };
  // "Output (< Python 3.7):" does not hold on 3.11; "Output (Python 3.7+):" is judged as any other.
  CHECK(claims[1] == Claims{{0, 16, "version-dependent"}, {0, 22, "correct"}});
  CHECK(contains(hint(1, 0), "stated for Python < 3.7; Python 3.11 prints ['pears', 'apples', 'figs']"));
  // "In Python 2 this prints:" then the block; "Output in Python 2:".
  CHECK(claims[2] == Claims{{0, 34, "version-dependent"}});
  CHECK(contains(hint(2, 0), "stated for Python 2; Python 3.11 prints 4.5"));
  CHECK(claims[3] == Claims{{0, 46, "version-dependent"}});
  CHECK(contains(hint(3, 0), "stated for Python 2; Python 3.11 prints 4"));
  // "Output (Python 3.8):" that holds on 3.11 too: correct.
  CHECK(claims[4] == Claims{{0, 59, "correct"}});
  // Prose before the example states its comments for Python 2: the one that differs is
  // version-dependent, the one that holds correct.
  CHECK(claims[5] == Claims{{1, 67, "version-dependent"}, {2, 68, "correct"}});
  CHECK(contains(hint(5, 1), "Python 3.11 prints <class 'int'>"));
  // "# Python 3.8+" heads lines judged as any other (11 is wrong); "# in 3.12: 1.0" does not hold
  // on 3.11; "# Python 2: 10" does; "# [...]  # Python 3.7+" is judged as any other.
  CHECK(claims[6] == Claims{{1, 74, "descriptive"},
                            {3, 76, "correct"},
                            {4, 77, "wrong"},
                            {6, 79, "version-dependent"},
                            {7, 80, "correct"},
                            {8, 81, "correct"}});
  CHECK(hint(6, 4).empty());  // "claims 11, prints 10" says it all
  CHECK(contains(hint(6, 6), "stated for Python 3.12; Python 3.11 prints 0.9999999999999999"));
  CHECK(report["summary"]["claims"]["version-dependent"] == 5);
  CHECK(report["summary"]["claims"]["wrong"] == 1);
}

TEST_CASE("audit: a comment that lists the outputs a line may print is not a wrong claim", "[audit][alternatives]") {
  // Issue 11, on tests/fixtures/listed-outputs/listing.md: every claim's verdict.
  Scratch scratch;
  fs::path material = fs::path(SNIPCHECK_FIXTURES) / "listed-outputs" / "listing.md";
  Run run = snipcheck({"audit", material.string(), "-j", "1", "--json", (scratch.path / "audit.json").string()}, scratch.path);
  INFO(run.out << run.err);
  CHECK(run.status == 1);
  json report = json::parse(slurp(scratch.path / "audit.json"), nullptr, false);
  REQUIRE_FALSE(report.is_discarded());
  std::map<int, json> results = by_question(report);
  REQUIRE(results.size() == 3);
  std::map<int, Claims> claims = claims_by_question(results);
  // "True or False" for a check that gives one: descriptive; "True, False" may be that or two
  // printed lines: unsure; a single value is judged as any claim.
  CHECK(claims[1] == Claims{{4, 11, "descriptive"}, {5, 12, "unsure"}, {6, 13, "correct"}});
  CHECK(contains((*claim_at(results[1], 4))["hint"], "the comment lists possible outputs (True or False); it prints False, one of them"));
  // "1 / 2 / 3" and "left | right" for one random pick; "0 or 2" where 1 is printed: unsure.
  CHECK(claims[2] == Claims{{4, 22, "descriptive"}, {5, 23, "descriptive"}, {6, 24, "unsure"}});
  CHECK(contains((*claim_at(results[2], 6))["hint"], "it prints 1, none of them"));
  // Printed lines joined by commas stay format; two values neither of which is printed stay wrong.
  CHECK(claims[3] == Claims{{2, 31, "format"}, {3, 32, "wrong"}});
  CHECK(report["summary"]["claims"]["wrong"] == 1);
}

TEST_CASE("material in no known format is a usage error naming the file", "[audit][import]") {
  Scratch scratch;
  fs::path text = scratch.path / "shopping.txt";
  write(text, "eggs\nmilk\nbread\n");
  Run run = snipcheck({"audit", text.string()}, scratch.path);
  CHECK(run.status == 2);
  CHECK(contains(run.err, text.string() + ": not a material snipcheck can read"));
  Run import = snipcheck({"import", text.string(), "--out", (scratch.path / "bank").string()}, scratch.path);
  CHECK(import.status == 2);
  CHECK_FALSE(fs::exists(scratch.path / "bank"));
}

// Issue 9: std::regex recursed once per character and overflowed the stack (SIGSEGV, exit 139)
// on any line of some 26,000 characters; a 200,000-digit printed number crashed the claim matcher.
TEST_CASE("import and audit of material with megabyte lines exit normally", "[audit][import][long-line]") {
  Scratch scratch;
  // A megabyte: forty times what crashed. A job this large also filled the supervisor's
  // non-blocking socket, and was dropped half-sent (runner/protocol.cpp write_all).
  const std::string mb(1 << 20, 'x');
  const std::string spaces(1 << 20, ' ');
  fs::path markdown = scratch.path / "long.md";
  write(markdown, "# Long lines\n\n## 1. A literal\n\n```python\ns = \"" + mb + "\"\nprint(len(s))  # 1048576\n```\n\n"
                  "## 2. A comment\n\n```python\nprint(1)  # " + mb + "\n```\n\n"
                  "## 3. An untagged block\n\n```\n" + mb + "\n```\n\n"
                  "## 4. A huge number\n\n```python\nprint(10 ** 200000 - 1)  # 1.5\nprint(2**2000)  # 1.5\n```\n");
  Run import = snipcheck({"import", markdown.string(), "--out", (scratch.path / "bank").string()}, scratch.path);
  CHECK(import.status == 0);
  CHECK(contains(import.out, "imported"));
  Run audit = snipcheck({"audit", markdown.string(), "--json", (scratch.path / "audit.json").string()}, scratch.path);
  INFO(audit.err);
  CHECK(audit.status == 1);  // the claims "1.5" are wrong: a verdict, not a crash
  json report = json::parse(slurp(scratch.path / "audit.json"), nullptr, false);
  REQUIRE_FALSE(report.is_discarded());
  CHECK(claims_with(report, "wrong").count({4, 1}) == 1);
  CHECK(claims_with(report, "wrong").count({4, 2}) == 1);
  CHECK(claims_with(report, "correct").count({1, 2}) == 1);
  // A one-word comment on a print() line may be a claim: a guess, so unsure (issue 11), not wrong.
  CHECK(claims_with(report, "unsure").count({2, 1}) == 1);
  CHECK(by_question(report).at(3)["verdict"] != "crash");

  fs::path article = scratch.path / "long.txt";
  write(article, "1. Spaces after the heading?" + spaces + "\n\nExample:\nprint(1)  # 1\n\nVerification: x" + spaces +
                     "\n");
  Run article_import = snipcheck({"import", article.string(), "--out", (scratch.path / "bank2").string()}, scratch.path);
  INFO(article_import.err);
  CHECK(article_import.status == 0);
}

TEST_CASE("material larger than the limit is a usage error naming the file", "[audit][import]") {
  Scratch scratch;
  fs::path markdown = scratch.path / "huge.md";
  std::string section = "## Part\n\n```python\nprint(1)  # 1\n```\n\n" + std::string(1000, 'p') + "\n\n";
  std::string text;
  while (text.size() <= 16 * 1024 * 1024) text += section;
  write(markdown, text);
  Run run = snipcheck({"import", markdown.string(), "--out", (scratch.path / "bank").string()}, scratch.path);
  CHECK(run.status == 2);
  CHECK(contains(run.err, markdown.string() + ": material too large"));
  CHECK(contains(run.err, "16 MiB"));
  CHECK_FALSE(fs::exists(scratch.path / "bank"));
}

// Issue 9: md4c reports a NUL twice and import doubled it; the runner passed the code as a C
// string, so everything after the NUL was silently lost. python3 FILE refuses this file with
// "SyntaxError: invalid syntax" (its tokenizer drops the rest of a line after a NUL).
TEST_CASE("a NUL in a code block is imported once and run as python3 runs it", "[audit][import][nul]") {
  Scratch scratch;
  fs::path markdown = scratch.path / "nul.md";
  write(markdown, "## 1. Nul\n\n```python\nprint(1)\0\nprint(2)\n```\n"s);
  fs::path bank = scratch.path / "bank";
  Run import = snipcheck({"import", markdown.string(), "--out", bank.string()}, scratch.path);
  INFO(import.err);
  REQUIRE(import.status == 0);
  std::string snippet;
  for (const fs::directory_entry& entry : fs::directory_iterator(bank / "snippets")) snippet = slurp(entry.path());
  CHECK(snippet == "print(1)\0\nprint(2)\n"s);
  Run run = snipcheck({"run", bank.string(), "--json", (scratch.path / "run.json").string()}, scratch.path);
  json report = json::parse(slurp(scratch.path / "run.json"), nullptr, false);
  REQUIRE_FALSE(report.is_discarded());
  REQUIRE(report["results"].size() == 1);
  const json& result = report["results"][0];
  CHECK(result["verdict"] == "error");
  CHECK(result.dump().find("SyntaxError") != std::string::npos);
  CHECK(result.dump().find("invalid syntax") != std::string::npos);
}

TEST_CASE("audit reads a document as its reader runs it: sessions of blocks and transcripts, in lists and quotes",
          "[audit][sessions][repl][dedent]") {
  // Issue 10, its parts together, on tests/fixtures/read-as-run/guide.md (written for this test):
  // a setup block in a list item that a transcript in the next item uses (dedent + session +
  // transcript: an exception mid-transcript, a `for` at the prompt, None not shown), a
  // transcript whose first prompt raises before it defines what a quoted transcript after it
  // uses (the earlier block is a transcript too: it runs prompt by prompt, so the definition
  // after the exception is made), and a script whose claim's value is read at its line.
  Scratch scratch;
  const fs::path material = fs::path(SNIPCHECK_FIXTURES) / "read-as-run" / "guide.md";
  auto audit = [&](const std::vector<std::string>& extra) {
    std::vector<std::string> args = {"audit", material.string(), "--json", (scratch.path / "audit.json").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    Run run = snipcheck(args, scratch.path);
    INFO(run.out << run.err);
    CHECK(run.status == 1);
    json report = json::parse(slurp(scratch.path / "audit.json"), nullptr, false);
    REQUIRE_FALSE(report.is_discarded());
    return by_question(report);
  };

  SECTION("as one session per heading, in every tier") {
    const std::vector<std::string> where = GENERATE(std::vector<std::string>{},
                                                    std::vector<std::string>{"--isolation", "process"});
    std::map<int, json> results = audit(where);
    REQUIRE(results.size() == 5);
    CHECK(results[1]["verdict"] == "no_claim");
    CHECK(results[1]["block_line"] == 11);
    CHECK(results[2]["continues"] == "001-prices-totals");
    CHECK(claims_by_question(results)[2] ==
          Claims{{1, 21, "correct"}, {2, 23, "correct"}, {5, 29, "correct"}, {7, 33, "correct"}, {8, 35, "correct"}});
    CHECK(results[2]["verdict"] == "pass");
    CHECK(claims_by_question(results)[3] == Claims{{1, 42, "correct"}, {4, 48, "correct"}});
    CHECK(results[4]["continues"] == "003-counter-kept-between-transcripts");
    CHECK(claims_by_question(results)[4] == Claims{{2, 56, "correct"}, {3, 58, "wrong"}});  // transcripts: the output's lines
    CHECK((*claim_at(results[4], 3))["actual"] == "3");
    CHECK(claims_by_question(results)[5] == Claims{{3, 66, "wrong"}, {5, 68, "correct"}});
    CHECK(contains((*claim_at(results[5], 3))["hint"].get<std::string>(), "the value is True (checked)"));
  }
  SECTION("--no-sessions: a block that uses an earlier one's names is a fragment, never an error") {
    std::map<int, json> results = audit({"--no-sessions"});
    REQUIRE(results.size() == 5);
    for (int question : {2, 4}) {
      CHECK(results[question]["verdict"] == "unverifiable");
      CHECK(contains(results[question]["reason"].get<std::string>(), "a fragment"));
    }
    CHECK(results[3]["verdict"] == "pass");
    CHECK(results[5]["verdict"] == "wrong");
  }
}

TEST_CASE("audit reads claims like an editor: commentary, a value and its note, output labels", "[audit][claim-reading]") {
  // Issue 11, false alarms 1, 2 and 5 and miss 1, on tests/fixtures/claim-reading/notes.md (the
  // forms real documents showed, written here): comments that explain assignments, imports and
  // conditions are descriptive; a value followed by words is judged by its value (one of them is
  // wrong: the last item is 30); "# Output:" under a statement, an "# Output" comment block, a
  // bold Output label over a python fence, "Output (Python 3.8):" over a console fence and output
  // written in the block after "# Output:" (one line wrong: 2 ** 3 is 8) are read; prose after an
  // Output label is not.
  Scratch scratch;
  fs::path material = fs::path(SNIPCHECK_FIXTURES) / "claim-reading" / "notes.md";
  Run run = snipcheck({"audit", material.string(), "-j", "1", "--json", (scratch.path / "audit.json").string()},
                      scratch.path);
  INFO(run.out << run.err);
  CHECK(run.status == 1);
  json report = json::parse(slurp(scratch.path / "audit.json"), nullptr, false);
  REQUIRE_FALSE(report.is_discarded());
  std::map<int, json> results = by_question(report);
  REQUIRE(results.size() == 7);
  std::map<int, Claims> claims = claims_by_question(results);
  CHECK(claims[1] == Claims{{2, 11, "descriptive"},
                            {3, 12, "descriptive"},
                            {4, 13, "descriptive"},
                            {5, 14, "descriptive"},
                            {6, 15, "descriptive"},
                            {8, 17, "correct"}});
  CHECK(claims[2] ==
        Claims{{3, 25, "correct"}, {4, 26, "correct"}, {5, 27, "correct"}, {6, 28, "correct"}, {7, 29, "wrong"}});
  // "# Output: 6" under print(total): the claim is the statement's, its material line the comment's.
  CHECK(claims[3] == Claims{{2, 37, "correct"}, {6, 40, "correct"}});
  CHECK(claims[4] == Claims{{0, 55, "correct"}});  // an output block: the line it starts on
  CHECK(claims[5] == Claims{{0, 68, "correct"}});
  CHECK(claims[6] == Claims{{3, 76, "descriptive"}, {0, 78, "wrong"}});  // its first wrong line
  CHECK(claims[7].empty());
  const json* last = claim_at(results[2], 7);
  REQUIRE(last != nullptr);
  CHECK((*last)["expected"] == "20");
  CHECK((*last)["actual"] == "30");
  CHECK(results[1]["verdict"] == "pass");
  CHECK(results[3]["verdict"] == "pass");
  CHECK(results[4]["verdict"] == "pass");
  CHECK(results[5]["verdict"] == "pass");
  CHECK(results[6]["verdict"] == "wrong");
  CHECK(results[7]["verdict"] == "no_claim");
  // The output written in the block left the code: the example ran.
  CHECK(results[6]["claims"][1]["actual"] == "1024\n8");
  // --fix corrects the value and keeps the words after it as written.
  Run fixed = snipcheck({"audit", material.string(), "-j", "1", "--fix", (scratch.path / "fix.diff").string()}, scratch.path);
  INFO(fixed.out << fixed.err);
  std::string diff = slurp(scratch.path / "fix.diff");
  CHECK(contains(diff, "-print(stock[-1])  # 20 — the last item\n+print(stock[-1])  # 30 — the last item\n"));
}

TEST_CASE("audit reads a plain fence after an example as code when it reads as code", "[audit][plain-fences]") {
  // Found on a real interview-question document: the next example, in a fence with no tag right
  // after one, was taken for that example's output (every claim of both wrong or lost), and
  // "# output?", a question to the reader, for a claim that printed nothing. On
  // tests/fixtures/plain-fences/quiz.md: a definition in a plain fence is an example of its own;
  // values in one are output; "# output?" is descriptive; the two wrong claims are flagged.
  Scratch scratch;
  fs::path material = fs::path(SNIPCHECK_FIXTURES) / "plain-fences" / "quiz.md";
  Run run = snipcheck({"audit", material.string(), "-j", "1", "--json", (scratch.path / "audit.json").string()},
                      scratch.path);
  INFO(run.out << run.err);
  CHECK(run.status == 1);
  json report = json::parse(slurp(scratch.path / "audit.json"), nullptr, false);
  REQUIRE_FALSE(report.is_discarded());
  std::map<int, json> results = by_question(report);
  REQUIRE(results.size() == 5);
  std::map<int, Claims> claims = claims_by_question(results);
  CHECK(claims[1] == Claims{{1, 6, "correct"}});
  CHECK(claims[2] == Claims{{4, 13, "correct"}});
  CHECK(claims[3] == Claims{{0, 25, "correct"}});
  CHECK(claims[4] == Claims{{2, 32, "descriptive"}, {3, 33, "descriptive"}, {4, 34, "correct"}, {5, 35, "wrong"}});
  CHECK(results[1]["verdict"] == "pass");
  CHECK(results[2]["verdict"] == "pass");
  CHECK(results[3]["verdict"] == "pass");
  CHECK(results[4]["verdict"] == "wrong");
  // "# Output: 3" under print(half): reported on the comment's line, and --fix keeps its marker.
  CHECK(claims[5] == Claims{{2, 43, "wrong"}});
  Run fixed = snipcheck({"audit", material.string(), "-j", "1", "--fix", (scratch.path / "fix.diff").string()}, scratch.path);
  INFO(fixed.out << fixed.err);
  std::string diff = slurp(scratch.path / "fix.diff");
  CHECK(contains(diff, "-# Output: 3\n+# Output: 3.5\n"));
  CHECK(contains(diff, "-print(len(stack))  # 3\n+print(len(stack))  # 2\n"));
}

TEST_CASE("audit --fix: the diff applies, and the next audit finds the fixed claims correct", "[audit][fix]") {
  // Issue 11 (reporting), on tests/fixtures/fix-material/tutorial.md (written for this test): a
  // wrong claim in each form the audit judges (trailing comments with a label, a marker, an
  // approximation, quotes and a note; "# Output:" under its statement and on it; an Output block
  // under a bold label and one under a heading; a transcript's echoes, one of two lines and a
  // traceback), and three that no comment can correct, which --fix lists on stderr.
  Scratch scratch;
  fs::path original = fs::path(SNIPCHECK_FIXTURES) / "fix-material" / "tutorial.md";
  fs::path folder = scratch.path / "article";
  write(folder / "tutorial.md", slurp(original));
  fs::copy_file(original, scratch.path / "tutorial.md");
  fs::path material = folder / "tutorial.md";
  fs::path patch = scratch.path / "fix.diff";
  auto audit = [&](const std::string& report) {
    return snipcheck({"audit", material.string(), "-j", "1", "-q", "--json", (scratch.path / report).string(), "--fix",
                      patch.string()},
                     scratch.path);
  };
  auto claims_in = [&](const std::string& report) {
    json parsed = json::parse(slurp(scratch.path / report), nullptr, false);
    REQUIRE_FALSE(parsed.is_discarded());
    return claims_by_question(by_question(parsed));
  };
  const std::string unfixed =
      "snipcheck: --fix left 3 wrong claims to the editor:\n"
      "  Q6 material line 83: claims 1, 3 — prints 2 lines, and a comment holds one: write them as an Output block\n"
      "  Q6 material line 84: claims 4 — the line prints nothing: print() the value, or reword the comment\n"
      "  Q6 material line 85: claims [0, 1, 2] — prints 150 characters, too long for one comment\n";

  Run first = audit("first.json");
  INFO(first.out << first.err);
  CHECK(first.status == 1);
  std::map<int, Claims> before = claims_in("first.json");
  CHECK(before[1] == Claims{{2, 10, "wrong"}, {3, 11, "wrong"}, {4, 12, "wrong"}, {5, 13, "wrong"}, {6, 14, "wrong"},
                            {7, 15, "correct"}, {8, 16, "wrong"}, {9, 17, "wrong"}, {10, 18, "wrong"}, {11, 19, "wrong"}});
  CHECK(before[3] == Claims{{0, 42, "wrong"}});  // the block's wrong line
  CHECK(before[5] == Claims{{2, 68, "wrong"}, {3, 70, "wrong"}, {4, 72, "wrong"}, {5, 75, "wrong"}});
  CHECK(contains(first.err, unfixed));
  std::string diff = slurp(patch);
  // Each claim keeps its style: the label once, the marker, the approximation, the quotes, the note.
  for (const char* change : {"\n+print(\"Items:\", len(shelf))  # Items: 3\n", "\n+print(len(shelf) * 5)  # => 15\n",
                             "+print(shelf[::-1][:2])  # -> ['nib', 'ink']\n",
                             "+print(len(shelf[0]))  # 3 — letters in the first word\n",
                             "+print(sum([0.25] * 9))  # ~ 2.2\n", "+print(22 / 7)  # about 3.1 on any machine\n",
                             "+print(repr(shelf[1]))  # \"ink\"\n", "+print(shelf[2])  # nib\n",
                             "\n+# Output: 5\n", "\n+print(min(widths))  # Output: 3\n",
                             " 9\n-15\n+16\n 25\n", " running total 3\n-running total 8\n+running total 7\n running total 12\n",
                             "-['red', 'blue']\n+['blue', 'red']\n", " one\n-three\n+two\n",
                             "   ...\n-KeyError: 'yellow'\n+KeyError: 'green'\n"}) {
    INFO(change);
    CHECK(contains(diff, change));
  }
  CHECK_FALSE(contains(diff, "Items: Items"));
  CHECK_FALSE(contains(diff, "range(40)"));

  // The patch applies as an editor applies it, with git apply and with patch -p1.
  CHECK(std::system(("cd '" + scratch.path.string() + "' && /usr/bin/git apply --check '" + patch.string() + "'").c_str()) == 0);
  REQUIRE(std::system(("cd '" + folder.string() + "' && /usr/bin/patch -s -p1 < '" + patch.string() + "'").c_str()) == 0);

  Run second = audit("second.json");
  INFO(second.out << second.err);
  CHECK(second.status == 1);  // the three it left
  std::map<int, Claims> after = claims_in("second.json");
  // "ink" in double quotes where the repr writes 'ink': the quotes of the original, which the
  // audit calls format.
  CHECK(after[1] == Claims{{2, 10, "correct"}, {3, 11, "correct"}, {4, 12, "correct"}, {5, 13, "correct"},
                           {6, 14, "correct"}, {7, 15, "correct"}, {8, 16, "correct"}, {9, 17, "correct"},
                           {10, 18, "format"}, {11, 19, "correct"}});
  CHECK(after[2] == Claims{{2, 27, "correct"}, {4, 28, "correct"}});
  CHECK(after[3] == Claims{{0, 41, "correct"}});
  CHECK(after[4] == Claims{{0, 58, "correct"}});
  CHECK(after[5] == Claims{{2, 68, "correct"}, {3, 70, "correct"}, {4, 72, "correct"}, {5, 75, "correct"}});
  CHECK(after[6] == Claims{{1, 83, "wrong"}, {2, 84, "wrong"}, {3, 85, "wrong"}});
  CHECK(contains(second.err, unfixed));
  // Nothing more to correct: the second diff is empty.
  CHECK(slurp(patch).empty());
}

TEST_CASE("audit reads an Answer block under a question and judges its values", "[audit][answer-blocks]") {
  // Issue 11, miss 1 and false alarm 2 in output blocks, on tests/fixtures/answer-blocks/quiz.md
  // (written here, in the forms "what is the output?" pages use): the untagged block after an
  // **Answer:** paragraph is the example's output; notes after its values ("3  ← three letters",
  // "# ...") and blank lines between groups are not output; a line that says it may vary is no
  // grounds for wrong; the exception that ended the example is its last line (a message of an
  // older Python is wrong); a wrong value is named by its own line; a python block under the
  // answer is code.
  Scratch scratch;
  fs::path material = fs::path(SNIPCHECK_FIXTURES) / "answer-blocks" / "quiz.md";
  Run run = snipcheck({"audit", material.string(), "-j", "1", "--json", (scratch.path / "audit.json").string()},
                      scratch.path);
  INFO(run.out << run.err);
  CHECK(run.status == 1);
  json report = json::parse(slurp(scratch.path / "audit.json"), nullptr, false);
  REQUIRE_FALSE(report.is_discarded());
  std::map<int, json> results = by_question(report);
  REQUIRE(results.size() == 8);
  std::map<int, Claims> claims = claims_by_question(results);
  CHECK(claims[1] == Claims{{0, 19, "correct"}});
  CHECK(claims[2] == Claims{{0, 33, "format"}});
  CHECK(claims[3] == Claims{{0, 50, "nondeterministic"}});
  CHECK(claims[4] == Claims{{0, 64, "correct"}});
  CHECK(claims[5] == Claims{{0, 79, "wrong"}});
  CHECK(claims[6] == Claims{{0, 92, "wrong"}});  // its second line: 7 / 2 prints 3.5
  CHECK(claims[7].empty());
  CHECK(claims[8].empty());
  CHECK(results[4]["verdict"] == "pass");  // the KeyError is the one the block shows
  CHECK(contains(results[5]["claims"][0]["hint"].get<std::string>(), "the example raised UnboundLocalError"));
  CHECK(results[6]["verdict"] == "wrong");
  CHECK(results[6]["claims"][0]["actual"] == "3\n3.5");
}

TEST_CASE("audit tells remarks around claims from claims, and reads printed text in quotes", "[audit][claim-reading]") {
  // Issue 11, false alarms 1 and 5, on tests/fixtures/claim-reading/remarks.md (written here): a
  // Note line under "# Output:" lines is prose; "# Output:" after a def body's return (the example
  // never calls it) and a rough figure on an assignment are guesses, never wrong; text shown in
  // double quotes is what print() writes without them (one of those is wrong: 2.5 rounds to 2);
  // values written with commas where print() puts spaces are format; a column of notes after two
  // spaces and a '!' after the value are not part of it (one is wrong: 700 is 700 in one script);
  // a bare value on the comment line under a print() is its claim (wrong: the classes print with
  // their module), one with words after it a remark.
  Scratch scratch;
  fs::path material = fs::path(SNIPCHECK_FIXTURES) / "claim-reading" / "remarks.md";
  Run run = snipcheck({"audit", material.string(), "-j", "1", "--json", (scratch.path / "audit.json").string()},
                      scratch.path);
  INFO(run.out << run.err);
  CHECK(run.status == 1);
  json report = json::parse(slurp(scratch.path / "audit.json"), nullptr, false);
  REQUIRE_FALSE(report.is_discarded());
  std::map<int, json> results = by_question(report);
  REQUIRE(results.size() == 6);
  std::map<int, Claims> claims = claims_by_question(results);
  CHECK(claims[1] == Claims{{4, 11, "correct"}, {7, 14, "descriptive"}});
  CHECK(claims[2] == Claims{{3, 22, "unsure"}});
  CHECK(claims[3] == Claims{{1, 28, "unsure"}, {2, 29, "correct"}});
  CHECK(claims[4] == Claims{{2, 36, "format"}, {3, 37, "format"}, {4, 38, "format"}, {5, 39, "wrong"}});
  CHECK(claims[5] == Claims{{2, 46, "format"}, {3, 47, "correct"}, {4, 48, "correct"}, {5, 49, "wrong"}, {6, 50, "format"}});
  CHECK(claims[6] == Claims{{4, 60, "wrong"}, {8, 63, "descriptive"}});  // the comment line under its print; a remark
  CHECK(contains(claim_at(results[6], 4)->at("actual").get<std::string>(), "<class '__main__.Leaf'>"));
  CHECK(results[1]["verdict"] == "pass");
  CHECK(results[4]["verdict"] == "wrong");
}

namespace {

// import then run, against audit (issue 11, Reporting): the verdicts per question of one material.
struct Parity {
  std::map<std::string, json> audit;     // id -> the audit's result (its claims in "claims")
  std::map<std::string, std::string> run;  // id -> run's verdict on the imported bank
};

Parity audit_and_run(const fs::path& material, const Scratch& scratch) {
  Parity parity;
  const fs::path audit_json = scratch.path / "audit.json", run_json = scratch.path / "run.json";
  Run audited = snipcheck({"audit", material.string(), "-j", "2", "--json", audit_json.string()}, scratch.path);
  INFO(audited.out << audited.err);
  REQUIRE((audited.status == 0 || audited.status == 1));
  Run imported = snipcheck({"import", material.string(), "--out", (scratch.path / "bank").string()}, scratch.path);
  INFO(imported.out << imported.err);
  REQUIRE(imported.status == 0);
  Run ran = snipcheck({"run", (scratch.path / "bank").string(), "-j", "2", "--json", run_json.string()}, scratch.path);
  INFO(ran.out << ran.err);
  REQUIRE((ran.status == 0 || ran.status == 1));
  const json audit_report = json::parse(slurp(audit_json)), run_report = json::parse(slurp(run_json));
  for (const json& result : audit_report["results"]) parity.audit[result["id"]] = result;
  for (const json& result : run_report["results"]) parity.run[result["id"]] = result["verdict"];
  return parity;
}

// A claim an expected file can carry: about what is printed, not evaluated in the namespace (a
// verification sentence, commented-out code that raises) and not a comment that only describes.
bool about_output(const json& claim) {
  const std::string kind = claim["kind"];
  return kind == "output" || kind == "approximate" || kind == "example";
}

bool has_claim(const json& result, bool (*kind)(const json&), std::initializer_list<const char*> verdicts) {
  for (const json& claim : result["claims"]) {
    for (const char* verdict : verdicts) {
      if (kind(claim) && claim["verdict"] == verdict) return true;
    }
  }
  return false;
}

// The verdicts agree: run fails no question for a claim the audit does not call wrong; a wrong
// claim about output fails the question in both; a question the audit passes on an output claim
// passes; one it passes on claims run cannot see (a file written, code in a comment that raises)
// is no_claim; no_claim and unverifiable are never wrong (unverifiable may fail for what this
// machine lacks, as the audit says: an error or a timeout, never `wrong`).
std::vector<std::string> disagreements(const Parity& parity) {
  std::vector<std::string> found;
  for (const auto& [id, result] : parity.audit) {
    const std::string audit = result["verdict"];
    auto at = parity.run.find(id);
    const std::string run = at == parity.run.end() ? "missing" : at->second;
    bool agree = false;
    if (audit == "wrong") {
      agree = run == "wrong" || (!has_claim(result, about_output, {"wrong"}) && run == "no_claim");
    } else if (audit == "pass") {
      agree = run == "pass" || (!has_claim(result, about_output, {"correct", "format", "nondeterministic"}) &&
                                (run == "no_claim"));
    } else if (audit == "no_claim") {
      agree = run == "no_claim" || run == "pass";
    } else if (audit == "unverifiable") {
      agree = run != "wrong" && run != "pass";
    } else {
      agree = run == audit;
    }
    if (!agree) found.push_back(id + ": audit " + audit + ", run " + run);
  }
  return found;
}

}  // namespace

TEST_CASE("import then run gives the audit's verdict, question by question", "[audit][import][parity]") {
  // tests/fixtures/parity/: our own materials, one claim form a question, each with a wrong claim.
  for (const char* name : {"comments.md", "outputs.md", "prompts.md"}) {
    DYNAMIC_SECTION(name) {
      Scratch scratch;
      Parity parity = audit_and_run(fs::path(SNIPCHECK_FIXTURES) / "parity" / name, scratch);
      REQUIRE(parity.audit.size() >= 5);
      // Written to agree exactly: every question's verdict the same.
      for (const auto& [id, result] : parity.audit) {
        INFO(id);
        CHECK(parity.run.at(id) == result["verdict"]);
      }
      int wrong = 0;
      for (const auto& [id, result] : parity.audit) wrong += result["verdict"] == "wrong" ? 1 : 0;
      CHECK(wrong >= 1);
    }
  }
  // The other materials of tests/fixtures/ and the seed material, by the rules above.
  SECTION("judging.md") {
    Scratch scratch;
    Parity parity = audit_and_run(fs::path(SNIPCHECK_FIXTURES) / "judge-material" / "judging.md", scratch);
    // Left to do: a bank cannot say that its example raises (the material's `# SyntaxError` on the
    // line that does not compile), so run reports the error the audit calls documented.
    CHECK(disagreements(parity) == std::vector<std::string>{"010-line-that-not-compile: audit pass, run error"});
  }
  SECTION("claim-reading/notes.md") {
    Scratch scratch;
    Parity parity = audit_and_run(fs::path(SNIPCHECK_FIXTURES) / "claim-reading" / "notes.md", scratch);
    // A claim stated for another Python ("Output (Python 3.8):") that holds on this one: the audit
    // passes it; import writes no expected output from it (on this Python it may not hold), so
    // run finds nothing to compare.
    CHECK(disagreements(parity) ==
          std::vector<std::string>{"005-output-label-naming-version-then-console: audit pass, run no_claim"});
  }
  for (const fs::path& material :
       {fs::path(SNIPCHECK_FIXTURES) / "transcripts" / "transcripts.md",
        fs::path(SNIPCHECK_FIXTURES) / "indented-material" / "indented.md", k_material}) {
    DYNAMIC_SECTION(material.filename().string()) {
      Scratch scratch;
      Parity parity = audit_and_run(material, scratch);
      CHECK(disagreements(parity) == std::vector<std::string>{});
    }
  }
}

namespace {

// An audit of tests/fixtures/claim-judging/NAME with its JSON report.
struct JudgedDocument {
  Scratch scratch;
  Run run;
  json report;
  std::map<int, json> results;
  std::map<int, Claims> claims;
  explicit JudgedDocument(const std::string& name) {
    fs::path material = fs::path(SNIPCHECK_FIXTURES) / "claim-judging" / name;
    run = snipcheck({"audit", material.string(), "-j", "1", "--json", (scratch.path / "audit.json").string()},
                    scratch.path);
    report = json::parse(slurp(scratch.path / "audit.json"), nullptr, false);
    if (!report.is_discarded()) results = by_question(report);
    claims = claims_by_question(results);
  }
};

}  // namespace

TEST_CASE("audit holds a claim that a print() line raises to the exception it raised", "[audit][claim-judging]") {
  // Issue 11, finding 1: print(prices["coffee"]) raises before it prints; "# KeyError: 'coffee'"
  // and "# raises ValueError" say so, as on a bare expression, and the example failing there is
  // what the material documents. Naming another exception than the one raised is not that.
  JudgedDocument audit("errors.md");
  INFO(audit.run.out << audit.run.err);
  REQUIRE(audit.results.size() == 3);
  CHECK(audit.claims[1] == Claims{{2, 7, "correct"}});
  CHECK(audit.claims[2] == Claims{{1, 13, "correct"}});
  CHECK(audit.claims[3] == Claims{{2, 20, "unsure"}});
  CHECK(audit.results[1]["verdict"] == "pass");
  CHECK(audit.results[2]["verdict"] == "pass");
  CHECK(audit.results[3]["verdict"] == "error");
  CHECK(audit.run.status == 1);
}

TEST_CASE("audit holds an output block that ends with a traceback doctest-style", "[audit][claim-judging]") {
  // Issue 11, finding 3: the block is held to what the example printed, then the exception by its
  // last line (the frames' file names and line numbers are not compared); a holding block
  // documents the error that ended the example. Another message is wrong, on the block's own line
  // of it; a block that leaves the exception out is not judged, and says what stopped the example.
  JudgedDocument audit("tracebacks.md");
  INFO(audit.run.out << audit.run.err);
  REQUIRE(audit.results.size() == 3);
  CHECK(audit.claims[1] == Claims{{0, 14, "correct"}});
  CHECK(audit.claims[2] == Claims{{0, 34, "wrong"}});
  CHECK(audit.claims[3] == Claims{{0, 47, "unverifiable"}});
  CHECK(audit.results[1]["verdict"] == "pass");
  CHECK(audit.results[2]["verdict"] == "error");
  CHECK(audit.results[3]["verdict"] == "error");
  CHECK(audit.results[2]["claims"][0]["actual"] == "before\nZeroDivisionError: integer division or modulo by zero");
  std::string hint = audit.results[3]["claims"][0]["hint"];
  CHECK_FALSE(contains(hint, "not reached"));
  CHECK(contains(hint, "ValueError"));
}

TEST_CASE("audit reads output blocks and rough values the way tutorials write them", "[audit][claim-judging]") {
  // Issue 11, finding 4: a set in a block of several lines, shown in another order, is format as
  // on one line; a "..." line stands for the lines it leaves out (a wrong line after it is named);
  // "~3", "about 0.7", "≈ 300" hold at their own precision (1.67 for "~2.5" does not); a str's
  // hash changes every run (PYTHONHASHSEED), as an id does: never wrong.
  JudgedDocument audit("presentation.md");
  INFO(audit.run.out << audit.run.err);
  REQUIRE(audit.results.size() == 6);
  CHECK(audit.claims[1] == Claims{{0, 14, "format"}});
  CHECK(audit.claims[2] == Claims{{0, 28, "correct"}});
  CHECK(audit.claims[3] == Claims{{0, 46, "wrong"}});
  CHECK(audit.claims[4] ==
        Claims{{1, 52, "correct"}, {2, 53, "correct"}, {3, 54, "correct"}, {4, 55, "correct"}, {5, 56, "wrong"}});
  CHECK(audit.claims[5] == Claims{{1, 62, "nondeterministic"}});
  CHECK(audit.claims[6] == Claims{{0, 74, "nondeterministic"}});
  for (int question : {1, 2, 5, 6}) CHECK(audit.results[question]["verdict"] == "pass");
  CHECK(contains(audit.results[3]["claims"][0]["hint"].get<std::string>(), "claims 10, the example prints there 11"));
  CHECK(audit.run.status == 1);
}

TEST_CASE("audit reads unicode arrows and verbs as output claims", "[audit][claim-judging]") {
  // Issue 11, finding 10: "# → x" and "# ⇒ x" as "# -> x"; "# should be", "# gives", "# returns"
  // on a print() line. On a bare expression "returns" speaks of the value, not of output.
  JudgedDocument audit("arrows.md");
  INFO(audit.run.out << audit.run.err);
  REQUIRE(audit.results.size() == 1);
  CHECK(audit.claims[1] == Claims{{2, 5, "correct"},
                                  {3, 6, "wrong"},
                                  {5, 8, "wrong"},
                                  {6, 9, "correct"},
                                  {7, 10, "correct"},
                                  {8, 11, "descriptive"}});
  CHECK(audit.results[1]["verdict"] == "wrong");
  CHECK(contains(audit.run.out, "Q1 line 6: claims 6, prints 5"));
}

TEST_CASE("audit reads comment lines under a statement as what it printed, line by line", "[audit][comment-output]") {
  // Found on a real interview-question document: a call, then comment lines with what it showed,
  // were descriptive, so a method printing a word more or a bare attribute a script never echoes
  // went unflagged. On tests/fixtures/comment-output/notes.md each comment line under a statement
  // that prints (or a bare call or expression) is a claim at its own material line, held to that
  // line of the statement's output; prose and code left in a comment are not output; a guess
  // (words of the code's strings) where the statement prints more lines than shown is unsure.
  Scratch scratch;
  fs::path material = fs::path(SNIPCHECK_FIXTURES) / "comment-output" / "notes.md";
  Run run = snipcheck({"audit", material.string(), "-j", "1", "--json", (scratch.path / "audit.json").string()},
                      scratch.path);
  INFO(run.out << run.err);
  CHECK(run.status == 1);
  json report = json::parse(slurp(scratch.path / "audit.json"), nullptr, false);
  REQUIRE_FALSE(report.is_discarded());
  std::map<int, json> results = by_question(report);
  REQUIRE(results.size() == 6);
  std::map<int, Claims> claims = claims_by_question(results);
  CHECK(claims[1] == Claims{{9, 15, "correct"}, {11, 17, "wrong"}});
  CHECK(claims[2] == Claims{{2, 26, "correct"}, {2, 27, "wrong"}});
  CHECK(claims[3] == Claims{{2, 35, "wrong"}, {4, 37, "wrong"}});
  CHECK(claims[4] == Claims{{5, 47, "descriptive"}, {7, 49, "descriptive"}, {8, 50, "descriptive"}, {9, 52, "unsure"}});
  CHECK(claims[5] == Claims{{10, 68, "unsure"}, {12, 70, "correct"}, {12, 71, "correct"}});
  CHECK(claims[6] == Claims{{1, 79, "correct"}, {1, 80, "wrong"}});
  CHECK(results[4]["verdict"] == "no_claim");
  CHECK(results[5]["verdict"] == "pass");
  CHECK(contains(run.out, "claims 3 5, prints 3 4"));
  CHECK(contains(run.out, "the statement prints 3 lines; the comment lines under it show 2, not 20"));
  // --fix rewrites the wrong line of a run, and writes the lines a run leaves out under its last.
  Run fixed = snipcheck({"audit", material.string(), "-j", "1", "--fix", (scratch.path / "fix.diff").string()}, scratch.path);
  INFO(fixed.out << fixed.err);
  std::string diff = slurp(scratch.path / "fix.diff");
  CHECK(contains(diff, "-# hello from Greeter\n+# hello from obj\n"));
  CHECK(contains(diff, "-# 3 5\n+# 3 4\n"));
  CHECK(contains(diff, " # 10\n+# 20\n"));
}

TEST_CASE("audit of README's sample article: each form, and what the report says of it", "[audit][readme]") {
  // tests/fixtures/readme-audit/article.md, written for README's "Auditing material": a trailing
  // comment, an Output block, a transcript and a claim for another Python, one wrong claim each
  // but the last. README shows this audit's report; this test keeps it true.
  Scratch scratch;
  fs::path material = fs::path(SNIPCHECK_FIXTURES) / "readme-audit" / "article.md";
  Run run = snipcheck({"audit", material.string(), "-j", "2", "--json", (scratch.path / "audit.json").string()},
                      scratch.path);
  INFO(run.out << run.err);
  CHECK(run.status == 1);
  json report = json::parse(slurp(scratch.path / "audit.json"), nullptr, false);
  REQUIRE_FALSE(report.is_discarded());
  std::map<int, json> results = by_question(report);
  std::map<int, Claims> claims = claims_by_question(results);
  CHECK(claims[1] == Claims{{4, 9, "wrong"}});
  CHECK(claims[2] == Claims{{0, 25, "wrong"}});  // the block's wrong line
  CHECK(claims[3] == Claims{{2, 33, "correct"}, {3, 35, "correct"}, {4, 39, "wrong"}});
  CHECK(claims[4] == Claims{{1, 45, "correct"}, {2, 46, "correct"}, {3, 47, "version-dependent"}});
  CHECK(contains(run.out, "Q1 line 9: claims 4, prints 3\n"));
  CHECK(contains(run.out, "line 2 of the output block claims [92, 70, 55], the example prints [55, 70, 92] "
                          "(printed by the statement at line 18)"));
  CHECK(contains(run.out, "Q3 line 39: claims 3, shows 4\n"));
  CHECK(contains(run.out, "stated for Python 2; Python 3.11 prints 2"));
  CHECK(contains(run.out, "4 questions, 3 wrong claims"));
}
