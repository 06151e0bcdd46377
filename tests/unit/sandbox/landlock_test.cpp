// Unit tests for src/sandbox/landlock.cpp, each applied in a forked child (it is irreversible).
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>

#include "sandbox/mechanisms.hpp"
#include "util/fs.hpp"

using namespace snipcheck;
using namespace snipcheck::sandbox_detail;

TEST_CASE("landlock_abi", "[sandbox]") {
  int abi = landlock_abi();
  // A version, or why not (no Landlock in this kernel, or disabled at boot).
  CHECK((abi >= 1 || abi == -ENOSYS || abi == -EOPNOTSUPP));
}

TEST_CASE("apply_landlock", "[sandbox]") {
  if (landlock_abi() < 1) {
    WARN("no Landlock here");
    return;
  }
  TempDir dir("snipcheck-landlock-test");
  std::filesystem::create_directory(dir.path() / "work");
  std::ofstream(dir.path() / "outside.txt") << "x";
  SandboxPolicy policy;
  policy.workdir = (dir.path() / "work").string();
  policy.read_only = {"/usr/lib"};
  SECTION("only the listed paths are reachable, and it says how") {
    pid_t pid = ::fork();
    if (pid == 0) {
      ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
      bool scoped = false, tcp = false;
      Protection result = apply_landlock(policy, true, scoped, tcp);
      if (!result.active || result.detail.find("Landlock ABI") == std::string::npos) ::_exit(1);
      if (::open((policy.workdir + "/new.txt").c_str(), O_CREAT | O_WRONLY, 0644) < 0) ::_exit(2);
      if (::open((dir.path() / "outside.txt").c_str(), O_RDONLY) >= 0) ::_exit(3);
      if (::open("/usr/lib/os-release", O_RDONLY) < 0 && errno == EACCES) ::_exit(4);
      if (::open("/etc/hostname", O_RDONLY) >= 0) ::_exit(5);
      ::_exit(0);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
  SECTION("without no_new_privs (and no CAP_SYS_ADMIN) restricting fails, and says why") {
    if (::geteuid() == 0) return;  // root may restrict itself anyway
    pid_t pid = ::fork();
    if (pid == 0) {
      bool scoped = false, tcp = false;
      Protection result = apply_landlock(policy, false, scoped, tcp);
      ::_exit(!result.active && result.detail.find("landlock_restrict_self") != std::string::npos ? 0 : 1);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    CHECK(WEXITSTATUS(status) == 0);
  }
}
