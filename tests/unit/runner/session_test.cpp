#include "runner/session.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "support/temp_dir.hpp"

using namespace snipcheck;
namespace fs = std::filesystem;

namespace {

// A module of the standard library that no snippet below imports, and one that does not exist.
constexpr const char* k_preloaded = "colorsys";
constexpr const char* k_missing_preload = "snipcheck_no_such_preload_xyz";

// CPython can be embedded once per process: every test shares this one.
Interpreter& python() {
  static Interpreter interpreter(std::vector<std::string>{k_preloaded, k_missing_preload});
  return interpreter;
}

std::string read_whole(int fd) {
  struct stat info {};
  REQUIRE(::fstat(fd, &info) == 0);
  std::string text(static_cast<std::size_t>(info.st_size), '\0');
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t got = ::pread(fd, text.data() + done, text.size() - done, static_cast<off_t>(done));
    REQUIRE(got > 0);
    done += static_cast<std::size_t>(got);
  }
  return text;
}

// Points fds 1 and 2 at fresh memory files, as the worker points them at its capture files, and
// puts the test's own output back on destruction.
class CapturedOutput {
 public:
  CapturedOutput() {
    std::cout.flush();
    std::cerr.flush();
    std::fflush(stdout);
    std::fflush(stderr);
    m_saved_out = ::fcntl(1, F_DUPFD_CLOEXEC, 10);
    m_saved_err = ::fcntl(2, F_DUPFD_CLOEXEC, 10);
    m_out = ::memfd_create("unit-stdout", MFD_CLOEXEC);
    m_err = ::memfd_create("unit-stderr", MFD_CLOEXEC);
    REQUIRE(m_saved_out >= 0);
    REQUIRE(m_saved_err >= 0);
    REQUIRE(m_out >= 0);
    REQUIRE(m_err >= 0);
    REQUIRE(::dup2(m_out, 1) == 1);
    REQUIRE(::dup2(m_err, 2) == 2);
  }
  ~CapturedOutput() {
    std::fflush(stdout);
    std::fflush(stderr);
    ::dup2(m_saved_out, 1);
    ::dup2(m_saved_err, 2);
    ::close(m_saved_out);
    ::close(m_saved_err);
    ::close(m_out);
    ::close(m_err);
  }
  CapturedOutput(const CapturedOutput&) = delete;
  CapturedOutput& operator=(const CapturedOutput&) = delete;

  std::string out() const { return read_whole(m_out); }
  std::string err() const { return read_whole(m_err); }

 private:
  int m_saved_out = -1, m_saved_err = -1, m_out = -1, m_err = -1;
};

enum class Tier { subinterpreter, process };

struct Run {
  SessionReport report;
  std::vector<pid_t> children;  // what run_process told on_child, in order
  std::string out;
  std::string err;
  std::string path;  // the snippet's absolute path
  std::string cwd;
};

// Runs `code` as snippets/001-test.py of a scratch bank, in an empty working directory, in the
// given tier; `clean` checks that the run reported no internal error and no taint.
// `before`: the earlier blocks of its session (Job::before), written as snippets/part-N.py.
Run run_code(const std::string& code, Tier tier = Tier::subinterpreter, bool clean = true,
             const std::vector<std::string>& process_modules = {}, const std::vector<ProbeRequest>& probes = {},
             const std::vector<std::string>& before = {}, const std::string& mode = "script",
             const std::string& before_mode = "script") {
  Interpreter& interpreter = python();
  TempDir dir("snipcheck-unit-session");
  testing::write_tree(dir.path(), {{"snippets/001-test.py", code}});
  fs::create_directory(dir.path() / "cwd");
  Job job;
  job.id = "001-test";
  job.path = (dir.path() / "snippets" / "001-test.py").string();
  job.code = code;
  for (std::size_t i = 0; i < before.size(); ++i) {
    const std::string name = "snippets/part-" + std::to_string(i + 1) + ".py";
    testing::write_tree(dir.path(), {{name, before[i]}});
    job.before.push_back({(dir.path() / name).string(), before[i], before_mode});
  }
  job.cwd = (dir.path() / "cwd").string();
  job.process_modules = process_modules;
  job.probes = probes;
  job.mode = mode;
  Run run;
  run.path = job.path;
  run.cwd = job.cwd;
  const fs::path old_cwd = fs::current_path();
  fs::current_path(job.cwd);
  {
    CapturedOutput captured;
    if (tier == Tier::process) {
      // The starter's children write to the fds 1 and 2 it had when it was made: these.
      interpreter.start_process_tier();
      run.report = interpreter.run_process(job, [&](pid_t child, int) { run.children.push_back(child); });
      interpreter.stop_process_tier();
    } else {
      run.report = interpreter.run_subinterpreter(job);
    }
    run.out = captured.out();
    run.err = captured.err();
  }
  fs::current_path(old_cwd);
  if (clean) {
    INFO("stdout: " << run.out);
    INFO("stderr: " << run.err);
    INFO("internal error: " << run.report.internal_error);
    CHECK(run.report.internal_error.empty());
    CHECK(run.report.taint.empty());
  }
  return run;
}

Run run_transcript(const std::string& code, Tier tier = Tier::subinterpreter) {
  return run_code(code, tier, true, {}, {}, {}, "repl");
}

// stdout and stderr of each prompt, "out|err" per prompt.
std::vector<std::string> per_prompt(const Run& run) {
  std::vector<std::string> shown;
  for (const StatementOutput& s : run.report.statements) {
    shown.push_back(run.out.substr(s.stdout_begin, s.stdout_end - s.stdout_begin) + "|" +
                    run.err.substr(s.stderr_begin, s.stderr_end - s.stderr_begin));
  }
  return shown;
}

std::vector<std::pair<int, int>> prompt_lines(const Run& run) {
  std::vector<std::pair<int, int>> lines;
  for (const StatementOutput& s : run.report.statements) lines.emplace_back(s.line, s.end_line);
  return lines;
}

}  // namespace

