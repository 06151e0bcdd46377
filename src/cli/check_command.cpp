// `snipcheck check`: the interviewer's job. One candidate's code, from a file or stdin, run under
// the same isolation and limits as a bank question and compared with a question's expected output.
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <optional>

#include "bank/bank.hpp"
#include "cli/annotate.hpp"
#include "bank/cases.hpp"
#include "cli/commands.hpp"
#include "compare/execute.hpp"
#include "cli/html_output.hpp"
#include "cli/options.hpp"
#include "cli/output.hpp"
#include "cli/sandbox_gate.hpp"
#include "util/fs.hpp"
#include "util/parse.hpp"
#include "util/text.hpp"

namespace snipcheck {

namespace {

// The question named by id ("007-generators") or by number ("7", "007"); a bank has one question
// per number (load_bank() checks it).
const Question* find_question(const Bank& bank, const std::string& wanted) {
  for (const Question& question : bank.questions) {
    if (question.id == wanted) return &question;
  }
  auto number = parse_int(wanted, 0, 999);
  if (!number) return nullptr;
  for (const Question& question : bank.questions) {
    if (parse_int(question.id.substr(0, 3), 0, 999) == number) return &question;
  }
  return nullptr;
}

// The earlier questions of `question`'s `after` chain in `bank`, oldest first: they leave the
// files it reads in the directory they share (load_bank() checked that each names an earlier one).
std::vector<Question> chain_before(const Bank& bank, const Question& question) {
  std::vector<Question> chain;
  std::string earlier = question.settings.after;
  while (!earlier.empty() && chain.size() < bank.questions.size()) {
    auto found = std::find_if(bank.questions.begin(), bank.questions.end(),
                              [&](const Question& other) { return other.id == earlier; });
    if (found == bank.questions.end()) break;
    chain.insert(chain.begin(), *found);
    earlier = found->settings.after;
  }
  return chain;
}

// The reference the candidate is held to: expected output and settings; `setup` gets the earlier
// questions of its `after` chain, which run first.
Expected<Question> reference_for(const CheckOptions& options, std::vector<Question>& setup) {
  Question reference;
  if (!options.question.empty()) {
    auto bank = load_bank(options.bank);
    if (!bank) return tl::unexpected(bank.error());
    const Question* question = find_question(*bank, options.question);
    if (question == nullptr) {
      return fail(options.bank, 0, "no question '" + options.question + "' in this bank (--question takes an id "
                                   "such as 007-generators or a number from 0 to 999)");
    }
    reference = *question;
    setup = chain_before(*bank, *question);
    if (!reference.expected && reference.cases.empty()) return fail(options.bank + "/expected/" + reference.id + ".out", 0,
                                         "the question documents no expected output to check against (neither "
                                         "this file nor input cases in cases/" + reference.id + "/)");
    return reference;
  }
  if (options.expected_file.empty()) return fail("", 0, "check needs --question ID or --expected FILE");
  auto expected = read_file(options.expected_file, expected_read_limit(reference.settings.output_limit));
  if (!expected) return tl::unexpected(expected.error());
  reference.id = "candidate";
  reference.expected = std::move(*expected);
  return reference;
}

Expected<std::string> read_code(const std::string& source) {
  if (source != "-") return read_file(source, code_read_limit());
  // Someone at a terminal who gave no CODE is told what the pause is.
  if (::isatty(0)) std::cerr << "snipcheck: reading the candidate's code from standard input (end it with Ctrl-D)\n";
  return read_descriptor(0, "<stdin>", code_read_limit());
}

// `text` with every `File "<from>"` of a traceback or stack naming `to` instead.
std::string rename_file(const std::string& text, const std::string& from, const std::string& to) {
  const std::string old_name = "File \"" + from + "\"";
  const std::string new_name = "File \"" + to + "\"";
  std::string out;
  std::size_t start = 0;
  for (std::size_t found; (found = text.find(old_name, start)) != std::string::npos; start = found + old_name.size()) {
    out.append(text, start, found - start);
    out += new_name;
  }
  out.append(text, start);
  return out;
}

// The candidate runs from a private copy: its traceback and stack name the file as given.
void name_as_given(Result& result, const std::string& copy, const std::string& given) {
  if (result.outcome.error) result.outcome.error->traceback = rename_file(result.outcome.error->traceback, copy, given);
  result.outcome.stack = rename_file(result.outcome.stack, copy, given);
}

// Each finished run in order; only the first failing one keeps its diff, traceback and stack
// (the rest say their verdict: --json has them all).
void print_case_results(TerminalReport& terminal, const std::vector<Result>& results) {
  bool failure_shown = false;
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (!results[i].finished) continue;
    Result shown = results[i];
    if (is_failing(shown.judgement.verdict)) {
      if (failure_shown) {
        shown.judgement.diff.clear();
        shown.outcome.error.reset();
        shown.outcome.stack.clear();
        shown.outcome.stderr_text.clear();
      }
      failure_shown = true;
    }
    terminal.add(i, std::move(shown));
  }
}

// "overall: pass (3 of 3 cases passed)" or "overall: wrong (1 of 3 cases failed: 007-sums[big])":
// pass only when every case passed; the verdict is the first failing case's.
std::string overall_line(const std::vector<Result>& results) {
  std::size_t passed = 0;
  std::vector<const Result*> failing;
  for (const Result& result : results) {
    if (!result.finished) continue;
    if (is_failing(result.judgement.verdict)) failing.push_back(&result);
    else ++passed;
  }
  const std::size_t total = results.size();
  const std::string cases = total == 1 ? " case" : " cases";
  if (failing.empty()) {
    return "overall: pass (" + std::to_string(passed) + " of " + std::to_string(total) + cases + " passed)\n";
  }
  std::string names;
  for (const Result* result : failing) names += (names.empty() ? "" : ", ") + visible_line(result->id);
  return "overall: " + to_string(failing.front()->judgement.verdict) + " (" + std::to_string(failing.size()) + " of " +
         std::to_string(total) + cases + " failed: " + names + ")\n";
}

}  // namespace

