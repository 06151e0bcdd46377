// End-to-end tests of the maintainer's workflow on `snipcheck run` (issue 12): --update and
// --dry-run, -x and --maxfail, --lf and --ff, --list, --durations, -k, --color, -V, and running
// a question's file or from inside a bank. Each test writes its own scratch bank.
//
// Compile definitions: SNIPCHECK_EXE = path of the snipcheck binary.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "support/binary.hpp"

#ifndef SNIPCHECK_EXE
#error "SNIPCHECK_EXE (path of the snipcheck binary) must be defined"
#endif

extern char** environ;

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

const std::string kExe = SNIPCHECK_EXE;

using e2e::Ran;
using e2e::read;
using e2e::write;

class Scratch : public e2e::Scratch {
 public:
  Scratch() : e2e::Scratch("snipcheck-workflow") {}
};

// Runs snipcheck with `args` in `cwd`, the environment changed by `env` (an empty value unsets),
// without the colour variables of the caller's environment.
Ran snipcheck(const std::vector<std::string>& args, const fs::path& cwd,
              const std::map<std::string, std::string>& env = {}) {
  std::map<std::string, std::string> changed = {{"NO_COLOR", ""}, {"FORCE_COLOR", ""}, {"CLICOLOR_FORCE", ""}};
  for (const auto& [name, value] : env) changed[name] = value;
  return e2e::spawn(kExe, args, cwd, changed);
}

std::string describe(const Ran& ran) {
  return "status " + std::to_string(ran.status) + "\n--- stdout\n" + ran.out + "--- stderr\n" + ran.err;
}

// A bank of `files` (relative path -> text) in `root`.
void write_bank(const fs::path& root, const std::map<std::string, std::string>& files) {
  for (const auto& [relative, text] : files) write(root / relative, text);
  fs::create_directories(root / "snippets");
  fs::create_directories(root / "expected");
}

std::vector<std::string> ids_of(const json& report) {
  std::vector<std::string> ids;
  for (const json& result : report["results"]) ids.push_back(result["id"].get<std::string>());
  return ids;
}

// 001 passes, 002 and 003 are wrong, 004 passes.
void write_two_wrong(const fs::path& bank) {
  write_bank(bank, {{"snippets/001-first.py", "print(1)\n"},
                    {"expected/001-first.out", "1\n"},
                    {"snippets/002-second.py", "print(2)\n"},
                    {"expected/002-second.out", "two\n"},
                    {"snippets/003-third.py", "print(3)\n"},
                    {"expected/003-third.out", "three\n"},
                    {"snippets/004-fourth.py", "print(4)\n"},
                    {"expected/004-fourth.out", "4\n"}});
}

}  // namespace

