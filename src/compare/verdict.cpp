#include "compare/verdict.hpp"

#include <cerrno>
#include <cmath>
#include <csignal>
#include <algorithm>
#include <string_view>

#include "compare/compare.hpp"
#include "util/text.hpp"

namespace snipcheck {

namespace {

std::string seconds_text(double seconds) {
  std::string text = std::to_string(seconds);
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.') text.pop_back();
  return text + " s";
}

// A sandboxed snippet that ran into one of the sandbox's own limits (a fork or a thread that
// could not start, too many open files).
std::optional<std::string> sandbox_limit_reason(const PythonError& error, const Settings& settings) {
  const bool no_thread = error.type == "RuntimeError" && error.message.find("can't start new thread") != std::string::npos;
  if (error.errno_value == EAGAIN || no_thread) {
    return "processes: could not start another " + std::string(no_thread ? "thread" : "process") + " (at most " +
           std::to_string(settings.process_limit) + " processes and threads)";
  }
  if (error.errno_value == EMFILE) {
    return "open files: more than " + std::to_string(settings.open_files_limit) + " open at once";
  }
  return std::nullopt;
}

// RLIMIT_CPU: SIGXCPU at the soft limit, SIGKILL at the hard one (a second later) if the code
// ignored SIGXCPU.
bool hit_cpu_limit(const Outcome& outcome, const Settings& settings) {
  if (!outcome.sandbox || !outcome.signal) return false;
  if (*outcome.signal == SIGXCPU) return true;
  const auto cpu_s = static_cast<std::int64_t>(settings.cpu_limit_s > 0 ? settings.cpu_limit_s
                                                                        : static_cast<std::uint64_t>(std::ceil(settings.timeout_s)));
  return *outcome.signal == SIGKILL && outcome.duration_ms >= cpu_s * 1000;
}

std::string cpu_seconds(const Settings& settings) {
  return settings.cpu_limit_s > 0 ? std::to_string(settings.cpu_limit_s) + " s"
                                  : std::to_string(static_cast<long>(std::ceil(settings.timeout_s))) + " s";
}

Judgement judge_error(const PythonError& error, const Settings& settings, const Outcome& outcome) {
  if (error.type == "ModuleNotFoundError" && !error.module_installed) {
    return {Verdict::unverifiable, "module '" + error.module + "' is not installed on this machine", {}, false};
  }
  if (error.type == "MemoryError") {
    return {Verdict::limit, "memory: MemoryError past the " + format_size(settings.memory_limit) + " limit", {}, false};
  }
  if (outcome.sandbox && sandbox_limit_reason(error, settings)) {
    return {Verdict::limit, *sandbox_limit_reason(error, settings), {}, false};
  }
  if (error.errno_value == EFBIG) {
    return {Verdict::limit, "file size: a file grew past the " + format_size(settings.file_size_limit) + " limit",
            {}, false};
  }
  if (error.type == "SystemExit") {
    // sys.exit("bye"): Python prints the message and exits 1; the message is the reason.
    const int status = outcome.exit_status.value_or(1);
    std::string message = error.message == std::to_string(status) ? "" : error.message.substr(0, error.message.find('\n'));
    if (message.size() > 200) {
      std::size_t cut = 200;
      while (cut > 0 && (static_cast<unsigned char>(message[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
      message = message.substr(0, cut) + "...";
    }
    return {Verdict::error, "exited with status " + std::to_string(status) + (message.empty() ? "" : ": " + message) +
                                " (line " + std::to_string(error.line) + ")", {}, false};
  }
  std::string reason = error.type + (error.message.empty() ? "" : ": " + error.message);
  if (error.line > 0) reason += " (line " + std::to_string(error.line) + ")";
  return {Verdict::error, reason, {}, false};
}

std::string slice(const std::string& text, std::uint64_t begin, std::uint64_t end) {
  if (begin >= text.size() || end <= begin) return {};
  return text.substr(begin, std::min<std::uint64_t>(end, text.size()) - begin);
}

// A transcript is judged on what its REPL showed, tracebacks compared as doctest compares them.
Judgement judge_transcript(const std::string& expected, const Settings& settings, const Outcome& outcome) {
  const std::string shown = collapse_tracebacks(transcript_output(outcome));
  const std::string documented = collapse_tracebacks(expected);
  if (output_matches(documented, shown, settings.compare)) return {Verdict::pass, {}, {}, false};
  std::string reason = "what the transcript shows differs from expected (" + to_string(settings.compare) +
                       "; tracebacks by their last line)";
  return {Verdict::wrong, reason, unified_diff(documented, shown), false};
}

// A transcript that documents nothing: ran clean, or a prompt raised and the session went on.
Judgement transcript_without_expected(const Outcome& outcome) {
  for (const StatementOutput& prompt : outcome.statements) {
    if (!prompt.error) continue;
    return {Verdict::no_claim,
            "ran to its end (the prompt at line " + std::to_string(prompt.line) + " raised " + prompt.error->type +
                (prompt.error->message.empty() ? "" : ": " + prompt.error->message) +
                "); no expected output documented",
            {}, false};
  }
  return {Verdict::no_claim, "ran clean; no expected output documented", {}, false};
}

}  // namespace

std::string transcript_output(const Outcome& outcome) {
  std::string shown;
  std::uint64_t out = 0, err = 0;
  for (const StatementOutput& statement : outcome.statements) {
    shown += slice(outcome.stdout_text, statement.stdout_begin, statement.stdout_end);
    shown += slice(outcome.stderr_text, statement.stderr_begin, statement.stderr_end);
    out = std::max(out, statement.stdout_end);
    err = std::max(err, statement.stderr_end);
  }
  return shown + slice(outcome.stdout_text, out, outcome.stdout_text.size()) +
         slice(outcome.stderr_text, err, outcome.stderr_text.size());
}

std::string to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::pass: return "pass";
    case Verdict::wrong: return "wrong";
    case Verdict::error: return "error";
    case Verdict::timeout: return "timeout";
    case Verdict::crash: return "crash";
    case Verdict::limit: return "limit";
    case Verdict::unverifiable: return "unverifiable";
    case Verdict::no_claim: return "no_claim";
    case Verdict::skipped: return "skipped";
  }
  return "error";
}

bool is_failing(Verdict verdict) {
  switch (verdict) {
    case Verdict::wrong:
    case Verdict::error:
    case Verdict::timeout:
    case Verdict::crash:
    case Verdict::limit: return true;
    default: return false;
  }
}

int line_in_stack(const std::string& stack, const std::string& path) {
  // faulthandler prints the most recent call first: the first frame in the snippet is the
  // deepest. The snippet's main thread is what a reader means by "where it was stuck"; other
  // threads count only when the main thread's frames are not in the snippet.
  const std::string marker = "File \"" + path + "\", line ";
  std::size_t block = stack.find(k_main_thread_header);
  std::size_t found = std::string::npos;
  if (block != std::string::npos) {
    std::size_t block_end = stack.find(" thread (most recent call first):", block + k_main_thread_header.size());
    found = stack.find(marker, block);
    if (block_end != std::string::npos && found > block_end) found = std::string::npos;
  }
  if (found == std::string::npos) found = stack.find(marker);
  if (found == std::string::npos) return 0;
  return std::atoi(stack.c_str() + found + marker.size());
}

Judgement judge(const std::optional<std::string>& expected, const Settings& settings, const Outcome& outcome,
                const std::string& path) {
  if (!outcome.internal_error.empty()) {
    return {Verdict::crash, "internal error: " + outcome.internal_error, {}, true};
  }
  switch (outcome.ending) {
    case Ending::timeout: {
      std::string reason = "ran past its " + seconds_text(settings.timeout_s) + " timeout";
      if (int line = line_in_stack(outcome.stack, path); line > 0) reason += ", stuck at line " + std::to_string(line);
      return {Verdict::timeout, reason, {}, false};
    }
    case Ending::output_limit:
      return {Verdict::limit, "output: more than " + format_size(settings.output_limit) + " on one stream", {}, false};
    case Ending::crashed:
      if (!outcome.crash_reason.empty()) return {Verdict::crash, outcome.crash_reason, {}, false};
      if (hit_cpu_limit(outcome, settings)) {
        return {Verdict::timeout, "cpu: used up its " + cpu_seconds(settings) + " of CPU time (" +
                                      signal_name(*outcome.signal) + ")", {}, false};
      }
      if (outcome.signal) return {Verdict::crash, "killed by " + signal_name(*outcome.signal), {}, false};
      return {Verdict::crash,
              "the process exited with status " + std::to_string(outcome.exit_status.value_or(-1)) +
                  " before the snippet ended (os._exit?)", {}, false};
    case Ending::finished: break;
  }
  // A write failed at the limit, whether or not the snippet saw the error (a file flushed only
  // at exit).
  if (outcome.file_size_exceeded) {
    return {Verdict::limit, "file size: a file grew past the " + format_size(settings.file_size_limit) + " limit",
            {}, false};
  }
  if (outcome.error) return judge_error(*outcome.error, settings, outcome);
  if (outcome.stdout_truncated || outcome.stderr_truncated) {
    return {Verdict::limit, "output: more than " + format_size(settings.output_limit) + " on one stream", {}, false};
  }
  if (!expected && settings.mode == RunMode::repl) return transcript_without_expected(outcome);
  if (!expected) return {Verdict::no_claim, "ran clean; no expected output documented", {}, false};
  if (settings.mode == RunMode::repl) return judge_transcript(*expected, settings, outcome);
  if (output_matches(*expected, outcome.stdout_text, settings.compare)) return {Verdict::pass, {}, {}, false};
  std::string reason = "stdout differs from expected (" + to_string(settings.compare) + ")";
  return {Verdict::wrong, reason, output_diff(*expected, outcome.stdout_text), false};
}

}  // namespace snipcheck
