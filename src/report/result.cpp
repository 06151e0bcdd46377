#include "report/result.hpp"

namespace snipcheck {

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