TEST_CASE("run --update blesses what ran clean, with a patch", "[e2e][workflow]") {
  Scratch scratch;
  const fs::path bank = scratch.path() / "bank";
  write_bank(bank, {{"snippets/001-pass.py", "print('same')\n"},
                    {"expected/001-pass.out", "same\n"},
                    {"snippets/002-wrong.py", "print('a')\nprint('b')\n"},
                    {"expected/002-wrong.out", "a\nc\n"},
                    {"snippets/003-new.py", "print('new')\n"},
                    {"snippets/004-error.py", "print('partial')\nraise ValueError('boom')\n"},
                    {"expected/004-error.out", "all\n"},
                    {"snippets/005-ellipsis.py", "print('id 12345 done')\n"},
                    {"expected/005-ellipsis.out", "id ... done\n"},
                    {"snippets/006-no-newline.py", "print('x', end='')\n"},
                    {"expected/006-no-newline.out", "x\n"},
                    {"snipcheck.toml", "[question.\"005-ellipsis\"]\ncompare = \"ellipsis\"\n"}});
  const std::map<std::string, std::string> before = {
      {"001-pass", read(bank / "expected/001-pass.out")},     {"002-wrong", read(bank / "expected/002-wrong.out")},
      {"004-error", read(bank / "expected/004-error.out")},   {"005-ellipsis", read(bank / "expected/005-ellipsis.out")},
      {"006-no-newline", read(bank / "expected/006-no-newline.out")}};
  const std::string patch =
      "diff --git a/expected/002-wrong.out b/expected/002-wrong.out\n"
      "--- a/expected/002-wrong.out\n"
      "+++ b/expected/002-wrong.out\n"
      "@@ -1,2 +1,2 @@\n"
      " a\n"
      "-c\n"
      "+b\n"
      "diff --git a/expected/006-no-newline.out b/expected/006-no-newline.out\n"
      "--- a/expected/006-no-newline.out\n"
      "+++ b/expected/006-no-newline.out\n"
      "@@ -1,1 +1,1 @@\n"
      "-x\n"
      "+x\n"
      "\\ No newline at end of file\n";

  SECTION("--dry-run: the patch alone on stdout, nothing written") {
    Ran ran = snipcheck({"run", bank.string(), "-j", "1", "--update", "--dry-run"}, scratch.path());
    INFO(describe(ran));
    CHECK(ran.status == 1);
    CHECK(ran.out == patch);
    CHECK_THAT(ran.err, Catch::Contains("2 expected files would be updated (--dry-run: none written)"));
    for (const auto& [id, text] : before) CHECK(read(bank / "expected" / (id + ".out")) == text);
    CHECK_FALSE(fs::exists(bank / "expected/003-new.out"));
    if (fs::exists("/usr/bin/git")) {  // the patch applies as it is, from the bank's folder
      write(scratch.path() / "fix.patch", ran.out);
      CHECK(std::system(("cd '" + bank.string() + "' && /usr/bin/git apply '" + (scratch.path() / "fix.patch").string() + "'").c_str()) == 0);
      CHECK(read(bank / "expected/002-wrong.out") == "a\nb\n");
      CHECK(read(bank / "expected/006-no-newline.out") == "x");
    }
  }
  SECTION("--update: wrong questions rewritten, the diff and a count printed; the rest untouched") {
    Ran ran = snipcheck({"run", bank.string(), "-j", "1", "--update"}, scratch.path());
    INFO(describe(ran));
    CHECK(ran.status == 1);  // 004-error still fails: it is never blessed
    CHECK_THAT(ran.out, Catch::Contains(patch) && Catch::Contains("updated 2 expected files\n"));
    CHECK(read(bank / "expected/002-wrong.out") == "a\nb\n");
    CHECK(read(bank / "expected/006-no-newline.out") == "x");
    CHECK(read(bank / "expected/001-pass.out") == before.at("001-pass"));
    CHECK(read(bank / "expected/004-error.out") == before.at("004-error"));
    CHECK(read(bank / "expected/005-ellipsis.out") == before.at("005-ellipsis"));  // passes under its mode
    CHECK_FALSE(fs::exists(bank / "expected/003-new.out"));  // no_claim: only with --update=all
    for (const auto& entry : fs::directory_iterator(bank / "expected")) {
      CHECK(entry.path().extension() == ".out");  // no temporary file left
    }
    Ran again = snipcheck({"run", bank.string(), "-j", "1", "-k", "not error"}, scratch.path());
    INFO(describe(again));
    CHECK(again.status == 0);
  }
  SECTION("--update=all also writes the expected file of a question that has none") {
    Ran ran = snipcheck({"run", bank.string(), "-j", "1", "--update=all", "-k", "3", "-k", "2"}, scratch.path());
    INFO(describe(ran));
    CHECK(ran.status == 0);  // everything that failed was blessed
    CHECK_THAT(ran.out, Catch::Contains("new file mode 100644\n--- /dev/null\n+++ b/expected/003-new.out\n"
                                        "@@ -0,0 +1,1 @@\n+new\n"));
    CHECK_THAT(ran.out, Catch::Contains("updated 2 expected files"));
    CHECK(read(bank / "expected/003-new.out") == "new\n");
  }
  SECTION("bad combinations and values are refused before anything runs") {
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"run", bank.string(), "--dry-run"},
          std::vector<std::string>{"run", bank.string(), "--update=some"},
          std::vector<std::string>{"run", bank.string(), "--update", "--dry-run", "--json", "-"}}) {
      Ran ran = snipcheck(args, scratch.path());
      INFO(describe(ran));
      CHECK(ran.status == 2);
      CHECK(ran.out.empty());
    }
    for (const auto& [id, text] : before) CHECK(read(bank / "expected" / (id + ".out")) == text);
  }
}

