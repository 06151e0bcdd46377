// End-to-end tests of what a CI job and a reader of a failure see (issue 12 items 4, 5, 7, 10):
// `run --shard K/N` and `snipcheck merge`, GitHub annotations, what a failure shows, `check`'s
// quiet output. Each test writes its own small bank and runs the built binary.
//
// Compile definitions: SNIPCHECK_EXE = path of the snipcheck binary (SNIPCHECK_TEST_EXE in the
// environment runs another build, to see a test fail against it).

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/temp_dir.hpp"
#include "util/fs.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using snipcheck::testing::write_tree;

std::string exe() {
  const char* other = std::getenv("SNIPCHECK_TEST_EXE");
  return other != nullptr && *other != '\0' ? other : SNIPCHECK_EXE;
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Ran {
  int status = -1;
  std::string out, err;
};

struct Spawn {
  std::vector<std::string> args;                 // after the binary
  std::map<std::string, std::string> env;        // set ("" value: removed)
  std::optional<fs::path> cwd;
  std::optional<std::string> stdin_path;         // default /dev/null
  std::optional<std::string> tty_input;          // stdin is a pseudo-terminal fed this, then EOF
};

// Runs snipcheck with stdout and stderr into files (no pipes to keep from filling up).
Ran run(const Spawn& spec) {
  snipcheck::TempDir io("snipcheck-ci-io");
  const std::string out_path = (io.path() / "out").string(), err_path = (io.path() / "err").string();
  std::vector<std::string> argv = {exe()};
  argv.insert(argv.end(), spec.args.begin(), spec.args.end());
  std::vector<std::string> env_text;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    std::string text = *entry;
    const std::string name = text.substr(0, text.find('='));
    if (!spec.env.contains(name)) env_text.push_back(text);
  }
  for (const auto& [name, value] : spec.env) {
    if (!value.empty()) env_text.push_back(name + "=" + value);
  }
  int master = -1;
  std::string slave_name = spec.stdin_path.value_or("/dev/null");
  if (spec.tty_input) {
    master = ::posix_openpt(O_RDWR | O_NOCTTY);
    REQUIRE(master >= 0);
    REQUIRE(::grantpt(master) == 0);
    REQUIRE(::unlockpt(master) == 0);
    slave_name = ::ptsname(master);
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, slave_name.c_str(), O_RDWR | O_NOCTTY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (spec.cwd) posix_spawn_file_actions_addchdir_np(&actions, spec.cwd->c_str());
  std::vector<char*> c_argv, c_env;
  for (auto& arg : argv) c_argv.push_back(arg.data());
  c_argv.push_back(nullptr);
  for (auto& entry : env_text) c_env.push_back(entry.data());
  c_env.push_back(nullptr);
  pid_t pid = -1;
  const int spawned = ::posix_spawn(&pid, c_argv[0], &actions, nullptr, c_argv.data(), c_env.data());
  posix_spawn_file_actions_destroy(&actions);
  REQUIRE(spawned == 0);
  if (spec.tty_input) {
    // Canonical mode: the text, then Ctrl-D at the start of a line ends the input.
    const std::string typed = *spec.tty_input + "\x04";
    REQUIRE(::write(master, typed.data(), typed.size()) == static_cast<ssize_t>(typed.size()));
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (master >= 0) ::close(master);
  Ran ran;
  ran.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  ran.out = slurp(out_path);
  ran.err = slurp(err_path);
  return ran;
}

Ran run(std::vector<std::string> args) { return run(Spawn{std::move(args), {}, {}, {}, {}}); }

json read_json(const fs::path& path) { return json::parse(slurp(path)); }

// A bank whose output is the same on every run: passes, failures, and a chain (003 -> 004).
std::map<std::string, std::string> steady_bank() {
  std::map<std::string, std::string> files = {
      {"snipcheck.toml", "[question.\"004-chained\"]\nafter = \"003-writes\"\n"},
      {"snippets/003-writes.py", "open('state.txt', 'w').write('kept')\nprint('wrote')\n"},
      {"expected/003-writes.out", "wrote\n"},
      {"snippets/004-chained.py", "print(open('state.txt').read())\n"},
      {"expected/004-chained.out", "kept\n"},
      {"snippets/006-wrong.py", "print('alpha')\nprint('beta')\n"},
      {"expected/006-wrong.out", "alpha\ngamma\n"},
      {"snippets/008-error.py", "x = 1\nprint(x / 0)\n"},
      {"expected/008-error.out", "\n"},
  };
  for (const char* id : {"001-one", "002-two", "005-five", "007-seven", "009-nine", "010-ten"}) {
    files[std::string("snippets/") + id + ".py"] = std::string("print('") + id + "')\n";
    files[std::string("expected/") + id + ".out"] = std::string(id) + "\n";
  }
  return files;
}

std::vector<std::string> ids_of(const json& report) {
  std::vector<std::string> ids;
  for (const json& result : report["results"]) ids.push_back(result["id"]);
  return ids;
}

// A report without what differs from run to run (time, worker processes).
json steady(json report) {
  report["summary"].erase("duration_ms");
  report["summary"].erase("workers");
  for (json& result : report["results"]) {
    result.erase("duration_ms");
    result.erase("worker");
  }
  return report;
}

}  // namespace

TEST_CASE("run --shard K/N and merge: three shards merged are the unsharded run", "[shard][merge]") {
  snipcheck::TempDir tmp("snipcheck-ci");
  const fs::path bank = tmp.path() / "bank";
  write_tree(bank, steady_bank());
  const Ran whole = run({"run", bank.string(), "-j", "1", "--json", (tmp.path() / "whole.json").string()});
  REQUIRE(whole.status == 1);

  std::set<std::string> seen;
  std::vector<std::string> merge_args = {"merge"};
  for (int k = 1; k <= 3; ++k) {
    const fs::path report = tmp.path() / ("shard-" + std::to_string(k) + ".json");
    const Ran part = run({"run", bank.string(), "-j", "1", "--shard", std::to_string(k) + "/3", "--json", report.string()});
    INFO(part.out << part.err);
    CHECK((part.status == 0 || part.status == 1));
    CHECK_THAT(part.out, Catch::Contains("shard " + std::to_string(k) + "/3: "));
    const json shard = read_json(report);
    CHECK(shard["shard"]["index"] == k);
    CHECK(shard["shard"]["count"] == 3);
    CHECK(shard["shard"]["questions"] == 10);
    const std::vector<std::string> ids = ids_of(shard);
    // Balanced by count (10 in 3: 3 or 4 each), disjoint, and a chain never cut.
    CHECK(ids.size() >= 3);
    CHECK(ids.size() <= 4);
    for (const std::string& id : ids) CHECK(seen.insert(id).second);
    const bool has_first = std::find(ids.begin(), ids.end(), "003-writes") != ids.end();
    const bool has_second = std::find(ids.begin(), ids.end(), "004-chained") != ids.end();
    CHECK(has_first == has_second);
    merge_args.push_back(report.string());
  }
  CHECK(seen.size() == 10);

  merge_args.insert(merge_args.end(), {"--json", (tmp.path() / "merged.json").string(), "--junit",
                                       (tmp.path() / "merged.xml").string()});
  const Ran merged = run(merge_args);
  INFO(merged.out << merged.err);
  CHECK(merged.status == whole.status);
  CHECK_THAT(merged.out, Catch::Contains("006-wrong"));
  CHECK_THAT(merged.out, Catch::Contains("10 questions: 8 pass, 1 wrong, 1 error"));
  CHECK(steady(read_json(tmp.path() / "merged.json")) == steady(read_json(tmp.path() / "whole.json")));
  const std::string junit = slurp(tmp.path() / "merged.xml");
  CHECK_THAT(junit, Catch::Contains("tests=\"10\""));
  CHECK_THAT(junit, Catch::Contains("failures=\"1\""));
  CHECK_THAT(junit, Catch::Contains("errors=\"1\""));
  CHECK_THAT(junit, Catch::Contains("name=\"010-ten\""));
}

TEST_CASE("merge refuses overlapping, missing and foreign shards with one message", "[shard][merge]") {
  snipcheck::TempDir tmp("snipcheck-ci");
  const fs::path bank = tmp.path() / "bank";
  write_tree(bank, steady_bank());
  auto shard = [&](const std::string& spec, const std::string& name, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"run", bank.string(), "-j", "1", "--shard", spec, "--json", (tmp.path() / name).string()};
    args.insert(args.end(), extra.begin(), extra.end());
    const Ran ran = run(args);
    REQUIRE((ran.status == 0 || ran.status == 1));
    return (tmp.path() / name).string();
  };
  const std::string one = shard("1/2", "1.json"), two = shard("2/2", "2.json");

  SECTION("a shard missing") {
    const Ran ran = run({"merge", one});
    CHECK(ran.status == 2);
    CHECK(ran.err == "snipcheck: error: missing shard 2/2 (merge takes the reports of all 2 shards)\n");
  }
  SECTION("the same shard twice") {
    const std::string again = shard("1/2", "1-again.json");
    const Ran ran = run({"merge", one, two, again});
    CHECK(ran.status == 2);
    CHECK_THAT(ran.err, Catch::Contains("overlapping shards"));
    CHECK_THAT(ran.err, Catch::Contains("both shard 1/2"));
  }
  SECTION("a question in two shards (cut from different durations)") {
    // All the time on 001: by these durations, 2/2 holds every question but 001.
    write_tree(tmp.path(), {{"durations.json", R"({"results": [{"id": "001-one", "duration_ms": 100000}]})"}});
    const std::string other = shard("2/2", "2-other.json", {"--durations-file", (tmp.path() / "durations.json").string()});
    const Ran ran = run({"merge", one, other});
    CHECK(ran.status == 2);
    CHECK_THAT(ran.err, Catch::Contains("overlapping shards: question"));
    CHECK(std::count(ran.err.begin(), ran.err.end(), '\n') == 1);
  }
  SECTION("shards of another N, or of another selection") {
    const std::string third = shard("1/3", "1-of-3.json");
    CHECK_THAT(run({"merge", one, third}).err, Catch::Contains("the shards of one run share N"));
    const std::string filtered = shard("2/2", "2-filtered.json", {"-k", "00*"});
    const Ran ran = run({"merge", one, filtered});
    CHECK(ran.status == 2);
    CHECK_THAT(ran.err, Catch::Contains("another selection"));
  }
  SECTION("a report that is not a shard's, and one that is not JSON") {
    const Ran whole = run({"run", bank.string(), "-j", "1", "--json", (tmp.path() / "whole.json").string()});
    REQUIRE(whole.status == 1);
    const Ran ran = run({"merge", one, (tmp.path() / "whole.json").string()});
    CHECK(ran.status == 2);
    CHECK_THAT(ran.err, Catch::Contains("whole.json: not a shard's report"));
    write_tree(tmp.path(), {{"junk.json", "{"}});
    CHECK_THAT(run({"merge", (tmp.path() / "junk.json").string()}).err, Catch::Contains("junk.json: not JSON"));
  }
  SECTION("the merged report may not replace a shard's") {
    const Ran ran = run({"merge", one, two, "--json", one});
    CHECK(ran.status == 2);
    CHECK_THAT(ran.err, Catch::Contains("which this command reads"));
    CHECK(read_json(one).contains("shard"));
  }
}

