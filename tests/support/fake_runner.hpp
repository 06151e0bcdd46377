// FakeRunner: a JobRunner (runner/job_runner.hpp) that starts nothing. Each job gets at once the
// outcome its test wrote for its id (Canned): what each statement printed, an exception, a run
// too long for the job's deadline or its look, the files it leaves, its probes' results. Every run_jobs()
// call is recorded with its jobs in the order given, so a test sees the waves, the order, each
// job's working directory, deadline and probes. No Python, no process.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "runner/job_runner.hpp"

namespace snipcheck::testing {

// A top-level statement (lines `line` to `end_line`; 0: just `line`) and what it printed.
struct Printed {
  int line = 0;
  std::string text;
  int end_line = 0;
};

struct Canned {
  // How long the run takes: a job whose deadline (Job::timeout_ms) is shorter is stopped at it
  // (Ending::timeout, with `stack`, nothing printed); one whose look (Job::look_ms) is shorter
  // is shown to RunControl::stop_at_look with `stack`, and stopped there if it says so.
  std::int64_t takes_ms = 10;
  std::vector<Printed> statements;
  std::optional<PythonError> error;  // raised by the last statement
  std::string stack = "  File \"/tmp/snippet.py\", line 1 in <module>\n";  // where a deadline stopped it
  std::vector<std::string> files;    // left in its working directory, relative to it (with "hi\n" in each)
  std::map<std::string, ProbeResult> probes;  // by ProbeRequest::source; one not listed never ran
};

// A run that finished, printing `text` at each line given.
Canned printing(std::vector<Printed> statements);

// An exception: type, message, the line that raised it.
PythonError raised(const std::string& type, const std::string& message, int line);

// A probe that evaluated to `value` (its str and repr alike).
ProbeResult evaluated(const std::string& value);

class FakeRunner final : public JobRunner {
 public:
  // The runs of job `id`: its first run gets runs[0], the next runs[1], and so on; the last one
  // repeats. A job without any finishes at once, printing nothing.
  void on(const std::string& id, std::vector<Canned> runs);

  void run_jobs(const std::vector<Job>& jobs, const RunControl& control,
                const OutcomeCallback& on_outcome) override;

  // Per run_jobs() call, the jobs it was given.
  const std::vector<std::vector<Job>>& calls() const { return m_calls; }
  // The ids of call `call`'s jobs, in order.
  std::vector<std::string> ids(std::size_t call) const;
  // The job `id` in call `call`, or nullptr when that call did not run it.
  const Job* job(std::size_t call, const std::string& id) const;
  // How many calls ran job `id`.
  int times_run(const std::string& id) const;

 private:
  Outcome outcome_of(const Job& job, const RunControl& control);

  std::map<std::string, std::vector<Canned>> m_canned;
  std::map<std::string, std::size_t> m_runs;
  std::vector<std::vector<Job>> m_calls;
};

}  // namespace snipcheck::testing
