// End-to-end tests of input cases (issue 12, item 9): cases/NNN-slug/NAME.in + NAME.out, run by
// `run` against the bank's own snippet and by `check` against a candidate, once per case with
// the case's input on stdin, in both tiers and the sandbox; a malformed case folder is exit 2
// naming the file. Each test writes its own scratch bank.
//
// Compile definitions: SNIPCHECK_EXE = path of the snipcheck binary.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
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
  Scratch() : e2e::Scratch("snipcheck-cases") {}
};

// Runs snipcheck with `args` in `cwd`, stdin from /dev/null.
Ran snipcheck(const std::vector<std::string>& args, const fs::path& cwd) {
  return e2e::spawn(kExe, args, cwd);
}

std::string describe(const Ran& ran) {
  return "status " + std::to_string(ran.status) + "\n--- stdout\n" + ran.out + "--- stderr\n" + ran.err;
}

void write_bank(const fs::path& root, const std::map<std::string, std::string>& files) {
  for (const auto& [relative, text] : files) write(root / relative, text);
  fs::create_directories(root / "snippets");
  fs::create_directories(root / "expected");
}

// 001 sums the numbers on its stdin (sys.stdin.read), 002 greets the name on its first line
// (input()) and 003 reads fd 0 itself (os.read): cases for each, no expected/ file for 001 and
// 003, one for 002 (its run with nothing on stdin).
void write_case_bank(const fs::path& bank) {
  write_bank(bank, {{"snippets/001-sum.py", "import sys\nprint(sum(int(w) for w in sys.stdin.read().split()))\n"},
                    {"cases/001-sum/small.in", "1 2 3\n"},
                    {"cases/001-sum/small.out", "6\n"},
                    {"cases/001-sum/none.in", ""},
                    {"cases/001-sum/none.out", "0\n"},
                    {"cases/001-sum/big.in", "100\n200\n300\n"},
                    {"cases/001-sum/big.out", "600\n"},
                    {"snippets/002-greet.py",
                     "try:\n    name = input()\nexcept EOFError:\n    name = 'nobody'\nprint(f'hello, {name}')\n"},
                    {"expected/002-greet.out", "hello, nobody\n"},
                    {"cases/002-greet/ada.in", "Ada\nignored\n"},
                    {"cases/002-greet/ada.out", "hello, Ada\n"},
                    {"snippets/003-raw.py", "import os\nprint(os.read(0, 100))\nprint(os.read(0, 100))\n"},
                    {"cases/003-raw/bytes.in", "abc"},
                    {"cases/003-raw/bytes.out", "b'abc'\nb''\n"}});
}

std::map<std::string, std::string> verdicts_of(const json& report) {
  std::map<std::string, std::string> verdicts;
  for (const json& result : report["results"]) verdicts[result["id"]] = result["verdict"];
  return verdicts;
}

}  // namespace

