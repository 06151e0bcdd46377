// The audit's reports: per question its verdict, every wrong claim as
// `Q<N> line <L>: claims <X>, prints <Y> — <hint>`, unverifiable questions with their reason and a
// summary table (terminal); the same as JSON (the run report's fields plus "question", "title",
// "source_line" and "claims") and as Markdown for a merge request; and --fix, a unified diff
// against the material that rewrites each wrong claim's comment to what the code prints. Pure
// rendering: it decides no verdict. Questions an interrupted run did not finish are left out
// (listed as "unfinished" in the JSON) and the reports say it was interrupted.
#pragma once

#include <array>
#include <ostream>
#include <string>
#include <vector>

#include "compare/claim_judge.hpp"
#include "material/material.hpp"
#include "report/result.hpp"
#include "report/terminal_report.hpp"

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

// "Q40 line 5: claims [1, 2], prints <map object at 0x...> — prints the iterator object, ..."
std::string wrong_claim_line(const AuditQuestion& question, const ClaimResult& claim);

// "Q7 line 3 (confidence 0.6): claims olleh, prints hello — ...": a claim listed as unsure.
std::string unsure_claim_line(const AuditQuestion& question, const ClaimResult& claim);

// Detail::quiet: only questions with a wrong claim or a failure; verbose: every claim. Control
// characters in what is printed are made visible (visible_controls()).
void print_audit(std::ostream& out, const std::vector<AuditQuestion>& questions, const AuditSummary& summary,
                 Detail detail);

std::string render_audit_json(const std::vector<AuditQuestion>& questions, const AuditSummary& summary);
std::string render_audit_markdown(const std::vector<AuditQuestion>& questions, const AuditSummary& summary,
                                  const std::string& material_name);

// A unified diff from the material to the material with each wrong claim's comment corrected
// (not one whose output varies between runs: there is no one value to write); empty when
// nothing is wrong.
std::string render_fix_diff(const std::string& material_text, const std::string& material_name,
                            const std::vector<AuditQuestion>& questions);

}  // namespace snipcheck