TEST_CASE("run --shard balances by --durations-file", "[shard]") {
  snipcheck::TempDir tmp("snipcheck-ci");
  const fs::path bank = tmp.path() / "bank";
  write_tree(bank, steady_bank());
  // 010 took as long as the rest together: alone in its part.
  std::string durations = R"({"results": [{"id": "010-ten", "duration_ms": 9000})";
  for (const char* id : {"001-one", "002-two", "003-writes", "004-chained", "005-five", "006-wrong", "007-seven",
                         "008-error", "009-nine"}) {
    durations += std::string(R"(, {"id": ")") + id + R"(", "duration_ms": 1000})";
  }
  write_tree(tmp.path(), {{"durations.json", durations + "]}"}});
  std::vector<std::vector<std::string>> parts;
  for (const char* spec : {"1/2", "2/2"}) {
    const fs::path report = tmp.path() / "part.json";
    const Ran ran = run({"run", bank.string(), "-j", "1", "--shard", spec, "--durations-file",
                         (tmp.path() / "durations.json").string(), "--json", report.string()});
    REQUIRE((ran.status == 0 || ran.status == 1));
    parts.push_back(ids_of(read_json(report)));
  }
  CHECK(parts[0] == std::vector<std::string>{"010-ten"});
  CHECK(parts[1].size() == 9);
}

TEST_CASE("run --shard refuses bad values with one message and status 2", "[shard]") {
  snipcheck::TempDir tmp("snipcheck-ci");
  write_tree(tmp.path() / "bank", steady_bank());
  for (const char* bad : {"0/2", "3/2", "x", "1/0", "2/-1"}) {
    const Ran ran = run({"run", (tmp.path() / "bank").string(), "--shard", bad});
    INFO(bad << ": " << ran.err);
    CHECK(ran.status == 2);
    CHECK_THAT(ran.err, Catch::StartsWith("snipcheck: --shard: "));
    CHECK(ran.out.empty());
  }
  const Ran alone = run({"run", (tmp.path() / "bank").string(), "--durations-file", "d.json"});
  CHECK(alone.status == 2);
  CHECK_THAT(alone.err, Catch::Contains("give --shard too"));
  write_tree(tmp.path(), {{"not-a-report.json", "[1, 2]"}});
  const Ran junk = run({"run", (tmp.path() / "bank").string(), "--shard", "1/2", "--durations-file",
                        (tmp.path() / "not-a-report.json").string()});
  CHECK(junk.status == 2);
  CHECK_THAT(junk.err, Catch::Contains("not-a-report.json: not a report"));
}

TEST_CASE("GitHub annotations point at the failing snippet line, escaped", "[annotate]") {
  snipcheck::TempDir tmp("snipcheck-ci");
  write_tree(tmp.path(), {
      {"bank/snippets/001-fine.py", "print('ok')\n"},
      {"bank/expected/001-fine.out", "ok\n"},
      {"bank/snippets/002-percent.py", "print('same')\nprint('100%, done')\nprint('tail')\n"},
      {"bank/expected/002-percent.out", "same\n50%, done\ntail\n"},
      {"bank/snippets/003-raises.py", "a = 1\n\nraise ValueError('bad: a, b')\n"},
  });
  const std::vector<std::string> expected_lines = {
      "::error file=bank/snippets/002-percent.py,line=2,title=snipcheck%3A 002-percent wrong::stdout differs from "
      "expected (exact)%0A--- expected%0A+++ actual%0A@@ -1,3 +1,3 @@%0A same%0A-50%25, done%0A+100%25, done%0A tail",
      "::error file=bank/snippets/003-raises.py,line=3,title=snipcheck%3A 003-raises error::ValueError: bad: a, b "
      "(line 3)%0ATraceback (most recent call last):%0A  File \"" + (tmp.path() / "bank/snippets/003-raises.py").string() +
          "\", line 3, in <module>%0A    raise ValueError('bad: a, b')%0AValueError: bad: a, b",
  };
  auto annotations = [](const std::string& out) {
    std::vector<std::string> lines;
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) {
      if (line.rfind("::error ", 0) == 0) lines.push_back(line);
    }
    return lines;
  };
  SECTION("GITHUB_ACTIONS=true turns them on") {
    const Ran ran = run(Spawn{{"run", "bank", "-j", "1"}, {{"GITHUB_ACTIONS", "true"}, {"GITHUB_WORKSPACE", ""}}, tmp.path(), {}, {}});
    CHECK(ran.status == 1);
    CHECK(annotations(ran.out) == expected_lines);
  }
  SECTION("--annotate github, from the workspace's root") {
    const Ran ran = run(Spawn{{"run", (tmp.path() / "bank").string(), "-j", "1", "--annotate", "github"},
                              {{"GITHUB_ACTIONS", ""}, {"GITHUB_WORKSPACE", tmp.path().string()}}, {}, {}, {}});
    CHECK(annotations(ran.out) == expected_lines);
  }
  SECTION("none without them, or with --annotate none") {
    CHECK(annotations(run(Spawn{{"run", "bank"}, {{"GITHUB_ACTIONS", ""}}, tmp.path(), {}, {}}).out).empty());
    CHECK(annotations(run(Spawn{{"run", "bank", "--annotate", "none"}, {{"GITHUB_ACTIONS", "true"}}, tmp.path(), {}, {}}).out)
              .empty());
  }
}

