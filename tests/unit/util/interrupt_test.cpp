#include "util/interrupt.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>

#include <catch2/catch.hpp>

#include "support/temp_dir.hpp"
#include "util/fs.hpp"

using namespace snipcheck;
namespace fs = std::filesystem;

namespace {

struct Child {
  int status = -1;     // exit status, or 128 + the signal that killed it
  std::string report;  // what it wrote to its pipe
};

// Runs `body` in a child process (interrupt handling is process-wide and ends processes) with a
// pipe to write what it saw to; the child exits with whatever ends it.
// `keep` is a directory of the test's that the child must not remove with its own.
Child in_child(const fs::path& keep, const std::function<void(int report_fd)>& body) {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(fds[0]);
    int quiet = ::open("/dev/null", O_WRONLY | O_CLOEXEC);  // the listener's own lines on stderr
    if (quiet >= 0) ::dup2(quiet, 2);
    forget_on_interrupt(keep);
    body(fds[1]);
    ::_exit(0);
  }
  ::close(fds[1]);
  Child child;
  char buffer[256];
  for (ssize_t got; (got = ::read(fds[0], buffer, sizeof buffer)) != 0;) {
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) break;
    child.report.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  child.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return child;
}

void say(int fd, const std::string& text) {
  ssize_t ignored = ::write(fd, text.data(), text.size());
  (void)ignored;
}

// Waits for the flag (set by the listener thread) with a generous bound; the test asserts the
// flag, not the time it took.
bool flag_set_within_a_minute() {
  for (int i = 0; i < 6000 && !interrupt_requested(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  return interrupt_requested();
}

}  // namespace

TEST_CASE("install_interrupt_handling", "[util][interrupt]") {
  TempDir base("snipcheck-unit");
  SECTION("outside a graceful stop, a signal ends the process at once: children killed, temp dirs and files removed") {
    Child child = in_child(base.path(), [&](int report) {
      ::setenv("TMPDIR", base.path().c_str(), 1);
      install_interrupt_handling();
      auto* dir = new TempDir("snipcheck-interrupted");  // never destroyed: only the interrupt removes it
      testing::write_tree(dir->path(), {{"job/output.txt", "left by a question"}});
      pid_t grandchild = ::fork();
      if (grandchild == 0) {
        ::setsid();  // out of our process group, as a snippet's daemon would be
        for (;;) ::pause();
      }
      say(report, std::to_string(grandchild) + "\n");
      ::close(report);
      ::kill(::getpid(), SIGTERM);
      for (;;) ::pause();
    });
    CHECK(child.status == 128 + SIGTERM);
    CHECK(fs::is_empty(base.path()));
    pid_t grandchild = std::atoi(child.report.c_str());
    REQUIRE(grandchild > 0);
    CHECK(::kill(grandchild, 0) == -1);
    CHECK(errno == ESRCH);
  }
  SECTION("inside a graceful stop, the first signal only asks the run to stop; the second ends it") {
    Child child = in_child(base.path(), [&](int report) {
      install_interrupt_handling();
      GracefulStop graceful;
      ::kill(::getpid(), SIGINT);
      bool asked = flag_set_within_a_minute();
      say(report, asked && interrupt_signal() == SIGINT && interrupted_exit_status() == 130 ? "asked" : "not asked");
      ::close(report);
      ::kill(::getpid(), SIGHUP);
      for (;;) ::pause();
    });
    CHECK(child.report == "asked");
    CHECK(child.status == 128 + SIGHUP);
  }
  SECTION("registered paths are removed by the immediate end; a report renamed into place stays") {
    Child child = in_child(base.path(), [&](int report) {
      install_interrupt_handling();
      // A registration held: the interrupt, when it comes, removes what is listed.
      const fs::path stray = base.path() / "r.json.tmp-stray";
      {
        auto held = hold_cleanup();
        testing::write_tree(base.path(), {{"r.json.tmp-stray", "half a report"}});
        remove_on_interrupt(stray, held);
      }
      auto written = write_file_atomic(base.path() / "r.json", "whole\n");
      say(report, written ? "written" : "failed");
      ::close(report);
      ::kill(::getpid(), SIGTERM);
      for (;;) ::pause();
    });
    CHECK(child.report == "written");
    CHECK(child.status == 128 + SIGTERM);
    // The finished report stays (renamed, no longer listed); the registered temp file is gone.
    CHECK(fs::exists(base.path() / "r.json"));
    CHECK_FALSE(fs::exists(base.path() / "r.json.tmp-stray"));
  }
}
