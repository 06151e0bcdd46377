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
  std::function<bool()> stop_starting;
  // Asked with a job's stack at its look (Job::look_ms): true stops the job there, as its
  // deadline would have (a timeout with that stack). Empty: every job goes on to its deadline.
  std::function<bool(const std::string& stack)> stop_at_look;
};

// Called as each outcome arrives (any order); `index` is the job's position. The callback may
// take the outcome (move from it): run() returns what it left, so a caller that keeps outcomes
// itself does not hold every job's output twice.
using OutcomeCallback = std::function<void(std::size_t index, Outcome&& outcome)>;

class Supervisor {
 public:
  explicit Supervisor(SupervisorOptions options);

  // Runs every job; throws Fatal when workers cannot be started at all. Once
  // interrupt_requested() (util/interrupt.hpp), it kills every worker and everything they
  // started and returns: the jobs whose callback was not called did not finish.
  std::vector<Outcome> run(const std::vector<Job>& jobs, const OutcomeCallback& on_outcome = {});

 private:
  SupervisorOptions m_options;
};

// Path of the running executable (/proc/self/exe resolved).
std::string current_executable();

}  // namespace snipcheck