TEST_CASE("a transcript runs as a REPL runs it", "[runner][session][repl]") {
  for (Tier tier : {Tier::subinterpreter, Tier::process}) {
    INFO((tier == Tier::process ? "process tier" : "sub-interpreter"));
    SECTION("an expression's value is echoed as its repr, None is not, and _ is the last value") {
      Run run = run_transcript("x = [1]\nx\n[].append(1)\n'a' + 'b'\n_ * 2\nNone\n", tier);
      CHECK(run.out == "[1]\n'ab'\n'abab'\n");
      CHECK(per_prompt(run) == std::vector<std::string>{"|", "[1]\n|", "|", "'ab'\n|", "'abab'\n|", "|"});
      CHECK(run.report.exit_status == 0);
      CHECK_FALSE(run.report.error.has_value());
    }
    SECTION("an exception is printed, recorded on its prompt, and the transcript goes on") {
      Run run = run_transcript("d = {}\nd['k']\nprint('after')\n1 / 0\nlen(d)\n", tier);
      CHECK(run.out == "after\n0\n");
      CHECK_FALSE(run.report.error.has_value());
      CHECK(run.report.exit_status == 0);
      REQUIRE(run.report.statements.size() == 5);
      const StatementOutput& raised = run.report.statements[1];
      REQUIRE(raised.error.has_value());
      CHECK(raised.error->type == "KeyError");
      CHECK(raised.error->message == "'k'");
      CHECK(raised.error->line == 2);
      std::string shown = run.err.substr(raised.stderr_begin, raised.stderr_end - raised.stderr_begin);
      CHECK(shown == "Traceback (most recent call last):\n  File \"" + run.path + "\", line 2, in <module>\n"
                     "    d['k']\n    ~^^^^^\nKeyError: 'k'\n");
      CHECK_FALSE(run.report.statements[2].error.has_value());
      REQUIRE(run.report.statements[3].error.has_value());
      CHECK(run.report.statements[3].error->type == "ZeroDivisionError");
      CHECK(per_prompt(run)[4] == "0\n|");
      CHECK(run.err.find("_snipcheck") == std::string::npos);
    }
    SECTION("continuation lines: a for loop, a def and its call, a decorator, else and except") {
      Run run = run_transcript(
          "for i in range(2):\n    i\n\n"
          "def f(x):\n    return x * 2\n\nf(3)\n"
          "@staticmethod\ndef g(): pass\n"
          "if f(1) > 5:\n    'big'\nelse:\n    'small'\n\n"
          "try:\n    1 / 0\nexcept ZeroDivisionError:\n    'caught'\n"
          "(1,\n2)\n",
          tier);
      CHECK(run.out == "0\n1\n6\n'small'\n'caught'\n(1, 2)\n");
      CHECK(prompt_lines(run) == std::vector<std::pair<int, int>>{{1, 2}, {4, 5}, {7, 7}, {8, 9}, {10, 13},
                                                                   {15, 18}, {19, 20}});
    }
    SECTION("column-0 lines inside a string, brackets or after a backslash continue; comments start nothing") {
      Run run = run_transcript(
          "s = \"\"\"\nx = 1\n\"\"\"\nlen(s)\n"
          "d = {\n'a': 1,\n}\nd\n"
          "t = 1 + \\\n2\nt\n"
          "for i in range(1):\n# a comment at column 0 in the body\n    i\n\n"
          "# a comment between prompts\n'end'\n",
          tier);
      CHECK(run.out == "7\n{'a': 1}\n3\n0\n'end'\n");
      CHECK(prompt_lines(run) == std::vector<std::pair<int, int>>{{1, 3}, {4, 4}, {5, 7}, {8, 8}, {9, 10}, {11, 11},
                                                                   {12, 14}, {17, 17}});
    }
    SECTION("tracebacks keep the transcript's line numbers, through a function of an earlier prompt") {
      Run run = run_transcript("def boom():\n    raise ValueError('no')\n\nx = 1\nboom()\n", tier);
      REQUIRE(run.report.statements.size() == 3);
      REQUIRE(run.report.statements[2].error.has_value());
      CHECK(run.report.statements[2].error->line == 2);
      CHECK(run.err.find("line 5, in <module>") != std::string::npos);
      CHECK(run.err.find("line 2, in boom") != std::string::npos);
      CHECK(run.err.find("    raise ValueError('no')") != std::string::npos);
    }
    SECTION("a prompt that does not compile is shown as a SyntaxError and the next one runs") {
      Run run = run_transcript("x = = 1\n'next'\n", tier);
      CHECK(run.out == "'next'\n");
      REQUIRE(run.report.statements.size() == 2);
      REQUIRE(run.report.statements[0].error.has_value());
      CHECK(run.report.statements[0].error->type == "SyntaxError");
      CHECK(run.report.statements[0].error->line == 1);
      CHECK(run.err.find("SyntaxError: invalid syntax") != std::string::npos);
    }
    SECTION("a __future__ import holds for the prompts after it, as in the REPL") {
      Run run = run_transcript("from __future__ import annotations\ndef f(x: nowhere): pass\n\nf.__annotations__\n", tier);
      CHECK(run.out == "{'x': 'nowhere'}\n");
    }
    SECTION("a snippet that replaces modules the driver uses does not break the prompts after it") {
      Run run = run_transcript("import sys\nsys.modules['__future__'] = None\n'still'\n", tier);
      CHECK(run.out == "'still'\n");
      CHECK(run.err.empty());
    }
    SECTION("SystemExit ends the transcript with its status") {
      Run run = run_transcript("print(1)\nimport sys\nsys.exit(4)\nprint('never')\n", tier);
      CHECK(run.out == "1\n");
      CHECK(run.report.exit_status == 4);
      REQUIRE(run.report.error.has_value());
      CHECK(run.report.error->line == 3);
      CHECK(run.report.statements.size() == 3);
    }
    SECTION("the same code as a script echoes nothing and stops at the exception") {
      Run run = run_code("x = 1\nx\n{}['k']\nprint('after')\n", tier);
      CHECK(run.out.empty());
      REQUIRE(run.report.error.has_value());
      CHECK(run.report.statements.size() == 3);
    }
  }
}

