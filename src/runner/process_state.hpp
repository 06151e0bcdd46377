// ProcessState: what a snippet could change in the worker process that no sub-interpreter undoes
// (environment, working directory, signal dispositions and mask, locale, user and group ids,
// priority, rlimits, umask, threads, open files and what fds 0-2 point at, child processes).
// Captured before and after each job; any difference taints the worker.
#pragma once

#include <string>
#include <sys/types.h>
#include <vector>

namespace snipcheck {

struct ProcessState {
  std::vector<std::string> environment;
  std::string cwd;
  std::vector<std::string> signal_dispositions;
  std::string signal_mask;         // of the calling (job) thread
  std::string locale;              // setlocale(LC_ALL): process-wide
  std::string identity;            // uids, gids, scheduling priority
  std::vector<std::string> standard_fds;  // what fds 0, 1 and 2 are, and their flags
  std::vector<std::string> limits;
  unsigned umask_bits = 0;
  int threads = 0;
  std::vector<int> open_fds;
  int children = 0;  // live child processes (the worker is a subreaper: orphans count too); any is a change

  static ProcessState capture();
};

// Live child processes, zombies reaped first, except those declared permanent. The worker is a
// child subreaper, so whatever a snippet started and orphaned is reparented to it and listed
// here too.
std::vector<pid_t> live_children();

// Child processes, zombies included and none reaped (a zombie's wait status stays for whoever
// waits for it by pid), except those declared permanent.
std::vector<pid_t> child_processes();

// A child that belongs to the process and lives as long as it (the worker's process-tier
// starter): neither listed by live_children() nor killed by kill_descendants().
void keep_child(pid_t pid);
void forget_child(pid_t pid);

// True when process `pid` is gone, a zombie, or has a signal pending that will end it. kill()
// marks the signal pending before it returns, so once a snippet's kill(parent, SIGKILL) has
// returned this says so, even before the parent has died.
bool process_is_ending(pid_t pid);

// Threads of this process.
int thread_count();

// Kills every descendant: children first, then whatever was reparented to us as they died.
void kill_descendants();

// What changed from `before` to `after`, in words; empty when nothing did.
std::string describe_changes(const ProcessState& before, const ProcessState& after);

}  // namespace snipcheck
