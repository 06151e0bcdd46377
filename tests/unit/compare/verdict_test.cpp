#include "compare/verdict.hpp"

#include <cerrno>
#include <csignal>
#include <set>
#include <string>

#include <catch2/catch.hpp>

using namespace snipcheck;

namespace {

const std::string k_path = "/bank/snippets/001-spin.py";

Outcome finished(const std::string& stdout_text) {
  Outcome outcome;
  outcome.ending = Ending::finished;
  outcome.exit_status = 0;
  outcome.stdout_text = stdout_text;
  return outcome;
}

Outcome raised(const std::string& type, const std::string& message, int line) {
  Outcome outcome;
  outcome.ending = Ending::finished;
  outcome.exit_status = 1;
  PythonError error;
  error.type = type;
  error.message = message;
  error.line = line;
  error.traceback = "Traceback (most recent call last):\n  File \"" + k_path + "\", line " + std::to_string(line) +
                    ", in <module>\n" + type + ": " + message + "\n";
  outcome.error = error;
  return outcome;
}

const std::optional<std::string> k_expected = std::string("hello\n");

}  // namespace

TEST_CASE("to_string(Verdict)", "[compare][verdict]") {
  SECTION("the names of the JSON report") {
    CHECK(to_string(Verdict::pass) == "pass");
    CHECK(to_string(Verdict::wrong) == "wrong");
    CHECK(to_string(Verdict::error) == "error");
    CHECK(to_string(Verdict::timeout) == "timeout");
    CHECK(to_string(Verdict::crash) == "crash");
    CHECK(to_string(Verdict::limit) == "limit");
    CHECK(to_string(Verdict::unverifiable) == "unverifiable");
    CHECK(to_string(Verdict::no_claim) == "no_claim");
    CHECK(to_string(Verdict::skipped) == "skipped");
  }
  SECTION("every verdict has its own name") {
    std::set<std::string> names;
    for (int i = 0; i < k_verdict_count; ++i) names.insert(to_string(static_cast<Verdict>(i)));
    CHECK(names.size() == static_cast<std::size_t>(k_verdict_count));
  }
}

TEST_CASE("is_failing", "[compare][verdict]") {
  SECTION("failing verdicts") {
    CHECK(is_failing(Verdict::wrong));
    CHECK(is_failing(Verdict::error));
    CHECK(is_failing(Verdict::timeout));
    CHECK(is_failing(Verdict::crash));
    CHECK(is_failing(Verdict::limit));
  }
  SECTION("verdicts that do not fail a run") {
    CHECK_FALSE(is_failing(Verdict::pass));
    CHECK_FALSE(is_failing(Verdict::unverifiable));
    CHECK_FALSE(is_failing(Verdict::no_claim));
    CHECK_FALSE(is_failing(Verdict::skipped));
  }
}

TEST_CASE("line_in_stack", "[compare][verdict]") {
  SECTION("the first (deepest) frame in the snippet") {
    std::string stack =
        "Snippet's main thread (most recent call first):\n"
        "  File \"" + k_path + "\", line 7 in spin\n"
        "  File \"" + k_path + "\", line 12 in <module>\n";
    CHECK(line_in_stack(stack, k_path) == 7);
  }
  SECTION("frames of other files are skipped") {
    std::string stack =
        "Snippet's main thread (most recent call first):\n"
        "  File \"/usr/lib/python3.11/json/decoder.py\", line 353 in raw_decode\n"
        "  File \"" + k_path + "\", line 4 in <module>\n";
    CHECK(line_in_stack(stack, k_path) == 4);
  }
  SECTION("a file whose name starts like the snippet's is not the snippet") {
    std::string stack = "  File \"" + k_path + ".bak\", line 9 in f\n  File \"" + k_path + "\", line 2 in <module>\n";
    CHECK(line_in_stack(stack, k_path) == 2);
  }
  SECTION("with several threads, the line of the snippet's main thread") {
    // The worker's stack as it really comes (faulthandler lists the newest thread first): the
    // snippet's main thread, the one that ran past its deadline, is at line 8.
    std::string stack =
        "Another thread (most recent call first):\n"
        "  File \"" + k_path + "\", line 4 in spin\n"
        "  File \"/usr/lib/python3.11/threading.py\", line 975 in run\n"
        "  File \"/usr/lib/python3.11/threading.py\", line 1038 in _bootstrap_inner\n"
        "  File \"/usr/lib/python3.11/threading.py\", line 995 in _bootstrap\n"
        "\n"
        "Snippet's main thread (most recent call first):\n"
        "  File \"" + k_path + "\", line 8 in <module>\n";
    CHECK(line_in_stack(stack, k_path) == 8);
  }
  SECTION("no frame in the snippet") {
    CHECK(line_in_stack("  File \"/other.py\", line 3 in f\n", k_path) == 0);
    CHECK(line_in_stack("", k_path) == 0);
  }
}

