// Execute: turns questions into jobs, has a JobRunner run them (runner/job_runner.hpp: the
// supervisor, or a fake in tests), judges each outcome and hands results over in bank order. Shared by `run`, `check` and `audit`; it writes no report itself.
// Skipped and non-Python questions are judged without running; a question chained with `after`
// runs in its chain's first working directory, after the question it names (chains run in waves).
// A signal while it runs (util/interrupt.hpp) stops the run: the results of the questions that
// had not finished say `finished = false` and the summary `interrupted`.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "bank/bank.hpp"
#include "compare/result.hpp"
#include "runner/job_runner.hpp"
#include "runner/supervisor.hpp"
#include "util/fs.hpp"

namespace snipcheck {

struct ExecuteOptions {
  // Who runs the jobs (required): a Supervisor made from supervisor_options() of these options,
  // or a fake. Each wave is one run_jobs() call, so on workers of its own.
  JobRunner* runner = nullptr;
  int workers = 1;
  KeepDir keep_tmp = KeepDir::no;
  bool verbose = false;
  bool progress = false;  // a progress counter on stderr
  WorkerSettings worker_settings;  // the bank's preload and process-module lists
  bool allow_weaker_sandbox = false;  // sandboxed questions run even when a protection is missing
  // What probe_sandbox() found before the run: reported for a sandboxed question whose child
  // could not report itself (stopped at a deadline, killed).
  std::optional<SandboxReport> sandbox_probe;
  bool list_files = false;  // record the files each question's working directory holds once it ran
  // Bytes of stdout, stderr and diff each result keeps once judged (clip_output), so that what a
  // run holds does not grow with its questions' output; nullopt keeps all (audit reads it all).
  std::optional<std::uint64_t> kept_output = k_kept_output_bytes;
  // run -x / --maxfail N: once this many questions failed, no more start (the running ones
  // finish); the rest say `finished = false` and the summary `stopped_after`. 0: no limit.
  int max_failures = 0;
  // Per question (index into `questions`; shorter or empty: none): the probes its job evaluates
  // as it runs (Job::probes); their results come back in its outcome (Outcome::probes).
  std::vector<std::vector<ProbeRequest>> probes;
  // Seconds into each question (once for each block of its session; 0: none) at which its stack
  // is looked at: `stop_at_look` true stops it there as a timeout (SupervisorOptions::stop_at_look).
  double look_s = 0;
  std::function<bool(const std::string& stack)> stop_at_look;
};

struct Execution {
  std::vector<Result> results;  // bank order
  Summary summary;
  // Per question (with `list_files`): the files in its working directory right after it ran,
  // relative to it (a chained question shares its chain's directory).
  std::vector<std::vector<std::string>> files_left;
};

// The supervisor these options describe: their workers, verbosity and the bank's preload.
SupervisorOptions supervisor_options(const ExecuteOptions& options);

// `on_result` sees each result as soon as it is judged (index into `questions`).
Execution execute(const std::vector<Question>& questions, const ExecuteOptions& options,
                  const std::function<void(std::size_t, const Result&)>& on_result);

}  // namespace snipcheck
