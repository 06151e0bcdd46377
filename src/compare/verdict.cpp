#include "compare/verdict.hpp"

#include <cerrno>
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

Judgement judge_error(const PythonError& error, const Settings& settings, const Outcome& outcome) {
  if (error.type == "ModuleNotFoundError" && !error.module_installed) {
    return {Verdict::unverifiable, "module '" + error.module + "' is not installed on this machine", {}, false};
  }
  if (error.type == "MemoryError") {
    return {Verdict::limit, "memory: MemoryError past the " + format_size(settings.memory_limit) + " limit", {}, false};
  }
  if (error.errno_value == EFBIG) {
    return {Verdict::limit, "file size: a file grew past the " + format_size(settings.file_size_limit) + " limit",
            {}, false};
  }
  if (error.type == "SystemExit") {
    return {Verdict::error, "exited with status " + std::to_string(outcome.exit_status.value_or(1)) + " (line " +
                                std::to_string(error.line) + ")", {}, false};
  }
  std::string reason = error.type + (error.message.empty() ? "" : ": " + error.message);
  if (error.line > 0) reason += " (line " + std::to_string(error.line) + ")";
  return {Verdict::error, reason, {}, false};
}

}  // namespace

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
  // faulthandler prints the most recent call first: the first frame in the snippet is the deepest.
  const std::string marker = "File \"" + path + "\", line ";
  std::size_t found = stack.find(marker);
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
      if (outcome.signal) return {Verdict::crash, "killed by " + signal_name(*outcome.signal), {}, false};
      return {Verdict::crash,
              "the process exited with status " + std::to_string(outcome.exit_status.value_or(-1)) +
                  " before the snippet ended (os._exit?)", {}, false};
    case Ending::finished: break;
  }
  if (outcome.error) return judge_error(*outcome.error, settings, outcome);
  if (outcome.stdout_truncated || outcome.stderr_truncated) {
    return {Verdict::limit, "output: more than " + format_size(settings.output_limit) + " on one stream", {}, false};
  }
  if (!expected) return {Verdict::no_claim, "ran clean; no expected output documented", {}, false};
  if (output_matches(*expected, outcome.stdout_text, settings.compare)) return {Verdict::pass, {}, {}, false};
  std::string reason = "stdout differs from expected (" + to_string(settings.compare) + ")";
  return {Verdict::wrong, reason, unified_diff(*expected, outcome.stdout_text), false};
}

}  // namespace snipcheck
