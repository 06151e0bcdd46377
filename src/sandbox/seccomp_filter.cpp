// The seccomp filter, built with libseccomp: allow by default, EPERM for what a snippet never
// needs and could use against the machine or the runner. Syscalls this kernel or libseccomp
// does not know are skipped (they cannot be called either).
#include "sandbox/mechanisms.hpp"
#include "sandbox/shield.hpp"

#include <sched.h>
#include <sys/prctl.h>
#include <seccomp.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

namespace snipcheck::sandbox_detail {

namespace {

constexpr const char* k_denied[] = {
    // other processes' memory and state
    "ptrace", "process_vm_readv", "process_vm_writev", "pidfd_getfd", "kcmp",
    // mounts and namespaces (our own unshare is done before the filter is loaded)
    "mount", "umount2", "move_mount", "open_tree", "fsopen", "fsmount", "fsconfig", "fspick", "pivot_root",
    "chroot", "setns", "unshare",
    // the kernel itself
    "kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module", "bpf", "perf_event_open",
    "reboot", "swapon", "swapoff", "acct", "quotactl", "syslog", "iopl", "ioperm",
    "settimeofday", "clock_settime", "clock_adjtime", "adjtimex", "sethostname", "setdomainname",
    // the kernel keyring
    "keyctl", "add_key", "request_key",
    // interfaces that widen the attack surface or bypass other checks
    "userfaultfd", "io_uring_setup", "io_uring_enter", "io_uring_register", "open_by_handle_at",
    "name_to_handle_at", "lookup_dcookie", "vhangup",
    nullptr,
};

constexpr unsigned long k_namespace_flags[] = {CLONE_NEWUSER, CLONE_NEWNS,  CLONE_NEWNET, CLONE_NEWPID,
                                               CLONE_NEWIPC,  CLONE_NEWUTS, CLONE_NEWCGROUP};

class Filter {
 public:
  Filter() : m_ctx(::seccomp_init(SCMP_ACT_ALLOW)) {}
  ~Filter() {
    if (m_ctx != nullptr) ::seccomp_release(m_ctx);
  }
  Filter(const Filter&) = delete;
  Filter& operator=(const Filter&) = delete;
  scmp_filter_ctx get() const { return m_ctx; }

 private:
  scmp_filter_ctx m_ctx;
};

}  // namespace

const char* const* denied_syscalls() { return k_denied; }

Protection apply_seccomp(bool deny_inet) {
  Protection result{"syscalls", false, {}};
  Filter filter;
  if (filter.get() == nullptr) {
    result.detail = "seccomp_init failed";
    return result;
  }
  int rc = 0;
  int denied = 0;
  for (const char* const* name = k_denied; *name != nullptr && rc == 0; ++name) {
    int number = ::seccomp_syscall_resolve_name(*name);
    if (number == __NR_SCMP_ERROR) continue;
    rc = ::seccomp_rule_add(filter.get(), SCMP_ACT_ERRNO(EPERM), number, 0);
    ++denied;
  }
  // clone() with a namespace flag is unshare() by another name. clone3() passes its flags in
  // memory a filter cannot read: ENOSYS makes glibc fall back to clone().
  for (unsigned long flag : k_namespace_flags) {
    if (rc == 0) rc = ::seccomp_rule_add(filter.get(), SCMP_ACT_ERRNO(EPERM), SCMP_SYS(clone), 1,
                                         SCMP_A0(SCMP_CMP_MASKED_EQ, flag, flag));
  }
  if (rc == 0) rc = ::seccomp_rule_add(filter.get(), SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0);
  // UNIX sockets reach whatever listens on the machine (a container runtime's socket, D-Bus)
  // whatever namespace we are in, and Landlock does not mediate connect(): socket(AF_UNIX) fails.
  // socketpair(), which asyncio and multiprocessing use, still works.
  if (rc == 0) rc = ::seccomp_rule_add(filter.get(), SCMP_ACT_ERRNO(EPERM), SCMP_SYS(socket), 1,
                                       SCMP_A0(SCMP_CMP_EQ, static_cast<scmp_datum_t>(AF_UNIX)));
  if (deny_inet) {
    for (int family : {AF_INET, AF_INET6, AF_NETLINK, AF_PACKET}) {
      if (rc == 0) rc = ::seccomp_rule_add(filter.get(), SCMP_ACT_ERRNO(EPERM), SCMP_SYS(socket), 1,
                                           SCMP_A0(SCMP_CMP_EQ, static_cast<scmp_datum_t>(family)));
    }
  }
  if (rc != 0) {
    result.detail = std::string("seccomp_rule_add: ") + std::strerror(-rc);
    return result;
  }
  rc = ::seccomp_load(filter.get());
  if (rc != 0) {
    result.detail = std::string("seccomp_load: ") + std::strerror(-rc);
    return result;
  }
  result.active = true;
  result.detail = "seccomp: " + std::to_string(denied) + " syscalls (ptrace, mount, bpf, keyctl, ...) and clone() "
                  "of namespaces fail with EPERM; so does socket(AF_UNIX)" +
                  (deny_inet ? "; so do IPv4, IPv6, netlink and packet sockets" : "");
  return result;
}

}  // namespace snipcheck::sandbox_detail

