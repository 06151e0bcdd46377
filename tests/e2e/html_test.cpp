// End-to-end tests of --html (issue 12, item 11) for run, check and audit: the report is one
// self-contained file, opened in headless Chromium (Debian's `chromium`, which .ci/setup.sh
// installs for the test job) with --dump-dom: the summary and every failing question are in the
// rendered page, untrusted text stays text, the filter by verdict works (REPORT.html#filter=V),
// and a screenshot of each report is kept in the build tree (SNIPCHECK_ARTIFACTS) for CI.
//
// Compile definitions: SNIPCHECK_EXE = path of the snipcheck binary, SNIPCHECK_ARTIFACTS = where
// the screenshots go.

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
using e2e::spawn;
using e2e::write;

class Scratch : public e2e::Scratch {
 public:
  Scratch() : e2e::Scratch("snipcheck-html") {}
};

Ran snipcheck(const std::vector<std::string>& args, const fs::path& cwd) { return spawn(kExe, args, cwd); }

std::string describe(const Ran& ran) {
  return "status " + std::to_string(ran.status) + "\n--- stdout\n" + ran.out + "--- stderr\n" + ran.err;
}

#ifndef SNIPCHECK_ARTIFACTS
#error "SNIPCHECK_ARTIFACTS (where screenshots are kept) must be defined"
#endif

void write_bank(const fs::path& root, const std::map<std::string, std::string>& files) {
  for (const auto& [relative, text] : files) write(root / relative, text);
  fs::create_directories(root / "snippets");
  fs::create_directories(root / "expected");
}

// The page as Chromium renders it (scripts run), headless.
std::string rendered(const fs::path& page, const std::string& fragment = {}) {
  const std::string url = "file://" + page.string() + fragment;
  Ran ran = spawn("chromium", {"--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", url}, page.parent_path());
  INFO(describe(ran));
  REQUIRE(ran.status == 0);
  REQUIRE(ran.out.find("</html>") != std::string::npos);
  return ran.out;
}

void screenshot(const fs::path& page, const std::string& name) {
  fs::create_directories(SNIPCHECK_ARTIFACTS);
  const fs::path shot = fs::path(SNIPCHECK_ARTIFACTS) / name;
  fs::remove(shot);
  Ran ran = spawn("chromium", {"--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1280,2000",
                               "--screenshot=" + shot.string(), "file://" + page.string()},
                  page.parent_path());
  INFO(describe(ran));
  CHECK(ran.status == 0);
  CHECK(fs::exists(shot));
  CHECK(fs::file_size(shot) > 1000);
}

// The <section> of question `id` in a rendered page, or "".
std::string section_of(const std::string& dom, const std::string& id) {
  const std::size_t at = dom.find("data-id=\"" + id + "\"");
  if (at == std::string::npos) return {};
  const std::size_t start = dom.rfind("<section", at);
  const std::size_t end = dom.find("</section>", at);
  return dom.substr(start, end - start);
}

// A bank with one question per kind of failure, and text that would be markup if not escaped.
void write_failing_bank(const fs::path& bank) {
  write_bank(bank, {{"snippets/001-ok.py", "print('fine')\n"},
                    {"expected/001-ok.out", "fine\n"},
                    {"snippets/002-markup.py", "print('<img src=x onerror=alert(1)>' + ' & <b>bold</b>')\n"},
                    {"expected/002-markup.out", "<i>other</i>\n"},
                    {"snippets/003-raises.py", "def f():\n    return {}['<key>']\n\nf()\n"},
                    {"expected/003-raises.out", "1\n"},
                    {"snippets/004-forever.py", "import time\nprint('started', flush=True)\nwhile True:\n    time.sleep(0.01)\n"},
                    {"expected/004-forever.out", "done\n"},
                    {"snipcheck.toml", "[question.\"004-forever\"]\ntimeout = 0.5\n"}});
}

}  // namespace

