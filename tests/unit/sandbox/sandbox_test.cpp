// Unit tests for src/sandbox/sandbox.cpp. apply_sandbox() is irreversible, so every test applies
// it in a forked child, which reports back through its exit status (0: as expected).
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include "sandbox/sandbox.hpp"
#include "support/temp_dir.hpp"
#include "util/fs.hpp"

namespace fs = std::filesystem;
using snipcheck::apply_sandbox;
using snipcheck::default_policy;
using snipcheck::Protection;
using snipcheck::SandboxPolicy;
using snipcheck::SandboxReport;

namespace {

// Runs `body` in a child after applying `policy`; returns the child's exit status, or 100 + the
// number of the signal that killed it. 90: the sandbox itself reported an error.
int in_sandbox(const SandboxPolicy& policy, const std::function<int(const SandboxReport&)>& body) {
  pid_t pid = ::fork();
  if (pid == 0) {
    SandboxReport report = apply_sandbox(policy);
    ::_exit(report.error.empty() ? body(report) : 90);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + WTERMSIG(status);
}

const Protection* find(const SandboxReport& report, const std::string& name) {
  auto found = std::find_if(report.protections.begin(), report.protections.end(),
                            [&](const Protection& p) { return p.name == name; });
  return found == report.protections.end() ? nullptr : &*found;
}

// A folder the sandbox may write, beside one it may not touch (world-readable, so that only
// the sandbox and not file permissions keeps the secret).
struct Scene {
  snipcheck::TempDir root{"snipcheck-sandbox-test"};
  fs::path work = root.path() / "work";
  fs::path secret = root.path() / "secret.txt";
  Scene() {
    fs::create_directory(work);
    std::ofstream(secret) << "secret";
    ::chmod(root.path().c_str(), 0755);
    ::chmod(secret.c_str(), 0644);
  }
};

}  // namespace

TEST_CASE("default_policy", "[sandbox]") {
  SECTION("reads Python and the system libraries, writes only the working directory") {
    SandboxPolicy policy = default_policy("/tmp/job", "/bank/snippets/001-a.py", false);
    CHECK(policy.workdir == "/tmp/job");
    CHECK(std::count(policy.read_only.begin(), policy.read_only.end(), "/usr/lib/python3.11") == 1);
    CHECK(std::count(policy.read_only.begin(), policy.read_only.end(), "/usr/lib") == 1);
    CHECK(std::count(policy.read_only.begin(), policy.read_only.end(), "/bank/snippets/001-a.py") == 1);
    CHECK(policy.read_write == std::vector<std::string>{"/dev/null"});
    CHECK(policy.executable.empty());
  }
  SECTION("allow_exec lets it run Debian's python3 and nothing else") {
    SandboxPolicy policy = default_policy("/tmp/job", "", true);
    REQUIRE_FALSE(policy.executable.empty());
    for (const std::string& path : policy.executable) {
      CHECK((path.starts_with("/usr/bin/python3") || path.starts_with("/lib64/ld-linux")));
    }
  }
}

TEST_CASE("apply_sandbox", "[sandbox]") {
  Scene scene;
  SandboxPolicy policy = default_policy(scene.work.string(), "", false);
  policy.skip.clear();

  SECTION("reports every protection by name, with how or why not") {
    int status = in_sandbox(policy, [](const SandboxReport& report) {
      for (const char* name : {"limits", "processes", "privileges", "filesystem", "syscalls", "network", "signals"}) {
        const Protection* protection = find(report, name);
        if (protection == nullptr || protection->detail.empty()) return 1;
      }
      return 0;
    });
    CHECK(status == 0);
  }
  SECTION("the working directory is writable; outside it nothing is, and the secret is unreadable") {
    const std::string work = scene.work.string();
    const std::string secret = scene.secret.string();
    const std::string beside = (scene.root.path() / "escaped.txt").string();
    int status = in_sandbox(policy, [&](const SandboxReport& report) {
      if (!find(report, "filesystem")->active) return 0;  // reported missing: nothing to check here
      int own = ::open((work + "/own.txt").c_str(), O_CREAT | O_WRONLY, 0644);
      if (own < 0) return 1;
      if (::open(secret.c_str(), O_RDONLY) >= 0) return 2;
      if (::open(beside.c_str(), O_CREAT | O_WRONLY, 0644) >= 0) return 3;
      if (::unlink(secret.c_str()) == 0) return 4;
      if (::open("/usr/lib/python3.11/os.py", O_RDONLY) < 0) return 5;
      return 0;
    });
    CHECK(status == 0);
    CHECK_FALSE(fs::exists(scene.root.path() / "escaped.txt"));
    CHECK(fs::exists(scene.secret));
  }
  SECTION("denied syscalls fail with EPERM") {
    int status = in_sandbox(policy, [](const SandboxReport& report) {
      if (!find(report, "syscalls")->active) return 0;
      if (::ptrace(PTRACE_TRACEME, 0, nullptr, nullptr) != -1 || errno != EPERM) return 1;
      if (::unshare(CLONE_NEWNS) != -1 || errno != EPERM) return 2;
      return 0;
    });
    CHECK(status == 0);
  }
  SECTION("limits cannot be raised again") {
    policy.limits.processes = 16;
    policy.limits.open_files = 32;
    int status = in_sandbox(policy, [](const SandboxReport&) {
      rlimit files{};
      ::getrlimit(RLIMIT_NOFILE, &files);
      if (files.rlim_max != 32) return 1;
      files.rlim_max = 4096;
      files.rlim_cur = 4096;
      if (::setrlimit(RLIMIT_NOFILE, &files) == 0) return 2;
      rlimit cpu{};
      ::getrlimit(RLIMIT_CPU, &cpu);
      if (cpu.rlim_cur != 10 || cpu.rlim_max != 11) return 3;
      return 0;
    });
    CHECK(status == 0);
  }
  SECTION("CPU time past the limit ends the process with SIGXCPU") {
    policy.limits.cpu_seconds = 1;
    int status = in_sandbox(policy, [](const SandboxReport&) {
      volatile unsigned long spin = 0;
      for (;;) {
        unsigned long next = spin + 1;
        spin = next;
      }
      return 0;
    });
    CHECK(status == 100 + SIGXCPU);
  }
  SECTION("signals to processes outside the sandbox are refused") {
    const pid_t parent = ::getpid();
    int status = in_sandbox(policy, [&](const SandboxReport& report) {
      if (!find(report, "signals")->active) return 0;
      return ::kill(parent, 0) == -1 && errno == EPERM ? 0 : 1;
    });
    CHECK(status == 0);
  }
  SECTION("a mechanism left out is reported missing, never silently") {
    policy.skip = {"landlock", "seccomp"};
    int status = in_sandbox(policy, [](const SandboxReport& report) {
      if (report.complete()) return 1;
      if (find(report, "filesystem")->active || find(report, "syscalls")->active) return 2;
      if (find(report, "filesystem")->detail.find("left out") == std::string::npos) return 3;
      return 0;
    });
    CHECK(status == 0);
  }
  SECTION("without a network namespace, IPv4 sockets are refused") {
    policy.skip = {"userns"};
    int status = in_sandbox(policy, [](const SandboxReport& report) {
      const Protection* network = find(report, "network");
      if (!network->active) return 0;
      if (network->detail.find("fallback") == std::string::npos) return 1;
      return ::socket(AF_INET, SOCK_STREAM, 0) == -1 && errno == EPERM ? 0 : 2;
    });
    CHECK(status == 0);
  }
}

TEST_CASE("SandboxReport", "[sandbox]") {
  SandboxReport report;
  SECTION("an empty report is not complete") { CHECK_FALSE(report.complete()); }
  SECTION("complete only when every protection is active") {
    report.protections = {{"filesystem", true, "Landlock"}, {"network", true, "namespace"}};
    CHECK(report.complete());
    CHECK(report.missing().empty());
    report.protections[1] = {"network", false, "user namespaces are blocked"};
    CHECK_FALSE(report.complete());
    CHECK(report.missing() == std::vector<std::string>{"network: user namespaces are blocked"});
  }
  SECTION("an error makes it incomplete") {
    report.protections = {{"filesystem", true, "Landlock"}};
    report.error = "landlock_restrict_self failed";
    CHECK_FALSE(report.complete());
  }
}

TEST_CASE("join_names", "[sandbox]") {
  std::vector<Protection> protections = {{"filesystem", true, ""}, {"network", false, ""}, {"syscalls", true, ""}};
  CHECK(snipcheck::join_names(protections, true) == "filesystem, syscalls");
  CHECK(snipcheck::join_names(protections, false) == "network");
  CHECK(snipcheck::join_names({}, true) == "none");
}

TEST_CASE("probe_sandbox", "[sandbox]") {
  SandboxReport report = snipcheck::probe_sandbox();
  CHECK(report.error.empty());
  CHECK(report.protections.size() == 7);
  // On this machine (Landlock ABI 7, user namespaces allowed) every protection is there; where
  // one is missing, the report says why.
  for (const Protection& protection : report.protections) {
    INFO(protection.name << ": " << protection.detail);
    CHECK_FALSE(protection.detail.empty());
  }
}