namespace snipcheck {

tl::expected<void, std::string> shield_from_signals(pid_t pid, pid_t pgid) {
  sandbox_detail::Filter filter;
  if (filter.get() == nullptr) return tl::unexpected(std::string("seccomp_init failed"));
  // A program of another architecture (a 32-bit one) runs as before, unshielded: killing it
  // would change what trusted code can do far more than the shield is worth.
  int rc = ::seccomp_attr_set(filter.get(), SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_ALLOW);
  // Our own decision, below, rather than libseccomp's default of always setting it.
  if (rc == 0) rc = ::seccomp_attr_set(filter.get(), SCMP_FLTATR_CTL_NNP, 0);
  // pid_t arguments are 32 bits; the upper half of the register is not defined.
  auto is = [](unsigned arg, pid_t value) {
    return scmp_arg_cmp{arg, SCMP_CMP_MASKED_EQ, 0xffffffffULL, static_cast<std::uint32_t>(value)};
  };
  auto deny = [&](int syscall, scmp_arg_cmp condition) {
    if (rc == 0) rc = ::seccomp_rule_add(filter.get(), SCMP_ACT_ERRNO(EPERM), syscall, 1, condition);
  };
  deny(SCMP_SYS(kill), is(0, pid));
  deny(SCMP_SYS(kill), is(0, -1));
  if (pgid > 1) deny(SCMP_SYS(kill), is(0, -pgid));
  deny(SCMP_SYS(tkill), is(0, pid));
  deny(SCMP_SYS(tgkill), is(0, pid));
  deny(SCMP_SYS(rt_sigqueueinfo), is(0, pid));
  deny(SCMP_SYS(rt_tgsigqueueinfo), is(0, pid));
  if (const int number = ::seccomp_syscall_resolve_name("pidfd_open"); number != __NR_SCMP_ERROR) deny(number, is(0, pid));
  if (rc != 0) return tl::unexpected(std::string("seccomp_rule_add: ") + std::strerror(-rc));
  rc = ::seccomp_load(filter.get());
  if (rc != 0 && ::prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 0) {
    // No CAP_SYS_ADMIN (EACCES, which libseccomp reports as ECANCELED): the kernel loads a
    // filter only under no_new_privs.
    if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
      return tl::unexpected(std::string("PR_SET_NO_NEW_PRIVS: ") + std::strerror(errno));
    }
    rc = ::seccomp_load(filter.get());
  }
  if (rc != 0) return tl::unexpected(std::string("seccomp_load: ") + std::strerror(-rc));
  return {};
}

}  // namespace snipcheck
