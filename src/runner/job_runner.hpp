// JobRunner: what execute() needs of the runner, and nothing more: run these jobs, hand each
// outcome back as it finishes. The side effect of starting processes sits behind it: Supervisor
// (supervisor.hpp) is the implementation that runs jobs on worker processes; tests give
// execute() and the audit's planner a fake with canned outcomes (tests/support/fake_runner.hpp).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "runner/job.hpp"

namespace snipcheck {

// Called as each outcome arrives (any order); `index` is the job's position. The callback may
// take the outcome (move from it).
using OutcomeCallback = std::function<void(std::size_t index, Outcome&& outcome)>;

// Asked after each outcome's callback: true stops handing out jobs (the running ones finish;
// the callback is never called for the jobs not started). Empty: every job runs.
using StopStarting = std::function<bool()>;

// Asked with a job's stack at its look (Job::look_ms): true stops the job there, as its deadline
// would have (a timeout with that stack). Empty: every job goes on to its deadline.
using StopAtLook = std::function<bool(const std::string& stack)>;

// What the caller decides while a run goes on.
struct RunControl {
  StopStarting stop_starting;
  StopAtLook stop_at_look;
};

class JobRunner {
 public:
  virtual ~JobRunner() = default;

  // Runs `jobs`, each call on workers of its own (new processes: another hash seed, nothing left
  // from an earlier call), and returns once every job that started has ended. Once
  // interrupt_requested() (util/interrupt.hpp) it stops what runs and returns: the jobs whose
  // callback was not called did not finish.
  virtual void run_jobs(const std::vector<Job>& jobs, const RunControl& control, const OutcomeCallback& on_outcome) = 0;
};

}  // namespace snipcheck