int check_command(const CheckOptions& options) {
  configure_logging(options.common);
  const std::vector<ReportPath> reports = report_paths(options.common);
  // No report may replace what the check reads: the candidate, the expected file, the bank.
  std::vector<InputPath> inputs = options.question.empty() ? std::vector<InputPath>{} : bank_inputs(options.bank);
  if (options.question.empty() && !options.expected_file.empty()) inputs.push_back({options.expected_file, false});
  if (options.code != "-") inputs.push_back({options.code, false});
  if (auto paths = check_report_paths(reports, inputs); !paths) return report_usage_error(paths.error());
  // Where every question gets its working directory: a missing or full TMPDIR is told now.
  if (auto tmp = usable_temp_base(); !tmp) return report_usage_error(tmp.error());

  // What the candidate is held to, and the candidate's code.
  std::vector<Question> setup;
  auto reference = reference_for(options, setup);
  if (!reference) return report_usage_error(reference.error());
  auto code = read_code(options.code);
  if (!code) return report_usage_error(code.error());
  const std::string code_name = options.code == "-" ? "<stdin>" : options.code;
  if (auto bad = invalid_utf8_offset(*code)) {
    return report_usage_error(Error{code_name, line_of_offset(*code, *bad), "not valid UTF-8"});
  }

  // The candidate becomes a one-question bank in a private folder, under a stable file name.
  TempDir scratch("snipcheck-check");
  Question candidate = *reference;
  candidate.code = std::move(*code);
  candidate.snippet = scratch.path() / "candidate.py";
  candidate.display_path = code_name;
  candidate.settings.skip.reset();
  if (options.common.timeout_s) candidate.settings.timeout_s = *options.common.timeout_s;
  if (!options.common.isolation.empty()) candidate.settings.isolation = *isolation_from(options.common.isolation);
  if (!options.compare.empty()) candidate.settings.compare = *compare_mode_from(options.compare);
  // The candidate's code is untrusted: always sandboxed, never weaker than promised unless accepted.
  candidate.settings.sandbox = true;
  // One run per input case when the question has cases (bank/cases.hpp), each sandboxed.
  const std::vector<Question> runs = expand_cases({candidate});
  // A question with `after` runs in the directory its chain leaves: the chain's earlier
  // questions (the bank's own code) run first as setup, in the sandbox too, and are not judged.
  // (A question with cases has no chain: load_bank() refuses both.)
  std::vector<Question> jobs;
  for (Question earlier : setup) {
    if (options.common.timeout_s) earlier.settings.timeout_s = *options.common.timeout_s;
    if (!options.common.isolation.empty()) earlier.settings.isolation = *isolation_from(options.common.isolation);
    earlier.settings.sandbox = true;
    earlier.settings.skip.reset();
    jobs.push_back(std::move(earlier));
  }
  jobs.insert(jobs.end(), runs.begin(), runs.end());
  auto sandbox = sandbox_gate(jobs, options.common.allow_weaker_sandbox ? WeakerSandbox::allow
                                                                        : WeakerSandbox::refuse);
  if (!sandbox) return report_usage_error(sandbox.error());
  if (auto written = write_file_atomic(candidate.snippet, candidate.code); !written) {
    return report_usage_error(written.error());
  }

  // Run it like a bank question.
  ExecuteOptions execute_options;
  execute_options.keep_tmp = options.common.keep_tmp ? KeepDir::yes : KeepDir::no;
  execute_options.verbose = options.common.verbose;
  execute_options.allow_weaker_sandbox = options.common.allow_weaker_sandbox;
  execute_options.sandbox_probe = *sandbox;
  execute_options.workers = runs.size() > 1 ? worker_count(options.common) : 1;
  Supervisor supervisor(supervisor_options(execute_options));
  execute_options.runner = &supervisor;
  Execution execution = execute(jobs, execute_options, {});
  // The setup's results are not the candidate's: dropped, and said when one did not run clean.
  for (std::size_t i = 0; i < setup.size(); ++i) {
    const Result& earlier = execution.results[i];
    if (!earlier.finished || earlier.judgement.verdict == Verdict::pass || earlier.judgement.verdict == Verdict::wrong) {
      continue;
    }
    std::cerr << "snipcheck: " << earlier.id << ", which " << candidate.id << " runs after (after, in snipcheck.toml), "
              << to_string(earlier.judgement.verdict) << ": " << earlier.judgement.reason << "\n";
  }
  if (!setup.empty()) {
    execution.results.erase(execution.results.begin(), execution.results.begin() + static_cast<std::ptrdiff_t>(setup.size()));
    if (!execution.files_left.empty()) {
      execution.files_left.erase(execution.files_left.begin(),
                                 execution.files_left.begin() + static_cast<std::ptrdiff_t>(setup.size()));
    }
    const Summary whole = execution.summary;
    execution.summary = summarize(execution.results, whole.duration_ms, whole.workers);
    execution.summary.internal_failure = execution.summary.internal_failure || whole.internal_failure;
    execution.summary.interrupted = whole.interrupted;
  }
  for (Result& result : execution.results) name_as_given(result, candidate.snippet.string(), code_name);

  // Verdict and diff: with cases, a line per case, the first failing case's details, the overall.
  std::ostream& out = terminal_stream(reports);
  std::optional<StoppedCommands> stopped;  // the report is the candidate's text: no workflow command read in it
  if (annotations_wanted(options.common.annotate)) stopped.emplace(out);
  TerminalReport terminal(out, runs.size(), terminal_color(out, options.common.color), terminal_detail(options.common));
  print_case_results(terminal, execution.results);
  const bool with_cases = runs.size() > 1 || !runs.front().case_name.empty();
  if (with_cases) out << overall_line(execution.results) << std::flush;
  if (execution.summary.interrupted) terminal.finish(execution.summary);
  if (stopped) {
    print_annotations(out, *stopped, execution.results, [&](const Result&) {
      return options.code == "-" ? std::string() : repository_path(options.code);
    });
  }
  if (auto written = write_reports(options.common, execution, "snipcheck-check"); !written) {
    return report_usage_error(written.error());
  }
  if (!options.common.html_path.empty()) {
    std::string overall = with_cases ? overall_line(execution.results) : std::string();
    if (!overall.empty()) overall.pop_back();
    const HtmlReport html = run_html_report("snipcheck check: " + code_name, execution, runs, overall);
    if (auto written = write_html_report(options.common.html_path, html); !written) return report_usage_error(written.error());
  }
  return exit_status_of(execution.summary);
}

}  // namespace snipcheck
