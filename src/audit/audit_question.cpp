#include "audit/audit_question.hpp"

namespace snipcheck {

int block_line(const AuditQuestion& question) { return question.code_lines.empty() ? 0 : question.code_lines.front(); }

bool AuditSummary::failing() const { return count(ClaimVerdict::wrong) > 0 || questions.failing() > 0; }

AuditSummary summarize_audit(const std::vector<AuditQuestion>& questions, std::int64_t duration_ms, int workers) {
  AuditSummary summary;
  std::vector<Result> results;
  for (const AuditQuestion& question : questions) {
    results.push_back(question.result);
    for (const ClaimResult& claim : question.claims) ++summary.claims[static_cast<std::size_t>(claim.verdict)];
  }
  summary.questions = summarize(results, duration_ms, workers);
  return summary;
}

}  // namespace snipcheck
