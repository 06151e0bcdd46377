#include "compare/execute.hpp"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include <spdlog/spdlog.h>

#include "util/interrupt.hpp"

namespace snipcheck {

namespace {

// The expected output is copied in only once the question is judged (clipped, with
// `kept_output`): a copy of every expected file from the start would double what the bank holds.
Result make_result(const Question& question) {
  Result result;
  result.id = question.id;
  result.file = question.display_path;
  result.path = question.snippet.string();
  result.settings = question.settings;
  result.case_name = question.case_name;
  result.expected_file = question.expected_file;
  return result;
}

// A chained question (`after`) runs in the working directory of the first question of its chain.
std::string chain_root(const std::vector<Question>& questions, std::size_t index, int& depth) {
  depth = 0;
  const Question* question = &questions[index];
  while (!question->settings.after.empty()) {
    auto found = std::find_if(questions.begin(), questions.end(),
                              [&](const Question& other) { return other.id == question->settings.after; });
    if (found == questions.end() || depth > static_cast<int>(questions.size())) break;
    question = &*found;
    ++depth;
  }
  return question->id;
}

// The earlier blocks of the question's session (`continues`), as the job runs them first.
std::vector<JobPart> session_parts(const Question& question) {
  std::vector<JobPart> parts;
  for (const SessionPart& part : question.before) parts.push_back({part.snippet.string(), part.code, part.mode});
  return parts;
}

Job make_job(const Question& question, const std::filesystem::path& run_dir, const WorkerSettings& workers,
             const std::string& cwd_name) {
  Job job;
  job.id = question.id;
  job.path = question.snippet.string();
  job.code = question.code;
  job.cwd = (run_dir / cwd_name).string();
  job.before = session_parts(question);
  // The whole session runs in this job: its timeout once for each block it runs.
  job.timeout_ms = std::llround(question.settings.timeout_s * 1000.0) * static_cast<std::int64_t>(1 + job.before.size());
  job.output_limit = question.settings.output_limit;
  job.memory_limit = question.settings.memory_limit;
  job.file_size_limit = question.settings.file_size_limit;
  job.isolation = to_string(question.settings.isolation);
  job.mode = to_string(question.settings.mode);
  job.process_modules = workers.process_modules;
  job.sandbox = question.settings.sandbox;
  job.sandbox_exec = question.settings.sandbox_subprocess;
  job.cpu_limit_s = question.settings.cpu_limit_s;
  job.process_limit = question.settings.process_limit;
  job.open_files_limit = question.settings.open_files_limit;
  job.sandbox_env = question.settings.sandbox_env;
  job.stdin_text = question.stdin_input;
  return job;
}

// What a reader of the report needs to know of the question's session: an earlier block that
// raised (the question still ran: a reader goes on), and that a timeout covered the whole session.
void note_session(Judgement& judgement, const Question& question, const Outcome& outcome) {
  if (question.before.empty() || judgement.verdict == Verdict::pass) return;
  std::string note;
  if (judgement.verdict == Verdict::timeout && outcome.ending == Ending::timeout) {
    // The deadline covered every block: say which one it was stuck in.
    const std::size_t blocks = question.before.size() + 1;
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%g", question.settings.timeout_s * static_cast<double>(blocks));
    char each[32];
    std::snprintf(each, sizeof each, "%g", question.settings.timeout_s);
    std::string where;
    if (int line = line_in_stack(outcome.stack, question.snippet.string()); line > 0) {
      where = ", stuck at line " + std::to_string(line);
    } else {
      for (auto part = question.before.rbegin(); part != question.before.rend(); ++part) {
        if (int part_line = line_in_stack(outcome.stack, part->snippet.string()); part_line > 0) {
          where = ", stuck in an earlier block of its session, " + part->id + ", at line " + std::to_string(part_line);
          break;
        }
      }
    }
    judgement.reason = "ran past its " + std::string(seconds) + " s timeout (" + each + " s for each of its " +
                       std::to_string(blocks) + " blocks: its session's earlier ones run first)" + where;
  }
  // The first earlier block that raised, and how many more did (all are in the JSON report);
  // not for a block that does not compile, which no earlier block could have caused.
  const bool own_syntax = outcome.error && (outcome.error->type == "SyntaxError" ||
                                            outcome.error->type == "IndentationError" || outcome.error->type == "TabError");
  if (!outcome.before_errors.empty() && !own_syntax) {
    const PartError& part = outcome.before_errors.front();
    std::string id = std::filesystem::path(part.path).stem().string();
    std::string what = part.error.type + (part.error.message.empty() ? "" : ": " + part.error.message);
    if (what.size() > 200) what = what.substr(0, 197) + "...";
    if (!note.empty()) note += "; ";
    note += "an earlier block of its session, " + id +
            (part.error.line > 0 ? " (line " + std::to_string(part.error.line) + ")" : "") + ", raised " + what;
    if (const std::size_t more = outcome.before_errors.size() - 1; more > 0) {
      note += " (and " + std::to_string(more) + (more == 1 ? " more earlier block" : " more earlier blocks") + ")";
    }
  }
  if (note.empty()) return;
  judgement.reason = judgement.reason.empty() ? note : judgement.reason + "; " + note;
}

// The files under `dir`, relative to it, in name order (at most a few hundred: enough to tell
// which file an example left for a later one).
std::vector<std::string> files_under(const std::filesystem::path& dir) {
  constexpr std::size_t k_most = 500;
  std::vector<std::string> files;
  std::error_code error;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, error);
       !error && it != std::filesystem::recursive_directory_iterator() && files.size() < k_most; it.increment(error)) {
    if (it->is_regular_file(error)) files.push_back(std::filesystem::relative(it->path(), dir, error).string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

SupervisorOptions supervisor_options(const ExecuteOptions& options) {
  SupervisorOptions supervisor;
  supervisor.workers = options.workers;
  supervisor.executable = current_executable();
  supervisor.verbose = options.verbose;
  supervisor.preload = options.worker_settings.preload;
  return supervisor;
}

Execution execute(const std::vector<Question>& questions, const ExecuteOptions& options,
                  const std::function<void(std::size_t, const Result&)>& on_result) {
  assert(options.runner != nullptr && "execute() needs a JobRunner: ExecuteOptions::runner");
  auto start = std::chrono::steady_clock::now();
  TempDir run_dir("snipcheck-run", options.keep_tmp);
  if (options.keep_tmp == KeepDir::yes) spdlog::info("working directories kept in {}", run_dir.path().string());

  // Plan: skipped questions are judged at once; the others become jobs.
  Execution execution;
  execution.results.reserve(questions.size());
  if (options.list_files) execution.files_left.resize(questions.size());
  std::vector<Job> jobs;
  std::vector<std::size_t> job_question;
  std::vector<int> job_depth;  // position in its chain: chained questions run in waves, in order
  for (std::size_t i = 0; i < questions.size(); ++i) {
    execution.results.push_back(make_result(questions[i]));
    if (questions[i].settings.skip || questions[i].settings.language != "python") {
      execution.results[i].expected = questions[i].expected;
      if (options.kept_output) clip_output(execution.results[i], *options.kept_output);
    }
    if (questions[i].settings.skip) {
      execution.results[i].judgement = {Verdict::skipped, "skipped: " + *questions[i].settings.skip, {}, false};
      continue;
    }
    if (questions[i].settings.language != "python") {
      execution.results[i].judgement = {Verdict::unverifiable, "not Python (" + questions[i].settings.language + ")",
                                        {}, false};
      continue;
    }
    int depth = 0;
    std::string root = chain_root(questions, i, depth);
    // TMPDIR can fill up or run out of inodes during a run: that question gets an error, not the run.
    std::error_code made;
    std::filesystem::create_directory(run_dir.path() / root, made);
    if (made) {
      execution.results[i].judgement = {Verdict::error, "cannot create its working directory in " +
                                        run_dir.path().string() + " (TMPDIR): " + made.message(), {}, false};
      continue;
    }
    execution.results[i].finished = false;  // until its outcome is judged
    jobs.push_back(make_job(questions[i], run_dir.path(), options.worker_settings, root));
    jobs.back().sandbox_allow_weaker = options.allow_weaker_sandbox;
    if (i < options.probes.size()) jobs.back().probes = options.probes[i];
    // As its timeout, the look comes once for each block of its session.
    if (options.look_s > 0) {
      jobs.back().look_ms = std::llround(options.look_s * 1000.0) * static_cast<std::int64_t>(1 + jobs.back().before.size());
    }
    job_question.push_back(i);
    job_depth.push_back(depth);
  }
  for (std::size_t i = 0; i < questions.size(); ++i) {
    if (!execution.results[i].judgement.reason.empty() && on_result) on_result(i, execution.results[i]);
  }

  // Run, judging each outcome as it arrives. A first signal stops the run here (the supervisor
  // kills what runs); what finished is returned, the rest marked unfinished.
  GracefulStop graceful;
  std::size_t finished = 0;
  int failures = 0;
  auto limit_reached = [&] { return options.max_failures > 0 && failures >= options.max_failures; };
  for (const Result& result : execution.results) {
    if (!result.judgement.reason.empty() && is_failing(result.judgement.verdict)) ++failures;
  }
  int waves = jobs.empty() ? 0 : *std::max_element(job_depth.begin(), job_depth.end()) + 1;
  for (int wave = 0; wave < waves && !interrupt_requested() && !limit_reached(); ++wave) {
    std::vector<Job> wave_jobs;
    std::vector<std::size_t> wave_job;
    for (std::size_t j = 0; j < jobs.size(); ++j) {
      if (job_depth[j] != wave) continue;
      wave_jobs.push_back(jobs[j]);
      wave_job.push_back(j);
    }
    options.runner->run_jobs(wave_jobs, RunControl{limit_reached, options.stop_at_look}, [&](std::size_t wave_index, Outcome&& outcome) {
      std::size_t index = job_question[wave_job[wave_index]];
      Result& result = execution.results[index];
      result.outcome = std::move(outcome);
      if (options.list_files) execution.files_left[index] = files_under(wave_jobs[wave_index].cwd);
      if (result.settings.sandbox && !result.outcome.sandbox) result.outcome.sandbox = options.sandbox_probe;
      result.judgement = judge(questions[index].expected, result.settings, result.outcome, result.path);
      note_session(result.judgement, questions[index], result.outcome);
      result.expected = questions[index].expected;
      result.finished = true;
      if (is_failing(result.judgement.verdict)) {
        ++failures;
        result.line = failure_line(result);
        result.source_line = code_line(questions[index].code, result.line);
      }
      // Judged on the whole output; the reports need only its start.
      if (options.kept_output) clip_output(result, *options.kept_output);
      spdlog::debug("{}: {} in {} ms", result.id, to_string(result.judgement.verdict), result.outcome.duration_ms);
      if (options.progress) std::fprintf(stderr, "\r\033[K");
      if (on_result) on_result(index, result);
      if (options.progress) std::fprintf(stderr, "[%zu/%zu] %s", ++finished, jobs.size(), result.id.c_str());
    });
  }
  if (options.progress) std::fprintf(stderr, "\r\033[K");

  auto elapsed = std::chrono::steady_clock::now() - start;
  execution.summary = summarize(execution.results,
                                std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(),
                                std::max(1, std::min<int>(options.workers, static_cast<int>(std::max<std::size_t>(1, jobs.size())))));
  execution.summary.interrupted = interrupt_requested();
  if (limit_reached() && execution.summary.unfinished > 0) execution.summary.stopped_after = options.max_failures;
  return execution;
}

}  // namespace snipcheck
