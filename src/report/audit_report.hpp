// The audit's reports: per question its verdict, every wrong claim as
// `Q<N> line <L>: claims <X>, prints <Y> — <hint>`, unverifiable questions with their reason and a
// summary table (terminal); the same as JSON (the run report's fields plus "question", "title",
// "source_line" and "claims") and as Markdown for a merge request (--fix's diff: fix_diff.hpp). Pure
// rendering: it decides no verdict. Questions an interrupted run did not finish are left out
// (listed as "unfinished" in the JSON) and the reports say it was interrupted.
#pragma once

#include <array>
#include <ostream>
#include <string>
#include <vector>

#include "audit/audit_question.hpp"
#include "audit/claim_judge.hpp"
#include "material/material.hpp"
#include "compare/result.hpp"
#include "report/terminal_report.hpp"

namespace snipcheck {

// "Q40 line 5: claims [1, 2], prints <map object at 0x...> — prints the iterator object, ..."
std::string wrong_claim_line(const AuditQuestion& question, const ClaimResult& claim);

// Sets the diff of each question judged wrong to its wrong claims, one wrong_claim_line() each:
// JUnit, JSON and HTML readers see them where a run shows its diff.
void describe_wrong_claims(std::vector<AuditQuestion>& questions);

// "Q7 line 3 (confidence 0.6): claims olleh, prints hello — ...": a claim listed as unsure.
std::string unsure_claim_line(const AuditQuestion& question, const ClaimResult& claim);

// Detail::quiet: only questions with a wrong claim or a failure; verbose: every claim. Control
// characters in what is printed are made visible (visible_controls()).
void print_audit(std::ostream& out, const std::vector<AuditQuestion>& questions, const AuditSummary& summary,
                 Detail detail);

std::string render_audit_json(const std::vector<AuditQuestion>& questions, const AuditSummary& summary);
std::string render_audit_markdown(const std::vector<AuditQuestion>& questions, const AuditSummary& summary,
                                  const std::string& material_name);

}  // namespace snipcheck
