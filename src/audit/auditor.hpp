// Auditor: from the runs of an imported material to per-question audit results. It builds the
// evidence for each claim (the output of the statement its line sits in, the second run's, the
// probe's), asks claim_judge.hpp for the claim's verdict, and sets the question's audit verdict: not
// Python or lacking something on this machine -> unverifiable with the reason; failed by itself
// -> as judged; otherwise wrong when a claim is wrong, pass when one holds, no_claim. It runs
// nothing itself (planner.hpp does).
#pragma once

#include <optional>
#include <vector>

#include "bank/bank.hpp"
#include "audit/audit_question.hpp"
#include "audit/importer.hpp"
#include "audit/claim_judge.hpp"
#include "compare/result.hpp"

namespace snipcheck {

// Per question (bank order), per claim: the probe to run in the second run, if any.
using ProbePlans = std::vector<std::vector<ProbePlan>>;

struct SecondRunPlan {
  ProbePlans probes;
  // Per question: whether a second run can change a verdict. It can where a probe is planned, or
  // where a claim does not hold on the first run (output that varies between runs makes it
  // nondeterministic rather than wrong). A claim that holds on the first run keeps its verdict
  // whatever the second run prints, so an example whose claims all hold is not run again.
  std::vector<bool> needed;
};

// Judges every claim on the first run alone and plans the probes that would check the hints.
SecondRunPlan plan_second_run(const std::vector<ImportedQuestion>& imported, const std::vector<Result>& first);

// The probes a question's second run evaluates (Job::probes), in claim order: those of its plans
// with an intent, each at its line. audit_results() reads their results (Outcome::probes) in
// the same order.
std::vector<ProbeRequest> planned_probes(const std::vector<ProbePlan>& plans);

// Chains seen in a run, where import could not see them in the code: a question in no chain that
// failed with FileNotFoundError on a relative path that an earlier question's working directory
// held right after it ran runs after that question (the latest such, when it ends its chain).
// Per question: the id it should run after, or "". `files_left` is Execution::files_left.
std::vector<std::string> observed_chains(const std::vector<Question>& questions, const std::vector<Result>& results,
                                         const std::vector<std::vector<std::string>>& files_left);

// The final results. `second` holds, per question, the result of its second run (with the probes
// of planned_probes()), when it had one. A question whose first result is unfinished (an
// interrupted run) keeps it, with no claims judged.
std::vector<AuditQuestion> audit_results(const std::vector<ImportedQuestion>& imported, const std::vector<Result>& first,
                                         const std::vector<std::optional<Result>>& second, const ProbePlans& plans);

}  // namespace snipcheck
