#include "util/interrupt.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <fstream>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

namespace snipcheck {

namespace fs = std::filesystem;

namespace {

struct CleanupList {
  std::mutex mutex;
  std::vector<fs::path> paths;
};

// Never destroyed: the listener may use it while the process runs its exit handlers.
CleanupList& cleanup_list() {
  static auto* list = new CleanupList;
  return *list;
}

std::atomic<int> g_signal{0};    // the signal that asked the run to stop
std::atomic<int> g_received{0};  // signals taken by the listener
std::atomic<int> g_graceful{0};  // GracefulStop scopes alive
std::atomic<bool> g_settled{false};

void write_stderr(const std::string& text) {
  ssize_t ignored = ::write(2, text.data(), text.size());
  (void)ignored;
}

std::string signal_name(int signal) {
  switch (signal) {
    case SIGINT: return "SIGINT";
    case SIGTERM: return "SIGTERM";
    case SIGHUP: return "SIGHUP";
    default: return "signal " + std::to_string(signal);
  }
}

// Live children of every thread of this process (orphans reparented to us included), zombies
// reaped first.
std::vector<pid_t> live_children_of_process() {
  while (::waitpid(-1, nullptr, WNOHANG) > 0) {
  }
  std::vector<pid_t> pids;
  std::error_code error;
  for (fs::directory_iterator it("/proc/self/task", error), end; !error && it != end; it.increment(error)) {
    std::ifstream children(it->path() / "children");
    for (pid_t pid = 0; children >> pid;) pids.push_back(pid);
  }
  return pids;
}

// The immediate end: kill, remove, exit. Keeps the cleanup lock, so nothing new is created or
// forked meanwhile.
[[noreturn]] void end_now(int signal) {
  std::unique_lock<std::mutex> held(cleanup_list().mutex);
  kill_all_descendants();
  for (const fs::path& path : cleanup_list().paths) {
    // The main thread may be removing the same tree: an entry gone under remove_all() stops it.
    std::error_code error;
    for (int attempt = 0; attempt < 100 && fs::symlink_status(path, error).type() != fs::file_type::not_found;
         ++attempt) {
      fs::remove_all(path, error);
    }
  }
  write_stderr("snipcheck: interrupted by " + signal_name(signal) + "; ended at once\n");
  ::_exit(128 + signal);
}

void on_signal(int signal) {
  const int count = ++g_received;
  if (count == 1 && g_graceful.load() > 0) {
    g_signal = signal;
    write_stderr("snipcheck: interrupted by " + signal_name(signal) +
                 "; stopping and reporting what finished (again to end at once)\n");
    return;
  }
  int none = 0;
  g_signal.compare_exchange_strong(none, signal);
  end_now(signal);
}

void listen(sigset_t signals) {
  for (;;) {
    siginfo_t info{};
    int signal = ::sigwaitinfo(&signals, &info);
    if (signal > 0) on_signal(signal);
  }
}

}  // namespace

void install_interrupt_handling() {
  static std::atomic<bool> installed{false};
  if (installed.exchange(true)) return;
  sigset_t signals;
  sigemptyset(&signals);
  for (int signal : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction old {};
    if (::sigaction(signal, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;
    sigaddset(&signals, signal);
  }
  ::pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::thread(listen, signals).detach();
}

bool interrupt_requested() { return g_signal.load() != 0; }

int interrupt_signal() { return g_signal.load(); }

int interrupted_exit_status() { return 128 + g_signal.load(); }

GracefulStop::GracefulStop() { ++g_graceful; }

GracefulStop::~GracefulStop() { --g_graceful; }

std::unique_lock<std::mutex> hold_cleanup() {
  if (g_settled.load()) return {};
  return std::unique_lock<std::mutex>(cleanup_list().mutex);
}

void remove_on_interrupt(const fs::path& path, const std::unique_lock<std::mutex>& held) {
  if (!held.owns_lock()) return;
  cleanup_list().paths.push_back(path);
}

void forget_on_interrupt(const fs::path& path) {
  auto held = hold_cleanup();
  if (!held.owns_lock()) return;
  auto& paths = cleanup_list().paths;
  auto found = std::find(paths.begin(), paths.end(), path);
  if (found != paths.end()) paths.erase(found);
}

void settle_interrupts() {
  if (g_settled.exchange(true)) return;
  cleanup_list().mutex.lock();  // released by the process's end; a cleanup under way finishes first
}

void kill_all_descendants() {
  for (int round = 0; round < 1000; ++round) {
    std::vector<pid_t> pids = live_children_of_process();
    if (pids.empty()) return;
    for (pid_t pid : pids) {
      ::kill(-pid, SIGKILL);  // a worker leads its own process group
      ::kill(pid, SIGKILL);
    }
    for (pid_t pid : pids) {
      while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
      }
    }
  }
}

}  // namespace snipcheck
