// Python lives here and nowhere else. Interpreter initialises CPython once per worker process,
// configured for Debian's /usr/bin/python3 (sys.executable, UTF-8 mode, isolated from the
// environment), preloads the bank's modules, and runs a job in one of two tiers:
//  - run_subinterpreter(): a new sub-interpreter of this process, ended afterwards;
//  - run_process(): a child forked (by the "starter", see start_process_tier) that runs the snippet in its own main interpreter, so fork,
//    multiprocessing, signal handlers and numpy work, and a crash kills only the child.
// Either way the snippet executes as __main__, statement by statement, with output offsets
// recorded after each. This layer does not capture output (the worker points fds 1 and 2 at
// capture files first), enforce deadlines or check process state; it returns plain data, never
// a Python object.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

#include "runner/job.hpp"

namespace snipcheck {

struct SessionReport {
  std::optional<int> exit_status;
  std::optional<PythonError> error;
  std::vector<StatementOutput> statements;
  std::vector<std::optional<ProbeResult>> probes;   // per Job::probes (see Outcome::probes)
  std::vector<PartError> before_errors;  // earlier blocks of its session (Job::before) that raised
  std::vector<std::string> watched_modules_loaded;  // process-only modules the snippet imported
  std::optional<int> crash_signal;   // process tier: the child died of this signal
  std::optional<int> crash_status;   // process tier: the child exited before reporting
  std::string crash_reason;          // with crash_status: why it is a crash, when the status does not say
  std::string taint;                 // non-empty: the interpreter could not be ended cleanly
  std::string internal_error;        // the driver itself failed
  std::optional<SandboxReport> sandbox;  // sandboxed job: what the child could confine itself with
  bool file_size_exceeded = false;   // process tier: the child hit RLIMIT_FSIZE (SIGXFSZ)
};

struct Route {
  std::string tier;    // "subinterpreter" or "process"
  std::string reason;
};

class Interpreter {
 public:
  explicit Interpreter(const std::vector<std::string>& preload);
  ~Interpreter();
  Interpreter(const Interpreter&) = delete;
  Interpreter& operator=(const Interpreter&) = delete;

  // Where the job runs: its isolation setting, or for "auto" what its code needs.
  Route route(const Job& job);

  // Runs one job in a fresh sub-interpreter. The caller has set cwd, fds and limits.
  SessionReport run_subinterpreter(const Job& job);

  // Makes the next job's sub-interpreter now (a new interpreter, the driver, what `site` did),
  // so that a worker waiting for its next job spends the wait on it; run_subinterpreter() takes
  // it, or makes one itself when none is ready. Runs no code of any snippet.
  void prepare_subinterpreter();

  // Makes the process tier's starter, a single-threaded copy of this process that imports the
  // preload modules when the first job reaches it and forks the children run_process() uses.
  // Call once, before any other thread exists and before any job. `worker_fds`: descriptors of
  // the worker that no job's child keeps (its control socket and log).
  void start_process_tier(const std::vector<int>& worker_fds = {});
  // Ends the starter and its waiting child (tests start one per captured run).
  void stop_process_tier();

  // Runs one job in a child of the starter; `on_child(pid, channel)` is told the child's pid while it runs
  // and where it writes its stack when asked (-1: where the worker's SIGUSR2 handler says; a
  // sandboxed child: its result channel, appended)
  // (and 0 once it ended), so a watchdog can ask it for its stack.
  // `on_preloaded` is called when the starter has just imported the preload modules, before
  // this job's child exists (the first job only): the job's time starts then.
  SessionReport run_process(const Job& job, const std::function<void(pid_t, int)>& on_child,
                            const std::function<void()>& on_preloaded = {});

  // Modules of `preload` that failed to import, with the reason, since the last call. The
  // process tier's starter imports them when its first job arrives, so they are known after
  // the first run_process().
  std::vector<std::string> take_preload_failures();

  // Writes the Python stack of every thread of the running job to `fd`; safe to call from a
  // signal handler in the job's thread (it is what faulthandler does). No-op between jobs.
  static void dump_running_stack(int fd);
  // In a sandboxed child: its result channel, the one descriptor of its job it kept, where the
  // stack the watchdog asks for goes (appended). -1 elsewhere.
  static int stack_channel();

  struct State;  // defined in session.cpp

 private:
  std::unique_ptr<State> m_state;
};

}  // namespace snipcheck