TEST_CASE("run -x and --maxfail stop starting questions", "[e2e][workflow]") {
  Scratch scratch;
  const fs::path bank = scratch.path() / "bank";
  write_two_wrong(bank);
  const fs::path report = scratch.path() / "report.json";
  SECTION("-x: the first failure stops the run; the rest is reported as not run") {
    Ran ran = snipcheck({"run", bank.string(), "-j", "1", "-x", "--json", report.string()}, scratch.path());
    INFO(describe(ran));
    CHECK(ran.status == 1);
    CHECK_THAT(ran.out, Catch::Contains("2 not run (stopped after 1 failure: -x / --maxfail)"));
    CHECK_THAT(ran.out, Catch::Contains("stopped after 2 of 4 questions"));
    json parsed = json::parse(read(report));
    CHECK(ids_of(parsed) == std::vector<std::string>{"001-first", "002-second"});
    CHECK(parsed["unfinished"] == json::array({"003-third", "004-fourth"}));
    CHECK(parsed["summary"]["stopped_after"] == 1);
  }
  SECTION("--maxfail 2 lets the second failure run") {
    Ran ran = snipcheck({"run", bank.string(), "-j", "1", "--maxfail", "2", "--json", report.string()}, scratch.path());
    INFO(describe(ran));
    CHECK(ran.status == 1);
    json parsed = json::parse(read(report));
    CHECK(ids_of(parsed) == std::vector<std::string>{"001-first", "002-second", "003-third"});
    CHECK(parsed["unfinished"] == json::array({"004-fourth"}));
  }
  SECTION("a limit not reached runs everything") {
    Ran ran = snipcheck({"run", bank.string(), "-j", "2", "--maxfail", "5"}, scratch.path());
    INFO(describe(ran));
    CHECK(ran.status == 1);
    CHECK_THAT(ran.out, Catch::Contains("4 questions: 2 pass, 2 wrong"));
  }
  SECTION("bad values: exit 2, one message") {
    for (const char* value : {"0", "abc", "-1", "1.5"}) {
      Ran ran = snipcheck({"run", bank.string(), "--maxfail", value}, scratch.path());
      INFO(describe(ran));
      CHECK(ran.status == 2);
      CHECK_THAT(ran.err, Catch::Contains("--maxfail"));
    }
  }
}

