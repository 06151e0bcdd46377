#include "sandbox/sandbox.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <linux/capability.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <glob.h>

#include "sandbox/mechanisms.hpp"

namespace snipcheck {

namespace {

using namespace sandbox_detail;

// Root is exempt from RLIMIT_NPROC and from file permissions, so a sandbox started as root runs
// under a uid of its own: this base plus its pid, unique among the sandboxes alive at once.
constexpr uid_t k_sandbox_uid_base = 1'500'000'000;

bool skipped(const SandboxPolicy& policy, const char* mechanism) {
  for (const std::string& name : policy.skip) {
    if (name == mechanism) return true;
  }
  return false;
}

std::string errno_text(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

bool write_proc(const char* path, const std::string& text) {
  int fd = ::open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  return ok;
}

// nftw() passes no context to its callback: the uid to give files to. Set only in the child
// that is about to confine itself (single-threaded).
uid_t g_chown_uid = 0;

int chown_entry(const char* path, const struct stat*, int, struct FTW*) {
  ::lchown(path, g_chown_uid, static_cast<gid_t>(g_chown_uid));
  return 0;
}

// Root: gives the working directory (and what an earlier question of its chain left there) to
// the sandbox's uid, then becomes that uid for good.
Protection drop_to_dedicated_uid(const SandboxPolicy& policy) {
  Protection result{"uid", false, {}};
  const uid_t uid = k_sandbox_uid_base + static_cast<uid_t>(::getpid());
  g_chown_uid = uid;
  if (::nftw(policy.workdir.c_str(), chown_entry, 16, FTW_PHYS) != 0) {
    result.detail = errno_text("chown of the working directory");
    return result;
  }
  // Only that uid (and root) may enter the working directory; its parent (the run's folder,
  // 0700 and root's) must let it through, or absolute paths to it (sqlite3 makes them) fail.
  ::chmod(policy.workdir.c_str(), 0700);
  std::string parent = std::filesystem::path(policy.workdir).parent_path().string();
  struct stat info {};
  if (!parent.empty() && ::stat(parent.c_str(), &info) == 0 && info.st_uid == ::geteuid() && !(info.st_mode & S_IXOTH)) {
    ::chmod(parent.c_str(), (info.st_mode & 07777) | S_IXOTH);
  }
  if (::setgroups(0, nullptr) != 0 || ::setresgid(uid, uid, uid) != 0 || ::setresuid(uid, uid, uid) != 0) {
    result.detail = errno_text("setresuid");
    return result;
  }
  // A change of uid makes the process undumpable, and its /proc files root's: it could not
  // write its own uid_map or read /proc/self.
  ::prctl(PR_SET_DUMPABLE, 1);
  result.active = true;
  result.detail = "runs as uid " + std::to_string(uid) + " instead of root";
  return result;
}

void bring_loopback_up() {
  int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return;
  ifreq request{};
  std::strncpy(request.ifr_name, "lo", IFNAMSIZ - 1);
  if (::ioctl(fd, SIOCGIFFLAGS, &request) == 0) {
    request.ifr_flags = static_cast<short>(request.ifr_flags | IFF_UP | IFF_RUNNING);
    ::ioctl(fd, SIOCSIFFLAGS, &request);
  }
  ::close(fd);
}

// A user namespace (mapping only our own uid and gid) and a network namespace inside it.
Protection enter_namespaces(bool& shm_private) {
  Protection result{"network", false, {}};
  const uid_t uid = ::geteuid();
  const gid_t gid = ::getegid();
  if (::unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0) {
    result.detail = errno_text("unshare(CLONE_NEWUSER|CLONE_NEWNET)") +
                    (errno == EPERM || errno == ENOSPC ? " (user namespaces are blocked here)" : "");
    return result;
  }
  if (!write_proc("/proc/self/setgroups", "deny") ||
      !write_proc("/proc/self/uid_map", std::to_string(uid) + " " + std::to_string(uid) + " 1\n") ||
      !write_proc("/proc/self/gid_map", std::to_string(gid) + " " + std::to_string(gid) + " 1\n")) {
    result.detail = errno_text("writing the user namespace's uid_map");
    return result;
  }
  // Code may still serve and connect on its own private loopback.
  bring_loopback_up();
  // multiprocessing's locks live in /dev/shm, which other users share: give it a private one.
  shm_private = ::unshare(CLONE_NEWNS) == 0 && ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0 &&
                ::mount("snipcheck-shm", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=64m,mode=1777") == 0;
  // The namespace's creator holds every capability in it: give them all up.
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct data[2] = {};
  if (::syscall(SYS_capset, &header, data) != 0) {
    result.detail = errno_text("capset");
    return result;
  }
  result.active = true;
  result.detail = "a network namespace of its own (loopback only), inside a user namespace" +
                  std::string(shm_private ? "; a private /dev/shm" : "; no private /dev/shm (multiprocessing fails)");
  return result;
}

// Processes and threads the user has now (all of them count against RLIMIT_NPROC).
std::uint64_t tasks_of_user(uid_t uid) {
  std::uint64_t count = 0;
  DIR* proc = ::opendir("/proc");
  if (proc == nullptr) return 0;
  while (dirent* entry = ::readdir(proc)) {
    if (entry->d_name[0] < '0' || entry->d_name[0] > '9') continue;
    std::ifstream status(std::string("/proc/") + entry->d_name + "/status");
    std::string key;
    uid_t real = 0;
    bool mine = false;
    while (status >> key) {
      if (key == "Uid:") {
        status >> real;
        mine = real == uid;
      } else if (key == "Threads:" && mine) {
        std::uint64_t threads = 0;
        status >> threads;
        count += threads;
      }
    }
  }
  ::closedir(proc);
  return count;
}

bool set_both(int resource, rlim_t value) {
  rlimit limit{value, value};
  return ::setrlimit(static_cast<__rlimit_resource>(resource), &limit) == 0;
}

// The soft limit the caller set (or `wanted`, when given) becomes the hard limit too, so the code
// cannot raise it back.
bool lock_limit(int resource, std::uint64_t wanted) {
  rlimit limit{};
  ::getrlimit(static_cast<__rlimit_resource>(resource), &limit);
  rlim_t value = wanted > 0 ? static_cast<rlim_t>(wanted) : limit.rlim_cur;
  if (limit.rlim_max != RLIM_INFINITY && value > limit.rlim_max) value = limit.rlim_max;
  return set_both(resource, value);
}

Protection apply_limits(const SandboxLimits& limits) {
  Protection result{"limits", false, {}};
  rlimit cpu{static_cast<rlim_t>(limits.cpu_seconds), static_cast<rlim_t>(limits.cpu_seconds + 1)};
  bool ok = ::setrlimit(RLIMIT_CPU, &cpu) == 0;
  ok = lock_limit(RLIMIT_AS, limits.address_space) && ok;
  ok = lock_limit(RLIMIT_FSIZE, limits.file_size) && ok;
  ok = set_both(RLIMIT_NOFILE, limits.open_files) && ok;
  ok = set_both(RLIMIT_CORE, 0) && ok;
  ok = set_both(RLIMIT_MEMLOCK, 0) && ok;
  ok = set_both(RLIMIT_MSGQUEUE, 0) && ok;
  if (!ok) {
    result.detail = errno_text("setrlimit");
    return result;
  }
  rlimit as{}, fsize{};
  ::getrlimit(RLIMIT_AS, &as);
  ::getrlimit(RLIMIT_FSIZE, &fsize);
  auto text = [](rlim_t value) { return value == RLIM_INFINITY ? std::string("unlimited") : std::to_string(value); };
  result.active = true;
  result.detail = "CPU " + std::to_string(limits.cpu_seconds) + " s, address space " + text(as.rlim_cur) +
                  " bytes, file size " + text(fsize.rlim_cur) + " bytes, " + std::to_string(limits.open_files) +
                  " open files, no core dumps; hard limits equal the soft ones";
  return result;
}

// RLIMIT_NPROC counts every task of the uid in the user namespace and above it. In a namespace
// of its own, or under a uid of its own, only the sandbox's tasks count; otherwise the limit is
// set relative to what the user already runs, and shared with it.
Protection limit_processes(std::uint64_t processes, bool own_namespace, bool own_uid) {
  Protection result{"processes", false, {}};
  std::uint64_t limit = processes;
  std::string how = own_namespace ? "counted in its own user namespace" : "counted for its own uid";
  if (!own_namespace && !own_uid) {
    if (::geteuid() == 0) {
      result.detail = "root is exempt from RLIMIT_NPROC and no uid of its own could be used";
      return result;
    }
    std::uint64_t existing = tasks_of_user(::getuid());
    limit += existing;
    how = "relative: " + std::to_string(existing) + " tasks the user already had, plus " + std::to_string(processes) +
          " (shared with the user's other processes)";
  }
  if (!set_both(RLIMIT_NPROC, static_cast<rlim_t>(limit))) {
    result.detail = errno_text("setrlimit(RLIMIT_NPROC)");
    return result;
  }
  result.active = true;
  result.detail = "at most " + std::to_string(processes) + " processes and threads (" + how + ")";
  return result;
}

SandboxPolicy with_shm(const SandboxPolicy& policy, bool shm_private) {
  SandboxPolicy copy = policy;
  if (shm_private) copy.read_write.emplace_back("/dev/shm");
  return copy;
}

void add(SandboxReport& report, Protection protection, const std::string& name) {
  protection.name = name;
  report.protections.push_back(std::move(protection));
}

std::vector<std::string> expand(const char* pattern) {
  std::vector<std::string> paths;
  glob_t found{};
  if (::glob(pattern, 0, nullptr, &found) == 0) {
    for (std::size_t i = 0; i < found.gl_pathc; ++i) paths.emplace_back(found.gl_pathv[i]);
  }
  ::globfree(&found);
  return paths;
}

}  // namespace

bool SandboxReport::complete() const {
  if (!error.empty()) return false;
  for (const Protection& protection : protections) {
    if (!protection.active) return false;
  }
  return !protections.empty();
}

std::vector<std::string> SandboxReport::missing() const {
  std::vector<std::string> lines;
  if (!error.empty()) lines.push_back("sandbox: " + error);
  for (const Protection& protection : protections) {
    if (!protection.active) lines.push_back(protection.name + ": " + protection.detail);
  }
  return lines;
}

std::string join_names(const std::vector<Protection>& protections, bool active) {
  std::string text;
  for (const Protection& protection : protections) {
    if (protection.active == active) text += (text.empty() ? "" : ", ") + protection.name;
  }
  return text.empty() ? "none" : text;
}

SandboxPolicy default_policy(const std::string& workdir, const std::string& snippet, bool allow_exec) {
  SandboxPolicy policy;
  policy.workdir = workdir;
  // Python: the standard library, Debian's packages, pip's; the libraries they load.
  for (const char* pattern : {"/usr/lib/python3*", "/usr/local/lib/python3*"}) {
    for (std::string& path : expand(pattern)) policy.read_only.push_back(std::move(path));
  }
  for (const char* path : {"/usr/lib/python3/dist-packages", "/lib", "/lib64", "/usr/lib", "/usr/lib64",
                           "/etc/ld.so.cache", "/etc/localtime", "/usr/share/zoneinfo", "/etc/os-release",
                           "/etc/passwd", "/etc/group", "/etc/nsswitch.conf", "/dev/urandom", "/dev/random",
                           "/dev/zero", "/proc/self", "/proc/cpuinfo", "/proc/meminfo", "/proc/stat",
                           "/sys/devices/system/cpu"}) {
    policy.read_only.emplace_back(path);
  }
  // sys.executable (platform reads it) and the snippet's own file (tracebacks, open(__file__)).
  for (const char* pattern : {"/usr/bin/python3", "/usr/bin/python3.[0-9]", "/usr/bin/python3.[0-9][0-9]"}) {
    for (std::string& path : expand(pattern)) policy.read_only.push_back(std::move(path));
  }
  if (!snippet.empty()) policy.read_only.push_back(snippet);
  policy.read_write.emplace_back("/dev/null");
  if (allow_exec) {
    for (const char* pattern : {"/usr/bin/python3", "/usr/bin/python3.[0-9]", "/usr/bin/python3.[0-9][0-9]"}) {
      for (std::string& path : expand(pattern)) policy.executable.push_back(std::move(path));
    }
    for (std::string& path : expand("/lib64/ld-linux*")) policy.executable.push_back(std::move(path));
  }
  if (const char* skip = std::getenv("SNIPCHECK_SANDBOX_SKIP")) {
    std::string list = skip;
    for (std::size_t start = 0; start <= list.size();) {
      std::size_t comma = std::min(list.find(',', start), list.size());
      if (comma > start) policy.skip.push_back(list.substr(start, comma - start));
      start = comma + 1;
    }
  }
  return policy;
}

SandboxReport apply_sandbox(const SandboxPolicy& policy) {
  SandboxReport report;
  const bool root = ::geteuid() == 0;
  // 1. Root: a uid of its own, for RLIMIT_NPROC, file permissions and signals.
  Protection uid{"uid", false, "not root: runs as the user's own uid"};
  if (root) uid = skipped(policy, "uid") ? Protection{"uid", false, "left out (SNIPCHECK_SANDBOX_SKIP)"}
                                         : drop_to_dedicated_uid(policy);
  // 2. Network: a namespace of its own, or else Landlock's TCP rules and seccomp's socket rule.
  bool shm_private = false;
  Protection network = skipped(policy, "userns") ? Protection{"network", false, "user namespace left out "
                                                                                "(SNIPCHECK_SANDBOX_SKIP)"}
                                                 : enter_namespaces(shm_private);
  const bool own_namespace = network.active;
  // 3. Limits, then processes (after the namespace: its count starts at this process).
  add(report, apply_limits(policy.limits), "limits");
  add(report, limit_processes(policy.limits.processes, own_namespace, uid.active), "processes");
  // 4. No privilege gained by exec (setuid binaries, file capabilities); Landlock needs it.
  Protection privileges{"privileges", ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0, {}};
  privileges.detail = privileges.active ? "no_new_privs set" + std::string(root ? "; " + uid.detail : "")
                                        : errno_text("prctl(PR_SET_NO_NEW_PRIVS)");
  if (root && !uid.active) {
    privileges.active = false;
    privileges.detail = "runs as root: " + uid.detail;
  }
  add(report, privileges, "privileges");
  // 5. Filesystem (and TCP, and signal scoping) with Landlock.
  bool scoped = false;
  bool tcp_denied = false;
  Protection filesystem = skipped(policy, "landlock")
                              ? Protection{"filesystem", false, "Landlock left out (SNIPCHECK_SANDBOX_SKIP)"}
                              : apply_landlock(with_shm(policy, shm_private), !own_namespace, scoped, tcp_denied);
  add(report, filesystem, "filesystem");
  // 6. Syscalls with seccomp, last: it denies unshare and mount, which steps 1-5 used.
  Protection syscalls = skipped(policy, "seccomp") ? Protection{"syscalls", false, "seccomp left out "
                                                                                   "(SNIPCHECK_SANDBOX_SKIP)"}
                                                   : apply_seccomp(!own_namespace);
  add(report, syscalls, "syscalls");
  if (!own_namespace) {
    std::string fallback;
    if (tcp_denied) fallback = "Landlock denies TCP bind and connect";
    if (syscalls.active) fallback += (fallback.empty() ? "" : "; ") + std::string("seccomp denies IPv4/IPv6/netlink sockets");
    network.detail = "no network namespace (" + network.detail + ")" +
                     (fallback.empty() ? "" : "; fallback: " + fallback);
    network.active = syscalls.active;
  }
  add(report, network, "network");
  // Signals to processes outside the sandbox (the worker, the supervisor, the user's others).
  Protection signals{"signals", scoped || uid.active, {}};
  if (scoped) signals.detail = "Landlock scopes signals and abstract UNIX sockets to the sandbox";
  else if (uid.active) signals.detail = "its own uid cannot signal other users' processes";
  else signals.detail = "neither Landlock signal scoping (ABI >= 6) nor a uid of its own: it can signal the "
                        "user's other processes, the runner's included";
  add(report, signals, "signals");
  // If the worker goes, so does the sandbox (a change of uid cleared the fork's setting).
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  return report;
}

}  // namespace snipcheck
