#include "runner/process_state.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <string>
#include <thread>

#include <catch2/catch.hpp>

#include "support/temp_dir.hpp"

using namespace snipcheck;

namespace {

// Runs `change` between two captures in a forked child that leads its own process group (as a
// worker does), and returns describe_changes(before, after) as the child saw it. The test process
// itself is left untouched, and processes sharing its group (a shell, a pipe) do not count.
std::string changes_in_child(const std::function<void()>& change) {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::close(fds[0]);
    ::setpgid(0, 0);
    ProcessState before = ProcessState::capture();
    change();
    ProcessState after = ProcessState::capture();
    // NUL-terminated: a grandchild left running keeps the pipe open, so no end of file comes.
    std::string text = describe_changes(before, after);
    text.push_back('\0');
    ssize_t written = ::write(fds[1], text.data(), text.size());
    ::_exit(written == static_cast<ssize_t>(text.size()) ? 0 : 1);
  }
  ::close(fds[1]);
  std::string text;
  char buffer[4096];
  ssize_t got = 0;
  while (text.find('\0') == std::string::npos && (got = ::read(fds[0], buffer, sizeof buffer)) > 0) {
    text.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(fds[0]);
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  ::kill(-child, SIGKILL);  // whatever the child left in its own process group
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  REQUIRE(!text.empty());
  REQUIRE(text.back() == '\0');
  text.pop_back();
  return text;
}

}  // namespace

TEST_CASE("ProcessState::capture", "[runner][process_state]") {
  ProcessState state = ProcessState::capture();
  SECTION("the working directory") {
    char buffer[4096];
    REQUIRE(::getcwd(buffer, sizeof buffer) != nullptr);
    CHECK(state.cwd == buffer);
  }
  SECTION("the environment, sorted") {
    CHECK_FALSE(state.environment.empty());
    CHECK(std::is_sorted(state.environment.begin(), state.environment.end()));
  }
  SECTION("the umask, left as it was") {
    mode_t current = ::umask(0);
    ::umask(current);
    CHECK(state.umask_bits == current);
    CHECK(ProcessState::capture().umask_bits == current);
  }
  SECTION("threads, limits and signal dispositions") {
    CHECK(state.threads >= 1);
    CHECK_FALSE(state.limits.empty());
    CHECK_FALSE(state.signal_dispositions.empty());
  }
  SECTION("open file descriptors, sorted, without the one used to list them") {
    CHECK(std::is_sorted(state.open_fds.begin(), state.open_fds.end()));
    int fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    REQUIRE(fd >= 0);
    ProcessState with_fd = ProcessState::capture();
    ::close(fd);
    CHECK(std::find(with_fd.open_fds.begin(), with_fd.open_fds.end(), fd) != with_fd.open_fds.end());
    CHECK(with_fd.open_fds.size() == state.open_fds.size() + 1);
    CHECK(ProcessState::capture().open_fds == state.open_fds);
  }
}

