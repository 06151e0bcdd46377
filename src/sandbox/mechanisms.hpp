// The sandbox's mechanisms one by one, for sandbox.cpp to combine. Each applies itself to the
// calling process and returns a Protection saying whether it is active and how, or why not.
// Internal to src/sandbox/.
#pragma once

#include <string>

#include "sandbox/sandbox.hpp"

namespace snipcheck::sandbox_detail {

// Landlock's ABI version on this kernel, or a negative errno (-ENOSYS, -EOPNOTSUPP: disabled).
int landlock_abi();

// Restricts the filesystem per `policy`; with `deny_tcp`, also TCP bind/connect (ABI >= 4); with
// ABI >= 6 scopes signals and abstract UNIX sockets to the sandbox. `scoped` tells whether the
// scoping took effect, `tcp_denied` whether the TCP rules did.
Protection apply_landlock(const SandboxPolicy& policy, bool deny_tcp, bool& scoped, bool& tcp_denied);

// Loads the seccomp filter; with `deny_inet`, socket(AF_INET/AF_INET6) fails too.
Protection apply_seccomp(bool deny_inet);

// The syscalls the filter denies (by name), for reports and tests.
const char* const* denied_syscalls();

}  // namespace snipcheck::sandbox_detail