TEST_CASE("run --lf and --ff from the cache of the last run", "[e2e][workflow]") {
  Scratch scratch;
  const fs::path bank = scratch.path() / "bank";
  write_two_wrong(bank);
  const fs::path report = scratch.path() / "report.json";
  Ran first = snipcheck({"run", bank.string(), "-j", "2"}, scratch.path());
  INFO(describe(first));
  REQUIRE(first.status == 1);
  CHECK(read(bank / ".snipcheck_cache" / ".gitignore").find("\n*\n") != std::string::npos);
  REQUIRE(fs::exists(bank / ".snipcheck_cache" / "lastfailed.json"));

  SECTION("--lf runs only what failed; a fixed question leaves the cache") {
    Ran ran = snipcheck({"run", bank.string(), "-j", "2", "--lf", "--json", report.string()}, scratch.path());
    INFO(describe(ran));
    CHECK(ids_of(json::parse(read(report))) == std::vector<std::string>{"002-second", "003-third"});
    write(bank / "expected/002-second.out", "2\n");
    snipcheck({"run", bank.string(), "-j", "2", "--lf"}, scratch.path());
    Ran after = snipcheck({"run", bank.string(), "-j", "2", "--last-failed", "--json", report.string()}, scratch.path());
    INFO(describe(after));
    CHECK(ids_of(json::parse(read(report))) == std::vector<std::string>{"003-third"});
    write(bank / "expected/003-third.out", "3\n");
    snipcheck({"run", bank.string(), "-j", "2"}, scratch.path());
    Ran none = snipcheck({"run", bank.string(), "-j", "2", "--lf", "--json", report.string()}, scratch.path());
    INFO(describe(none));
    CHECK(none.status == 0);
    CHECK_THAT(none.err, Catch::Contains("no question of this selection failed in the last run; running them all"));
    CHECK(ids_of(json::parse(read(report))).size() == 4);
  }
  SECTION("--ff runs what failed first, then the rest") {
    Ran ran = snipcheck({"run", bank.string(), "-j", "1", "--ff", "--json", report.string()}, scratch.path());
    INFO(describe(ran));
    CHECK(ids_of(json::parse(read(report))) ==
          std::vector<std::string>{"002-second", "003-third", "001-first", "004-fourth"});
  }
  SECTION("a malformed cache is ignored, with a message") {
    write(bank / ".snipcheck_cache" / "lastfailed.json", "{ not json");
    Ran ran = snipcheck({"run", bank.string(), "-j", "2", "--lf", "--json", report.string()}, scratch.path());
    INFO(describe(ran));
    CHECK(ran.status == 1);
    CHECK_THAT(ran.err, Catch::Contains("lastfailed.json: not JSON: the cache of the last run is ignored"));
    CHECK(ids_of(json::parse(read(report))).size() == 4);
    CHECK(read(bank / ".snipcheck_cache" / "lastfailed.json").find("002-second") != std::string::npos);  // rewritten
  }
  SECTION("a cache that cannot be written does not fail the run: said once") {
    fs::remove_all(bank / ".snipcheck_cache");
    write(bank / ".snipcheck_cache", "a file where the cache folder goes");
    Ran ran = snipcheck({"run", bank.string(), "-j", "2", "--lf"}, scratch.path());
    INFO(describe(ran));
    CHECK(ran.status == 1);
    CHECK_THAT(ran.out, Catch::Contains("4 questions: 2 pass, 2 wrong"));
    const std::string said = "cannot write the cache of this run";
    REQUIRE(ran.err.find(said) != std::string::npos);
    CHECK(ran.err.find(said) == ran.err.rfind(said));
  }
  SECTION("--lf with --ff is refused") {
    Ran ran = snipcheck({"run", bank.string(), "--lf", "--ff"}, scratch.path());
    CHECK(ran.status == 2);
  }
}

TEST_CASE("run --list shows the questions and runs nothing", "[e2e][workflow]") {
  Scratch scratch;
  const fs::path bank = scratch.path() / "bank";
  write_bank(bank, {{"snippets/001-lists.py", "open('ran', 'w').write('x')\nprint(1)\n"},
                    {"snippets/002-sleep.py", "print(2)\n"},
                    {"snipcheck.toml", "[question.\"002-sleep\"]\ntitle = \"Sleeping\"\ntimeout = 2\n"
                                       "compare = \"ellipsis\"\nisolation = \"process\"\n"}});
  Ran ran = snipcheck({"run", "--list"}, bank);
  INFO(describe(ran));
  CHECK(ran.status == 0);
  CHECK(ran.out ==
        "001-lists  auto\n"
        "002-sleep  process         Sleeping  [timeout = 2, compare = \"ellipsis\"]\n"
        "2 questions\n");
  CHECK_FALSE(fs::exists(bank / ".snipcheck_cache"));
  Ran filtered = snipcheck({"run", "--list", "-k", "sleep"}, bank);
  CHECK(filtered.out.find("001-lists") == std::string::npos);
  CHECK_THAT(filtered.out, Catch::Contains("1 question\n"));
}