// The lines of `text` (without their newlines).
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST_CASE("a candidate's exception cannot forge a verdict line or a workflow command", "[check][annotate]") {
  snipcheck::TempDir tmp("snipcheck-ci");
  write_tree(tmp.path(), {
      {"cand.py", "raise ValueError(\"\\npass         candidate                            5 ms\\n"
                  "::warning file=x.py,line=1::injected\\n\\x1b[0m\\noverall: pass\")\n"},
      {"exp.out", "4\n"},
      // Its output, indented under the diff, holds a workflow command after the indentation.
      {"prints.py", "print('::add-mask::secret')\n"},
  });
  SECTION("the exception's newlines are shown, not kept: one verdict line, nothing at column 0 from it") {
    const Ran ran = run(Spawn{{"check", "--expected", "exp.out", "cand.py"}, {{"GITHUB_ACTIONS", ""}}, tmp.path(), {}, {}});
    INFO(ran.out << ran.err);
    CHECK(ran.status == 1);
    int verdicts = 0;
    for (const std::string& line : lines_of(ran.out)) {
      if (!line.empty() && line[0] != ' ') ++verdicts;
      CHECK(line.rfind("pass", 0) != 0);
      CHECK(line.rfind("::", 0) != 0);
      CHECK(line.rfind("overall", 0) != 0);
    }
    CHECK(verdicts == 1);
    CHECK(ran.out.find('\x1b') == std::string::npos);
    CHECK_THAT(ran.out, Catch::Contains("ValueError: \\npass         candidate"));
  }
  SECTION("--annotate github: workflow commands stopped around the report, resumed for snipcheck's own") {
    for (const char* code : {"cand.py", "prints.py"}) {
      const Ran ran = run(Spawn{{"check", "--expected", "exp.out", code, "--annotate", "github"},
                                {{"GITHUB_ACTIONS", ""}, {"GITHUB_WORKSPACE", tmp.path().string()}}, tmp.path(), {}, {}});
      INFO(ran.out << ran.err);
      CHECK(ran.status == 1);
      const std::vector<std::string> lines = lines_of(ran.out);
      REQUIRE(lines.size() >= 3);
      const std::string stop = "::stop-commands::";
      REQUIRE(lines.front().rfind(stop, 0) == 0);
      const std::string token = lines.front().substr(stop.size());
      CHECK(token.size() >= 32);
      std::size_t resumed = 0;
      while (resumed < lines.size() && lines[resumed] != "::" + token + "::") ++resumed;
      REQUIRE(resumed < lines.size());
      // Between them, the untrusted report; after them, only snipcheck's ::error lines.
      CHECK(resumed + 2 == lines.size());
      CHECK(lines.back().rfind("::error ", 0) == 0);
      bool any_command_text = false;
      for (std::size_t i = 1; i < resumed; ++i) {
        if (lines[i].find("::add-mask::") != std::string::npos || lines[i].find("::warning") != std::string::npos) {
          any_command_text = true;
        }
      }
      CHECK(any_command_text);  // it is there, but where the runner reads no command
    }
  }
  SECTION("run under GITHUB_ACTIONS=true: the same framing, each run its own token") {
    write_tree(tmp.path(), {{"bank/snippets/001-mask.py", "print('  ::add-mask::secret')\n"},
                            {"bank/expected/001-mask.out", "4\n"}});
    std::set<std::string> tokens;
    for (int i = 0; i < 2; ++i) {
      const Ran ran = run(Spawn{{"run", "bank", "-j", "1"}, {{"GITHUB_ACTIONS", "true"}, {"GITHUB_WORKSPACE", ""}}, tmp.path(), {}, {}});
      INFO(ran.out << ran.err);
      const std::vector<std::string> lines = lines_of(ran.out);
      REQUIRE_FALSE(lines.empty());
      REQUIRE(lines.front().rfind("::stop-commands::", 0) == 0);
      const std::string token = lines.front().substr(std::string("::stop-commands::").size());
      tokens.insert(token);
      CHECK_THAT(ran.out, Catch::Contains("\n::" + token + "::\n::error file=bank/snippets/001-mask.py"));
    }
    CHECK(tokens.size() == 2);
  }
}

