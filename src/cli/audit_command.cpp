// `snipcheck audit MATERIAL`: the editor's job. Reads like a table of contents: import into a
// temporary bank, run it, run it again with the probes that check the hints (new workers, so
// another hash seed, and other temporary directories), judge every claim, report.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>

#include <spdlog/spdlog.h>

#include "bank/bank.hpp"
#include "cli/auditor.hpp"
#include "cli/commands.hpp"
#include "cli/execute.hpp"
#include "cli/importer.hpp"
#include "cli/options.hpp"
#include "cli/output.hpp"
#include "cli/sandbox_gate.hpp"
#include "claims/probe.hpp"
#include "report/audit_report.hpp"
#include "report/junit_report.hpp"
#include "util/fs.hpp"

namespace snipcheck {

namespace {

// The bank's usual limit: importing pandas or scikit-learn on a loaded machine takes seconds, and
// a server that never returns is recognised from its stack when it is stopped.
constexpr double k_audit_timeout_s = 10.0;

Expected<void> check_audit_paths(const AuditOptions& options) {
  if (auto paths = check_report_paths(options.common); !paths) return paths;
  CommonOptions extra;
  extra.json_path = options.markdown_path;
  extra.junit_path = options.fix_path;
  return check_report_paths(extra);
}

// The second run: every question that ran to its end, with its probes appended.
std::vector<std::optional<Result>> run_again(const std::vector<Question>& questions, const std::vector<Result>& first,
                                             const ProbePlans& plans, const std::vector<bool>& claims_output,
                                             const ExecuteOptions& options) {
  std::vector<Question> again;
  std::vector<std::size_t> index;
  for (std::size_t q = 0; q < questions.size(); ++q) {
    const Outcome& outcome = first[q].outcome;
    if (questions[q].settings.language != "python" || outcome.ending != Ending::finished || outcome.error) continue;
    std::vector<ProbeRequest> requests;
    for (const ProbePlan& plan : plans[q]) {
      if (plan.intent != ProbeIntent::none) requests.push_back(plan.request);
    }
    // Only a claim makes a second run worth its time (a probe, or output that may vary).
    if (requests.empty() && !claims_output[q]) continue;
    Question copy = questions[q];
    copy.code = code_with_probes(copy.code, requests);
    again.push_back(std::move(copy));
    index.push_back(q);
  }
  std::vector<std::optional<Result>> second(questions.size());
  Execution execution = execute(again, options, {});
  for (std::size_t i = 0; i < index.size(); ++i) second[index[i]] = execution.results[i];
  return second;
}

}  // namespace

int audit_command(const AuditOptions& options) {
  configure_logging(options.common);
  auto start = std::chrono::steady_clock::now();
  if (auto paths = check_audit_paths(options); !paths) return report_usage_error(paths.error());

  // Read the material and import it into a temporary bank, validated like any other.
  auto material = read_material(options.material);
  if (!material) return report_usage_error(material.error());
  ImportPlan plan = plan_import(*material);
  TempDir bank_dir("snipcheck-audit", options.common.keep_tmp ? KeepDir::yes : KeepDir::no);
  if (auto written = write_bank(bank_dir.path(), plan.draft); !written) return report_usage_error(written.error());
  auto bank = load_bank(bank_dir.path());
  if (!bank) throw Fatal{"the imported bank does not load: " + bank.error().describe()};
  spdlog::debug("imported {} questions into {}", bank->questions.size(), bank_dir.path().string());
  for (Question& question : bank->questions) {
    question.settings.timeout_s = options.common.timeout_s.value_or(k_audit_timeout_s);
    if (!options.common.isolation.empty()) question.settings.isolation = *isolation_from(options.common.isolation);
    if (options.common.sandbox) question.settings.sandbox = true;
  }
  auto sandbox = sandbox_gate(bank->questions, options.common.allow_weaker_sandbox ? WeakerSandbox::allow
                                                                                   : WeakerSandbox::refuse);
  if (!sandbox) return report_usage_error(sandbox.error());

  // First run: every example as the material prints it.
  ExecuteOptions execute_options;
  execute_options.workers = worker_count(options.common);
  execute_options.keep_tmp = options.common.keep_tmp ? KeepDir::yes : KeepDir::no;
  execute_options.verbose = options.common.verbose;
  execute_options.progress = ::isatty(2) && !options.common.quiet;
  execute_options.worker_settings = bank->workers;
  execute_options.allow_weaker_sandbox = options.common.allow_weaker_sandbox;
  execute_options.sandbox_probe = *sandbox;
  Execution first = execute(bank->questions, execute_options, {});

  // Second run: the same examples with probes for the hints, in new workers.
  ProbePlans plans = plan_probes(plan.questions, first.results);
  std::vector<bool> claims_output;
  for (const ImportedQuestion& question : plan.questions) {
    claims_output.push_back(std::any_of(question.claims.begin(), question.claims.end(), [](const Claim& claim) {
      return claim.scope != ClaimScope::namespace_ && claim.kind != ClaimKind::descriptive;
    }));
  }
  std::vector<std::optional<Result>> second =
      run_again(bank->questions, first.results, plans, claims_output, execute_options);

  // Judge every claim and question.
  std::vector<AuditQuestion> questions = audit_results(plan.questions, first.results, second, plans);
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  AuditSummary summary = summarize_audit(questions, elapsed.count(), first.summary.workers);

  // Reports.
  print_audit(std::cout, questions, summary, terminal_detail(options.common));
  const std::string name = std::filesystem::path(options.material).filename().string();
  std::vector<std::pair<std::string, std::string>> files;
  if (!options.common.json_path.empty()) files.emplace_back(options.common.json_path, render_audit_json(questions, summary));
  if (!options.markdown_path.empty()) files.emplace_back(options.markdown_path, render_audit_markdown(questions, summary, name));
  if (!options.fix_path.empty()) {
    auto text = read_file(options.material);
    if (!text) return report_usage_error(text.error());
    files.emplace_back(options.fix_path, render_fix_diff(*text, name, questions));
  }
  if (!options.common.junit_path.empty()) {
    std::vector<Result> results;
    for (const AuditQuestion& question : questions) results.push_back(question.result);
    files.emplace_back(options.common.junit_path, render_junit_report(results, summary.questions, "snipcheck-audit"));
  }
  for (const auto& [path, content] : files) {
    if (auto written = write_file_atomic(path, content); !written) return report_usage_error(written.error());
  }
  if (summary.questions.internal_failure) return k_exit_internal;
  return summary.failing() ? k_exit_failed : k_exit_ok;
}

}  // namespace snipcheck
