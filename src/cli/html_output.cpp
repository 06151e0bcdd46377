#include "cli/html_output.hpp"

#include <map>

#include "report/terminal_report.hpp"
#include "util/fs.hpp"

namespace snipcheck {

namespace {

void add_question_counts(const Summary& summary, std::vector<std::pair<std::string, int>>& counts) {
  counts.emplace_back("total", summary.total);
  for (int i = 0; i < k_verdict_count; ++i) {
    const int count = summary.counts[static_cast<std::size_t>(i)];
    if (count > 0) counts.emplace_back(to_string(static_cast<Verdict>(i)), count);
  }
  counts.emplace_back("failed", summary.failing());
  if (summary.unfinished > 0) counts.emplace_back("unfinished", summary.unfinished);
}

// The material's line a claim sits on (as the audit's reports give it): its code line's, or the
// Verification: text's; 0 when it has none.
int material_line_of(const AuditQuestion& question, const ClaimResult& claim) {
  if (claim.claim.kind == ClaimKind::verification) return question.verification_line;
  const int line = claim.claim.line;
  if (line < 1 || line > static_cast<int>(question.code_lines.size())) return 0;
  return question.code_lines[static_cast<std::size_t>(line - 1)];
}

}  // namespace

HtmlReport run_html_report(const std::string& title, const Execution& execution, const std::vector<Question>& runs,
                           const std::string& extra) {
  HtmlReport report;
  report.title = title;
  report.summary_line = format_summary_line(execution.summary) + (extra.empty() ? "" : "; " + extra);
  add_question_counts(execution.summary, report.counts);
  for (std::size_t i = 0; i < execution.results.size(); ++i) {
    const Result& result = execution.results[i];
    if (!result.finished) continue;
    HtmlEntry entry;
    entry.result = &result;
    if (i < runs.size()) {
      entry.code = runs[i].code;
      entry.title = runs[i].settings.title;
    }
    entry.failing = is_failing(result.judgement.verdict);
    report.entries.push_back(std::move(entry));
  }
  return report;
}

HtmlReport audit_html_report(const std::string& title, const std::vector<AuditQuestion>& questions,
                             const AuditSummary& summary, const std::vector<ImportedQuestion>& imported) {
  HtmlReport report;
  report.title = title;
  report.summary_line = format_summary_line(summary.questions);
  add_question_counts(summary.questions, report.counts);
  for (int i = 0; i < k_claim_verdict_count; ++i) {
    const int count = summary.claims[static_cast<std::size_t>(i)];
    if (count > 0) report.counts.emplace_back("claims " + to_string(static_cast<ClaimVerdict>(i)), count);
  }
  std::map<std::string, const ImportedQuestion*> by_id;
  for (const ImportedQuestion& question : imported) by_id.emplace(question.id, &question);
  for (const AuditQuestion& question : questions) {
    if (!question.result.finished) continue;
    HtmlEntry entry;
    entry.result = &question.result;
    entry.title = question.title;
    entry.line_numbers = question.code_lines;
    if (auto found = by_id.find(question.id); found != by_id.end()) entry.code = found->second->question.code;
    entry.failing = is_failing(question.result.judgement.verdict);
    for (const ClaimResult& claim : question.claims) {
      HtmlClaim shown;
      shown.line = material_line_of(question, claim);
      shown.verdict = to_string(claim.verdict);
      shown.failing = claim.verdict == ClaimVerdict::wrong;
      shown.text = "claims " + claim.expected + (claim.actual.empty() ? "" : ", prints " + claim.actual);
      shown.hint = claim.hint;
      entry.failing = entry.failing || shown.failing;
      entry.claims.push_back(std::move(shown));
    }
    report.entries.push_back(std::move(entry));
  }
  return report;
}

Expected<void> write_html_report(const std::string& path, const HtmlReport& report) {
  return write_output(path, render_html_report(report));
}

}  // namespace snipcheck
