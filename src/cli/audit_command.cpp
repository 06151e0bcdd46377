// `snipcheck audit MATERIAL`: the editor's job. Reads like a table of contents: import into a
// temporary bank, run it (with a look at an example still running after a short time), run again
// where that can change a verdict (with the probes that check the hints, in new workers, so
// another hash seed and other temporary directories; with the full timeout where a sandboxed
// example's first-look deadline was too short), judge every claim, report.

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>

#include <spdlog/spdlog.h>

#include "bank/bank.hpp"
#include "cli/auditor.hpp"
#include "cli/commands.hpp"
#include "cli/execute.hpp"
#include "cli/html_output.hpp"
#include "cli/importer.hpp"
#include "cli/options.hpp"
#include "cli/output.hpp"
#include "cli/sandbox_gate.hpp"
#include "compare/environment.hpp"
#include "report/audit_report.hpp"
#include "report/junit_report.hpp"
#include "util/fs.hpp"
#include "util/interrupt.hpp"
#include "util/regex.hpp"

namespace snipcheck {

namespace {

// The bank's usual limit: importing pandas or scikit-learn on a loaded machine takes seconds.
constexpr double k_audit_timeout_s = 10.0;

// The first run's look. Nearly every example ends well within it, and one still running then is
// most often a server or a scheduler that never returns, which its stack then tells
// (stopped_in_endless_loop()): it is stopped there. Any other example goes on to its full
// timeout in the same run, so a slow import on a busy machine is never judged by the look, and
// a slow example costs no run of its own. A sandboxed example has no look (its stack is written
// where its result is): the look is its first run's deadline, and one stopped there for a
// reason its stack does not tell runs again with its full timeout, with its chain.
constexpr double k_first_look_s = 2.0;

std::int64_t since_ms(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
}

std::vector<ReportPath> audit_report_paths(const AuditOptions& options) {
  std::vector<ReportPath> reports = report_paths(options.common);
  if (!options.markdown_path.empty()) reports.push_back({"--markdown", options.markdown_path});
  if (!options.fix_path.empty()) reports.push_back({"--fix", options.fix_path});
  return reports;
}

// A run interrupted before it settled question q (it was selected, and its result is missing or
// unfinished) leaves q unfinished: a verdict without the run it was due would be a guess.
void mark_unsettled(std::vector<Result>& first, const std::vector<bool>& selected,
                    const std::vector<std::optional<Result>>& results) {
  for (std::size_t q = 0; q < first.size(); ++q) {
    if (selected[q] && (!results[q] || !results[q]->finished)) first[q].finished = false;
  }
}

// The questions of `wanted`'s chains (`after`, both ways): they share a working directory.
std::vector<bool> with_chains(const std::vector<Question>& questions, std::vector<bool> wanted) {
  std::map<std::string, std::size_t> index;
  for (std::size_t q = 0; q < questions.size(); ++q) index[questions[q].id] = q;
  for (bool grew = true; grew;) {
    grew = false;
    for (std::size_t q = 0; q < questions.size(); ++q) {
      auto before = index.find(questions[q].settings.after);
      if (before == index.end() || wanted[q] == wanted[before->second]) continue;
      wanted[q] = wanted[before->second] = true;
      grew = true;
    }
  }
  return wanted;
}

// A prior for the first run's order: an example that imports a library from outside the standard
// library (one that debian_package_for() knows) is the likeliest to take long (the import itself,
// a server, a scheduler), so it starts early and no long example starts last. Order only.
bool imports_a_library(const std::string& code) {
  static const Regex import_line(R"((^|\n)[ \t]*(from|import)[ \t]+(\w+))");
  for (const RegexMatch& found : import_line.find_all(code)) {
    if (debian_package_for(found.str(3))) return true;
  }
  return false;
}

// The examples that ran past the first look for a reason their stack does not tell.
std::vector<bool> stopped_early(const std::vector<Question>& questions, const std::vector<Question>& look,
                                const std::vector<Result>& results) {
  std::vector<bool> stopped(questions.size(), false);
  for (std::size_t q = 0; q < questions.size(); ++q) {
    const Outcome& outcome = results[q].outcome;
    stopped[q] = outcome.ending == Ending::timeout && look[q].settings.timeout_s < questions[q].settings.timeout_s &&
                 !stopped_in_endless_loop(outcome);
  }
  return stopped;
}

bool ran_to_its_end(const Question& question, const Result& result) {
  return question.settings.language == "python" && result.outcome.ending == Ending::finished && !result.outcome.error;
}

// Runs the `selected` questions (chains included), each with the probes `probes_of` gives it
// (evaluated as its unchanged code runs), in new workers; the longest first, by `expected_ms`,
// so that no long example starts last.
// With `files_left`, also the files each working directory held once its question ran.
std::vector<std::optional<Result>> run_selected(const std::vector<Question>& questions, const std::vector<bool>& selected,
                                                const std::function<std::vector<ProbeRequest>(std::size_t)>& probes_of,
                                                const std::vector<std::int64_t>& expected_ms, ExecuteOptions options,
                                                std::vector<std::vector<std::string>>* files_left = nullptr) {
  std::vector<std::size_t> index;
  for (std::size_t q = 0; q < questions.size(); ++q) {
    if (selected[q]) index.push_back(q);
  }
  std::stable_sort(index.begin(), index.end(), [&](std::size_t a, std::size_t b) { return expected_ms[a] > expected_ms[b]; });
  std::vector<Question> subset;
  options.probes.clear();
  for (std::size_t q : index) {
    subset.push_back(questions[q]);
    options.probes.push_back(probes_of(q));
  }
  std::vector<std::optional<Result>> results(questions.size());
  if (subset.empty()) return results;
  options.list_files = files_left != nullptr;
  Execution execution = execute(subset, options, {});
  if (files_left != nullptr) files_left->assign(questions.size(), {});
  for (std::size_t i = 0; i < index.size(); ++i) {
    results[index[i]] = std::move(execution.results[i]);
    if (files_left != nullptr) (*files_left)[index[i]] = std::move(execution.files_left[i]);
  }
  return results;
}

// The runs of an audit, per question in bank order.
struct AuditRuns {
  std::vector<Result> first;                  // the example as printed
  std::vector<std::optional<Result>> second;  // again with its probes, where that can change a verdict
  ProbePlans probes;
  std::vector<std::string> observed_after;  // a chain the first run showed (observed_chains()), or ""
  int workers = 1;
};

// 1. Every example, with a look at the first-look time (k_first_look_s).
// 2. In new workers (another hash seed, other temporary directories): again with their probes the
//    examples where a second run can change a verdict, and with their full timeout those (sandboxed)
//    stopped at the first look for a reason their stack does not tell, and those that failed on a file an
//    earlier example left (now chained after it), each with its chain. All in one run, so that a
//    slow example costs no run of its own.
// 3. Those of the latter that ran to their end, again with their probes where needed (rare).
AuditRuns run_audit(std::vector<Question> questions, const std::vector<ImportedQuestion>& imported,
                    const ExecuteOptions& options) {
  const std::size_t count = questions.size();
  const auto start = std::chrono::steady_clock::now();
  std::vector<Question> look = questions;
  std::vector<std::int64_t> prior(count);
  for (std::size_t q = 0; q < count; ++q) {
    if (look[q].settings.sandbox) look[q].settings.timeout_s = std::min(look[q].settings.timeout_s, k_first_look_s);
    prior[q] = imports_a_library(questions[q].code) ? 1 : 0;
  }
  AuditRuns runs;
  std::vector<std::vector<std::string>> files_left;
  auto no_probes = [](std::size_t) { return std::vector<ProbeRequest>{}; };
  ExecuteOptions first_options = options;
  first_options.look_s = k_first_look_s;
  first_options.stop_at_look = [](const std::string& stack) {
    Outcome stopped;
    stopped.ending = Ending::timeout;
    stopped.stack = stack;
    return stopped_in_endless_loop(stopped);
  };
  for (std::optional<Result>& result :
       run_selected(look, std::vector<bool>(count, true), no_probes, prior, first_options, &files_left)) {
    runs.first.push_back(std::move(*result));
  }
  runs.workers = std::max(1, std::min(options.workers, static_cast<int>(count)));
  runs.second.resize(count);
  spdlog::debug("first run: {} examples, done at {} ms", count, since_ms(start));

  runs.observed_after = observed_chains(questions, runs.first, files_left);
  std::vector<bool> full = stopped_early(questions, look, runs.first);
  for (std::size_t q = 0; q < count; ++q) {
    if (runs.observed_after[q].empty()) continue;
    questions[q].settings.after = runs.observed_after[q];
    full[q] = true;
  }
  full = with_chains(questions, full);
  SecondRunPlan plan = plan_second_run(imported, runs.first);
  std::vector<bool> probed(count, false);
  for (std::size_t q = 0; q < count; ++q) probed[q] = !full[q] && plan.needed[q] && ran_to_its_end(questions[q], runs.first[q]);
  std::vector<bool> again = with_chains(questions, probed);  // a chained example needs the files of those before it
  std::vector<std::int64_t> expected_ms(count);
  for (std::size_t q = 0; q < count; ++q) {
    again[q] = again[q] || full[q];
    expected_ms[q] = runs.first[q].outcome.duration_ms;
  }
  spdlog::debug("second run: {} examples, {} of them with their full timeout", std::count(again.begin(), again.end(), true),
                std::count(full.begin(), full.end(), true));
  if (interrupt_requested()) {
    mark_unsettled(runs.first, again, std::vector<std::optional<Result>>(count));
    runs.probes = std::move(plan.probes);
    return runs;
  }
  auto second = run_selected(
      questions, again,
      [&](std::size_t q) { return full[q] ? std::vector<ProbeRequest>{} : planned_probes(plan.probes[q]); },
      expected_ms, options);
  mark_unsettled(runs.first, again, second);
  spdlog::debug("second run done at {} ms", since_ms(start));
  for (std::size_t q = 0; q < count; ++q) {
    if (full[q] && second[q] && second[q]->finished) runs.first[q] = std::move(*second[q]);
    if (probed[q]) runs.second[q] = std::move(second[q]);
  }

  plan = plan_second_run(imported, runs.first);  // unchanged but for the examples that had their full timeout
  std::vector<bool> third_probed(count, false);
  for (std::size_t q = 0; q < count; ++q) {
    third_probed[q] = full[q] && plan.needed[q] && ran_to_its_end(questions[q], runs.first[q]);
  }
  std::vector<std::optional<Result>> third(count);
  if (!interrupt_requested()) {
    third = run_selected(
        questions, with_chains(questions, third_probed),
        [&](std::size_t q) { return planned_probes(plan.probes[q]); }, expected_ms, options);
  }
  mark_unsettled(runs.first, third_probed, third);
  spdlog::debug("third run: {} examples, done at {} ms", std::count(third_probed.begin(), third_probed.end(), true),
                since_ms(start));
  for (std::size_t q = 0; q < count; ++q) {
    if (third_probed[q]) runs.second[q] = std::move(third[q]);
  }
  runs.probes = std::move(plan.probes);
  return runs;
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

  // Run every example, then again with the probes that check the hints (see run_audit()). A
  // signal stops the runs; the questions they settled are reported, marked interrupted.
  ExecuteOptions execute_options = bank_execute_options(options.common, bank->workers, *sandbox);
  GracefulStop graceful;
  execute_options.kept_output = std::nullopt;  // claims are matched against each statement's output
  AuditRuns runs = run_audit(bank->questions, plan.questions, execute_options);
  spdlog::debug("runs done at {} ms", since_ms(start));

  // Judge every claim and question.
  std::vector<AuditQuestion> questions = audit_results(plan.questions, runs.first, runs.second, runs.probes);
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
    files.emplace_back(options.fix_path, render_fix_diff(*text, name, questions));
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