TEST_CASE("run --durations N shows the slowest", "[e2e][workflow]") {
  Scratch scratch;
  const fs::path bank = scratch.path() / "bank";
  write_two_wrong(bank);
  Ran ran = snipcheck({"run", bank.string(), "-j", "2", "--durations", "2"}, scratch.path());
  INFO(describe(ran));
  CHECK(ran.status == 1);
  const std::size_t at = ran.out.find("slowest 2 questions:\n");
  REQUIRE(at != std::string::npos);
  std::vector<std::string> lines;
  std::istringstream rest(ran.out.substr(at));
  for (std::string line; std::getline(rest, line);) lines.push_back(line);
  REQUIRE(lines.size() == 3);
  CHECK_THAT(lines[1], Catch::Matches(" *[0-9]+ ms  00[1-4]-[a-z]+"));
  Ran all = snipcheck({"run", bank.string(), "-j", "2", "--durations", "0"}, scratch.path());
  CHECK_THAT(all.out, Catch::Contains("slowest 4 questions:\n"));
  CHECK(snipcheck({"run", bank.string(), "--durations", "x"}, scratch.path()).status == 2);
}

TEST_CASE("run -k as people type it", "[e2e][workflow]") {
  Scratch scratch;
  const fs::path bank = scratch.path() / "bank";
  write_bank(bank, {{"snippets/001-lists.py", "print(1)\n"},          {"expected/001-lists.out", "1\n"},
                    {"snippets/007-generators.py", "print(7)\n"},     {"expected/007-generators.out", "7\n"},
                    {"snippets/012-slow-generators.py", "print(12)\n"}, {"expected/012-slow-generators.out", "12\n"}});
  auto selected = [&](std::vector<std::string> filters) {
    std::vector<std::string> args = {"run", "--list"};
    for (std::string& filter : filters) {
      args.push_back("-k");
      args.push_back(filter);
    }
    Ran ran = snipcheck(args, bank);
    INFO(describe(ran));
    std::vector<std::string> ids;
    std::istringstream lines(ran.out);
    for (std::string line; std::getline(lines, line);) {
      if (line.size() > 4 && line[3] == '-') ids.push_back(line.substr(0, line.find(' ')));
    }
    return ids;
  };
  CHECK(selected({"7"}) == std::vector<std::string>{"007-generators"});
  CHECK(selected({"012"}) == std::vector<std::string>{"012-slow-generators"});
  CHECK(selected({"generators"}) == std::vector<std::string>{"007-generators", "012-slow-generators"});
  CHECK(selected({"0*-l*"}) == std::vector<std::string>{"001-lists"});
  CHECK(selected({"1", "7"}) == std::vector<std::string>{"001-lists", "007-generators"});
  CHECK(selected({"generators", "not slow"}) == std::vector<std::string>{"007-generators"});
  CHECK(selected({"not slow"}) == std::vector<std::string>{"001-lists", "007-generators"});
  SECTION("no match names the filter and the closest ids") {
    Ran ran = snipcheck({"run", "-k", "genrators"}, bank);
    INFO(describe(ran));
    CHECK(ran.status == 2);
    CHECK_THAT(ran.err, Catch::Contains("no question matches -k 'genrators' (closest: 007-generators"));
  }
}

