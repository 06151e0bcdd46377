// The worker process: started by the supervisor as `snipcheck __worker`, with the control socket
// on fd 3, capture pipes on fds 1 and 2 (drained by the supervisor, see capture.hpp) and
// /dev/null on fd 0. It first forks itself: the process the supervisor started stays as a
// keeper that only waits, so a snippet's parent is never the supervisor. It initialises CPython
// once, then runs jobs one at a time: marks the start of the job's output, sets the job's limits and working
// directory, runs the snippet (session.hpp), checks that the process is as it was, and reports.
// A watchdog thread enforces the deadline and the output cap from inside, so the report can say
// where the snippet was stuck (the output cap on the supervisor's word, k_output_signal); the supervisor kills the worker after that. A worker whose state
// the snippet changed reports and exits: it never runs another job.
#pragma once

#include <csignal>
#include <string>
#include <vector>

namespace snipcheck {

constexpr int k_worker_control_fd = 3;
constexpr int k_worker_log_fd = 4;
// The supervisor sends this to the worker (the pid in its "ready" message) when the running
// job's output went past output_limit: the watchdog then stops the job with its stack.
constexpr int k_output_signal = SIGUSR1;

// Entry point of `snipcheck __worker`: `preload` lists modules to import once, before any job.
// `sandboxed`: some job of the run is sandboxed (the worker's /proc files are then closed to it).
int worker_main(bool verbose, const std::vector<std::string>& preload, bool sandboxed);

}  // namespace snipcheck