TEST_CASE("the JUnit report is well-formed XML whatever a snippet prints", "[junit]") {
  // U+FFFE and U+FFFF are valid UTF-8 but not XML characters: a conforming parser stops at them.
  snipcheck::TempDir tmp("snipcheck-ci");
  write_tree(tmp.path(), {
      {"bank/snippets/001-nonchar.py", "print('a\\uffff b\\ufffe c\\x01')\nraise ValueError('\\uffff')\n"},
      {"bank/expected/001-nonchar.out", "x\n"},
  });
  const fs::path xml = tmp.path() / "r.xml";
  const Ran ran = run({"run", (tmp.path() / "bank").string(), "-j", "1", "--junit", xml.string()});
  INFO(ran.out << ran.err);
  CHECK(ran.status == 1);
  const std::string text = slurp(xml);
  INFO(text);
  CHECK(text.find("\xEF\xBF\xBF") == std::string::npos);
  CHECK(text.find("\xEF\xBF\xBE") == std::string::npos);
  CHECK_THAT(text, Catch::Contains("a\\uffff b\\ufffe c\\x01"));
  // Debian's Python (expat) as the judge of well-formedness.
  const std::string parse = "/usr/bin/python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' '" +
                            xml.string() + "'";
  CHECK(std::system(parse.c_str()) == 0);
}