TEST_CASE("run --html: the summary and every failing question render in Chromium, untrusted text as text", "[html]") {
  Scratch scratch;
  const fs::path bank = scratch.path() / "bank";
  write_failing_bank(bank);
  const fs::path page = scratch.path() / "report.html";
  Ran ran = snipcheck({"run", bank.string(), "--html", page.string()}, scratch.path());
  INFO(describe(ran));
  REQUIRE(ran.status == 1);
  const std::string file = read(page);
  // Self-contained: nothing is fetched.
  CHECK(file.find("<link") == std::string::npos);
  CHECK(file.find("src=\"http") == std::string::npos);
  CHECK(file.find("<script src") == std::string::npos);

  const std::string dom = rendered(page);
  CHECK(dom.find("id=\"summary\"") != std::string::npos);
  CHECK(dom.find("4 questions: 1 pass, 1 wrong, 1 error, 1 timeout") != std::string::npos);
  for (const char* id : {"002-markup", "003-raises", "004-forever"}) {
    const std::string section = section_of(dom, id);
    INFO(id);
    REQUIRE_FALSE(section.empty());
    CHECK(section.find("class=\"q failing\"") != std::string::npos);
  }
  // The code with line numbers, the diff, the traceback with its line marked, the stack.
  const std::string markup = section_of(dom, "002-markup");
  CHECK(markup.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
  CHECK(markup.find("<img") == std::string::npos);
  CHECK(markup.find("&lt;b&gt;bold&lt;/b&gt;") != std::string::npos);
  CHECK(markup.find("<span class=\"del\">-&lt;i&gt;other&lt;/i&gt;</span>") != std::string::npos);
  const std::string raises = section_of(dom, "003-raises");
  CHECK(raises.find("KeyError") != std::string::npos);
  CHECK(raises.find("<tr id=\"q2-L2\" class=\"hit\"><td class=\"ln\">2</td>") != std::string::npos);
  const std::string forever = section_of(dom, "004-forever");
  CHECK(forever.find("Python stack when it was stopped") != std::string::npos);
  CHECK(forever.find("class=\"hit\"><td class=\"ln\">4</td>") != std::string::npos);
  CHECK(forever.find("started") != std::string::npos);
  CHECK(section_of(dom, "001-ok").find("class=\"q\"") != std::string::npos);

  // The filter by verdict: only the failing questions shown.
  const std::string failing = rendered(page, "#filter=failing");
  CHECK(section_of(failing, "001-ok").find("hidden") != std::string::npos);
  CHECK(section_of(failing, "002-markup").find("hidden") == std::string::npos);
  const std::string timeouts = rendered(page, "#filter=timeout");
  CHECK(section_of(timeouts, "003-raises").find("hidden") != std::string::npos);
  CHECK(section_of(timeouts, "004-forever").find("hidden") == std::string::npos);
  screenshot(page, "html-run-report.png");
}

TEST_CASE("check --html: each input case and the overall verdict", "[html]") {
  Scratch scratch;
  const fs::path bank = scratch.path() / "bank";
  write_bank(bank, {{"snippets/001-sum.py", "import sys\nprint(sum(map(int, sys.stdin.read().split())))\n"},
                    {"cases/001-sum/small.in", "1 2\n"},
                    {"cases/001-sum/small.out", "3\n"},
                    {"cases/001-sum/lines.in", "1\n2\n"},
                    {"cases/001-sum/lines.out", "3\n"}});
  write(scratch.path() / "candidate.py", "import sys\nprint(sum(map(int, sys.stdin.readline().split())))\n");
  const fs::path page = scratch.path() / "check.html";
  Ran ran = snipcheck({"check", "--bank", bank.string(), "--question", "1", "--html", page.string(), "candidate.py"},
                      scratch.path());
  INFO(describe(ran));
  REQUIRE(ran.status == 1);
  const std::string dom = rendered(page);
  CHECK(dom.find("overall: wrong (1 of 2 cases failed: 001-sum[lines])") != std::string::npos);
  CHECK(section_of(dom, "001-sum[lines]").find("class=\"q failing\"") != std::string::npos);
  CHECK(section_of(dom, "001-sum[small]").find("class=\"q\"") != std::string::npos);
  screenshot(page, "html-check-report.png");
}

TEST_CASE("audit --html: each claim under its material line, with its verdict and hint", "[html]") {
  Scratch scratch;
  const fs::path notes = scratch.path() / "notes.md";
  write(notes, "# Notes\n\n## 1. Squares\n\n```python\nsquares = map(lambda n: n * n, [1, 2])\nprint(squares)  # [1, 4]\n"
               "print(len('<abc>'))  # 5\n```\n");
  const fs::path page = scratch.path() / "audit.html";
  Ran ran = snipcheck({"audit", notes.string(), "--html", page.string()}, scratch.path());
  INFO(describe(ran));
  REQUIRE(ran.status == 1);
  const std::string dom = rendered(page);
  CHECK(dom.find("id=\"summary\"") != std::string::npos);
  CHECK(dom.find("claims wrong") != std::string::npos);
  // Material lines: the code starts on line 6 of notes.md; the wrong claim sits under line 7.
  const std::size_t line7 = dom.find("<td class=\"ln\">7</td>");
  REQUIRE(line7 != std::string::npos);
  const std::size_t claim = dom.find("<tr class=\"claim bad\">", line7);
  REQUIRE(claim != std::string::npos);
  CHECK(dom.find("<td class=\"ln\">8</td>") > claim);
  CHECK(dom.find("claims [1, 4]", claim) != std::string::npos);
  CHECK(dom.find("&lt;abc&gt;") != std::string::npos);
  screenshot(page, "html-audit-report.png");
}
