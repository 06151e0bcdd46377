#include "cli/execute.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include <spdlog/spdlog.h>

#include "runner/supervisor.hpp"

namespace snipcheck {

namespace {

Result make_result(const Question& question) {
  Result result;
  result.id = question.id;
  result.file = question.display_path;
  result.path = question.snippet.string();
  result.settings = question.settings;
  result.expected = question.expected;
  return result;
}

Job make_job(const Question& question, const std::filesystem::path& run_dir) {
  Job job;
  job.id = question.id;
  job.path = question.snippet.string();
  job.code = question.code;
  job.cwd = (run_dir / question.id).string();
  std::filesystem::create_directory(job.cwd);
  job.timeout_ms = std::llround(question.settings.timeout_s * 1000.0);
  job.output_limit = question.settings.output_limit;
  job.memory_limit = question.settings.memory_limit;
  job.file_size_limit = question.settings.file_size_limit;
  return job;
}

}  // namespace

Execution execute(const std::vector<Question>& questions, const ExecuteOptions& options,
                  const std::function<void(std::size_t, const Result&)>& on_result) {
  auto start = std::chrono::steady_clock::now();
  TempDir run_dir("snipcheck-run", options.keep_tmp);
  if (options.keep_tmp == KeepDir::yes) spdlog::info("working directories kept in {}", run_dir.path().string());

  // Plan: skipped questions are judged at once; the others become jobs.
  Execution execution;
  execution.results.reserve(questions.size());
  std::vector<Job> jobs;
  std::vector<std::size_t> job_question;
  for (std::size_t i = 0; i < questions.size(); ++i) {
    execution.results.push_back(make_result(questions[i]));
    if (questions[i].settings.skip) {
      execution.results[i].judgement = {Verdict::skipped, "skipped: " + *questions[i].settings.skip, {}, false};
      continue;
    }
    jobs.push_back(make_job(questions[i], run_dir.path()));
    job_question.push_back(i);
  }
  for (std::size_t i = 0; i < questions.size(); ++i) {
    if (questions[i].settings.skip && on_result) on_result(i, execution.results[i]);
  }

  // Run, judging each outcome as it arrives.
  std::size_t finished = 0;
  SupervisorOptions supervisor_options;
  supervisor_options.workers = options.workers;
  supervisor_options.executable = current_executable();
  supervisor_options.verbose = options.verbose;
  Supervisor supervisor(supervisor_options);
  supervisor.run(jobs, [&](std::size_t job_index, const Outcome& outcome) {
    std::size_t index = job_question[job_index];
    Result& result = execution.results[index];
    result.outcome = outcome;
    result.judgement = judge(result.expected, result.settings, outcome, result.path);
    spdlog::debug("{}: {} in {} ms", result.id, to_string(result.judgement.verdict), outcome.duration_ms);
    if (options.progress) std::fprintf(stderr, "\r\033[K");
    if (on_result) on_result(index, result);
    if (options.progress) std::fprintf(stderr, "[%zu/%zu] %s", ++finished, jobs.size(), result.id.c_str());
  });
  if (options.progress) std::fprintf(stderr, "\r\033[K");

  auto elapsed = std::chrono::steady_clock::now() - start;
  execution.summary = summarize(execution.results,
                                std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(),
                                std::max(1, std::min<int>(options.workers, static_cast<int>(std::max<std::size_t>(1, jobs.size())))));
  return execution;
}

}  // namespace snipcheck
