#include "compare/result.hpp"

#include <algorithm>

#include "compare/compare.hpp"
#include "util/text.hpp"

namespace snipcheck {

namespace {

// Cuts `text` to at most `bytes`, never inside a UTF-8 sequence. True when it cut.
bool clip(std::string& text, std::uint64_t bytes) {
  if (text.size() <= bytes) return false;
  std::size_t end = static_cast<std::size_t>(bytes);
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
  text.shrink_to_fit();
  return true;
}

}  // namespace

void clip_output(Result& result, std::uint64_t bytes) {
  Outcome& outcome = result.outcome;
  outcome.stdout_bytes = std::max<std::uint64_t>(outcome.stdout_bytes, outcome.stdout_text.size());
  outcome.stderr_bytes = std::max<std::uint64_t>(outcome.stderr_bytes, outcome.stderr_text.size());
  clip(outcome.stdout_text, bytes);
  clip(outcome.stderr_text, bytes);
  if (result.expected) clip(*result.expected, bytes);  // the bank's file has it whole
  std::string& diff = result.judgement.diff;
  const std::size_t whole = diff.size();
  if (clip(diff, bytes)) {
    const std::size_t last_line = diff.rfind('\n');
    diff.resize(last_line == std::string::npos ? 0 : last_line + 1);
    diff += "[diff cut at " + std::to_string(diff.size()) + " of its " + std::to_string(whole) + " bytes]\n";
  }
}

int Summary::failing() const {
  int failing = 0;
  for (int i = 0; i < k_verdict_count; ++i) {
    if (is_failing(static_cast<Verdict>(i))) failing += counts[static_cast<std::size_t>(i)];
  }
  return failing;
}

Summary summarize(const std::vector<Result>& results, std::int64_t duration_ms, int workers) {
  Summary summary;
  summary.duration_ms = duration_ms;
  summary.workers = workers;
  for (const Result& result : results) {
    if (!result.finished) {
      ++summary.unfinished;
      continue;
    }
    ++summary.total;
    ++summary.counts[static_cast<std::size_t>(result.judgement.verdict)];
    summary.internal_failure = summary.internal_failure || result.judgement.internal;
  }
  return summary;
}

std::uint64_t first_difference_offset(const std::string& expected, const std::string& actual, CompareMode mode) {
  auto trimmed = [mode](std::string_view line) {
    if (mode == CompareMode::normalize || mode == CompareMode::claims) {
      while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
    }
    return line;
  };
  std::size_t e = 0, a = 0;
  while (a < actual.size()) {
    const std::size_t a_end = std::min(actual.find('\n', a), actual.size());
    if (e >= expected.size()) return a;
    const std::size_t e_end = std::min(expected.find('\n', e), expected.size());
    const std::string_view a_line(actual.data() + a, a_end - a);
    const std::string_view e_line(expected.data() + e, e_end - e);
    if (trimmed(a_line) != trimmed(e_line)) return a;
    // A last line without its newline differs from the same line with one.
    if (mode == CompareMode::exact && (a_end == actual.size()) != (e_end == expected.size())) return a;
    a = a_end + 1;
    e = e_end + 1;
  }
  return actual.size();
}

int failure_line(const Result& result) {
  const Outcome& outcome = result.outcome;
  if (outcome.error && outcome.error->line > 0) return outcome.error->line;
  if (!outcome.stack.empty()) return line_in_stack(outcome.stack, result.path);
  if (result.judgement.verdict != Verdict::wrong || !result.expected) return 0;
  if (result.settings.mode == RunMode::repl) {
    // A transcript is compared on what its session showed (each prompt's stdout, then its
    // stderr, tracebacks by their last line): the first differing line is counted there.
    std::string shown;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> shown_by;  // each prompt's range of `shown`
    for (const StatementOutput& statement : outcome.statements) {
      auto slice = [](const std::string& text, std::uint64_t begin, std::uint64_t end) {
        return begin >= text.size() || end <= begin ? std::string() : text.substr(begin, std::min<std::uint64_t>(end, text.size()) - begin);
      };
      const std::uint64_t begin = shown.size();
      shown += collapse_tracebacks(slice(outcome.stdout_text, statement.stdout_begin, statement.stdout_end) +
                                   slice(outcome.stderr_text, statement.stderr_begin, statement.stderr_end));
      shown_by.emplace_back(begin, shown.size());
    }
    const std::uint64_t offset = first_difference_offset(collapse_tracebacks(*result.expected), shown, result.settings.compare);
    int last_showing = 0;
    for (std::size_t i = 0; i < shown_by.size(); ++i) {
      const auto [begin, end] = shown_by[i];
      if (begin <= offset && offset < end) return outcome.statements[i].line;
      if (end > begin && end <= offset) last_showing = outcome.statements[i].line;
    }
    return last_showing;
  }
  const std::uint64_t offset = first_difference_offset(*result.expected, outcome.stdout_text, result.settings.compare);
  int last_printing = 0;
  for (const StatementOutput& statement : outcome.statements) {
    if (statement.stdout_begin <= offset && offset < statement.stdout_end) return statement.line;
    if (statement.stdout_end > statement.stdout_begin && statement.stdout_end <= offset) last_printing = statement.line;
  }
  return last_printing;
}

std::string code_line(const std::string& code, int line) {
  if (line <= 0) return {};
  std::size_t start = 0;
  for (int i = 1; i < line; ++i) {
    start = code.find('\n', start);
    if (start == std::string::npos) return {};
    ++start;
  }
  if (start >= code.size()) return {};
  std::string text = code.substr(start, code.find('\n', start) - start);
  const std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  const std::size_t last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

}  // namespace snipcheck
