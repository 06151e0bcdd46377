// Job and Outcome: what the supervisor asks a worker to run, and everything that happened when it
// ran, as plain data. An Outcome never says pass or wrong (compare/ decides that); it carries the
// facts: output, exception, exit status, how the run ended and whether the worker stayed clean.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "sandbox/sandbox.hpp"

namespace snipcheck {

// How a reported stack heads the snippet's main thread (other threads follow it).
inline const std::string k_main_thread_header = "Snippet's main thread (most recent call first):";

// A probe (issue 10, item 4): Python the audit evaluates in the snippet's namespace while the
// snippet runs, its code unchanged: right after the top-level line-unit that holds `line` ran (a
// line between units, a comment: after the last unit that starts before it; before any unit:
// before the first), or with line 0 after the last statement, before the end-of-run steps
// (threads, atexit). Names it binds stay out of the snippet's namespace; its output is its own.
struct ProbeRequest {
  enum class Mode { eval, exec };
  Mode mode = Mode::eval;
  std::string source;
  int line = 0;
};

struct ProbeResult {
  bool ok = false;        // evaluated without an exception
  std::string str;        // str(value) (eval)
  std::string repr;       // repr(value) (eval)
  std::string error;      // "TypeError: ..." when it raised
  std::string output;     // what the evaluation itself printed (stdout and stderr)
};

// One earlier block of a question's session (bank setting `continues`): run, in the same
// process and `__main__` namespace, before the question's own code, compiled under its own path.
// Its output is no output of the question's (it goes to /dev/null), and an exception in it does not
// stop the question: it is recorded (Outcome::before_errors).
struct JobPart {
  std::string path;             // absolute path of that question's snippet: compiled under it
  std::string code;             // its text (UTF-8)
  std::string mode = "script";  // how it runs: "script" (the transcript mode may add "repl")
};

struct Job {
  std::string id;
  std::string path;       // absolute path of the snippet: compiled under it, and __file__
  std::string code;       // its text (UTF-8)
  std::string cwd;        // a fresh empty directory, the snippet's working directory
  // The earlier blocks of its session, oldest first, run before `code` (empty: it runs alone).
  // timeout_ms covers them too.
  std::vector<JobPart> before;
  std::int64_t timeout_ms = 10000;
  // A look this far into the job (0: none): the worker sends the supervisor the job's stack then
  // and the job goes on, unless the supervisor stops it there (SupervisorOptions::stop_at_look).
  std::int64_t look_ms = 0;
  std::uint64_t output_limit = 1024ULL * 1024;
  std::uint64_t memory_limit = 2048ULL * 1024 * 1024;
  std::uint64_t file_size_limit = 64ULL * 1024 * 1024;
  std::string isolation = "auto";             // auto | subinterpreter | process
  // script: the code runs as `python3 FILE` runs it; repl: it is a `>>>` transcript's source
  // (prompts without their `>>> `/`... `), each prompt compiled in "single" mode as a REPL does.
  std::string mode = "script";
  std::vector<std::string> process_modules;   // auto: importing one of these means the process tier
  // Untrusted code (issue 5): always a forked child confined by src/sandbox/ before it runs.
  bool sandbox = false;
  bool sandbox_allow_weaker = false;   // run even when a protection is unavailable (it is reported)
  bool sandbox_exec = false;           // may execute /usr/bin/python3* (subprocess of Python)
  std::uint64_t cpu_limit_s = 0;       // RLIMIT_CPU in the sandbox; 0: the timeout, rounded up
  std::uint64_t process_limit = 64;    // processes and threads at once in the sandbox
  std::uint64_t open_files_limit = 256;
  std::vector<std::string> sandbox_env;  // variables kept besides PATH, LANG, LC_*, TZ, TERM
  // Set by the supervisor per dispatch (capture.hpp): the driver then marks each statement's end
  // in the output itself, and statements carry mark numbers, not offsets, until the supervisor
  // maps them. Empty (direct use, tests): offsets are the sizes of the files on fds 1 and 2.
  std::string capture_nonce;
  std::vector<ProbeRequest> probes;  // evaluated as the snippet runs (see ProbeRequest)
  // What the run reads on fd 0 (runner/stdin_input.hpp): a question's input case. nullopt:
  // nothing, /dev/null, as for every question without cases.
  std::optional<std::string> stdin_text;
};

// How the run ended, seen from outside the snippet.
enum class Ending {
  finished,        // every statement ran, or SystemExit / an exception ended it (see error)
  timeout,         // past its wall-clock deadline
  output_limit,    // wrote more than output_limit to stdout or stderr
  crashed,         // the worker died (signal, abort, os._exit) before it reported
};

struct PythonError {
  std::string type;        // "ZeroDivisionError"
  std::string message;     // str(exception)
  std::string traceback;   // as Python prints it, the snippet's own frames and line numbers
  int line = 0;            // the snippet's line where it was raised (deepest frame in the snippet)
  std::string module;      // for ModuleNotFoundError: the module that is missing
  bool module_installed = true;  // for ModuleNotFoundError: false when this machine lacks it
  int errno_value = 0;     // for OSError
};

// An earlier block of the session (Job::before) that raised; the question ran after it anyway.
struct PartError {
  std::string path;    // the part's path (JobPart::path)
  PythonError error;   // its line is the part's own line
};

// Output of one top-level statement (in a transcript, one prompt): byte ranges into the job's
// stdout and stderr.
struct StatementOutput {
  int line = 0;
  int end_line = 0;
  std::uint64_t stdout_begin = 0, stdout_end = 0;
  std::uint64_t stderr_begin = 0, stderr_end = 0;
  // A transcript's prompt that raised: its exception (the REPL printed it on stderr and went on
  // with the next prompt, so it is not the Outcome's error).
  std::optional<PythonError> error = std::nullopt;
};

struct Outcome {
  Ending ending = Ending::finished;
  std::string stdout_text;
  std::string stderr_text;
  bool stdout_truncated = false;   // more than output_limit: the verdict is limit
  bool stderr_truncated = false;
  // What the job wrote, kept or not; after judging, the texts may be cut further for the
  // reports (clip_for_report), and these still tell the real sizes.
  std::uint64_t stdout_bytes = 0;
  std::uint64_t stderr_bytes = 0;
  bool file_size_exceeded = false;   // a write failed at file_size_limit (SIGXFSZ), caught or not
  std::optional<int> exit_status;     // SystemExit code, 0 on a normal end; nullopt when it never ended
  std::optional<PythonError> error;   // an uncaught exception or non-zero SystemExit
  std::vector<StatementOutput> statements;
  // Per Job::probes, in request order: nullopt where its unit never ran (an exception or exit
  // before it, a run that never reported). Empty when the job had none or never reported.
  std::vector<std::optional<ProbeResult>> probes;
  std::vector<PartError> before_errors;  // earlier blocks of its session that raised, in order
  std::optional<int> signal;          // crashed: the signal that killed the worker
  std::string crash_reason;           // crashed: why, when neither a signal nor a status says it
  std::string stack;                  // timeout/output limit: the Python stack at that moment
  std::string taint;                  // non-empty: what the snippet left behind; the worker was replaced
  std::string internal_error;         // the worker failed for a reason of ours
  std::int64_t duration_ms = 0;
  int worker_pid = 0;
  long worker_rss_kb = 0;             // the worker's resident memory after the job
  long worker_fds = 0;                // and its open file descriptors
  std::string tier;                   // "subinterpreter" or "process": where it ran
  std::string tier_reason;            // why that tier
  std::optional<SandboxReport> sandbox;  // sandboxed jobs: the protections it ran under
};

// Lowers the calling process's RLIMIT_FSIZE and RLIMIT_AS to the job's limits (never above the
// hard limits). RLIMIT_AS is left alone in a sanitized build, which reserves terabytes.
// Also clears the record of file_size_limit_hit().
void apply_job_limits(const Job& job);

// SIGXFSZ's handler in a worker and its children: records that a write went past RLIMIT_FSIZE
// (the write then fails with EFBIG, as with the signal ignored). The record tells a snippet that
// hit the limit even when the error was swallowed (a buffered file flushed at exit).
void on_file_size_signal(int);
bool file_size_limit_hit();

void to_json(nlohmann::json& out, const Job& job);
void from_json(const nlohmann::json& in, Job& job);
void to_json(nlohmann::json& out, const PythonError& error);
void from_json(const nlohmann::json& in, PythonError& error);
void to_json(nlohmann::json& out, const StatementOutput& statement);
void to_json(nlohmann::json& out, const JobPart& part);
void from_json(const nlohmann::json& in, JobPart& part);
void to_json(nlohmann::json& out, const PartError& part);
void from_json(const nlohmann::json& in, PartError& part);
void from_json(const nlohmann::json& in, StatementOutput& statement);
void to_json(nlohmann::json& out, const SandboxReport& report);
void to_json(nlohmann::json& out, const ProbeRequest& probe);
void from_json(const nlohmann::json& in, ProbeRequest& probe);
// Probe results as the driver and the worker send them: an array of null (never ran) or
// {"ok", "str", "repr", "error", "output"}. Reading is lenient: what is not an array is none.
nlohmann::json probe_results_to_json(const std::vector<std::optional<ProbeResult>>& results);
std::vector<std::optional<ProbeResult>> probe_results_from_json(const nlohmann::json& in);
void from_json(const nlohmann::json& in, SandboxReport& report);

}  // namespace snipcheck