TEST_CASE("describe_changes", "[runner][process_state]") {
  SECTION("two captures with nothing in between: no changes") {
    CHECK(changes_in_child([] {}) == "");
  }
  SECTION("two captures in this process: no changes apart from processes sharing its group") {
    ProcessState before = ProcessState::capture();
    ProcessState after = ProcessState::capture();
    after.children = 0;  // a shell or pipeline may share this test's process group
    CHECK(describe_changes(before, after) == "");
  }
  SECTION("an environment variable set") {
    std::string changes = changes_in_child([] { ::setenv("SNIPCHECK_UNIT_TEST_VARIABLE", "1", 1); });
    CHECK_THAT(changes, Catch::Contains("os.environ"));
  }
  SECTION("an environment variable set, in this process, then restored") {
    ProcessState before = ProcessState::capture();
    ::setenv("SNIPCHECK_UNIT_TEST_VARIABLE", "1", 1);
    ProcessState after = ProcessState::capture();
    ::unsetenv("SNIPCHECK_UNIT_TEST_VARIABLE");
    after.children = before.children = 0;
    CHECK_THAT(describe_changes(before, after), Catch::Contains("os.environ"));
    ProcessState restored = ProcessState::capture();
    restored.children = 0;
    CHECK(describe_changes(before, restored) == "");
  }
  SECTION("the working directory changed") {
    TempDir dir("snipcheck-unit");
    const std::string target = dir.path().string();
    std::string changes = changes_in_child([&] {
      if (::chdir(target.c_str()) != 0) ::_exit(2);
    });
    CHECK_THAT(changes, Catch::Contains("working directory"));
    CHECK_THAT(changes, Catch::Contains(target));
  }
  SECTION("the umask changed") {
    std::string changes = changes_in_child([] {
      mode_t old = ::umask(0);
      ::umask(old == 0077 ? 0022 : 0077);
    });
    CHECK_THAT(changes, Catch::Contains("umask"));
  }
  SECTION("a file descriptor left open") {
    std::string changes = changes_in_child([] {
      if (::open("/dev/null", O_RDONLY) < 0) ::_exit(2);
    });
    CHECK_THAT(changes, Catch::Contains("1 file descriptor(s) left open"));
  }
  SECTION("a file descriptor closed is not a change") {
    int existing = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    REQUIRE(existing >= 0);
    std::string changes = changes_in_child([existing] { ::close(existing); });
    ::close(existing);
    CHECK(changes == "");
  }
  SECTION("a thread left running") {
    std::string changes = changes_in_child([] {
      std::thread sleeper([] { std::this_thread::sleep_for(std::chrono::seconds(30)); });
      sleeper.detach();
    });
    CHECK_THAT(changes, Catch::Contains("1 native thread(s) left running"));
  }
  SECTION("a thread left running, in this process") {
    ProcessState before = ProcessState::capture();
    std::atomic<bool> stop{false};
    std::thread sleeper([&] {
      while (!stop.load()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    });
    ProcessState after = ProcessState::capture();
    stop.store(true);
    sleeper.join();
    after.children = before.children = 0;
    CHECK_THAT(describe_changes(before, after), Catch::Contains("native thread(s) left running"));
  }
  SECTION("a signal handler installed") {
    std::string changes = changes_in_child([] { ::signal(SIGUSR1, SIG_IGN); });
    CHECK_THAT(changes, Catch::Contains("signal handlers"));
  }
  SECTION("a resource limit lowered") {
    std::string changes = changes_in_child([] {
      rlimit limit{};
      ::getrlimit(RLIMIT_NOFILE, &limit);
      limit.rlim_cur = limit.rlim_cur > 64 ? 64 : limit.rlim_cur - 1;
      ::setrlimit(RLIMIT_NOFILE, &limit);
    });
    CHECK_THAT(changes, Catch::Contains("resource limits"));
  }
  SECTION("a child process left running") {
    std::string changes = changes_in_child([] {
      pid_t grandchild = ::fork();
      if (grandchild == 0) {
        for (;;) ::pause();
      }
      if (grandchild < 0) ::_exit(2);
    });
    CHECK_THAT(changes, Catch::Contains("1 child process(es) left running"));
  }
  SECTION("a child process that has ended is not a change") {
    std::string changes = changes_in_child([] {
      pid_t grandchild = ::fork();
      if (grandchild == 0) ::_exit(0);
      if (grandchild < 0) ::_exit(2);
      int status = 0;
      ::waitpid(grandchild, &status, 0);
    });
    CHECK(changes == "");
  }
  SECTION("several changes are joined") {
    std::string changes = changes_in_child([] {
      ::setenv("SNIPCHECK_UNIT_TEST_VARIABLE", "2", 1);
      ::umask(::umask(0) == 0077 ? 0022 : 0077);
    });
    CHECK_THAT(changes, Catch::Contains("os.environ changed; umask changed"));
  }
}

TEST_CASE("process_is_ending", "[runner][process_state]") {
  // A child that blocks SIGTERM, so a SIGTERM sent to it stays pending, as a SIGKILL does in the
  // instant between kill() and the target's death.
  auto start_child = [] {
    sigset_t term;
    sigemptyset(&term);
    sigaddset(&term, SIGTERM);
    sigset_t old;
    ::sigprocmask(SIG_BLOCK, &term, &old);
    pid_t pid = ::fork();
    if (pid == 0) {
      for (;;) ::pause();
    }
    ::sigprocmask(SIG_SETMASK, &old, nullptr);
    return pid;
  };
  SECTION("a live process with nothing pending is not ending") {
    pid_t pid = start_child();
    REQUIRE(pid > 0);
    CHECK_FALSE(process_is_ending(pid));
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
  }
  SECTION("a pending fatal signal, a zombie and a reaped process are") {
    pid_t pid = start_child();
    REQUIRE(pid > 0);
    ::kill(pid, SIGTERM);
    CHECK(process_is_ending(pid));
    ::kill(pid, SIGKILL);
    siginfo_t info{};
    ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOWAIT);
    CHECK(process_is_ending(pid));  // a zombie
    ::waitpid(pid, nullptr, 0);
    CHECK(process_is_ending(pid));
  }
  SECTION("a pending signal that ends nothing does not count") {
    pid_t pid = start_child();
    REQUIRE(pid > 0);
    ::kill(pid, SIGWINCH);
    CHECK_FALSE(process_is_ending(pid));
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
  }
}