TEST_CASE("judge", "[compare][verdict]") {
  Settings settings;

  SECTION("an internal error is a crash of ours, whatever else happened") {
    Outcome outcome = finished("hello\n");
    outcome.internal_error = "driver failed: boom";
    Judgement j = judge(k_expected, settings, outcome, k_path);
    CHECK(j.verdict == Verdict::crash);
    CHECK(j.internal);
    CHECK_THAT(j.reason, Catch::Contains("driver failed: boom"));
  }
  SECTION("a timeout names the timeout and the line it was stuck at") {
    settings.timeout_s = 2.5;
    Outcome outcome;
    outcome.ending = Ending::timeout;
    outcome.stack = "Snippet's main thread (most recent call first):\n  File \"" + k_path +
                    "\", line 3 in spin\n  File \"" + k_path + "\", line 6 in <module>\n";
    Judgement j = judge(k_expected, settings, outcome, k_path);
    CHECK(j.verdict == Verdict::timeout);
    CHECK_FALSE(j.internal);
    CHECK_THAT(j.reason, Catch::Contains("2.5 s"));
    CHECK_THAT(j.reason, Catch::Contains("stuck at line 3"));
  }
  SECTION("a timeout with a whole number of seconds and no stack") {
    settings.timeout_s = 10;
    Outcome outcome;
    outcome.ending = Ending::timeout;
    Judgement j = judge(k_expected, settings, outcome, k_path);
    CHECK(j.verdict == Verdict::timeout);
    CHECK_THAT(j.reason, Catch::Contains("10 s"));
    CHECK_THAT(j.reason, !Catch::Contains("10.0"));
    CHECK_THAT(j.reason, !Catch::Contains("stuck"));
  }
  SECTION("a timeout whose stack is in another file only") {
    Outcome outcome;
    outcome.ending = Ending::timeout;
    outcome.stack = "  File \"/usr/lib/python3.11/time.py\", line 3 in sleep\n";
    Judgement j = judge(k_expected, settings, outcome, k_path);
    CHECK(j.verdict == Verdict::timeout);
    CHECK_THAT(j.reason, !Catch::Contains("stuck"));
  }
  SECTION("a timeout beats an error and the expected output") {
    Outcome outcome = raised("ValueError", "x", 2);
    outcome.ending = Ending::timeout;
    CHECK(judge(k_expected, settings, outcome, k_path).verdict == Verdict::timeout);
  }
  SECTION("the output limit") {
    settings.output_limit = 2048;
    Outcome outcome;
    outcome.ending = Ending::output_limit;
    Judgement j = judge(k_expected, settings, outcome, k_path);
    CHECK(j.verdict == Verdict::limit);
    CHECK_THAT(j.reason, Catch::StartsWith("output"));
    CHECK_THAT(j.reason, Catch::Contains("2 KiB"));
  }
  SECTION("a crash by signal") {
    Outcome outcome;
    outcome.ending = Ending::crashed;
    outcome.signal = 11;
    Judgement j = judge(k_expected, settings, outcome, k_path);
    CHECK(j.verdict == Verdict::crash);
    CHECK_FALSE(j.internal);
    CHECK_THAT(j.reason, Catch::Contains("SIGSEGV"));
  }
  SECTION("a crash by exit status (os._exit)") {
    Outcome outcome;
    outcome.ending = Ending::crashed;
    outcome.exit_status = 3;
    Judgement j = judge(k_expected, settings, outcome, k_path);
    CHECK(j.verdict == Verdict::crash);
    CHECK_FALSE(j.internal);
    CHECK_THAT(j.reason, Catch::Contains("status 3"));
  }
  SECTION("a ModuleNotFoundError of a module this machine lacks is unverifiable") {
    Outcome outcome = raised("ModuleNotFoundError", "No module named 'numpy'", 1);
    outcome.error->module = "numpy";
    outcome.error->module_installed = false;
    Judgement j = judge(k_expected, settings, outcome, k_path);
    CHECK(j.verdict == Verdict::unverifiable);
    CHECK_FALSE(is_failing(j.verdict));
    CHECK_THAT(j.reason, Catch::Contains("numpy"));
  }
  SECTION("a ModuleNotFoundError of an installed package is an error") {
    Outcome outcome = raised("ModuleNotFoundError", "No module named 'json.nosuch'", 2);
    outcome.error->module = "json.nosuch";
    outcome.error->module_installed = true;
    Judgement j = judge(k_expected, settings, outcome, k_path);
    CHECK(j.verdict == Verdict::error);
    CHECK_THAT(j.reason, Catch::Contains("ModuleNotFoundError"));
    CHECK_THAT(j.reason, Catch::Contains("line 2"));
  }
  SECTION("a MemoryError is the memory limit") {
    settings.memory_limit = 256ULL * 1024 * 1024;
    Outcome outcome = raised("MemoryError", "", 3);
    Judgement j = judge(k_expected, settings, outcome, k_path);
    CHECK(j.verdict == Verdict::limit);
    CHECK_THAT(j.reason, Catch::StartsWith("memory"));
    CHECK_THAT(j.reason, Catch::Contains("256 MiB"));
  }
  SECTION("EFBIG is the file size limit") {
    settings.file_size_limit = 1024 * 1024;
    Outcome outcome = raised("OSError", "[Errno 27] File too large", 4);
    outcome.error->errno_value = EFBIG;
    REQUIRE(EFBIG == 27);
    Judgement j = judge(k_expected, settings, outcome, k_path);
    CHECK(j.verdict == Verdict::limit);
    CHECK_THAT(j.reason, Catch::StartsWith("file size"));
    CHECK_THAT(j.reason, Catch::Contains("1 MiB"));
  }
  SECTION("another OSError is an error") {
    Outcome outcome = raised("FileNotFoundError", "[Errno 2] No such file or directory: 'x'", 4);
    outcome.error->errno_value = ENOENT;
    Judgement j = judge(k_expected, settings, outcome, k_path);
    CHECK(j.verdict == Verdict::error);
    CHECK_THAT(j.reason, Catch::Contains("FileNotFoundError"));
  }
  SECTION("SystemExit with a non-zero status") {
    Outcome outcome = raised("SystemExit", "3", 5);
    outcome.exit_status = 3;
    outcome.error->traceback.clear();
    Judgement j = judge(k_expected, settings, outcome, k_path);
    CHECK(j.verdict == Verdict::error);
    CHECK_THAT(j.reason, Catch::Contains("status 3"));
    CHECK_THAT(j.reason, Catch::Contains("line 5"));
  }
  SECTION("SystemExit with a message: the message is in the reason, once") {
    Outcome outcome = raised("SystemExit", "bye", 2);
    outcome.exit_status = 1;
    CHECK(judge(k_expected, settings, outcome, k_path).reason == "exited with status 1: bye (line 2)");
    Outcome numbered = raised("SystemExit", "3", 4);
    numbered.exit_status = 3;
    CHECK(judge(k_expected, settings, numbered, k_path).reason == "exited with status 3 (line 4)");
    Outcome long_message = raised("SystemExit", "first line\nsecond line", 1);
    CHECK(judge(k_expected, settings, long_message, k_path).reason == "exited with status 1: first line (line 1)");
  }
  SECTION("SystemExit(0) that printed the expected output passes") {
    Outcome outcome = finished("hello\n");
    outcome.exit_status = 0;
    CHECK(judge(k_expected, settings, outcome, k_path).verdict == Verdict::pass);
  }
  SECTION("an ordinary exception names its type, message and line") {
    Outcome outcome = raised("ZeroDivisionError", "division by zero", 4);
    outcome.stdout_text = "hello\n";  // the expected output was printed before it failed
    Judgement j = judge(k_expected, settings, outcome, k_path);
    CHECK(j.verdict == Verdict::error);
    CHECK_FALSE(j.internal);
    CHECK(j.reason == "ZeroDivisionError: division by zero (line 4)");
  }
  SECTION("an exception without a message or a line") {
    Outcome outcome = raised("KeyboardInterrupt", "", 0);
    Judgement j = judge(k_expected, settings, outcome, k_path);
    CHECK(j.verdict == Verdict::error);
    CHECK(j.reason == "KeyboardInterrupt");
  }
  SECTION("an exception in a question without expected output is still an error") {
    Outcome outcome = raised("ValueError", "bad", 1);
    CHECK(judge(std::nullopt, settings, outcome, k_path).verdict == Verdict::error);
  }
  SECTION("truncated output is the output limit") {
    settings.output_limit = 1024;
    Outcome outcome = finished("hello\n");
    outcome.stdout_truncated = true;
    Judgement j = judge(k_expected, settings, outcome, k_path);
    CHECK(j.verdict == Verdict::limit);
    CHECK_THAT(j.reason, Catch::Contains("1 KiB"));
    Outcome err = finished("hello\n");
    err.stderr_truncated = true;
    CHECK(judge(k_expected, settings, err, k_path).verdict == Verdict::limit);
  }
  SECTION("nothing expected: no_claim") {
    Judgement j = judge(std::nullopt, settings, finished("whatever\n"), k_path);
    CHECK(j.verdict == Verdict::no_claim);
    CHECK_FALSE(j.reason.empty());
    CHECK(j.diff.empty());
  }
  SECTION("exact: pass and wrong") {
    settings.compare = CompareMode::exact;
    Judgement pass = judge(k_expected, settings, finished("hello\n"), k_path);
    CHECK(pass.verdict == Verdict::pass);
    CHECK(pass.reason.empty());
    CHECK(pass.diff.empty());
    Judgement wrong = judge(k_expected, settings, finished("hello \n"), k_path);
    CHECK(wrong.verdict == Verdict::wrong);
    CHECK_THAT(wrong.reason, Catch::Contains("exact"));
    CHECK_THAT(wrong.diff, Catch::StartsWith("--- expected\n+++ actual\n"));
    CHECK_THAT(wrong.diff, Catch::Contains("-hello\n"));
    CHECK_THAT(wrong.diff, Catch::Contains("+hello\u00b7\n"));  // the trailing space made visible
  }
  SECTION("an empty expected output") {
    CHECK(judge(std::string(), settings, finished(""), k_path).verdict == Verdict::pass);
    CHECK(judge(std::string(), settings, finished("x\n"), k_path).verdict == Verdict::wrong);
  }
  SECTION("normalize: pass and wrong") {
    settings.compare = CompareMode::normalize;
    CHECK(judge(k_expected, settings, finished("hello  \n\n"), k_path).verdict == Verdict::pass);
    Judgement wrong = judge(k_expected, settings, finished("Hello\n"), k_path);
    CHECK(wrong.verdict == Verdict::wrong);
    CHECK_THAT(wrong.reason, Catch::Contains("normalize"));
    CHECK_THAT(wrong.diff, Catch::Contains("+Hello"));
  }
  SECTION("ellipsis: pass and wrong") {
    settings.compare = CompareMode::ellipsis;
    const std::optional<std::string> pattern = std::string("id: ...\ndone\n");
    CHECK(judge(pattern, settings, finished("id: 0x7f00\ndone\n"), k_path).verdict == Verdict::pass);
    Judgement wrong = judge(pattern, settings, finished("id: 0x7f00\n"), k_path);
    CHECK(wrong.verdict == Verdict::wrong);
    CHECK_THAT(wrong.reason, Catch::Contains("ellipsis"));
    CHECK_FALSE(wrong.diff.empty());
  }
}

