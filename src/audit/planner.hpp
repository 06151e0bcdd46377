// Planner: the runs of an audit. Every example, with a look at its stack after a short time (a
// serve loop is stopped there), then in new workers a second run of those where it can change a
// verdict (with the probes that check the hints), of the sandboxed ones the first look's
// deadline stopped too early (with their full timeout) and of those
// that turned out to need an earlier example's files (chained after it), each with its chain.
// It decides which example runs when and with what; execute() runs them, auditor.hpp judges.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/auditor.hpp"
#include "audit/importer.hpp"
#include "bank/bank.hpp"
#include "compare/execute.hpp"
#include "compare/result.hpp"

namespace snipcheck {

// The runs of an audit, per question in bank order.
struct AuditRuns {
  std::vector<Result> first;                  // the example as printed
  std::vector<std::optional<Result>> second;  // again with its probes, where that can change a verdict
  ProbePlans probes;
  std::vector<std::string> observed_after;  // a chain the first run showed (observed_chains()), or ""
  int workers = 1;
};

// Runs the audit's examples (`questions`, the imported bank's, in the order of `imported`).
// Interrupted (util/interrupt.hpp), it runs nothing more: a question whose due run did not
// finish is unfinished.
AuditRuns run_audit(std::vector<Question> questions, const std::vector<ImportedQuestion>& imported,
                    const ExecuteOptions& options);

}  // namespace snipcheck