TEST_CASE("run checks the bank's snippet against every input case, in both tiers and the sandbox", "[cases]") {
  Scratch scratch;
  const fs::path bank = scratch.path() / "bank";
  write_case_bank(bank);
  const std::map<std::string, std::string> all_pass = {{"001-sum[big]", "pass"},   {"001-sum[none]", "pass"},
                                                       {"001-sum[small]", "pass"}, {"002-greet", "pass"},
                                                       {"002-greet[ada]", "pass"}, {"003-raw[bytes]", "pass"}};
  for (const std::vector<std::string>& extra : std::vector<std::vector<std::string>>{
           {}, {"--isolation", "process"}, {"--isolation", "subinterpreter"}, {"--sandbox"}}) {
    std::vector<std::string> args = {"run", bank.string(), "-j", "2", "--json", (scratch.path() / "r.json").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    Ran ran = snipcheck(args, scratch.path());
    INFO(describe(ran));
    CHECK(ran.status == 0);
    json report = json::parse(read(scratch.path() / "r.json"));
    CHECK(verdicts_of(report) == all_pass);
    for (const json& result : report["results"]) {
      if (result["id"] != "001-sum[small]") continue;
      CHECK(result["question"] == "001-sum");
      CHECK(result["case"] == "small");
      CHECK(result["expected_file"] == "cases/001-sum/small.out");
    }
  }
}

TEST_CASE("run: a reference snippet that fails one case fails that case only", "[cases]") {
  Scratch scratch;
  const fs::path bank = scratch.path() / "bank";
  write_case_bank(bank);
  write(bank / "cases/001-sum/big.out", "601\n");
  Ran ran = snipcheck({"run", bank.string(), "--json", (scratch.path() / "r.json").string()}, scratch.path());
  INFO(describe(ran));
  CHECK(ran.status == 1);
  json report = json::parse(read(scratch.path() / "r.json"));
  auto verdicts = verdicts_of(report);
  CHECK(verdicts["001-sum[big]"] == "wrong");
  CHECK(verdicts["001-sum[small]"] == "pass");
  CHECK(ran.out.find("-601") != std::string::npos);
  CHECK(ran.out.find("+600") != std::string::npos);
}

TEST_CASE("run --update rewrites a failing case's own .out file", "[cases]") {
  Scratch scratch;
  const fs::path bank = scratch.path() / "bank";
  write_case_bank(bank);
  write(bank / "cases/001-sum/big.out", "601\n");
  Ran ran = snipcheck({"run", bank.string(), "--update"}, scratch.path());
  INFO(describe(ran));
  CHECK(ran.status == 0);
  CHECK(read(bank / "cases/001-sum/big.out") == "600\n");
  CHECK_FALSE(fs::exists(bank / "expected/001-sum.out"));
  CHECK(ran.out.find("cases/001-sum/big.out") != std::string::npos);
}

TEST_CASE("check runs the candidate once per case: pass only when every case passes", "[cases]") {
  Scratch scratch;
  const fs::path bank = scratch.path() / "bank";
  write_case_bank(bank);
  write(scratch.path() / "good.py", "import sys\nprint(sum(map(int, sys.stdin.read().split())))\n");
  Ran good = snipcheck({"check", "--bank", bank.string(), "--question", "1", "-j", "2",
                        (scratch.path() / "good.py").string()}, scratch.path());
  INFO(describe(good));
  CHECK(good.status == 0);
  CHECK(good.out.find("overall: pass (3 of 3 cases passed)") != std::string::npos);

  // Counts the numbers instead of summing them: right only for the empty input... and wrong twice.
  write(scratch.path() / "bad.py", "import sys\nwords = sys.stdin.read().split()\nprint(len(words) if words else 0)\n");
  Ran bad = snipcheck({"check", "--bank", bank.string(), "--question", "001-sum", "-j", "2", "--json",
                       (scratch.path() / "c.json").string(), (scratch.path() / "bad.py").string()},
                      scratch.path());
  INFO(describe(bad));
  CHECK(bad.status == 1);
  CHECK(bad.out.find("overall: wrong (2 of 3 cases failed: 001-sum[big], 001-sum[small])") != std::string::npos);
  // The first failing case's diff only.
  CHECK(bad.out.find("+3") != std::string::npos);
  CHECK(bad.out.find("-600") != std::string::npos);
  CHECK(bad.out.find("-6\n") == std::string::npos);
  json report = json::parse(read(scratch.path() / "c.json"));
  CHECK(verdicts_of(report) == std::map<std::string, std::string>{
                                   {"001-sum[big]", "wrong"}, {"001-sum[none]", "pass"}, {"001-sum[small]", "wrong"}});
  for (const json& result : report["results"]) {
    if (result["verdict"] == "wrong") CHECK_FALSE(result["diff"].is_null());
  }
}

TEST_CASE("check with cases and an expected file checks both", "[cases]") {
  Scratch scratch;
  const fs::path bank = scratch.path() / "bank";
  write_case_bank(bank);
  write(scratch.path() / "greet.py", "print('hello, ' + input())\n");
  Ran ran = snipcheck({"check", "--bank", bank.string(), "--question", "2", (scratch.path() / "greet.py").string()},
                      scratch.path());
  INFO(describe(ran));
  CHECK(ran.status == 1);
  CHECK(ran.out.find("overall: error (1 of 2 cases failed: 002-greet)") != std::string::npos);
  CHECK(ran.out.find("EOFError") != std::string::npos);
}

TEST_CASE("a malformed case folder is exit 2 naming the file, and nothing runs", "[cases]") {
  struct Broken {
    std::string why;
    std::map<std::string, std::string> add;
    std::vector<std::string> remove;
    std::string named;
  };
  const std::vector<Broken> broken = {
      {"input without output", {}, {"cases/001-sum/small.out"}, "cases/001-sum/small.in: a case without its expected output"},
      {"output without input", {}, {"cases/001-sum/small.in"}, "cases/001-sum/small.out: a case without its input"},
      {"a stray file", {{"cases/001-sum/notes.txt", "x"}}, {}, "cases/001-sum/notes.txt: not a case file"},
      {"a case name with a dot", {{"cases/001-sum/a.b.in", ""}, {"cases/001-sum/a.b.out", ""}}, {},
       "cases/001-sum/a.b.in: not a case file"},
      {"a folder for no question", {{"cases/009-gone/x.in", ""}, {"cases/009-gone/x.out", ""}}, {},
       "cases/009-gone/: cases without a snippet"},
      {"a file in cases/", {{"cases/README", "x"}}, {}, "cases/README: not a case folder"},
      {"an empty case folder", {}, {"cases/003-raw/bytes.in", "cases/003-raw/bytes.out"},
       "cases/003-raw/: a case folder with no cases"},
      {"a misspelt cases/ folder", {{"case/001-sum/x.in", ""}}, {}, "case/: looks like a misspelt cases/ folder"},
      {"a question with cases in a chain", {{"snipcheck.toml", "[question.\"002-greet\"]\nafter = \"001-sum\"\n"}}, {},
       "snipcheck.toml:1: after = \"001-sum\": 002-greet has input cases"},
  };
  for (const Broken& one : broken) {
    SECTION(one.why) {
      Scratch scratch;
      const fs::path bank = scratch.path() / "bank";
      write_case_bank(bank);
      for (const auto& [relative, text] : one.add) write(bank / relative, text);
      for (const std::string& relative : one.remove) fs::remove(bank / relative);
      Ran ran = snipcheck({"run", "bank"}, scratch.path());
      INFO(describe(ran));
      CHECK(ran.status == 2);
      CHECK(ran.err.find("bank/" + one.named) != std::string::npos);
      CHECK(ran.out.empty());
      write(scratch.path() / "good.py", "print(0)\n");
      Ran check = snipcheck({"check", "--bank", "bank", "--question", "1", "good.py"}, scratch.path());
      INFO(describe(check));
      CHECK(check.status == 2);
      CHECK(check.err.find("bank/" + one.named) != std::string::npos);
    }
  }
}

TEST_CASE("a report is never written inside cases/", "[cases]") {
  Scratch scratch;
  const fs::path bank = scratch.path() / "bank";
  write_case_bank(bank);
  Ran ran = snipcheck({"run", "bank", "--json", "bank/cases/001-sum/report.json"}, scratch.path());
  INFO(describe(ran));
  CHECK(ran.status == 2);
  CHECK(ran.err.find("--json") != std::string::npos);
  CHECK_FALSE(fs::exists(bank / "cases/001-sum/report.json"));
}

TEST_CASE("folders near 'cases' by name that are the bank's own business still load", "[cases]") {
  Scratch scratch;
  const fs::path bank = scratch.path() / "bank";
  write_case_bank(bank);
  for (const char* folder : {"pages", "caches", "dates", "bases"}) write(bank / folder / "x.txt", "x");
  Ran ran = snipcheck({"run", "bank", "-k", "3"}, scratch.path());
  INFO(describe(ran));
  CHECK(ran.status == 0);
}

// Issue: the shard header counts questions, the results count runs; merge compared the two.
TEST_CASE("run --shard keeps a question's cases in one part and merge joins them", "[cases][shard][merge]") {
  Scratch scratch;
  const fs::path bank = scratch.path() / "bank";
  write_case_bank(bank);
  const std::map<std::string, std::string> all_pass = {{"001-sum[big]", "pass"},   {"001-sum[none]", "pass"},
                                                       {"001-sum[small]", "pass"}, {"002-greet", "pass"},
                                                       {"002-greet[ada]", "pass"}, {"003-raw[bytes]", "pass"}};
  auto shards_merge = [&](int count, const std::vector<std::string>& extra) {
    std::vector<std::string> merge = {"merge"};
    std::vector<std::set<std::string>> parts;
    for (int k = 1; k <= count; ++k) {
      const std::string report = (scratch.path() / ("s" + std::to_string(k) + ".json")).string();
      std::vector<std::string> args = {"run", bank.string(), "--shard", std::to_string(k) + "/" + std::to_string(count),
                                       "--json", report};
      args.insert(args.end(), extra.begin(), extra.end());
      Ran ran = snipcheck(args, scratch.path());
      INFO(describe(ran));
      REQUIRE(ran.status == 0);
      CHECK(ran.out.find("of 3 questions") != std::string::npos);
      std::set<std::string> questions;
      const json written = json::parse(read(report));
      for (const json& result : written["results"]) {
        const std::string id = result["id"];
        questions.insert(id.substr(0, id.find('[')));
      }
      parts.push_back(questions);
      merge.push_back(report);
    }
    merge.insert(merge.end(), {"--json", (scratch.path() / "merged.json").string()});
    Ran merged = snipcheck(merge, scratch.path());
    INFO(describe(merged));
    CHECK(merged.status == 0);
    CHECK(verdicts_of(json::parse(read(scratch.path() / "merged.json"))) == all_pass);
    return parts;
  };
  SECTION("by count") {
    std::set<std::string> seen;
    for (const std::set<std::string>& part : shards_merge(3, {})) {
      for (const std::string& question : part) CHECK(seen.insert(question).second);
    }
    CHECK(seen.size() == 3);
  }
  SECTION("by --durations-file: a question's runs add up") {
    // 001's three cases took 9 s together, 002 and 003 4 s each: 001 is alone in its part.
    write(scratch.path() / "durations.json",
          R"({"results": [{"id": "001-sum[big]", "duration_ms": 3000}, {"id": "001-sum[small]", "duration_ms": 3000},
                          {"id": "001-sum[none]", "duration_ms": 3000}, {"id": "002-greet", "duration_ms": 4000},
                          {"id": "002-greet[ada]", "duration_ms": 0}, {"id": "003-raw[bytes]", "duration_ms": 4000}]})");
    const auto parts = shards_merge(2, {"--durations-file", (scratch.path() / "durations.json").string()});
    CHECK(parts[0] == std::set<std::string>{"001-sum"});
    CHECK(parts[1] == (std::set<std::string>{"002-greet", "003-raw"}));
  }
}
