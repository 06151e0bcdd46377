// The worker process: started by the supervisor as `snipcheck __worker`, with the control socket
// on fd 3, capture files on fds 1 and 2 and /dev/null on fd 0. It initialises CPython once, then
// runs jobs one at a time: truncates the capture files, sets the job's limits and working
// directory, runs the snippet (session.hpp), checks that the process is as it was, and reports.
// A watchdog thread enforces the deadline and the output cap from inside, so the report can say
// where the snippet was stuck; the supervisor kills the worker after that. A worker whose state
// the snippet changed reports and exits: it never runs another job.
#pragma once

#include <string>
#include <vector>

namespace snipcheck {

constexpr int k_worker_control_fd = 3;
constexpr int k_worker_log_fd = 4;

// Entry point of `snipcheck __worker`: `preload` lists modules to import once, before any job.
// `sandboxed`: some job of the run is sandboxed (the worker's /proc files are then closed to it).
int worker_main(bool verbose, const std::vector<std::string>& preload, bool sandboxed);

}  // namespace snipcheck
