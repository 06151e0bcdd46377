// Shield: keeps signals from the calling process, and from everything it forks or executes
// later, away from one other process (the supervisor) and its process group. Not a sandbox: for
// trusted code, against the accident of a snippet signalling the process that holds the run
// (issue 9, item 3). A seccomp filter (libseccomp); plain Linux, knows nothing of snippets.
#pragma once

#include <sys/types.h>

#include <string>

#include <tl/expected.hpp>

namespace snipcheck {

// After this, in the calling process and its descendants: kill() of `pid`, of `-pgid` (killpg)
// and of -1 (every process), tkill()/tgkill()/rt_sigqueueinfo()/rt_tgsigqueueinfo() aimed at
// `pid`, and pidfd_open(`pid`) fail with EPERM. The caller must be single-threaded. With
// CAP_SYS_ADMIN (root) no_new_privs is left alone; without it the kernel requires it, so it is
// set (setuid programs then no longer gain privileges). Irreversible. The error says why not.
tl::expected<void, std::string> shield_from_signals(pid_t pid, pid_t pgid);

}  // namespace snipcheck