TEST_CASE("a failure shows where and what: partial stdout, sys.exit's message, whitespace, the line", "[failure]") {
  snipcheck::TempDir tmp("snipcheck-ci");
  write_tree(tmp.path(), {
      {"bank/snippets/001-slow.py", "import time\nprint('started', flush=True)\nprint('step 1')\nwhile True:\n    time.sleep(0.01)\n"},
      {"bank/expected/001-slow.out", "started\nstep 1\nfinished\n"},
      {"bank/snippets/002-bye.py", "print('leaving')\nraise SystemExit('bye')\n"},
      {"bank/expected/002-bye.out", "leaving\n"},
      {"bank/snippets/003-spaces.py", "print('one  ')\nprint('a\\tb')\nprint('last', end='')\n"},
      {"bank/expected/003-spaces.out", "one\na    b\nlast\n"},
      {"bank/snippets/004-raises.py", "values = []\nfirst = values[0]\n"},
  });
  const Ran ran = run({"run", (tmp.path() / "bank").string(), "-j", "2", "--timeout", "1", "--json",
                       (tmp.path() / "report.json").string()});
  INFO(ran.out << ran.err);
  CHECK(ran.status == 1);
  // The timeout: the line it was stopped at, and what it printed before.
  CHECK_THAT(ran.out, Catch::Contains("    stopped at line 5: time.sleep(0.01)\n"));
  CHECK_THAT(ran.out, Catch::Contains("    stdout before it was stopped:\n    started\n    step 1\n"));
  // sys.exit's message is the reason.
  CHECK_THAT(ran.out, Catch::Contains("exited with status 1: bye (line 2)"));
  // Whitespace made visible, and the missing final newline on its own line.
  CHECK_THAT(ran.out, Catch::Contains("    -one\n    -a    b\n    -last\n    +one··\n    +a\\tb\n    +last\n"
                                      "    \\ No newline at end of actual output\n"));
  CHECK_THAT(ran.out, Catch::Contains("    line 1 printed the first differing line: print('one  ')\n"));
  // The source line heads the traceback.
  CHECK_THAT(ran.out, Catch::Contains("    at line 2: first = values[0]\n    Traceback (most recent call last):\n"));
  const json report = read_json(tmp.path() / "report.json");
  CHECK(report["results"][0]["stdout"] == "started\nstep 1\n");
  CHECK(report["results"][1]["reason"] == "exited with status 1: bye (line 2)");
  CHECK(report["results"][3]["failure_line"] == 2);
  CHECK(report["results"][3]["failure_code"] == "first = values[0]");
}

