// --html PATH for run, check and audit (report/html_report.hpp): what each command knows, turned
// into one HtmlReport and written whole through write_output() (util/fs.hpp: atomic, a FIFO or
// device written through, `-` standard output).
#pragma once

#include <string>
#include <vector>

#include "bank/bank.hpp"
#include "compare/execute.hpp"
#include "audit/importer.hpp"
#include "report/audit_report.hpp"
#include "report/html_report.hpp"
#include "util/error.hpp"

namespace snipcheck {

// `runs` are the questions `execution` ran, in its order (their code is shown). `extra` is a
// line after the summary (check's overall verdict over its cases), or empty.
HtmlReport run_html_report(const std::string& title, const Execution& execution, const std::vector<Question>& runs,
                           const std::string& extra = {});

// The audit's questions with their claims, each claim under its material line.
HtmlReport audit_html_report(const std::string& title, const std::vector<AuditQuestion>& questions,
                             const AuditSummary& summary, const std::vector<ImportedQuestion>& imported);

Expected<void> write_html_report(const std::string& path, const HtmlReport& report);

}  // namespace snipcheck