TEST_CASE("judge: limits of the sandbox", "[compare][verdict][sandbox]") {
  Settings settings;
  settings.process_limit = 32;
  settings.open_files_limit = 64;
  settings.cpu_limit_s = 2;
  auto sandboxed = [](Outcome outcome) {
    outcome.sandbox = SandboxReport{};
    return outcome;
  };
  SECTION("a fork that fails with EAGAIN is limit: processes") {
    Outcome outcome = raised("BlockingIOError", "[Errno 11] Resource temporarily unavailable", 2);
    outcome.error->errno_value = EAGAIN;
    Judgement judgement = judge(k_expected, settings, sandboxed(outcome), k_path);
    CHECK(judgement.verdict == Verdict::limit);
    CHECK(judgement.reason.starts_with("processes: could not start another process (at most 32"));
    CHECK(judge(k_expected, settings, outcome, k_path).verdict == Verdict::error);  // not sandboxed
  }
  SECTION("a thread that cannot start is limit: processes") {
    Outcome outcome = raised("RuntimeError", "can't start new thread", 3);
    Judgement judgement = judge(k_expected, settings, sandboxed(outcome), k_path);
    CHECK(judgement.verdict == Verdict::limit);
    CHECK(judgement.reason.starts_with("processes: could not start another thread"));
  }
  SECTION("too many open files is limit: open files") {
    Outcome outcome = raised("OSError", "[Errno 24] Too many open files", 2);
    outcome.error->errno_value = EMFILE;
    Judgement judgement = judge(k_expected, settings, sandboxed(outcome), k_path);
    CHECK(judgement.verdict == Verdict::limit);
    CHECK(judgement.reason == "open files: more than 64 open at once");
  }
  SECTION("SIGXCPU is timeout: cpu") {
    Outcome outcome;
    outcome.ending = Ending::crashed;
    outcome.signal = SIGXCPU;
    Judgement judgement = judge(k_expected, settings, sandboxed(outcome), k_path);
    CHECK(judgement.verdict == Verdict::timeout);
    CHECK(judgement.reason == "cpu: used up its 2 s of CPU time (SIGXCPU)");
  }
  SECTION("SIGKILL after the CPU limit is timeout: cpu; before it, a crash") {
    Outcome outcome;
    outcome.ending = Ending::crashed;
    outcome.signal = SIGKILL;
    outcome.duration_ms = 3100;
    CHECK(judge(k_expected, settings, sandboxed(outcome), k_path).verdict == Verdict::timeout);
    outcome.duration_ms = 100;
    CHECK(judge(k_expected, settings, sandboxed(outcome), k_path).verdict == Verdict::crash);
  }
}