TEST_CASE("Interpreter::run_subinterpreter", "[runner][session]") {
  SECTION("each top-level statement records where stdout and stderr stood") {
    Run run = run_code("print('hello')\nimport sys\nprint('oops', file=sys.stderr)\n");
    CHECK(run.out == "hello\n");
    CHECK(run.err == "oops\n");
    REQUIRE(run.report.statements.size() == 3);
    const auto& s = run.report.statements;
    CHECK(s[0].line == 1);
    CHECK(s[1].line == 2);
    CHECK(s[2].line == 3);
    CHECK(s[0].stdout_begin == 0);
    CHECK(s[0].stdout_end == 6);
    CHECK(s[1].stdout_begin == 6);
    CHECK(s[1].stdout_end == 6);
    CHECK(s[2].stdout_begin == 6);
    CHECK(s[2].stdout_end == 6);
    CHECK(s[0].stderr_end == 0);
    CHECK(s[1].stderr_end == 0);
    CHECK(s[2].stderr_begin == 0);
    CHECK(s[2].stderr_end == 5);
    CHECK(run.report.exit_status == 0);
    CHECK_FALSE(run.report.error.has_value());
  }
  SECTION("a compound statement spans its lines") {
    Run run = run_code("for i in range(2):\n    print(i)\n\nprint('end')\n");
    CHECK(run.out == "0\n1\nend\n");
    REQUIRE(run.report.statements.size() == 2);
    CHECK(run.report.statements[0].line == 1);
    CHECK(run.report.statements[0].end_line == 2);
    CHECK(run.report.statements[0].stdout_end == 4);
    CHECK(run.report.statements[1].line == 4);
    CHECK(run.report.statements[1].end_line == 4);
    CHECK(run.report.statements[1].stdout_begin == 4);
    CHECK(run.report.statements[1].stdout_end == 8);
  }
  SECTION("statements on one line are one unit; a decorated definition starts at its decorator") {
    Run run = run_code("print(1); print(2)\nx = (3,\n     4); print(x)\n@staticmethod\ndef f(): pass\nprint(5)\n");
    CHECK(run.out == "1\n2\n(3, 4)\n5\n");
    REQUIRE(run.report.statements.size() == 4);
    const auto& s = run.report.statements;
    CHECK((s[0].line == 1 && s[0].end_line == 1 && s[0].stdout_begin == 0 && s[0].stdout_end == 4));
    CHECK((s[1].line == 2 && s[1].end_line == 3 && s[1].stdout_begin == 4 && s[1].stdout_end == 11));
    CHECK((s[2].line == 4 && s[2].end_line == 5));
    CHECK((s[3].line == 6 && s[3].stdout_begin == 11 && s[3].stdout_end == 13));
  }
  SECTION("one compilation unit: constants shared, the module frame has no caller, line numbers kept") {
    Run run = run_code("a = 257\nb = 257\nimport sys\nf = sys._getframe()\n"
                       "print(a is b, f.f_back, f.f_code.co_firstlineno, f.f_lineno)\n");
    CHECK(run.out == "True None 1 5\n");
    CHECK(run.report.statements.size() == 5);
  }
  SECTION("an exception in the third statement: three statements, the traceback in the third") {
    Run run = run_code("print('a')\ndef g():\n    return 1 / 0\ng()\nprint('never')\n");
    REQUIRE(run.report.error.has_value());
    CHECK(run.report.error->type == "ZeroDivisionError");
    CHECK(run.report.error->line == 3);
    REQUIRE(run.report.statements.size() == 3);
    CHECK(run.report.statements[2].line == 4);
    CHECK(run.report.statements[2].stderr_begin == 0);
    CHECK(run.report.statements[2].stderr_end == run.err.size());
    CHECK(run.err.find("_snipcheck") == std::string::npos);
    CHECK(run.err.find("line 4, in <module>") != std::string::npos);
  }
  SECTION("output written straight to file descriptor 1 is measured too") {
    Run run = run_code("print('a')\nimport os\nos.write(1, b'raw\\n')\n");
    CHECK(run.out == "a\nraw\n");
    REQUIRE(run.report.statements.size() == 3);
    CHECK(run.report.statements[2].stdout_begin == 2);
    CHECK(run.report.statements[2].stdout_end == 6);
  }
  SECTION("sys.exit(3) ends the run with status 3 and a SystemExit error") {
    Run run = run_code("print('before')\nimport sys\nsys.exit(3)\nprint('after')\n");
    CHECK(run.out == "before\n");
    CHECK(run.report.exit_status == 3);
    REQUIRE(run.report.error.has_value());
    CHECK(run.report.error->type == "SystemExit");
    CHECK(run.report.error->line == 3);
    CHECK(run.report.statements.size() == 3);
  }
  SECTION("sys.exit(0) ends the run cleanly") {
    Run run = run_code("import sys\nprint('x')\nsys.exit(0)\nprint('after')\n");
    CHECK(run.out == "x\n");
    CHECK(run.report.exit_status == 0);
    CHECK_FALSE(run.report.error.has_value());
  }
  SECTION("sys.exit() with no argument is status 0") {
    Run run = run_code("import sys\nsys.exit()\n");
    CHECK(run.report.exit_status == 0);
    CHECK_FALSE(run.report.error.has_value());
  }
  SECTION("sys.exit with a message prints it to stderr and is status 1") {
    Run run = run_code("import sys\nsys.exit('bye now')\n");
    CHECK(run.report.exit_status == 1);
    REQUIRE(run.report.error.has_value());
    CHECK(run.report.error->type == "SystemExit");
    CHECK_THAT(run.err, Catch::Contains("bye now"));
  }
  SECTION("an exception: type, message, line and traceback, and the run stops") {
    Run run = run_code("x = 1\ny = 0\nprint(x / y)\nprint('after')\n");
    CHECK(run.out.empty());
    CHECK(run.report.exit_status == 1);
    REQUIRE(run.report.error.has_value());
    const PythonError& error = *run.report.error;
    CHECK(error.type == "ZeroDivisionError");
    CHECK(error.message == "division by zero");
    CHECK(error.line == 3);
    CHECK_THAT(error.traceback, Catch::StartsWith("Traceback (most recent call last):"));
    CHECK_THAT(error.traceback, Catch::Contains("File \"" + run.path + "\", line 3"));
    CHECK_THAT(error.traceback, Catch::Contains("print(x / y)"));
    CHECK_THAT(error.traceback, Catch::EndsWith("ZeroDivisionError: division by zero\n"));
    CHECK_THAT(error.traceback, !Catch::Contains("snipcheck-driver"));
    CHECK_THAT(run.err, Catch::Contains("ZeroDivisionError: division by zero"));
    CHECK(run.report.statements.size() == 3);
  }
  SECTION("the line of an exception is the deepest frame in the snippet") {
    Run run = run_code("def inner():\n    raise ValueError('deep')\n\ndef outer():\n    inner()\n\nouter()\n");
    REQUIRE(run.report.error.has_value());
    CHECK(run.report.error->type == "ValueError");
    CHECK(run.report.error->message == "deep");
    CHECK(run.report.error->line == 2);
  }
  SECTION("an exception raised inside the standard library points at the snippet's line") {
    Run run = run_code("import json\n\njson.loads('{not json')\n");
    REQUIRE(run.report.error.has_value());
    CHECK(run.report.error->type == "JSONDecodeError");
    CHECK(run.report.error->line == 3);
  }
  SECTION("a KeyboardInterrupt is reported like any exception") {
    Run run = run_code("raise KeyboardInterrupt\n");
    REQUIRE(run.report.error.has_value());
    CHECK(run.report.error->type == "KeyboardInterrupt");
    CHECK(run.report.exit_status == 1);
  }
  SECTION("an OSError carries its errno") {
    Run run = run_code("open('/nonexistent-snipcheck-dir/x.txt')\n");
    REQUIRE(run.report.error.has_value());
    CHECK(run.report.error->type == "FileNotFoundError");
    CHECK(run.report.error->errno_value == 2);
  }
  SECTION("a SyntaxError names its line, and nothing runs") {
    Run run = run_code("print('first')\nx = (1 +\nprint('third')\n");
    CHECK(run.out.empty());
    REQUIRE(run.report.error.has_value());
    CHECK(run.report.error->type == "SyntaxError");
    CHECK(run.report.error->line == 2);
    CHECK(run.report.exit_status == 1);
    CHECK(run.report.statements.empty());
  }
  // Issue 9: the code reached the driver as a C string, so a NUL silently ended the snippet.
  // python3 FILE (3.11) drops the rest of a line after a NUL, which joins the next line to it.
  SECTION("a NUL: what python3 FILE does, not a truncated snippet") {
    Run joined = run_code(std::string("print(1)\0\nprint(2)\n", 19));
    CHECK(joined.out.empty());
    REQUIRE(joined.report.error.has_value());
    CHECK(joined.report.error->type == "SyntaxError");
    CHECK(joined.report.error->message.starts_with("invalid syntax"));
    CHECK(joined.report.error->line == 1);
    Run later = run_code(std::string("print(1)\nprint(2)  \0 junk\n\nprint(3)\n", 36));
    CHECK(later.out == "1\n2\n3\n");
    CHECK_FALSE(later.report.error.has_value());
  }
  SECTION("an exception whose str() fails is the snippet's error, not the driver's") {
    // python3 prints "E: <exception str() failed>" and exits 1; the driver must not fail.
    Run run = run_code(
        "class E(Exception):\n"
        "    def __str__(self):\n"
        "        raise RuntimeError('no str')\n"
        "raise E()\n");
    CHECK(run.report.internal_error.empty());
    REQUIRE(run.report.error.has_value());
    CHECK(run.report.error->type == "E");
    CHECK(run.report.error->line == 4);
    CHECK(run.report.exit_status == 1);
  }
  SECTION("SystemExit with a code whose str() fails is the snippet's error, not the driver's") {
    Run run = run_code(
        "import sys\n"
        "class Code:\n"
        "    def __str__(self):\n"
        "        raise RuntimeError('no str')\n"
        "sys.exit(Code())\n");
    CHECK(run.report.internal_error.empty());
    CHECK(run.report.exit_status == 1);
    REQUIRE(run.report.error.has_value());
    CHECK(run.report.error->type == "SystemExit");
  }
  SECTION("a __future__ import after other statements is a SyntaxError, as in python3") {
    Run run = run_code("print('first')\nfrom __future__ import annotations\n");
    CHECK(run.out.empty());
    REQUIRE(run.report.error.has_value());
    CHECK(run.report.error->type == "SyntaxError");
    CHECK(run.report.error->line == 2);
  }
  SECTION("a __future__ import after the docstring is allowed") {
    Run run = run_code("\"\"\"Docstring.\"\"\"\nfrom __future__ import annotations\nprint('ok')\n");
    CHECK_FALSE(run.report.error.has_value());
    CHECK(run.out == "ok\n");
  }
  SECTION("a ModuleNotFoundError of a module that does not exist here") {
    Run run = run_code("import os\nimport snipcheck_no_such_module_xyz\n");
    REQUIRE(run.report.error.has_value());
    CHECK(run.report.error->type == "ModuleNotFoundError");
    CHECK(run.report.error->module == "snipcheck_no_such_module_xyz");
    CHECK_FALSE(run.report.error->module_installed);
    CHECK(run.report.error->line == 2);
  }
  SECTION("a ModuleNotFoundError of a missing submodule of an installed package") {
    Run run = run_code("import json.nosuch\n");
    REQUIRE(run.report.error.has_value());
    CHECK(run.report.error->type == "ModuleNotFoundError");
    CHECK(run.report.error->module == "json.nosuch");
    CHECK(run.report.error->module_installed);
  }
  SECTION("sys.executable is Debian's python3") {
    Run run = run_code("import sys\nprint(sys.executable)\n");
    CHECK(run.out == "/usr/bin/python3\n");
  }
  SECTION("the snippet runs as __main__ with __file__ and argv[0] its path") {
    Run run = run_code("import sys\nprint(__name__)\nprint(__file__)\nprint(sys.argv)\n");
    CHECK(run.out == "__main__\n" + run.path + "\n['" + run.path + "']\n");
  }
  SECTION("stdout is UTF-8") {
    Run run = run_code("print('h\xc3\xa9llo \xe6\x97\xa5')\n");
    CHECK(run.out == "h\xc3\xa9llo \xe6\x97\xa5\n");
  }
  SECTION("a global set in one run is not visible in the next") {
    Run first = run_code("leaked = 42\nimport sys\nsys.snipcheck_marker = 1\nprint('leaked' in globals())\n");
    CHECK(first.out == "True\n");
    Run second = run_code("import sys\nprint('leaked' in globals(), hasattr(sys, 'snipcheck_marker'))\n");
    CHECK(second.out == "False False\n");
  }
  SECTION("a module imported in one run is imported afresh in the next") {
    Run first = run_code("import json\njson.snipcheck_patched = True\n");
    CHECK_FALSE(first.report.error.has_value());
    Run second = run_code("import json\nprint(hasattr(json, 'snipcheck_patched'))\n");
    CHECK(second.out == "False\n");
  }
  SECTION("from __future__ import annotations applies to the statements after it") {
    Run run = run_code(
        "from __future__ import annotations\n"
        "def f(x: undefined_name) -> None:\n"
        "    pass\n"
        "print(f.__annotations__)\n");
    CHECK_FALSE(run.report.error.has_value());
    CHECK(run.out == "{'x': 'undefined_name', 'return': 'None'}\n");
  }
  SECTION("without the future import, annotations are evaluated") {
    Run run = run_code("def f(x: undefined_name) -> None:\n    pass\n");
    REQUIRE(run.report.error.has_value());
    CHECK(run.report.error->type == "NameError");
    CHECK(run.report.error->line == 1);
  }
  SECTION("a non-daemon thread is waited for, as at the end of a script") {
    Run run = run_code(
        "import threading, time\n"
        "def work():\n"
        "    time.sleep(0.05)\n"
        "    print('thread done')\n"
        "threading.Thread(target=work).start()\n"
        "print('main done')\n");
    CHECK(run.out == "main done\nthread done\n");
  }
}

