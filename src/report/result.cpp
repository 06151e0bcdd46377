#include "report/result.hpp"

#include <algorithm>

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

}  // namespace snipcheck