TEST_CASE("run --color, NO_COLOR, FORCE_COLOR, and -V", "[e2e][workflow]") {
  Scratch scratch;
  const fs::path bank = scratch.path() / "bank";
  write_two_wrong(bank);
  auto painted = [&](const std::vector<std::string>& extra, const std::map<std::string, std::string>& env) {
    std::vector<std::string> args = {"run", bank.string(), "-j", "2"};
    args.insert(args.end(), extra.begin(), extra.end());
    Ran ran = snipcheck(args, scratch.path(), env);
    INFO(describe(ran));
    CHECK(ran.status == 1);
    return ran.out.find("\033[") != std::string::npos;
  };
  CHECK_FALSE(painted({}, {}));  // not a terminal
  CHECK(painted({"--color", "always"}, {}));
  CHECK_FALSE(painted({"--color", "never"}, {{"FORCE_COLOR", "1"}}));
  CHECK(painted({}, {{"FORCE_COLOR", "1"}}));
  CHECK(painted({}, {{"CLICOLOR_FORCE", "1"}}));
  CHECK_FALSE(painted({}, {{"NO_COLOR", "1"}, {"FORCE_COLOR", "1"}}));
  CHECK_FALSE(painted({"--color", "auto"}, {{"NO_COLOR", "1"}, {"CLICOLOR_FORCE", "1"}}));
  Ran bad = snipcheck({"run", bank.string(), "--color", "maybe"}, scratch.path());
  CHECK(bad.status == 2);
  CHECK_THAT(bad.err, Catch::Contains("--color"));
  Ran version = snipcheck({"-V"}, scratch.path());
  CHECK(version.status == 0);
  CHECK_THAT(version.out, Catch::StartsWith("snipcheck "));
  CHECK(version.out == snipcheck({"--version"}, scratch.path()).out);
}

TEST_CASE("run what you point at: a question's file, a folder inside a bank", "[e2e][workflow]") {
  Scratch scratch;
  const fs::path bank = scratch.path() / "bank";
  write_two_wrong(bank);
  write(bank / "notes" / "deep" / "readme.txt", "notes\n");
  write(scratch.path() / "elsewhere" / "file.txt", "x\n");
  const fs::path report = scratch.path() / "report.json";
  SECTION("snippets/NNN-slug.py runs that question of its bank") {
    Ran ran = snipcheck({"run", "bank/snippets/002-second.py", "--json", report.string()}, scratch.path());
    INFO(describe(ran));
    CHECK(ran.status == 1);
    CHECK(ids_of(json::parse(read(report))) == std::vector<std::string>{"002-second"});
    Ran inside = snipcheck({"run", "snippets/001-first.py"}, bank);
    INFO(describe(inside));
    CHECK(inside.status == 0);
    CHECK_THAT(inside.out, Catch::Contains("1 question: 1 pass"));
  }
  SECTION("from a sub-folder, run finds the bank above it") {
    Ran ran = snipcheck({"run", "-j", "2", "--json", report.string()}, bank / "notes" / "deep");
    INFO(describe(ran));
    CHECK(ran.status == 1);
    CHECK(ids_of(json::parse(read(report))).size() == 4);
    Ran expected_dir = snipcheck({"run", "-k", "1"}, bank / "expected");
    INFO(describe(expected_dir));
    CHECK(expected_dir.status == 0);
  }
  SECTION("a path outside any bank, a file no question's: exit 2, one message") {
    Ran outside = snipcheck({"run"}, scratch.path() / "elsewhere");
    INFO(describe(outside));
    CHECK(outside.status == 2);
    CHECK_THAT(outside.err, Catch::Contains("not inside a question bank"));
    Ran file = snipcheck({"run", "elsewhere/file.txt"}, scratch.path());
    INFO(describe(file));
    CHECK(file.status == 2);
    CHECK_THAT(file.err, Catch::Contains("elsewhere/file.txt: not a bank or a question's file"));
    CHECK(std::count(file.err.begin(), file.err.end(), '\n') == 1);
  }
}

