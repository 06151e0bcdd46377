// Supervisor: runs a list of jobs on W worker processes and returns one Outcome per job, in the
// order given, whatever happens to the workers. Plain C++ and POSIX, no Python. It starts
// workers (fork + exec of this program as `snipcheck __worker`), owns their capture files, hands
// out jobs, enforces each deadline from outside as a last resort, and replaces a worker that
// hung, died, broke a limit or reported itself tainted. The rest of the run always goes on.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "runner/job.hpp"
#include "runner/job_runner.hpp"

namespace snipcheck {

struct SupervisorOptions {
  int workers = 1;
  std::string executable;  // this program, re-executed as a worker
  bool verbose = false;
  std::vector<std::string> preload;  // modules each worker imports once, before any job
  // Slack past a job's timeout before the supervisor kills a worker whose watchdog did not act.
  std::int64_t grace_ms = 3000;
  // Asked after each outcome's callback: true stops handing out jobs (the running ones finish;
  // the callback is never called for the jobs not started). Empty: every job runs.
  StopStarting stop_starting;
  // Asked with a job's stack at its look (Job::look_ms): true stops the job there, as its
  // deadline would have (a timeout with that stack). Empty: every job goes on to its deadline.
  StopAtLook stop_at_look;
};

// The JobRunner that runs jobs for real: each run on new workers.
class Supervisor final : public JobRunner {
 public:
  explicit Supervisor(SupervisorOptions options);

  // Runs every job; throws Fatal when workers cannot be started at all. Once
  // interrupt_requested() (util/interrupt.hpp), it kills every worker and everything they
  // started and returns: the jobs whose callback was not called did not finish. `on_outcome`
  // (OutcomeCallback, job_runner.hpp) may take an outcome: run() returns what it left, so a
  // caller that keeps outcomes itself does not hold every job's output twice.
  std::vector<Outcome> run(const std::vector<Job>& jobs, const OutcomeCallback& on_outcome = {});

  // JobRunner: run() with `control` in place of the options' own.
  void run_jobs(const std::vector<Job>& jobs, const RunControl& control, const OutcomeCallback& on_outcome) override;

 private:
  SupervisorOptions m_options;
};

// Path of the running executable (/proc/self/exe resolved).
std::string current_executable();

}  // namespace snipcheck