namespace {

// What a command prints on stdout (the test's own Python runs, never a snippet).
std::string command_output(const std::string& command) {
  std::string text;
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  for (std::size_t got; (got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) text.append(buffer, got);
  REQUIRE(::pclose(pipe) == 0);
  return text;
}

}  // namespace

// The worker does not import `site` in each sub-interpreter: it replays what `site` did in the
// main interpreter (session.cpp, replay_site), for speed. What a snippet can see of it must be
// what `python3` (isolated, as the worker's interpreter is) has at start-up: any faster replay
// must keep this test green.
TEST_CASE("Interpreter::run_subinterpreter: what site gives python3 the snippet has too", "[runner][session]") {
  const std::string probe =
      "import sys, builtins\n"
      "print(PATH)\n"
      "print([type(finder).__name__ for finder in sys.meta_path])\n"
      "print([name for name in ('quit', 'exit', 'copyright', 'credits', 'license', 'help') if hasattr(builtins, name)])\n"
      "print(type(builtins.help).__name__, type(builtins.quit).__name__, type(builtins.license).__name__)\n";
  auto with_path = [&](const std::string& path) {
    std::string code = probe;
    code.replace(code.find("PATH"), 4, path);
    return code;
  };
  TempDir dir("snipcheck-unit-site");
  testing::write_tree(dir.path(), {{"probe.py", with_path("sys.path")}});
  // -I: no user site and no PYTHON* variables (nor the script's directory on sys.path).
  const std::string expected = command_output("/usr/bin/python3 -I " + (dir.path() / "probe.py").string());
  Run run = run_code(with_path("sys.path[1:]"));  // the driver puts the snippet's directory first
  CHECK(run.out == expected);

  // Every module `site` imports in python3 (its .pth import lines, sitecustomize, what they
  // import) is imported in the sub-interpreter too, but `site` itself.
  std::istringstream with_site(command_output("/usr/bin/python3 -I -c 'import sys; print(*sorted(sys.modules))'"));
  std::istringstream without_site(command_output("/usr/bin/python3 -I -S -c 'import sys; print(*sorted(sys.modules))'"));
  std::set<std::string> bare{std::istream_iterator<std::string>(without_site), std::istream_iterator<std::string>()};
  std::string wanted;
  for (std::istream_iterator<std::string> it(with_site), end; it != end; ++it) {
    if (!bare.count(*it) && *it != "site") wanted += (wanted.empty() ? "'" : ", '") + *it + "'";
  }
  INFO("site's modules in python3: " << wanted);
  Run modules = run_code("import sys\nprint([name for name in [" + wanted + "] if name not in sys.modules])\n");
  CHECK(modules.out == "[]\n");
}

TEST_CASE("Interpreter::run_subinterpreter and modules that need a process", "[runner][session]") {
  SECTION("importing a watched module taints the worker") {
    Run run = run_code("import colorsys\nprint('ok')\n", Tier::subinterpreter, false, {"colorsys"});
    CHECK(run.out == "ok\n");
    CHECK(run.report.internal_error.empty());
    CHECK_THAT(run.report.taint, Catch::Contains("colorsys"));
    CHECK(run.report.watched_modules_loaded == std::vector<std::string>{"colorsys"});
  }
  SECTION("a watched module that is not imported leaves the worker clean") {
    Run run = run_code("print('ok')\n", Tier::subinterpreter, true, {"colorsys"});
    CHECK(run.report.watched_modules_loaded.empty());
  }
  SECTION("the modules preloaded in the main interpreter are not in a sub-interpreter") {
    Run run = run_code("import sys\nprint('colorsys' in sys.modules)\n");
    CHECK(run.out == "False\n");
  }
}

TEST_CASE("Interpreter runs the earlier blocks of a session first", "[runner][session][sessions]") {
  for (Tier tier : {Tier::subinterpreter, Tier::process}) {
    DYNAMIC_SECTION("tier " << (tier == Tier::process ? "process" : "subinterpreter")) {
      SECTION("one __main__ namespace: a later block sees what earlier ones defined") {
        Run run = run_code("print(double(base), __name__)\n", tier, true, {}, {},
                           {"base = 20\n", "def double(x):\n    return 2 * x + extra\nextra = 2\n"});
        CHECK(run.out == "42 __main__\n");
        CHECK_FALSE(run.report.error.has_value());
        CHECK(run.report.before_errors.empty());
      }
      SECTION("what the earlier blocks print is not the question's output") {
        Run run = run_code("print('mine')\n", tier, true, {}, {},
                           {"import os, sys\nprint('setup')\nprint('warn', file=sys.stderr)\nos.write(1, b'raw')\n"
                            "print('partial', end='')\n"});
        CHECK(run.out == "mine\n");
        CHECK(run.err.empty());
        REQUIRE(run.report.statements.size() == 1);
        CHECK(run.report.statements[0].stdout_begin == 0);
        CHECK(run.report.statements[0].stdout_end == 5);
      }
      SECTION("an exception in an earlier block ends that block only, and is recorded") {
        Run run = run_code("print(a, 'b' in globals(), c)\n", tier, true, {}, {},
                           {"a = 1\nraise KeyError('k')\nb = 2\n", "c = 3\n"});
        CHECK(run.out == "1 False 3\n");
        CHECK_FALSE(run.report.error.has_value());
        REQUIRE(run.report.before_errors.size() == 1);
        const PartError& part = run.report.before_errors[0];
        CHECK(fs::path(part.path).filename() == "part-1.py");
        CHECK(part.error.type == "KeyError");
        CHECK(part.error.message == "'k'");
        CHECK(part.error.line == 2);
        CHECK_THAT(part.error.traceback, Catch::Contains("part-1.py\", line 2"));
      }
      SECTION("SystemExit and a SyntaxError in an earlier block are recorded too") {
        Run run = run_code("print('ran')\n", tier, true, {}, {}, {"import sys\nsys.exit(4)\n", "x = (\n"});
        CHECK(run.out == "ran\n");
        REQUIRE(run.report.before_errors.size() == 2);
        CHECK(run.report.before_errors[0].error.type == "SystemExit");
        CHECK(run.report.before_errors[0].error.message == "4");
        CHECK(run.report.before_errors[1].error.type == "SyntaxError");
        CHECK(run.report.before_errors[1].error.line == 1);
      }
      SECTION("each block is compiled under its own path: a traceback names both files") {
        Run run = run_code("boom()\n", tier, true, {}, {}, {"def boom():\n    return 1 / 0\n"});
        REQUIRE(run.report.error.has_value());
        CHECK(run.report.error->type == "ZeroDivisionError");
        CHECK(run.report.error->line == 1);
        CHECK_THAT(run.report.error->traceback, Catch::Contains("part-1.py\", line 2, in boom"));
        CHECK_THAT(run.report.error->traceback, Catch::Contains("001-test.py\", line 1"));
        CHECK_THAT(run.err, Catch::Contains("part-1.py\", line 2, in boom"));
        CHECK(run.report.before_errors.empty());
      }
      SECTION("__file__ is the question's own while it runs") {
        Run run = run_code("print(seen == __file__, __file__.endswith('001-test.py'))\n", tier, true, {}, {},
                           {"seen = __file__\n"});
        CHECK(run.out == "False True\n");
      }
    }
  }
}

TEST_CASE("Interpreter::run_process", "[runner][session]") {
  SECTION("output and statements, as in a sub-interpreter") {
    Run run = run_code("print('hello')\nimport sys\nprint('oops', file=sys.stderr)\n", Tier::process);
    CHECK(run.out == "hello\n");
    CHECK(run.err == "oops\n");
    REQUIRE(run.report.statements.size() == 3);
    CHECK(run.report.statements[0].stdout_end == 6);
    CHECK(run.report.statements[2].stderr_end == 5);
    CHECK(run.report.exit_status == 0);
    CHECK_FALSE(run.report.error.has_value());
    CHECK_FALSE(run.report.crash_signal.has_value());
    CHECK_FALSE(run.report.crash_status.has_value());
  }
  SECTION("on_child is told the child's pid, then 0") {
    Run run = run_code("import os\nprint(os.getpid())\n", Tier::process);
    REQUIRE(run.children.size() == 2);
    CHECK(run.children[0] > 0);
    CHECK(run.children[0] != ::getpid());
    CHECK(run.children[1] == 0);
    CHECK(run.out == std::to_string(run.children[0]) + "\n");
  }
  SECTION("an exception is reported with its line") {
    Run run = run_code("x = 1\nraise ValueError('bad value')\n", Tier::process);
    REQUIRE(run.report.error.has_value());
    CHECK(run.report.error->type == "ValueError");
    CHECK(run.report.error->message == "bad value");
    CHECK(run.report.error->line == 2);
    CHECK(run.report.exit_status == 1);
  }
  SECTION("sys.exit(3)") {
    Run run = run_code("import sys\nsys.exit(3)\n", Tier::process);
    CHECK(run.report.exit_status == 3);
    REQUIRE(run.report.error.has_value());
    CHECK(run.report.error->type == "SystemExit");
  }
  SECTION("the snippet is __main__, and sys.executable is Debian's python3") {
    Run run = run_code("import sys\nprint(__name__)\nprint(sys.executable)\nprint(__file__)\n", Tier::process);
    CHECK(run.out == "__main__\n/usr/bin/python3\n" + run.path + "\n");
  }
  SECTION("os.fork works in a process of its own") {
    Run run = run_code(
        "import os, sys\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        "    print('child', flush=True)\n"
        "    os._exit(0)\n"
        "os.waitpid(pid, 0)\n"
        "print('parent')\n",
        Tier::process);
    CHECK(run.out == "child\nparent\n");
    CHECK_FALSE(run.report.error.has_value());
  }
  SECTION("a crash kills only the child: crash_signal") {
    // The child inherits this test program's signal handlers (Catch2 reports fatal signals to
    // stdout); the worker has its own. Let SIGABRT kill the child plainly.
    struct sigaction plain {}, saved {};
    plain.sa_handler = SIG_DFL;
    sigemptyset(&plain.sa_mask);
    REQUIRE(::sigaction(SIGABRT, &plain, &saved) == 0);
    Run run = run_code("import os\nprint('before', flush=True)\nos.abort()\n", Tier::process, false);
    ::sigaction(SIGABRT, &saved, nullptr);
    CHECK(run.out == "before\n");
    CHECK(run.report.crash_signal == 6);
    CHECK(run.report.internal_error.empty());
    // This process is still alive and can run the next job.
    Run next = run_code("print('after')\n", Tier::process);
    CHECK(next.out == "after\n");
  }
  SECTION("os._exit before the end: crash_status") {
    Run run = run_code("import os\nos._exit(5)\n", Tier::process, false);
    CHECK(run.report.crash_status == 5);
    CHECK_FALSE(run.report.crash_signal.has_value());
  }
  SECTION("atexit functions run at the end, as in a script") {
    Run run = run_code("import atexit\natexit.register(print, 'bye')\nprint('main')\n", Tier::process);
    CHECK(run.out == "main\nbye\n");
  }
  SECTION("preloaded modules are already imported") {
    Run run = run_code("import sys\nprint('colorsys' in sys.modules)\n", Tier::process);
    CHECK(run.out == "True\n");
  }
  SECTION("nothing the snippet does survives into the next run") {
    Run first = run_code("leaked = 1\nimport json\njson.snipcheck_patched = True\n", Tier::process);
    CHECK_FALSE(first.report.error.has_value());
    Run second = run_code("import json\nprint('leaked' in globals(), hasattr(json, 'snipcheck_patched'))\n",
                          Tier::process);
    CHECK(second.out == "False False\n");
    Run third = run_code("import json\nprint('leaked' in globals(), hasattr(json, 'snipcheck_patched'))\n");
    CHECK(third.out == "False False\n");
  }
}

TEST_CASE("Interpreter: probes are evaluated at their line, as the snippet runs (issue 10, item 4)",
          "[runner][session][probes]") {
  using Mode = ProbeRequest::Mode;
  const Tier tier = GENERATE(Tier::subinterpreter, Tier::process);
  INFO((tier == Tier::process ? "process tier" : "sub-interpreter"));
  auto text = [](const std::optional<ProbeResult>& result) { return result ? result->str : std::string("<never ran>"); };

  SECTION("a probe after a unit sees the value then, not after a later statement rebinds the name") {
    const std::string code = "a = [1]\nb = a\nprint('x')\na = [2]\n";
    Run plain = run_code(code, tier);
    Run run = run_code(code, tier, true, {},
                       {{Mode::eval, "a is b", 2}, {Mode::eval, "a", 1}, {Mode::eval, "a", 0}, {Mode::eval, "a is b", 4}});
    REQUIRE(run.report.probes.size() == 4);
    CHECK(text(run.report.probes[0]) == "True");
    CHECK(text(run.report.probes[1]) == "[1]");
    CHECK(text(run.report.probes[2]) == "[2]");
    CHECK(text(run.report.probes[3]) == "False");
    CHECK(run.report.probes[1]->repr == "[1]");
    // The snippet ran unchanged: the same output and statements as without probes.
    CHECK(run.out == "x\n");
    REQUIRE(run.report.statements.size() == plain.report.statements.size());
    for (std::size_t i = 0; i < plain.report.statements.size(); ++i) {
      CHECK(run.report.statements[i].stdout_begin == plain.report.statements[i].stdout_begin);
      CHECK(run.report.statements[i].stdout_end == plain.report.statements[i].stdout_end);
    }
    CHECK(plain.report.probes.empty());
  }
  SECTION("a probe's output is its own: in no statement's range, not in the snippet's stdout or stderr") {
    Run run = run_code("print('one')\nprint('two')\n", tier, true, {},
                       {{Mode::eval, "print('probe said')", 1},
                        {Mode::exec, "import sys\nprint('to stderr', file=sys.stderr)", 1}});
    CHECK(run.out == "one\ntwo\n");
    CHECK(run.err.empty());
    REQUIRE(run.report.statements.size() == 2);
    CHECK(run.report.statements[0].stdout_end == 4);
    CHECK(run.report.statements[1].stdout_begin == 4);
    CHECK(run.report.statements[1].stdout_end == 8);
    REQUIRE(run.report.probes.size() == 2);
    REQUIRE(run.report.probes[0]);
    CHECK(run.report.probes[0]->output == "probe said\n");
    CHECK(run.report.probes[0]->str == "None");
    REQUIRE(run.report.probes[1]);
    CHECK(run.report.probes[1]->ok);
    CHECK(run.report.probes[1]->output == "to stderr\n");
  }
  SECTION("while a probe runs, the snippet's other threads still write to the snippet's output") {
    Run run = run_code("import threading\ngo, done = threading.Event(), threading.Event()\n"
                       "def worker():\n    go.wait()\n    print('from thread', flush=True)\n    done.set()\n"
                       "t = threading.Thread(target=worker)\nt.start()\nx = 1\nt.join()\nprint('end')\n",
                       tier, true, {}, {{Mode::exec, "go.set()\ndone.wait(5)\nprint('probe')", 9}});
    CHECK(run.out == "from thread\nend\n");
    REQUIRE(run.report.probes.size() == 1);
    REQUIRE(run.report.probes[0]);
    CHECK(run.report.probes[0]->ok);
    CHECK(run.report.probes[0]->output == "probe\n");
  }
  SECTION("an exception in a probe is its result; the snippet goes on") {
    Run run = run_code("x = 0\nprint('after')\n", tier, true, {}, {{Mode::eval, "1 / x", 1}, {Mode::eval, "x + 1", 1}});
    CHECK(run.out == "after\n");
    CHECK_FALSE(run.report.error.has_value());
    REQUIRE(run.report.probes.size() == 2);
    REQUIRE(run.report.probes[0]);
    CHECK_FALSE(run.report.probes[0]->ok);
    CHECK(run.report.probes[0]->error == "ZeroDivisionError: division by zero");
    CHECK(text(run.report.probes[1]) == "1");
  }
  SECTION("a unit that never ran gives its probes no result; nor does the end of an example that raised") {
    Run run = run_code("x = 1\nraise ValueError('v')\nx = 2\n", tier, true, {},
                       {{Mode::eval, "x", 1}, {Mode::eval, "x", 2}, {Mode::eval, "x", 3}, {Mode::eval, "x", 0}});
    REQUIRE(run.report.error.has_value());
    REQUIRE(run.report.probes.size() == 4);
    CHECK(text(run.report.probes[0]) == "1");
    CHECK_FALSE(run.report.probes[1]);
    CHECK_FALSE(run.report.probes[2]);
    CHECK_FALSE(run.report.probes[3]);
  }
  SECTION("a probe binds no name in the snippet's namespace and leaves _ alone") {
    Run run = run_code("x = 1\nprint(sorted(k for k in globals() if not k.startswith('__')))\n", tier, true, {},
                       {{Mode::exec, "y = 5", 1}, {Mode::eval, "(z := 3)", 1}, {Mode::eval, "x", 1}});
    CHECK(run.out == "['x']\n");
    REQUIRE(run.report.probes.size() == 3);
    CHECK(run.report.probes[0]->ok);
    CHECK(text(run.report.probes[1]) == "3");
  }
  SECTION("a commented-out line is evaluated where it stands; one before any statement, before the first") {
    Run run = run_code("# t is set below\nt = (1, 2)\n# t[0] = 9\nt = [1, 2]\n", tier, true, {},
                       {{Mode::exec, "t[0] = 9", 3}, {Mode::exec, "t[0] = 9", 0}, {Mode::eval, "'t' in globals()", 1}});
    REQUIRE(run.report.probes.size() == 3);
    REQUIRE(run.report.probes[0]);
    CHECK_FALSE(run.report.probes[0]->ok);
    CHECK(run.report.probes[0]->error.starts_with("TypeError: "));
    REQUIRE(run.report.probes[1]);
    CHECK(run.report.probes[1]->ok);
    CHECK(text(run.report.probes[2]) == "False");
  }
  SECTION("the snippet's trace function sees no call a probe makes") {
    Run run = run_code("import sys\nseen = []\ndef g():\n    return 7\n"
                       "sys.settrace(lambda frame, event, arg: seen.append(frame.f_code.co_name))\n"
                       "x = 1\nsys.settrace(None)\nprint(seen)\n",
                       tier, true, {}, {{Mode::eval, "g()", 6}});
    CHECK(run.out == "[]\n");
    CHECK(text(run.report.probes.at(0)) == "7");
  }
}

TEST_CASE("Interpreter::route", "[runner][session]") {
  Interpreter& interpreter = python();
  auto route_of = [&](const std::string& code, const std::string& isolation = "auto",
                      const std::vector<std::string>& process_modules = {}) {
    Job job;
    job.id = "001-route";
    job.path = "/bank/snippets/001-route.py";
    job.code = code;
    job.isolation = isolation;
    job.process_modules = process_modules;
    return interpreter.route(job);
  };
  SECTION("an explicit isolation is obeyed") {
    CHECK(route_of("import numpy\n", "subinterpreter").tier == "subinterpreter");
    CHECK(route_of("print(1)\n", "process").tier == "process");
    CHECK_THAT(route_of("print(1)\n", "process").reason, Catch::Contains("process"));
  }
  SECTION("auto: plain code runs in a sub-interpreter") {
    Route route = route_of("import json\nprint(json.dumps([1]))\n");
    CHECK(route.tier == "subinterpreter");
    CHECK_FALSE(route.reason.empty());
  }
  SECTION("auto: modules that need a process") {
    Route numpy = route_of("import numpy as np\n");
    CHECK(numpy.tier == "process");
    CHECK_THAT(numpy.reason, Catch::Contains("numpy"));
    CHECK(route_of("import numpy.linalg\n").tier == "process");
    CHECK(route_of("from multiprocessing import Pool\n").tier == "process");
    CHECK(route_of("def f():\n    import pandas\n").tier == "process");
    CHECK(route_of("import numpyish\n").tier == "subinterpreter");
  }
  SECTION("auto: the bank's own process modules") {
    CHECK(route_of("import colorsys\n", "auto", {"colorsys"}).tier == "process");
    CHECK(route_of("import colorsys\n").tier == "subinterpreter");
  }
  SECTION("auto: fork, signals and process pools") {
    Route fork = route_of("import os\npid = os.fork()\n");
    CHECK(fork.tier == "process");
    CHECK_THAT(fork.reason, Catch::Contains("fork"));
    CHECK(route_of("import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n").tier == "process");
    CHECK(route_of("from concurrent.futures import ProcessPoolExecutor\n").tier == "process");
    CHECK(route_of("import concurrent.futures as cf\ncf.ProcessPoolExecutor()\n").tier == "process");
  }
  SECTION("auto: an earlier block of the session that needs a process sends the job there") {
    Job job;
    job.id = "002-uses";
    job.path = "/bank/snippets/002-uses.py";
    job.code = "print(np.arange(3))\n";
    CHECK(interpreter.route(job).tier == "subinterpreter");
    job.before = {{"/bank/snippets/000-plain.py", "x = 1\n", "script"}, {"/bank/snippets/001-setup.py", "import numpy as np\n", "script"}};
    Route route = interpreter.route(job);
    CHECK(route.tier == "process");
    CHECK_THAT(route.reason, Catch::Contains("earlier block of its session (001-setup.py)"));
    CHECK_THAT(route.reason, Catch::Contains("numpy"));
  }
  SECTION("auto: code that does not parse goes to a sub-interpreter, which reports the error") {
    CHECK(route_of("x = (\n").tier == "subinterpreter");
  }
}

TEST_CASE("Interpreter::take_preload_failures", "[runner][session]") {
  SECTION("after a process-tier job: the modules that could not be imported, and only those") {
    python().take_preload_failures();  // what earlier tests' starters reported
    Run run = run_code("print('ok')\n", Tier::process);
    CHECK(run.out == "ok\n");
    std::vector<std::string> failures = python().take_preload_failures();
    REQUIRE(failures.size() == 1);
    CHECK_THAT(failures[0], Catch::StartsWith(k_missing_preload));
    CHECK_THAT(failures[0], Catch::Contains("ModuleNotFoundError"));
    CHECK(python().take_preload_failures().empty());  // taken
  }
  SECTION("none before the process tier ran a job: the starter imports them then") {
    python().take_preload_failures();
    Run run = run_code("print('ok')\n");
    CHECK(python().take_preload_failures().empty());
  }
}

TEST_CASE("Interpreter::dump_running_stack", "[runner][session]") {
  SECTION("between jobs it writes nothing") {
    python();
    int fd = ::memfd_create("unit-stack", MFD_CLOEXEC);
    REQUIRE(fd >= 0);
    Interpreter::dump_running_stack(fd);
    struct stat info {};
    REQUIRE(::fstat(fd, &info) == 0);
    ::close(fd);
    CHECK(info.st_size == 0);
  }
}

TEST_CASE("Interpreter: a transcript's probes and a transcript as an earlier block (issue 10, items 2-4 together)",
          "[runner][session][repl][probes]") {
  using Mode = ProbeRequest::Mode;
  const Tier tier = GENERATE(Tier::subinterpreter, Tier::process);
  INFO((tier == Tier::process ? "process tier" : "sub-interpreter"));
  SECTION("a probe in a transcript sees the value at its prompt, not after a later prompt rebinds it") {
    Run run = run_code("x = [1]\nx\nx = [2]\nx\n", tier, true, {},
                       {{Mode::eval, "x", 2}, {Mode::eval, "x", 4}, {Mode::eval, "len(x)", 0}}, {}, "repl");
    REQUIRE(run.report.probes.size() == 3);
    REQUIRE(run.report.probes[0]);
    CHECK(run.report.probes[0]->repr == "[1]");
    REQUIRE(run.report.probes[1]);
    CHECK(run.report.probes[1]->repr == "[2]");
    REQUIRE(run.report.probes[2]);
    CHECK(run.report.probes[2]->str == "1");
    CHECK(run.out == "[1]\n[2]\n");  // the echoes, nothing of the probes
  }
  SECTION("a probe on a prompt after one that raised still runs: the transcript went on") {
    Run run = run_code("{}['k']\ny = 5\ny\n", tier, true, {}, {{Mode::eval, "y * 2", 3}}, {}, "repl");
    REQUIRE(run.report.probes.size() == 1);
    REQUIRE(run.report.probes[0]);
    CHECK(run.report.probes[0]->str == "10");
  }
  SECTION("an earlier block that is a transcript runs prompt by prompt: its exception ends only its prompt") {
    Run run = run_code("print(counter)\n", tier, true, {}, {}, {"{}['missing']\ncounter = [0, 1]\ncounter\n"},
                       "script", "repl");
    CHECK(run.out == "[0, 1]\n");  // the earlier block's echo and traceback are not this block's output
    CHECK(run.err.empty());
    REQUIRE(run.report.before_errors.size() == 1);
    CHECK(run.report.before_errors[0].error.type == "KeyError");
    CHECK_FALSE(run.report.error);
  }
  SECTION("run as a script, the same block stops at its first line") {
    Run run = run_code("print(counter)\n", tier, true, {}, {}, {"{}['missing']\ncounter = [0, 1]\n"});
    REQUIRE(run.report.error);
    CHECK(run.report.error->type == "NameError");
  }
}