namespace {

// A transcript's run: prompt 1 echoes 3, prompt 2 raises KeyError (its traceback on stderr), prompt
// 3 prints "after".
Outcome transcript_run() {
  Outcome outcome = finished("3\nafter\n");
  outcome.stderr_text = "Traceback (most recent call last):\n  File \"" + k_path +
                        "\", line 2, in <module>\n    d['k']\n    ~^^^^^\nKeyError: 'k'\n";
  const auto err = static_cast<std::uint64_t>(outcome.stderr_text.size());
  outcome.statements = {{1, 1, 0, 2, 0, 0}, {2, 2, 2, 2, 0, err}, {3, 3, 2, 8, err, err}};
  outcome.statements[1].error = PythonError{"KeyError", "'k'", "", 2, "", true, 0};
  return outcome;
}

}  // namespace

TEST_CASE("transcript_output", "[compare][verdict][repl]") {
  SECTION("each prompt's stdout, then its stderr, in prompt order") {
    CHECK(transcript_output(transcript_run()) ==
          "3\nTraceback (most recent call last):\n  File \"" + k_path +
              "\", line 2, in <module>\n    d['k']\n    ~^^^^^\nKeyError: 'k'\nafter\n");
  }
  SECTION("what came after the last prompt is kept") {
    Outcome outcome = transcript_run();
    outcome.stdout_text += "at exit\n";
    CHECK(transcript_output(outcome).ends_with("after\nat exit\n"));
  }
}

