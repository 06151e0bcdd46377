// probe_sandbox(): apply_sandbox() in a throw-away child on a throw-away folder, the report sent
// back through a pipe as "name TAB active TAB detail" lines.
#include "sandbox/sandbox.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

#include "util/interrupt.hpp"

namespace snipcheck {

namespace {

std::string errno_text(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

}  // namespace

SandboxReport probe_sandbox() {
  SandboxReport report;
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::temp_directory_path(ec) / ("snipcheck-probe-" + std::to_string(::getpid()));
  {
    auto held = hold_cleanup();  // an interrupt meanwhile removes it (util/interrupt.hpp)
    std::filesystem::create_directory(dir, ec);
    if (!ec) remove_on_interrupt(dir, held);
  }
  int fds[2];
  if (ec || ::pipe2(fds, O_CLOEXEC) != 0) {
    report.error = "cannot prepare the probe: " + (ec ? ec.message() : std::string(std::strerror(errno)));
    return report;
  }
  pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    SandboxReport applied = apply_sandbox(default_policy(dir.string(), {}, false));
    std::string text;
    for (const Protection& protection : applied.protections) {
      text += protection.name + "\t" + (protection.active ? "1" : "0") + "\t" + protection.detail + "\n";
    }
    if (!applied.error.empty()) text += "error\t0\t" + applied.error + "\n";
    ssize_t ignored = ::write(fds[1], text.data(), text.size());
    (void)ignored;
    ::_exit(0);
  }
  ::close(fds[1]);
  std::string text;
  char buffer[4096];
  for (ssize_t got; (got = ::read(fds[0], buffer, sizeof buffer)) != 0;) {
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) break;
    text.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(fds[0]);
  int status = 0;
  while (pid > 0 && ::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  std::filesystem::remove_all(dir, ec);
  forget_on_interrupt(dir);
  if (pid < 0) report.error = errno_text("fork");
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    std::string line = text.substr(start, end - start);
    start = end == std::string::npos ? text.size() : end + 1;
    std::size_t tab1 = line.find('\t');
    std::size_t tab2 = line.find('\t', tab1 + 1);
    if (tab1 == std::string::npos || tab2 == std::string::npos) continue;
    std::string name = line.substr(0, tab1);
    if (name == "error") {
      report.error = line.substr(tab2 + 1);
      continue;
    }
    report.protections.push_back({name, line[tab1 + 1] == '1', line.substr(tab2 + 1)});
  }
  if (report.protections.empty() && report.error.empty()) report.error = "the probe process died (wait status " +
                                                                         std::to_string(status) + ")";
  return report;
}

}  // namespace snipcheck
