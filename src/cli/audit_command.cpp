// `snipcheck audit MATERIAL`: the editor's job. Reads like a table of contents: import into a
// temporary bank, run it (with a look at an example still running after a short time), run again
// where that can change a verdict (with the probes that check the hints, in new workers, so
// another hash seed and other temporary directories; with the full timeout where a sandboxed
// example's first-look deadline was too short), judge every claim, report.

#include <chrono>
#include <filesystem>
#include <iostream>

#include <spdlog/spdlog.h>

#include "audit/auditor.hpp"
#include "audit/importer.hpp"
#include "audit/planner.hpp"
#include "bank/bank.hpp"
#include "cli/commands.hpp"
#include "cli/html_output.hpp"
#include "cli/options.hpp"
#include "cli/output.hpp"
#include "cli/sandbox_gate.hpp"
#include "compare/execute.hpp"
#include "report/audit_report.hpp"
#include "report/fix_diff.hpp"
#include "report/junit_report.hpp"
#include "util/fs.hpp"
#include "util/interrupt.hpp"
#include "util/text.hpp"

namespace snipcheck {

namespace {

// The bank's usual limit: importing pandas or scikit-learn on a loaded machine takes seconds.
constexpr double k_audit_timeout_s = 10.0;

std::int64_t since_ms(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
}

std::vector<ReportPath> audit_report_paths(const AuditOptions& options) {
  std::vector<ReportPath> reports = report_paths(options.common);
  if (!options.markdown_path.empty()) reports.push_back({"--markdown", options.markdown_path});
  if (!options.fix_path.empty()) reports.push_back({"--fix", options.fix_path});
  return reports;
}

}  // namespace

int audit_command(const AuditOptions& options) {
  configure_logging(options.common);
  auto start = std::chrono::steady_clock::now();
  const std::vector<ReportPath> reports = audit_report_paths(options);
  if (auto paths = check_report_paths(reports, {{options.material, false}}); !paths) return report_usage_error(paths.error());
  // Where every question gets its working directory: a missing or full TMPDIR is told now.
  if (auto tmp = usable_temp_base(); !tmp) return report_usage_error(tmp.error());

  // Read the material and import it into a temporary bank, validated like any other.
  auto material = read_material(options.material);
  if (!material) return report_usage_error(material.error());
  ImportPlan plan = plan_import(*material, options.no_sessions ? Sessions::alone : Sessions::follow);
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

  // Run every example, then again with the probes that check the hints (audit/planner.hpp). A
  // signal stops the runs; the questions they settled are reported, marked interrupted.
  ExecuteOptions execute_options = bank_execute_options(options.common, bank->workers, *sandbox);
  GracefulStop graceful;
  execute_options.kept_output = std::nullopt;  // claims are matched against each statement's output
  Supervisor supervisor(supervisor_options(execute_options));  // each run on new workers
  execute_options.runner = &supervisor;
  AuditRuns runs = run_audit(bank->questions, plan.questions, execute_options);
  spdlog::debug("runs done at {} ms", since_ms(start));

  // Judge every claim and question.
  std::vector<AuditQuestion> questions = audit_results(plan.questions, runs.first, runs.second, runs.probes);
  describe_wrong_claims(questions);  // what JUnit, JSON and HTML show as a wrong question's diff
  for (std::size_t q = 0; q < questions.size(); ++q) {
    if (runs.observed_after[q].empty()) continue;
    Judgement& judgement = questions[q].result.judgement;
    std::string chain = "ran after " + runs.observed_after[q] + ", whose file it needs (add after = \"" +
                        runs.observed_after[q] + "\" to its settings)";
    judgement.reason = judgement.reason.empty() ? chain : judgement.reason + "; " + chain;
  }
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  AuditSummary summary = summarize_audit(questions, elapsed.count(), runs.workers);
  summary.questions.interrupted = interrupt_requested();

  // Reports, each written whole.
  print_audit(terminal_stream(reports), questions, summary, terminal_detail(options.common));
  const std::string name = std::filesystem::path(options.material).filename().string();
  std::vector<std::pair<std::string, std::string>> files;
  if (!options.common.json_path.empty()) files.emplace_back(options.common.json_path, render_audit_json(questions, summary));
  if (!options.markdown_path.empty()) files.emplace_back(options.markdown_path, render_audit_markdown(questions, summary, name));
  if (!options.fix_path.empty()) {
    auto text = read_file(options.material, material_read_limit());
    if (!text) return report_usage_error(text.error());
    FixDiff fix = render_fix_diff(*text, name, questions);
    files.emplace_back(options.fix_path, fix.diff);
    // On stderr, so that `--fix - | patch -p1` gets the patch alone.
    if (!fix.unfixed.empty()) {
      std::cerr << "snipcheck: --fix left " << fix.unfixed.size() << " wrong claim" << (fix.unfixed.size() == 1 ? "" : "s")
                << " to the editor:\n";
      for (const std::string& line : fix.unfixed) std::cerr << "  " << visible_controls(line) << "\n";
    }
  }
  if (!options.common.junit_path.empty()) {
    std::vector<Result> results;
    for (const AuditQuestion& question : questions) results.push_back(question.result);
    files.emplace_back(options.common.junit_path, render_junit_report(results, summary.questions, "snipcheck-audit"));
  }
  if (!options.common.html_path.empty()) {
    files.emplace_back(options.common.html_path,
                       render_html_report(audit_html_report("snipcheck audit: " + name, questions, summary, plan.questions)));
  }
  for (const auto& [path, content] : files) {
    if (auto written = write_output(path, content); !written) return report_usage_error(written.error());
  }
  if (summary.questions.interrupted) return interrupted_exit_status();
  if (summary.questions.internal_failure) return k_exit_internal;
  return summary.failing() ? k_exit_failed : k_exit_ok;
}

}  // namespace snipcheck
