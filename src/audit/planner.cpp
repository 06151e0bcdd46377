#include "audit/planner.hpp"

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>

#include <spdlog/spdlog.h>

#include "audit/environment.hpp"
#include "util/interrupt.hpp"
#include "util/regex.hpp"

namespace snipcheck {

namespace {

// The first run's look. Nearly every example ends well within it, and one still running then is
// most often a server or a scheduler that never returns, which its stack then tells
// (stopped_in_endless_loop()): it is stopped there. Any other example goes on to its full
// timeout in the same run, so a slow import on a busy machine is never judged by the look, and
// a slow example costs no run of its own. A sandboxed example has no look (its stack is written
// where its result is): the look is its first run's deadline, and one stopped there for a
// reason its stack does not tell runs again with its full timeout, with its chain.
constexpr double k_first_look_s = 2.0;

// For the debug log's stage timers.
std::int64_t since_ms(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
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

}  // namespace

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

}  // namespace snipcheck
