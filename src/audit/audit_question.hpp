// The audit's results, as data: per question its run, its audit verdict and every claim's
// verdict; and the counts of an audit. Built by audit_results() (auditor.hpp), rendered by
// report/audit_report.hpp. No logic beyond counting.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "audit/claim_judge.hpp"
#include "compare/result.hpp"

namespace snipcheck {

struct AuditQuestion {
  int number = 0;
  std::string id;
  std::string title;
  int source_line = 0;
  std::vector<int> code_lines;      // material line of each example line (the first names the block)
  int verification_line = 0;        // material line of its Verification: text, 0 when none
  Result result;                    // its run, with the audit's verdict and reason
  std::vector<ClaimResult> claims;  // in line order
};

constexpr int k_claim_verdict_count = 8;

struct AuditSummary {
  Summary questions;
  std::array<int, k_claim_verdict_count> claims{};
  int count(ClaimVerdict verdict) const { return claims[static_cast<std::size_t>(verdict)]; }
  bool failing() const;  // a wrong claim, or a question that failed by itself
};

AuditSummary summarize_audit(const std::vector<AuditQuestion>& questions, std::int64_t duration_ms, int workers);

// The material line of the question's block (its first code line), 0 when unknown: what tells
// apart two blocks under one heading (a session) in every report.
int block_line(const AuditQuestion& question);

}  // namespace snipcheck
