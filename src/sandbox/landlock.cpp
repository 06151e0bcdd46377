// Landlock through raw syscalls: Debian 12's headers (Linux 6.1) stop at ABI 2, so the later
// access rights and the larger ruleset attribute are defined here, as the kernel lays them out.
#include "sandbox/mechanisms.hpp"

#include <fcntl.h>
#include <linux/landlock.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

namespace snipcheck::sandbox_detail {

namespace {

// Rights added after ABI 2 (include/uapi/linux/landlock.h of later kernels).
constexpr std::uint64_t k_fs_truncate = 1ULL << 14;   // ABI 3
constexpr std::uint64_t k_fs_ioctl_dev = 1ULL << 15;  // ABI 5
constexpr std::uint64_t k_net_bind_tcp = 1ULL << 0;   // ABI 4
constexpr std::uint64_t k_net_connect_tcp = 1ULL << 1;
constexpr std::uint64_t k_scope_abstract_unix = 1ULL << 0;  // ABI 6
constexpr std::uint64_t k_scope_signal = 1ULL << 1;

// struct landlock_ruleset_attr as of ABI 6; older kernels get a prefix of it.
struct RulesetAttr {
  std::uint64_t handled_access_fs = 0;
  std::uint64_t handled_access_net = 0;
  std::uint64_t scoped = 0;
};

constexpr std::uint64_t k_fs_file_rights = LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE |
                                           LANDLOCK_ACCESS_FS_READ_FILE | k_fs_truncate | k_fs_ioctl_dev;

std::uint64_t fs_rights_for(int abi) {
  std::uint64_t rights = (LANDLOCK_ACCESS_FS_MAKE_SYM << 1) - 1;  // ABI 1: bits 0..12
  if (abi >= 2) rights |= LANDLOCK_ACCESS_FS_REFER;
  if (abi >= 3) rights |= k_fs_truncate;
  if (abi >= 5) rights |= k_fs_ioctl_dev;
  return rights;
}

class Fd {
 public:
  explicit Fd(int fd) : m_fd(fd) {}
  ~Fd() {
    if (m_fd >= 0) ::close(m_fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return m_fd; }

 private:
  int m_fd;
};

// Adds a rule for `path`; a path that does not exist is skipped (returns true), any other
// failure returns false with `why` set.
bool allow_path(int ruleset, const std::string& path, std::uint64_t rights, std::uint64_t handled, std::string& why) {
  Fd fd(::open(path.c_str(), O_PATH | O_CLOEXEC));
  if (fd.get() < 0) return errno == ENOENT || errno == ENOTDIR || errno == EACCES;
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) return true;
  if (!S_ISDIR(info.st_mode)) rights &= k_fs_file_rights;
  landlock_path_beneath_attr rule{};
  rule.allowed_access = rights & handled;
  rule.parent_fd = fd.get();
  if (rule.allowed_access == 0) return true;
  if (::syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &rule, 0) != 0) {
    why = "landlock_add_rule(" + path + "): " + std::strerror(errno);
    return false;
  }
  return true;
}

std::string list_paths(const std::vector<std::string>& paths) {
  std::string text;
  for (const std::string& path : paths) text += (text.empty() ? "" : " ") + path;
  return text;
}

}  // namespace

int landlock_abi() {
  long abi = ::syscall(SYS_landlock_create_ruleset, nullptr, 0, LANDLOCK_CREATE_RULESET_VERSION);
  return abi < 0 ? -errno : static_cast<int>(abi);
}

Protection apply_landlock(const SandboxPolicy& policy, bool deny_tcp, bool& scoped, bool& tcp_denied) {
  Protection result{"filesystem", false, {}};
  scoped = false;
  tcp_denied = false;
  const int abi = landlock_abi();
  if (abi < 0) {
    result.detail = std::string("Landlock unavailable: ") +
                    (abi == -ENOSYS ? "the kernel has no Landlock" :
                     abi == -EOPNOTSUPP ? "Landlock is disabled at boot (lsm=)" : std::strerror(-abi));
    return result;
  }
  RulesetAttr attr;
  attr.handled_access_fs = fs_rights_for(abi);
  std::size_t attr_size = sizeof(std::uint64_t);
  if (abi >= 4 && deny_tcp) attr.handled_access_net = k_net_bind_tcp | k_net_connect_tcp;
  if (abi >= 4) attr_size = 2 * sizeof(std::uint64_t);
  if (abi >= 6) {
    attr.scoped = k_scope_abstract_unix | k_scope_signal;
    attr_size = sizeof attr;
  }
  Fd ruleset(static_cast<int>(::syscall(SYS_landlock_create_ruleset, &attr, attr_size, 0)));
  if (ruleset.get() < 0) {
    result.detail = std::string("landlock_create_ruleset: ") + std::strerror(errno);
    return result;
  }
  const std::uint64_t handled = attr.handled_access_fs;
  const std::uint64_t read = LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR;
  const std::uint64_t exec = LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_READ_FILE;
  // The working directory: everything but executing what the code writes there.
  const std::uint64_t write_all = handled & ~static_cast<std::uint64_t>(LANDLOCK_ACCESS_FS_EXECUTE);
  std::string why;
  bool ok = allow_path(ruleset.get(), policy.workdir, write_all, handled, why);
  for (const std::string& path : policy.read_write) ok = ok && allow_path(ruleset.get(), path, write_all, handled, why);
  for (const std::string& path : policy.read_only) ok = ok && allow_path(ruleset.get(), path, read, handled, why);
  for (const std::string& path : policy.executable) ok = ok && allow_path(ruleset.get(), path, exec, handled, why);
  if (!ok) {
    result.detail = why;
    return result;
  }
  if (::syscall(SYS_landlock_restrict_self, ruleset.get(), 0) != 0) {
    result.detail = std::string("landlock_restrict_self: ") + std::strerror(errno);
    return result;
  }
  result.active = true;
  result.detail = "Landlock ABI " + std::to_string(abi) + ": read-write " + policy.workdir + " " +
                  list_paths(policy.read_write) + "; read-only " + list_paths(policy.read_only) +
                  (policy.executable.empty() ? "; executes nothing" : "; executes " + list_paths(policy.executable));
  if (abi < 3) result.detail += " (ABI < 3: truncating files elsewhere is not restricted)";
  scoped = abi >= 6;
  tcp_denied = attr.handled_access_net != 0;
  return result;
}

}  // namespace snipcheck::sandbox_detail