// Issue: a question with `after` ran without its chain under -k, a file target and --lf (a
// false verdict that --update then blessed). 002 reads the file 001 wrote; 003 is not chained.
TEST_CASE("run -k, a question's file and --lf bring in the earlier questions of its after chain", "[e2e][workflow]") {
  Scratch scratch;
  const fs::path bank = scratch.path() / "bank";
  write_bank(bank, {{"snippets/001-write.py", "open('f.txt', 'w').write('hello')\n"},
                    {"expected/001-write.out", ""},
                    {"snippets/002-read.py", "import os\nprint(os.path.exists('f.txt'))\n"},
                    {"expected/002-read.out", "True\n"},
                    {"snippets/003-other.py", "print(3)\n"},
                    {"expected/003-other.out", "3\n"},
                    {"snipcheck.toml", "[question.\"002-read\"]\nafter = \"001-write\"\n"}});
  const fs::path report = scratch.path() / "r.json";
  for (const std::vector<std::string>& selection :
       std::vector<std::vector<std::string>>{{bank.string(), "-k", "2"},
                                             {bank.string(), "-k", "read"},
                                             {(bank / "snippets/002-read.py").string()},
                                             {bank.string(), "-k", "2", "--update"}}) {
    std::vector<std::string> args = {"run"};
    args.insert(args.end(), selection.begin(), selection.end());
    args.insert(args.end(), {"--json", report.string()});
    Ran ran = snipcheck(args, scratch.path());
    INFO(describe(ran));
    CHECK(ran.status == 0);
    CHECK(ids_of(json::parse(read(report))) == std::vector<std::string>{"001-write", "002-read"});
    CHECK(ran.err.find("also running 001-write: 002-read") != std::string::npos);
    CHECK(read(bank / "expected/002-read.out") == "True\n");
  }
  SECTION("--lf: the failed question with its chain") {
    write(bank / "expected/002-read.out", "true\n");
    Ran first = snipcheck({"run", bank.string()}, scratch.path());
    REQUIRE(first.status == 1);
    write(bank / "expected/002-read.out", "True\n");
    Ran again = snipcheck({"run", bank.string(), "--lf", "--json", report.string()}, scratch.path());
    INFO(describe(again));
    CHECK(again.status == 0);
    CHECK(ids_of(json::parse(read(report))) == std::vector<std::string>{"001-write", "002-read"});
  }
}

TEST_CASE("run --update blesses what a question is compared on: the next run passes", "[e2e][workflow]") {
  Scratch scratch;
  const fs::path bank = scratch.path() / "bank";
  SECTION("a transcript: what its session showed, a new traceback as its last line") {
    write_bank(bank, {{"snipcheck.toml", "[defaults]\nmode = \"repl\"\n"},
                      {"snippets/002-b.py", "1\n{}[\"k\"]\n3\n4\n"},
                      {"expected/002-b.out", "1\nKeyError: 'k'\n3\n5\n"},
                      {"snippets/003-c.py", "print('x')\n[][1]\n"},
                      {"expected/003-c.out", "y\nTraceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\n"
                                             "IndexError: list index out of range\n"}});
    Ran dry = snipcheck({"run", bank.string(), "-j", "1", "--update", "--dry-run"}, scratch.path());
    INFO(describe(dry));
    CHECK_THAT(dry.out, Catch::Contains(" 1\n KeyError: 'k'\n 3\n-5\n+4\n"));
    Ran ran = snipcheck({"run", bank.string(), "-j", "1", "--update"}, scratch.path());
    INFO(describe(ran));
    CHECK(ran.status == 0);
    CHECK(read(bank / "expected/002-b.out") == "1\nKeyError: 'k'\n3\n4\n");
    // A documented traceback that still matches stays whole.
    CHECK(read(bank / "expected/003-c.out") == "x\nTraceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\n"
                                               "IndexError: list index out of range\n");
    Ran again = snipcheck({"run", bank.string(), "-j", "1"}, scratch.path());
    INFO(describe(again));
    CHECK(again.status == 0);
  }
  SECTION("ellipsis and normalize: the expected lines that still match stay as they are") {
    write_bank(bank, {{"snipcheck.toml", "[defaults]\ncompare = \"ellipsis\"\n[question.\"002-n\"]\ncompare = \"normalize\"\n"},
                      {"snippets/001-e.py", "print(object())\nprint('begin')\nfor i in range(3): print(i)\nprint('end')\n"},
                      {"expected/001-e.out", "<object object at ...>\nstart\n...\nend\n"},
                      {"snippets/002-n.py", "print('a')\nprint('b')\n"},
                      {"expected/002-n.out", "a   \nc\n"}});
    Ran ran = snipcheck({"run", bank.string(), "-j", "1", "--update"}, scratch.path());
    INFO(describe(ran));
    CHECK(ran.status == 0);
    CHECK(read(bank / "expected/001-e.out") == "<object object at ...>\nbegin\n...\nend\n");
    CHECK(read(bank / "expected/002-n.out") == "a   \nb\n");
    Ran again = snipcheck({"run", bank.string(), "-j", "1"}, scratch.path());
    INFO(describe(again));
    CHECK(again.status == 0);
  }
}