TEST_CASE("check is quiet by default and names the candidate's file as given", "[check]") {
  snipcheck::TempDir tmp("snipcheck-ci");
  write_tree(tmp.path(), {
      {"bank/snippets/001-sum.py", "print(sum(range(4)))\n"},
      {"bank/expected/001-sum.out", "6\n"},
      {"work/fails.py", "total = 0\nraise RuntimeError('no sum')\n"},
      {"work/right.py", "print(6)\n"},
  });
  const std::vector<std::string> base = {"check", "--bank", "../bank", "--question", "1"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = base;
    args.insert(args.end(), extra.begin(), extra.end());
    return run(Spawn{args, {{"GITHUB_ACTIONS", ""}}, tmp.path() / "work", {}, {}});
  };
  SECTION("a pass is one line") {
    const Ran ran = with({"right.py"});
    CHECK(ran.status == 0);
    CHECK_THAT(ran.out, Catch::Matches("pass +001-sum +[0-9]+ ms\n"));
    CHECK(ran.err.empty());
  }
  SECTION("a failure: the verdict, the line, the traceback naming fails.py, nothing else") {
    const Ran ran = with({"fails.py"});
    CHECK(ran.status == 1);
    CHECK_THAT(ran.out, !Catch::Contains("tier:"));
    CHECK_THAT(ran.out, !Catch::Contains("snipcheck-check"));
    CHECK_THAT(ran.out, Catch::Contains("    at line 2: raise RuntimeError('no sum')\n    Traceback (most recent call last):\n"
                                        "      File \"fails.py\", line 2, in <module>\n"));
    CHECK(ran.err.empty());
  }
  SECTION("-v adds the details") {
    CHECK_THAT(with({"fails.py", "-v"}).out, Catch::Contains("tier: process"));
  }
  SECTION("code typed at a terminal: it says it reads standard input") {
    const Ran ran = run(Spawn{base, {}, tmp.path() / "work", {}, std::string("print(6)\n")});
    CHECK(ran.status == 0);
    CHECK_THAT(ran.err, Catch::Contains("reading the candidate's code from standard input"));
  }
  SECTION("code from a pipe or a file: no such note") {
    const Ran ran = run(Spawn{base, {}, tmp.path() / "work", (tmp.path() / "work/right.py").string(), {}});
    CHECK(ran.status == 0);
    CHECK(ran.err.empty());
  }
}

