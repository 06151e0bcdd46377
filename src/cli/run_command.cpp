// `snipcheck run [BANK]`: the maintainer's job. Reads like a table of contents, one stage a line.

#include <algorithm>
#include <iostream>
#include <optional>
#include <map>
#include <set>

#include <spdlog/spdlog.h>

#include "bank/bank.hpp"
#include "bank/cases.hpp"
#include "bank/filter.hpp"
#include "cli/bank_target.hpp"
#include "cli/bless.hpp"
#include "cli/cache.hpp"
#include "cli/annotate.hpp"
#include "cli/commands.hpp"
#include "cli/html_output.hpp"
#include "compare/execute.hpp"
#include "cli/listing.hpp"
#include "cli/options.hpp"
#include "cli/output.hpp"
#include "cli/sandbox_gate.hpp"
#include "cli/shard.hpp"
#include "util/fs.hpp"

namespace snipcheck {

namespace {

// Options that only make sense together, refused before anything is read.
Expected<void> check_run_options(const RunOptions& options, const std::vector<ReportPath>& reports) {
  if (options.dry_run && options.update.empty()) return fail("", 0, "--dry-run goes with --update (--update --dry-run)");
  if (options.last_failed && options.failed_first) return fail("", 0, "--lf and --ff cannot go together: choose one");
  if (options.dry_run) {
    for (const ReportPath& report : reports) {
      if (report.path == "-") {
        return fail("", 0, "--update --dry-run prints the patch on standard output: give " + report.option + " a file");
      }
    }
  }
  return {};
}

// "no question matches -k 'genrators' (closest: 007-generators, ...)".
Error no_match(const RunOptions& options, const std::string& bank_path) {
  std::string message = "no question matches " + describe_filters(options.filters);
  if (auto all = load_bank(bank_path); all) {
    std::vector<std::string> ids;
    for (const Question& question : all->questions) ids.push_back(question.id);
    std::vector<std::string> closest = closest_ids(options.filters, ids);
    std::string names;
    for (const std::string& id : closest) names += (names.empty() ? "" : ", ") + id;
    if (!names.empty()) message += " (closest: " + names + ")";
  }
  return Error{bank_path, 0, message};
}

// --lf / --ff: the questions that failed last time (only those, or first). A cache that cannot
// be read is said once and ignored.
void apply_last_failed(const RunOptions& options, const std::filesystem::path& root, std::vector<Question>& questions) {
  if (!options.last_failed && !options.failed_first) return;
  auto cached = read_last_failed(root);
  if (!cached) {
    std::cerr << "snipcheck: " << cached.error().describe() << ": the cache of the last run is ignored\n";
  }
  const std::set<std::string> failed = cached ? *cached : std::set<std::string>{};
  // An input case's run is recorded as "007-sums[small]": its question failed.
  std::set<std::string, std::less<>> failed_questions;
  for (const std::string& id : failed) failed_questions.emplace(question_of_run(id));
  auto failed_before = [&](const Question& question) { return failed_questions.contains(question.id); };
  const bool any = std::any_of(questions.begin(), questions.end(), failed_before);
  const char* flag = options.last_failed ? "--lf" : "--ff";
  if (!any) {
    std::cerr << "snipcheck: " << flag << ": no question of this selection failed in the last run; running them all\n";
    return;
  }
  if (options.last_failed) {
    std::erase_if(questions, [&](const Question& question) { return !failed_before(question); });
  } else {
    std::stable_partition(questions.begin(), questions.end(), failed_before);
  }
}

// After a run: the cache learns what it judged. A read-only bank or cache is said once.
// A question blessed by --update (`blessed`: indexes into `results`) passes from now on: it is
// not recorded as failed.
void record_last_failed(const std::filesystem::path& root, const std::vector<Result>& results,
                        const std::set<std::size_t>& blessed) {
  auto previous = read_last_failed(root);
  std::set<std::string> failed = merge_last_failed(previous ? *previous : std::set<std::string>{}, results);
  for (std::size_t index : blessed) failed.erase(results[index].id);
  auto written = write_last_failed(root, failed);
  if (!written) {
    std::cerr << "snipcheck: cannot write the cache of this run (" << written.error().describe()
              << "); --lf and --ff will not know it\n";
  }
}


// A chained question (`after`) runs in the working directory its chain left: the earlier
// questions of the chain of every question selected join the selection (from `all`, the whole
// bank), and run and are reported like the others; each is said once on stderr (not with -q).
void bring_in_chains(const RunOptions& options, const std::vector<Question>& all, std::vector<Question>& selected) {
  std::set<std::string> chosen;
  for (const Question& question : selected) chosen.insert(question.id);
  std::map<std::string, std::string> joined;  // earlier question -> the selected one it runs before
  for (std::size_t i = 0; i < selected.size(); ++i) {
    std::string earlier = selected[i].settings.after;
    // load_bank() checked that every `after` names an earlier question: the walk ends.
    while (!earlier.empty() && !chosen.contains(earlier)) {
      auto found = std::find_if(all.begin(), all.end(), [&](const Question& other) { return other.id == earlier; });
      if (found == all.end()) break;
      chosen.insert(earlier);
      joined.emplace(earlier, selected[i].id);
      selected.push_back(*found);
      earlier = found->settings.after;
    }
  }
  if (joined.empty()) return;
  std::stable_sort(selected.begin(), selected.end(), [](const Question& a, const Question& b) { return a.id < b.id; });
  if (options.common.quiet) return;
  for (const auto& [earlier, later] : joined) {
    std::cerr << "snipcheck: also running " << earlier << ": " << later
              << " runs in the directory it leaves (after, in snipcheck.toml)\n";
  }
}

// The bank at `target`, its questions selected: -k, the one question of a file given, then
// --lf / --ff; each with the earlier questions of its `after` chain. No question left is an
// Error naming what selected none.
Expected<Bank> load_selection(const RunOptions& options, const BankTarget& target) {
  auto bank = load_bank(target.root);
  if (!bank) return bank;
  const std::vector<Question> all = bank->questions;
  std::erase_if(bank->questions, [&](const Question& question) {
    return !filter_selects(options.filters, question.id) || (target.question && question.id != *target.question);
  });
  if (bank->questions.empty()) {
    if (!options.filters.empty()) return tl::unexpected(no_match(options, target.root));
    if (target.question) return fail(options.bank, 0, "not a question of its bank");
    return fail(target.root, 0, "the bank has no questions");
  }
  bring_in_chains(options, all, bank->questions);
  apply_last_failed(options, bank->root, bank->questions);
  if (options.last_failed) bring_in_chains(options, all, bank->questions);
  return bank;
}

std::string files_count(std::size_t count) {
  return std::to_string(count) + " expected file" + (count == 1 ? "" : "s");
}

// --update: prints the patch of every blessing (on stdout with --dry-run, else on `out` beside
// the report) and writes the files (not with --dry-run, not after an interrupt). Returns the
// indexes of the results whose file was written.
Expected<std::set<std::size_t>> apply_blessings(const RunOptions& options, const std::filesystem::path& root,
                                                const std::map<std::size_t, Blessing>& blessings,
                                                const Summary& summary, std::ostream& out) {
  std::vector<Blessing> files;
  std::set<std::size_t> written;
  std::string patch;
  for (const auto& [index, blessing] : blessings) {
    patch += file_patch(blessing);
    files.push_back(blessing);
    written.insert(index);
  }
  if (auto checked = check_blessings(root, files); !checked) return tl::unexpected(checked.error());
  if (summary.interrupted) {
    out << "interrupted: no expected file updated" << std::endl;
    return std::set<std::size_t>{};
  }
  if (options.dry_run) {
    std::cout << patch << std::flush;
    out << files_count(files.size()) << " would be updated (--dry-run: none written)" << std::endl;
    return std::set<std::size_t>{};
  }
  out << patch;
  if (auto done = write_blessings(root, files); !done) return tl::unexpected(done.error());
  out << "updated " << files_count(files.size()) << std::endl;
  return written;
}
}  // namespace

int run_command(const RunOptions& options) {
  configure_logging(options.common);

  // What the command line points at: a bank, a folder inside one, or one question's file.
  auto target = find_bank(options.bank);
  if (!target) return report_usage_error(target.error());
  const std::string bank_path = target->root;

  // Refuse report paths that cannot be written, or would replace a file of the bank, before
  // spending any time.
  const std::vector<ReportPath> reports = report_paths(options.common);
  if (auto combined = check_run_options(options, reports); !combined) return report_usage_error(combined.error());
  if (auto paths = check_report_paths(reports, bank_inputs(bank_path)); !paths) return report_usage_error(paths.error());
  // Where every question gets its working directory: a missing or full TMPDIR is told now.
  if (auto tmp = usable_temp_base(); !tmp) return report_usage_error(tmp.error());

  // Load and validate the whole bank (a malformed bank runs nothing), then select: -k, the
  // question's file given, --lf / --ff.
  auto bank = load_selection(options, *target);
  if (!bank) return report_usage_error(bank.error());

  // --list: what would run, and nothing runs.
  if (options.list) {
    std::cout << render_question_list(bank->questions) << std::flush;
    return k_exit_ok;
  }

  // One part of the bank when sharded across machines (`snipcheck merge` joins their reports).
  auto shard = select_shard(bank->questions, options.shard, options.durations_file);
  if (!shard) return report_usage_error(shard.error());

  // Command-line settings override the bank's.
  for (Question& question : bank->questions) {
    if (options.common.timeout_s) question.settings.timeout_s = *options.common.timeout_s;
    if (!options.common.isolation.empty()) question.settings.isolation = *isolation_from(options.common.isolation);
    if (options.common.sandbox) question.settings.sandbox = true;
  }

  // A question with input cases runs once per case (and once more against expected/ when it
  // has that file too): from here each run is a question of its own to the runner and reports.
  const std::size_t question_count = bank->questions.size();
  bank->questions = expand_cases(bank->questions);

  // Sandboxed questions: refuse a sandbox weaker than promised, unless accepted (and then loudly).
  auto sandbox = sandbox_gate(bank->questions, options.common.allow_weaker_sandbox ? WeakerSandbox::allow
                                                                                   : WeakerSandbox::refuse);
  if (!sandbox) return report_usage_error(sandbox.error());

  // Run every question on the workers, printing each result in bank order as it arrives (a
  // signal stops the run: what finished is reported, marked interrupted). With --update each
  // result keeps its whole stdout until it is blessed; the reports get the usual clipped one.
  const bool updating = !options.update.empty();
  const UpdateMode update_mode = options.update == "all" ? UpdateMode::all : UpdateMode::wrong;
  std::ostream& out = options.dry_run ? std::cerr : terminal_stream(reports);
  std::optional<StoppedCommands> stopped;  // the report holds the snippets' text: no workflow command read in it
  if (annotations_wanted(options.common.annotate)) stopped.emplace(out);
  if (*shard && !options.common.quiet) {
    out << "shard " << (*shard)->index << "/" << (*shard)->count << ": " << question_count << " of "
        << (*shard)->questions << ((*shard)->questions == 1 ? " question\n" : " questions\n");
  }
  TerminalReport terminal(out, bank->questions.size(), terminal_color(out, options.common.color),
                          terminal_detail(options.common));
  ExecuteOptions execute_options = bank_execute_options(options.common, bank->workers, *sandbox);
  execute_options.max_failures = options.fail_fast ? 1 : options.max_failures;
  if (updating) execute_options.kept_output.reset();
  Supervisor supervisor(supervisor_options(execute_options));
  execute_options.runner = &supervisor;
  std::map<std::size_t, Blessing> blessings;  // bank order
  Execution execution = execute(bank->questions, execute_options, [&](std::size_t index, const Result& result) {
    if (!updating) return terminal.add(index, result);
    if (should_bless(result, update_mode)) blessings.emplace(index, blessing_of(result));
    Result shown = result;
    clip_output(shown, k_kept_output_bytes);
    terminal.add(index, std::move(shown));
  });
  if (updating) {
    for (Result& result : execution.results) clip_output(result, k_kept_output_bytes);
  }
  terminal.finish(execution.summary);
  if (options.durations) out << render_durations(execution.results, *options.durations);
  // --update: the patch of every expected file blessed (--dry-run: on stdout, nothing written);
  // then the cache of the last run learns what failed.
  std::set<std::size_t> blessed;
  if (updating) {
    auto written = apply_blessings(options, bank->root, blessings, execution.summary, out);
    if (!written) return report_usage_error(written.error());
    blessed = std::move(*written);
  }
  // After the patch too: it holds the snippets' output.
  if (stopped) {
    print_annotations(out, *stopped, execution.results, [&](const Result& result) {
      return repository_path(std::filesystem::path(bank_path) / result.file);
    });
  }

  record_last_failed(bank->root, execution.results, blessed);

  // Reports, each written whole; the exit status (128 + the signal when interrupted). Once
  // blessed, a wrong question is no longer failing the bank.
  if (auto written = write_reports(options.common, execution, "snipcheck", *shard); !written) {
    return report_usage_error(written.error());
  }
  if (!options.common.html_path.empty()) {
    const HtmlReport html = run_html_report("snipcheck run: " + bank_path, execution, bank->questions);
    if (auto written = write_html_report(options.common.html_path, html); !written) return report_usage_error(written.error());
  }
  Summary judged = execution.summary;
  for (std::size_t index : blessed) {
    if (execution.results[index].judgement.verdict == Verdict::wrong) --judged.counts[static_cast<std::size_t>(Verdict::wrong)];
  }
  return exit_status_of(judged);
}

}  // namespace snipcheck
