// Unit tests for src/sandbox/seccomp_filter.cpp, each filter loaded in a forked child.
#include <catch2/catch.hpp>

#include <sched.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <functional>
#include <thread>

#include "sandbox/mechanisms.hpp"
#include "sandbox/shield.hpp"

using namespace snipcheck::sandbox_detail;

namespace {

int with_filter(bool deny_inet, const std::function<int()>& body) {
  pid_t pid = ::fork();
  if (pid == 0) {
    ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    snipcheck::Protection result = apply_seccomp(deny_inet);
    ::_exit(result.active ? body() : 90);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + WTERMSIG(status);
}

bool denied(const char* name) {
  for (const char* const* item = denied_syscalls(); *item != nullptr; ++item) {
    if (std::strcmp(*item, name) == 0) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("denied_syscalls", "[sandbox]") {
  for (const char* name : {"ptrace", "mount", "umount2", "kexec_load", "bpf", "keyctl", "add_key", "request_key",
                           "perf_event_open", "init_module", "finit_module", "delete_module", "reboot", "swapon",
                           "swapoff", "setns", "unshare", "process_vm_readv", "process_vm_writev"}) {
    INFO(name);
    CHECK(denied(name));
  }
  CHECK_FALSE(denied("read"));
  CHECK_FALSE(denied("clone"));
}

TEST_CASE("apply_seccomp", "[sandbox]") {
  SECTION("denied syscalls fail with EPERM; the rest work, threads included") {
    CHECK(with_filter(false, [] {
            if (::ptrace(PTRACE_TRACEME, 0, nullptr, nullptr) != -1 || errno != EPERM) return 1;
            if (::unshare(CLONE_NEWUSER) != -1 || errno != EPERM) return 2;
            if (::socket(AF_UNIX, SOCK_STREAM, 0) != -1 || errno != EPERM) return 3;
            int pair[2];
            if (::socketpair(AF_UNIX, SOCK_STREAM, 0, pair) != 0) return 4;
            int ran = 0;
            std::thread([&] { ran = 1; }).join();  // clone3 -> ENOSYS -> glibc falls back to clone
            if (ran != 1) return 5;
            int inet = ::socket(AF_INET, SOCK_STREAM, 0);
            return inet >= 0 ? 0 : 6;
          }) == 0);
  }
  SECTION("deny_inet refuses IPv4 and IPv6 sockets") {
    CHECK(with_filter(true, [] {
            if (::socket(AF_INET, SOCK_STREAM, 0) != -1 || errno != EPERM) return 1;
            if (::socket(AF_INET6, SOCK_DGRAM, 0) != -1 || errno != EPERM) return 2;
            return 0;
          }) == 0);
  }
}

// The supervisor's shield (sandbox/shield.hpp, issue 9 item 3), loaded in a forked child that
// shields this test process (its parent) and probes it with signal 0, which only checks.
TEST_CASE("shield_from_signals: the shielded process and its group are out of reach, others not", "[sandbox][seccomp]") {
  const pid_t parent = ::getpid();
  const pid_t group = ::getpgrp();
  pid_t pid = ::fork();
  if (pid == 0) {
    // A process of our own, neither the parent nor in its group: still within reach.
    pid_t other = ::fork();
    if (other == 0) {
      ::setpgid(0, 0);
      ::pause();
      ::_exit(0);
    }
    ::setpgid(other, other);
    if (!snipcheck::shield_from_signals(parent, group)) ::_exit(90);
    auto eperm = [](long rc) { return rc == -1 && errno == EPERM; };
    int failures = 0;
    if (!eperm(::kill(parent, 0))) failures |= 1;
    if (!eperm(::kill(-group, 0))) failures |= 2;
    if (!eperm(::kill(-1, 0))) failures |= 4;
    if (!eperm(::syscall(SYS_tkill, parent, 0))) failures |= 8;
    if (!eperm(::syscall(SYS_tgkill, parent, parent, 0))) failures |= 16;
    if (!eperm(::syscall(SYS_pidfd_open, parent, 0))) failures |= 32;
    if (::kill(other, 0) != 0) failures |= 64;  // others are not shielded
    ::kill(other, SIGKILL);
    ::waitpid(other, nullptr, 0);
    ::_exit(failures);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}
