// Unit tests for src/sandbox/seccomp_filter.cpp, each filter loaded in a forked child.
#include <catch2/catch.hpp>

#include <sched.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <functional>
#include <thread>

#include "sandbox/mechanisms.hpp"

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