// Issue: check --question of a question with `after` ran the candidate without its chain.
TEST_CASE("check --question of a chained question runs its after chain first as setup", "[check]") {
  snipcheck::TempDir tmp("snipcheck-ci");
  write_tree(tmp.path(), {
      {"bank/snippets/001-write.py", "open('f.txt', 'w').write('hello')\n"},
      {"bank/expected/001-write.out", "not what it prints\n"},
      {"bank/snippets/002-read.py", "print(open('f.txt').read())\n"},
      {"bank/expected/002-read.out", "hello\n"},
      {"bank/snipcheck.toml", "[question.\"002-read\"]\nafter = \"001-write\"\n"},
      {"work/right.py", "with open('f.txt') as f:\n    print(f.read())\n"},
      {"work/wrong.py", "print('bye')\n"},
  });
  auto check = [&](const std::string& candidate) {
    return run(Spawn{{"check", "--bank", "../bank", "--question", "2", candidate, "--json", "r.json"},
                     {{"GITHUB_ACTIONS", ""}}, tmp.path() / "work", {}, {}});
  };
  const Ran right = check("right.py");
  INFO(right.out << right.err);
  CHECK(right.status == 0);
  CHECK_THAT(right.out, Catch::Matches("pass +002-read +[0-9]+ ms\n"));
  CHECK(right.err.empty());
  // Only the candidate is judged and reported: the setup's own wrong output is not its business.
  const nlohmann::json report = read_json(tmp.path() / "work/r.json");
  REQUIRE(report["results"].size() == 1);
  CHECK(report["results"][0]["id"] == "002-read");
  CHECK(report["summary"]["total"] == 1);
  const Ran wrong = check("wrong.py");
  CHECK(wrong.status == 1);
  SECTION("a setup that fails is said") {
    write_tree(tmp.path(), {{"bank/snippets/001-write.py", "raise SystemExit('no disk')\n"}});
    const Ran ran = check("right.py");
    CHECK(ran.status == 1);
    CHECK_THAT(ran.err, Catch::Contains("001-write, which 002-read runs after"));
  }
}
