#include "runner/process_state.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/time.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <string_view>

extern char** environ;

namespace snipcheck {

namespace {

// Names in `path`; when listing /proc/self/fd, the listing's own descriptor is left out.
std::vector<std::string> list_dir(const char* path) {
  std::vector<std::string> names;
  DIR* dir = ::opendir(path);
  if (dir == nullptr) return names;
  const std::string own = std::to_string(::dirfd(dir));
  const bool is_fd_dir = std::strcmp(path, "/proc/self/fd") == 0;
  while (dirent* entry = ::readdir(dir)) {
    if (entry->d_name[0] == '.' || (is_fd_dir && own == entry->d_name)) continue;
    names.emplace_back(entry->d_name);
  }
  ::closedir(dir);
  return names;
}

std::vector<pid_t> g_kept_children;

}  // namespace

bool process_is_ending(pid_t pid) {
  // One read of /proc/PID/status (a few hundred bytes): this runs after every job.
  const std::string path = "/proc/" + std::to_string(pid) + "/status";
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return true;
  char buffer[4096];
  ssize_t got = 0;
  while ((got = ::read(fd, buffer, sizeof buffer - 1)) < 0 && errno == EINTR) {
  }
  ::close(fd);
  if (got <= 0) return true;
  buffer[got] = '\0';
  const std::string_view status(buffer, static_cast<std::size_t>(got));
  auto field = [&](std::string_view name) -> std::string_view {
    std::size_t at = status.find(name);
    if (at == std::string_view::npos) return {};
    std::size_t end = status.find('\n', at);
    return status.substr(at + name.size(), end == std::string_view::npos ? std::string_view::npos : end - at - name.size());
  };
  const std::string_view state = field("\nState:");
  if (state.find('Z') != std::string_view::npos || state.find('X') != std::string_view::npos) return true;
  // Signals whose default action does not end a process; an ignored signal is never pending.
  constexpr int k_harmless[] = {SIGCHLD, SIGCONT, SIGURG, SIGWINCH, SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU};
  unsigned long long harmless = 0;
  for (int sig : k_harmless) harmless |= 1ULL << (sig - 1);
  for (std::string_view name : {std::string_view("\nSigPnd:"), std::string_view("\nShdPnd:")}) {
    const std::string pending(field(name));
    if ((std::strtoull(pending.c_str(), nullptr, 16) & ~harmless) != 0) return true;
  }
  return false;
}

void keep_child(pid_t pid) { g_kept_children.push_back(pid); }

void forget_child(pid_t pid) { std::erase(g_kept_children, pid); }

std::vector<pid_t> live_children() {
  while (::waitpid(-1, nullptr, WNOHANG) > 0) {
  }
  return child_processes();
}

std::vector<pid_t> child_processes() {
  std::vector<pid_t> pids;
  for (const std::string& task : list_dir("/proc/self/task")) {
    std::ifstream children("/proc/self/task/" + task + "/children");
    pid_t pid = 0;
    while (children >> pid) {
      if (std::find(g_kept_children.begin(), g_kept_children.end(), pid) == g_kept_children.end()) pids.push_back(pid);
    }
  }
  return pids;
}

int thread_count() { return static_cast<int>(list_dir("/proc/self/task").size()); }

void kill_descendants() {
  for (int round = 0; round < 50; ++round) {
    std::vector<pid_t> pids = live_children();
    if (pids.empty()) return;
    for (pid_t pid : pids) ::kill(pid, SIGKILL);
    for (pid_t pid : pids) ::waitpid(pid, nullptr, 0);
  }
}

ProcessState ProcessState::capture() {
  ProcessState state;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) state.environment.emplace_back(*entry);
  std::sort(state.environment.begin(), state.environment.end());
  char buffer[4096];
  if (::getcwd(buffer, sizeof buffer) != nullptr) state.cwd = buffer;
  for (int sig = 1; sig < NSIG; ++sig) {
    struct sigaction action {};
    if (::sigaction(sig, nullptr, &action) != 0) continue;
    auto handler = reinterpret_cast<std::uintptr_t>(action.sa_handler);
    state.signal_dispositions.push_back(std::to_string(sig) + ":" + std::to_string(handler));
  }
  sigset_t mask;
  sigemptyset(&mask);
  ::pthread_sigmask(SIG_SETMASK, nullptr, &mask);
  for (int sig = 1; sig < NSIG; ++sig) state.signal_mask += sigismember(&mask, sig) == 1 ? '1' : '0';
  if (const char* locale = std::setlocale(LC_ALL, nullptr)) state.locale = locale;
  errno = 0;
  int priority = ::getpriority(PRIO_PROCESS, 0);
  state.identity = std::to_string(::getuid()) + "/" + std::to_string(::geteuid()) + "/" +
                   std::to_string(::getgid()) + "/" + std::to_string(::getegid()) + "/" + std::to_string(priority);
  for (int fd = 0; fd <= 2; ++fd) {
    struct stat info {};
    if (::fstat(fd, &info) != 0) {
      state.standard_fds.emplace_back("closed");
      continue;
    }
    state.standard_fds.push_back(std::to_string(info.st_dev) + ":" + std::to_string(info.st_ino) + ":" +
                                 std::to_string(::fcntl(fd, F_GETFL)));
  }
  for (int resource = 0; resource < RLIM_NLIMITS; ++resource) {
    rlimit limit{};
    ::getrlimit(static_cast<__rlimit_resource>(resource), &limit);
    state.limits.push_back(std::to_string(resource) + ":" + std::to_string(limit.rlim_cur) + "/" +
                           std::to_string(limit.rlim_max));
  }
  state.umask_bits = ::umask(022);
  ::umask(state.umask_bits);
  state.threads = thread_count();
  for (const std::string& fd : list_dir("/proc/self/fd")) state.open_fds.push_back(std::stoi(fd));
  std::sort(state.open_fds.begin(), state.open_fds.end());
  state.children = static_cast<int>(live_children().size());
  return state;
}

std::string describe_changes(const ProcessState& before, const ProcessState& after) {
  std::vector<std::string> changes;
  if (before.environment != after.environment) changes.emplace_back("os.environ changed");
  if (before.cwd != after.cwd) changes.emplace_back("working directory changed to " + after.cwd);
  if (before.signal_dispositions != after.signal_dispositions) changes.emplace_back("signal handlers changed");
  if (before.signal_mask != after.signal_mask) changes.emplace_back("blocked signals changed");
  if (before.locale != after.locale) changes.emplace_back("locale changed to " + after.locale);
  if (before.identity != after.identity) changes.emplace_back("user, group or priority changed");
  if (before.standard_fds != after.standard_fds) changes.emplace_back("stdin, stdout or stderr replaced");
  if (before.limits != after.limits) changes.emplace_back("resource limits changed");
  if (before.umask_bits != after.umask_bits) changes.emplace_back("umask changed");
  if (after.threads > before.threads) {
    changes.emplace_back(std::to_string(after.threads - before.threads) + " native thread(s) left running");
  }
  std::vector<int> extra;
  std::set_difference(after.open_fds.begin(), after.open_fds.end(), before.open_fds.begin(), before.open_fds.end(),
                      std::back_inserter(extra));
  if (!extra.empty()) changes.emplace_back(std::to_string(extra.size()) + " file descriptor(s) left open");
  if (after.children > 0) changes.emplace_back(std::to_string(after.children) + " child process(es) left running");
  std::string text;
  for (const std::string& change : changes) text += (text.empty() ? "" : "; ") + change;
  return text;
}

}  // namespace snipcheck