TEST_CASE("run --update refuses to write through a link to another file of the bank", "[e2e][workflow]") {
  Scratch scratch;
  const fs::path bank = scratch.path() / "bank";
  write_bank(bank, {{"snipcheck.toml", "[defaults]\ntimeout = 5\n"},
                    {"snippets/001-a.py", "print('a')\n"},
                    {"snippets/002-b.py", "print('b')\n"},
                    {"shared/one.out", "old\n"}});
  std::map<std::string, std::string> before;
  auto keep = [&] {
    for (const char* file : {"snipcheck.toml", "snippets/001-a.py", "snippets/002-b.py", "shared/one.out"}) {
      before[file] = read(bank / file);
    }
  };
  auto refused = [&](const std::string& named) {
    for (const std::vector<std::string>& args : {std::vector<std::string>{"run", bank.string(), "--update"},
                                                 std::vector<std::string>{"run", bank.string(), "--update", "--dry-run"}}) {
      Ran ran = snipcheck(args, scratch.path());
      INFO(describe(ran));
      CHECK(ran.status == 2);
      CHECK_THAT(ran.err, Catch::Contains(named));
      CHECK(ran.out.find("diff --git") == std::string::npos);
      for (const auto& [file, text] : before) CHECK(read(bank / file) == text);
    }
  };
  keep();
  SECTION("a link to the question's own snippet, or to the settings") {
    fs::create_symlink("../snippets/001-a.py", bank / "expected/001-a.out");
    fs::create_symlink("../snipcheck.toml", bank / "expected/002-b.out");
    refused("001-a.out: names the same file as snippets/001-a.py");
  }
  SECTION("a link to the settings") {
    fs::create_symlink("../snipcheck.toml", bank / "expected/002-b.out");
    write(bank / "expected/001-a.out", "a\n");
    refused("002-b.out: names the same file as snipcheck.toml");
  }
  SECTION("two questions' expected files naming one file") {
    fs::create_symlink("../shared/one.out", bank / "expected/001-a.out");
    fs::create_symlink("../shared/one.out", bank / "expected/002-b.out");
    refused("001-a.out: names the same file as expected/002-b.out");
  }
  SECTION("a link to a file of its own is still followed") {
    fs::create_symlink("../shared/one.out", bank / "expected/001-a.out");
    write(bank / "expected/002-b.out", "b\n");
    Ran ran = snipcheck({"run", bank.string(), "--update"}, scratch.path());
    INFO(describe(ran));
    CHECK(ran.status == 0);
    CHECK(fs::is_symlink(bank / "expected/001-a.out"));
    CHECK(read(bank / "shared/one.out") == "a\n");
  }
}
