// Interrupts: how SIGINT, SIGTERM and SIGHUP end a command, and what is cleaned up when they do.
//
// install_interrupt_handling() blocks the three signals in the calling thread (and so in every
// thread started after it) and starts one listener thread that takes them with sigwaitinfo(). No
// code runs in a signal handler. What a signal does depends on where the program is:
// - inside a GracefulStop scope (a run whose finished questions are worth reporting), the first
//   signal only sets a flag; the supervisor's loop and execute() check interrupt_requested(),
//   stop the workers and everything they started, and the command reports what finished and
//   exits interrupted_exit_status() (128 + the signal: 130 SIGINT, 143 SIGTERM, 129 SIGHUP);
// - anywhere else, and at the second signal, the process ends at once: every descendant is
//   killed and reaped (we are a child subreaper once a run started), every path registered
//   below is removed, and it exits 128 + the signal. Nothing half-written is left: an atomic
//   write registers its temporary file for the time it exists.
// Without install_interrupt_handling() (the unit tests, a worker) nothing here changes how a
// signal acts; the registry functions then only keep their list.
#pragma once

#include <filesystem>
#include <mutex>

namespace snipcheck {

// Once, in the main thread, before any other thread starts. A signal ignored when the program
// started (nohup, a background job) stays ignored.
void install_interrupt_handling();

// Whether a signal asked the run to stop (inside a GracefulStop scope), and which.
bool interrupt_requested();
int interrupt_signal();          // 0 when none
int interrupted_exit_status();   // 128 + interrupt_signal()

// While one exists, the first signal asks the run to stop instead of ending the process.
class GracefulStop {
 public:
  GracefulStop();
  ~GracefulStop();
  GracefulStop(const GracefulStop&) = delete;
  GracefulStop& operator=(const GracefulStop&) = delete;
};

// The lock of the cleanup list. Whoever creates something the immediate end must remove (a
// temporary file, a directory) or kill (a child process: fork while holding it) holds it from
// before the creation until it is registered, so the immediate end never misses one. The
// immediate end takes it and keeps it until the process is gone.
[[nodiscard]] std::unique_lock<std::mutex> hold_cleanup();

// Registers `path` (a file or a directory, removed with its contents) for removal by the
// immediate end; `held` is hold_cleanup()'s lock. forget_on_interrupt() once it is removed or
// renamed away.
void remove_on_interrupt(const std::filesystem::path& path, const std::unique_lock<std::mutex>& held);
void forget_on_interrupt(const std::filesystem::path& path);

// Called once when the command returns: from then on a signal no longer starts a cleanup that
// could race with the process's own exit (it waits for one already under way).
void settle_interrupts();

// Kills every descendant of this process (SIGKILL to its process group and to itself), reaps
// it, and repeats for whatever was reparented to us meanwhile, until none is left.
void kill_all_descendants();

}  // namespace snipcheck
