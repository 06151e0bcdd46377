// Sandbox: confines the process that calls apply_sandbox() (a freshly forked, single-threaded
// child about to run untrusted code) with what an unprivileged Linux process can use on itself:
//  - a dedicated uid when started as root (root is exempt from RLIMIT_NPROC and DAC checks);
//  - a new user namespace and, inside it, a new network namespace (only a loopback interface);
//  - rlimits: CPU seconds, address space, processes/threads, file size, open files, no core;
//  - PR_SET_NO_NEW_PRIVS, then Landlock (filesystem: read-only system and Python paths,
//    read-write only the working directory; TCP bind/connect denied when there is no network
//    namespace; signals and abstract UNIX sockets scoped to the sandbox);
//  - a seccomp filter (libseccomp) that makes the syscalls snippets never need fail with EPERM.
// It reports what is active and, for what is not, why; it never silently skips a mechanism.
// It does not capture output, enforce wall-clock deadlines or kill anything (runner/ does that),
// and it knows nothing of Python. Irreversible: call it only in a process that is about to run
// the untrusted code and exit.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace snipcheck {

struct SandboxLimits {
  std::uint64_t cpu_seconds = 10;   // RLIMIT_CPU: SIGXCPU at this many seconds, SIGKILL one later
  std::uint64_t processes = 64;     // processes and threads the sandbox may have at once
  std::uint64_t open_files = 256;   // RLIMIT_NOFILE
  // RLIMIT_AS and RLIMIT_FSIZE: 0 keeps the soft limit the caller set, and makes it the hard one.
  std::uint64_t address_space = 0;
  std::uint64_t file_size = 0;
};

struct SandboxPolicy {
  std::string workdir;                  // read-write: the job's working directory
  std::vector<std::string> read_only;   // directories or files readable (missing ones are skipped)
  std::vector<std::string> read_write;  // besides workdir (e.g. /dev/null)
  std::vector<std::string> executable;  // may be executed (empty: executing anything fails)
  SandboxLimits limits;
  // Mechanisms to leave out, for tests of the fallbacks ("userns", "landlock", "seccomp", "uid");
  // read from SNIPCHECK_SANDBOX_SKIP by default_policy(). Each one left out is reported missing.
  std::vector<std::string> skip;
};

// One protection the sandbox promises, active or not. Names are stable (they are JSON keys):
// filesystem, network, syscalls, processes, signals, privileges, limits.
struct Protection {
  std::string name;
  bool active = false;
  std::string detail;  // how it is enforced, or why it is not
};

struct SandboxReport {
  std::vector<Protection> protections;
  std::string error;  // non-empty: applying failed half-way; the code must not run

  bool complete() const;                  // every protection active, no error
  std::vector<std::string> missing() const;  // "network: why not", one per inactive protection
};

// The policy for running Python in `workdir`: Debian's Python installation and packages, system
// libraries, /dev/null, /dev/urandom and the process's own /proc entries readable; `workdir`
// writable; `snippet` (the code's own file) readable. `allow_exec` lets it run /usr/bin/python3*
// (subprocess of Python), nothing else.
SandboxPolicy default_policy(const std::string& workdir, const std::string& snippet, bool allow_exec);

// Applies `policy` to the calling process, which must be single-threaded. Never throws.
SandboxReport apply_sandbox(const SandboxPolicy& policy);

// What apply_sandbox() achieves on this machine: runs it in a throw-away child process on a
// throw-away directory and reports back. For `snipcheck doctor` and for refusing `check` early.
SandboxReport probe_sandbox();

// "filesystem, network" or "none".
std::string join_names(const std::vector<Protection>& protections, bool active);

}  // namespace snipcheck