TEST_CASE("judge: a transcript", "[compare][verdict][repl]") {
  Settings settings;
  settings.mode = RunMode::repl;
  SECTION("what the REPL shows passes, a traceback compared on its last line") {
    std::string documented = "3\nTraceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\n"
                             "KeyError: 'k'\nafter\n";
    Judgement j = judge(documented, settings, transcript_run(), k_path);
    CHECK(j.verdict == Verdict::pass);
    CHECK(judge(std::string("3\nKeyError: 'k'\nafter\n"), settings, transcript_run(), k_path).verdict == Verdict::pass);
  }
  SECTION("a missing traceback, or another exception, is wrong, with a diff") {
    Judgement missing = judge(std::string("3\nafter\n"), settings, transcript_run(), k_path);
    CHECK(missing.verdict == Verdict::wrong);
    CHECK_THAT(missing.diff, Catch::Contains("+KeyError: 'k'"));
    std::string other = "3\nTraceback (most recent call last):\n  ...\nIndexError: 0\nafter\n";
    CHECK(judge(other, settings, transcript_run(), k_path).verdict == Verdict::wrong);
  }
  SECTION("no expected output: no_claim, naming the prompt that raised") {
    Judgement j = judge(std::nullopt, settings, transcript_run(), k_path);
    CHECK(j.verdict == Verdict::no_claim);
    CHECK(j.reason == "ran to its end (the prompt at line 2 raised KeyError: 'k'); no expected output documented");
  }
  SECTION("the same outcome as a script compares stdout alone") {
    settings.mode = RunMode::script;
    CHECK(judge(std::string("3\nafter\n"), settings, transcript_run(), k_path).verdict == Verdict::pass);
  }
}
