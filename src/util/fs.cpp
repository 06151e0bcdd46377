#include "util/fs.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <system_error>
#include <vector>

#include "util/interrupt.hpp"
#include "util/text.hpp"

namespace snipcheck {

namespace fs = std::filesystem;

namespace {

constexpr int k_max_symlinks = 40;

std::string errno_text(int error) { return std::strerror(error); }

// Writes all of `content` to `fd`; 0, or the errno of the write that failed.
int write_all(int fd, std::string_view content) {
  std::size_t done = 0;
  while (done < content.size()) {
    ssize_t wrote = ::write(fd, content.data() + done, content.size() - done);
    if (wrote > 0) {
      done += static_cast<std::size_t>(wrote);
      continue;
    }
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote < 0 && errno == EAGAIN) {  // a non-blocking descriptor we were handed (stdout)
      pollfd ready{fd, POLLOUT, 0};
      ::poll(&ready, 1, -1);
      continue;
    }
    return wrote < 0 ? errno : EIO;
  }
  return 0;
}

// 1 or 2 when `info` is the file our stdout or stderr is, else -1: a report there is written
// through that descriptor (after what we printed), never replaced.
int standard_stream_of(const struct stat& info) {
  for (int fd : {1, 2}) {
    struct stat stream {};
    if (::fstat(fd, &stream) == 0 && stream.st_dev == info.st_dev && stream.st_ino == info.st_ino) return fd;
  }
  return -1;
}

Expected<void> write_to_stream(int fd, const std::string& path, std::string_view content) {
  std::cout.flush();
  std::cerr.flush();
  if (int error = write_all(fd, content)) return fail(path, 0, "write failed: " + errno_text(error));
  return {};
}

// Opens a FIFO for writing without blocking for ever: ENXIO is "no reader yet", tried again
// until k_fifo_reader_wait_ms have passed. Then the descriptor blocks as usual.
int open_fifo_for_writing(const fs::path& fifo) {
  const int k_step_ms = 50;
  for (int waited = 0;; waited += k_step_ms) {
    int fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd >= 0) {
      int flags = ::fcntl(fd, F_GETFL);
      if (flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
      return fd;
    }
    if (errno != ENXIO || waited >= k_fifo_reader_wait_ms || interrupt_requested()) return -1;
    ::usleep(k_step_ms * 1000);
  }
}

Expected<void> write_through(const OutputTarget& target, const std::string& path, std::string_view content) {
  struct stat info {};
  const bool known = ::stat(target.path.c_str(), &info) == 0;
  if (known) {
    if (int stream = standard_stream_of(info); stream >= 0) return write_to_stream(stream, path, content);
  }
  // No O_CREAT: a device or a FIFO is written to, never made into a file. O_TRUNC only for a
  // regular file written in place (one with several hard links).
  int fd = -1;
  if (known && S_ISFIFO(info.st_mode)) {
    fd = open_fifo_for_writing(target.path);
    if (fd < 0 && errno == ENXIO) {
      return fail(path, 0, "a FIFO that no process opened for reading (waited " +
                               std::to_string(k_fifo_reader_wait_ms / 1000) + " s): start its reader first");
    }
  } else {
    const int truncate = target.kind == OutputKind::in_place ? O_TRUNC : 0;
    fd = ::open(target.path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY | truncate);
  }
  if (fd < 0) return fail(path, 0, "cannot open it for writing: " + errno_text(errno));
  int error = write_all(fd, content);
  if (::close(fd) != 0 && error == 0 && errno != EINTR) error = errno;
  if (error != 0) return fail(path, 0, "write failed: " + errno_text(error));
  return {};
}

}  // namespace

Expected<std::string> read_descriptor(int fd, const std::string& name, const ReadLimit& limit) {
  // Read in pieces to limit + 1 byte: whatever is at the other end, the read ends.
  constexpr std::size_t k_piece = 64 * 1024;
  std::string text;
  for (;;) {
    const std::uint64_t room = limit.bytes + 1 - text.size();
    if (room == 0) {
      return fail(name, 0, limit.noun + " too large: more than " + format_size(limit.bytes) +
                               (limit.why.empty() ? "" : " (" + limit.why + ")"));
    }
    const std::size_t old_size = text.size();
    const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(k_piece, room));
    text.resize(old_size + want);
    ssize_t got = ::read(fd, text.data() + old_size, want);
    if (got < 0 && errno == EINTR) {
      text.resize(old_size);
      continue;
    }
    if (got < 0 && errno == EAGAIN) {  // a non-blocking descriptor we were handed (stdin)
      text.resize(old_size);
      pollfd ready{fd, POLLIN, 0};
      ::poll(&ready, 1, -1);
      continue;
    }
    if (got < 0) return fail(name, 0, "read error: " + errno_text(errno));
    text.resize(old_size + static_cast<std::size_t>(got));
    if (got == 0) return text;
  }
}

Expected<std::string> read_file(const fs::path& path, const ReadLimit& limit) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return fail(path.string(), 0, "is a directory, expected a file");
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return fail(path.string(), 0, "cannot read: " + errno_text(errno));
  auto text = read_descriptor(fd, path.string(), limit);
  ::close(fd);
  return text;
}

Expected<void> write_file_atomic(const fs::path& path, std::string_view content) {
  static std::atomic<unsigned> counter{0};
  fs::path tmp;
  int fd = -1;
  {
    // Registered before it exists, so the immediate end of an interrupt never leaves it.
    auto held = hold_cleanup();
    for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
      tmp = path;
      tmp += ".tmp" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
      fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      if (fd < 0 && errno != EEXIST) break;
    }
    if (fd < 0) return fail(path.string(), 0, "cannot write: " + errno_text(errno));
    remove_on_interrupt(tmp, held);
  }
  auto give_up = [&](const std::string& message) -> Expected<void> {
    if (fd >= 0) ::close(fd);
    ::unlink(tmp.c_str());
    forget_on_interrupt(tmp);
    return fail(path.string(), 0, message);
  };
  // The file replaced keeps its permissions (and, written by root, its owner).
  struct stat old {};
  if (::lstat(path.c_str(), &old) == 0 && S_ISREG(old.st_mode)) {
    ::fchmod(fd, old.st_mode & 07777);
    if (::geteuid() == 0 && (old.st_uid != 0 || old.st_gid != 0)) {
      int ignored = ::fchown(fd, old.st_uid, old.st_gid);
      (void)ignored;
    }
  }
  if (int error = write_all(fd, content)) return give_up("write failed: " + errno_text(error));
  int closed = ::close(fd);
  fd = -1;
  if (closed != 0 && errno != EINTR) return give_up("write failed: " + errno_text(errno));
  if (::rename(tmp.c_str(), path.c_str()) != 0) return give_up("cannot replace it: " + errno_text(errno));
  forget_on_interrupt(tmp);
  return {};
}

Expected<OutputTarget> resolve_output(const std::string& path) {
  if (path == "-") return OutputTarget{OutputKind::standard_output, {}};
  const std::string refused = "cannot write a report here: ";
  if (path.empty()) return fail(path, 0, refused + "the path is empty");
  fs::path resolved = path;
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0) {
    if (S_ISDIR(info.st_mode)) return fail(path, 0, refused + "it is a directory");
    // Opened by its own path: the kernel follows every link, /proc's (/dev/stdout) included.
    if (!S_ISREG(info.st_mode) || standard_stream_of(info) >= 0) {
      if (::access(path.c_str(), W_OK) != 0) return fail(path, 0, refused + errno_text(errno));
      return OutputTarget{OutputKind::write_through, resolved};
    }
    std::error_code error;
    resolved = fs::canonical(path, error);  // the file a symlink names is what gets replaced
    if (error) return fail(path, 0, refused + error.message());
    if (info.st_nlink > 1) {
      if (::access(path.c_str(), W_OK) != 0) return fail(path, 0, refused + errno_text(errno));
      return OutputTarget{OutputKind::in_place, resolved};
    }
  } else if (errno != ENOENT) {
    return fail(path, 0, refused + errno_text(errno));
  } else {
    // Nothing there yet, or a dangling symlink: follow the chain by hand to the name to create.
    for (int hops = 0;; ++hops) {
      struct stat link {};
      if (::lstat(resolved.c_str(), &link) != 0 || !S_ISLNK(link.st_mode)) break;
      if (hops == k_max_symlinks) return fail(path, 0, refused + errno_text(ELOOP));
      std::error_code error;
      fs::path next = fs::read_symlink(resolved, error);
      if (error) return fail(path, 0, refused + error.message());
      resolved = next.is_absolute() ? next : resolved.parent_path() / next;
    }
  }
  fs::path dir = resolved.parent_path();
  if (dir.empty()) dir = ".";
  struct stat dir_info {};
  if (::stat(dir.c_str(), &dir_info) != 0 || !S_ISDIR(dir_info.st_mode)) {
    return fail(path, 0, refused + "no such directory (" + dir.string() + ")");
  }
  if (::access(dir.c_str(), W_OK | X_OK) != 0) {
    return fail(path, 0, refused + "directory not writable (" + dir.string() + ")");
  }
  return OutputTarget{OutputKind::replace, resolved};
}

Expected<void> write_output(const std::string& path, std::string_view content) {
  auto target = resolve_output(path);
  if (!target) return tl::unexpected(target.error());
  switch (target->kind) {
    case OutputKind::standard_output: return write_to_stream(1, path, content);
    case OutputKind::in_place:
    case OutputKind::write_through: return write_through(*target, path, content);
    case OutputKind::replace: break;
  }
  auto written = write_file_atomic(target->path, content);
  if (!written) return fail(path, 0, written.error().message);
  return {};
}

std::optional<FileIdentity> identity_of(const std::string& path) {
  struct stat info {};
  if (path == "-") {
    if (::fstat(1, &info) != 0) return std::nullopt;
    return FileIdentity{info.st_dev, info.st_ino, {}};
  }
  if (path.empty()) return std::nullopt;
  if (::stat(path.c_str(), &info) == 0) return FileIdentity{info.st_dev, info.st_ino, {}};
  if (errno != ENOENT) return std::nullopt;
  // Nothing there (or a dangling link): where resolve_output() would create it.
  auto target = resolve_output(path);
  fs::path name_path = target ? target->path : fs::path(path);
  fs::path dir = name_path.parent_path();
  if (dir.empty()) dir = ".";
  if (::stat(dir.c_str(), &info) != 0) return std::nullopt;
  return FileIdentity{info.st_dev, info.st_ino, name_path.filename().string()};
}

bool is_inside(const std::string& path, const fs::path& folder) {
  struct stat want {};
  if (path == "-" || ::stat(folder.c_str(), &want) != 0 || !S_ISDIR(want.st_mode)) return false;
  std::error_code error;
  fs::path here = fs::weakly_canonical(fs::absolute(path, error), error);
  if (error) return false;
  for (;;) {
    struct stat info {};
    if (::stat(here.c_str(), &info) == 0 && S_ISDIR(info.st_mode) && info.st_dev == want.st_dev &&
        info.st_ino == want.st_ino) {
      return true;
    }
    if (here == here.root_path() || here.empty()) return false;
    here = here.parent_path();
  }
}

namespace {

std::string temp_base_path() {
  const char* base = std::getenv("TMPDIR");
  return base && *base ? base : "/tmp";
}

}  // namespace

Expected<fs::path> usable_temp_base() {
  const std::string base = temp_base_path();
  const std::string what = std::getenv("TMPDIR") && *std::getenv("TMPDIR") ? "TMPDIR" : "the temporary folder";
  const std::string fix = " (set TMPDIR to a writable folder with some free space)";
  std::error_code ec;
  fs::file_status status = fs::status(base, ec);
  if (status.type() == fs::file_type::not_found) return fail(base, 0, what + " does not exist" + fix);
  if (ec) return fail(base, 0, what + " cannot be used: " + ec.message() + fix);
  if (!fs::is_directory(status)) return fail(base, 0, what + " is not a directory" + fix);
  std::string tmpl = base + "/snipcheck-probe-XXXXXX";
  {
    auto held = hold_cleanup();  // an interrupt meanwhile removes it (util/interrupt.hpp)
    if (::mkdtemp(tmpl.data()) == nullptr) {
      return fail(base, 0, what + ": cannot create a folder there: " + std::strerror(errno) + fix);
    }
    remove_on_interrupt(tmpl, held);
  }
  // A page of data: a full file system takes the folder (an inode) but not the page.
  const std::string page(4096, '\n');
  fs::path probe = fs::path(tmpl) / "probe";
  int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  int saved = errno;
  bool written = fd >= 0 && ::write(fd, page.data(), page.size()) == static_cast<ssize_t>(page.size());
  if (fd >= 0) {
    saved = written ? 0 : (errno != 0 ? errno : ENOSPC);
    if (::close(fd) != 0 && written) {
      written = false;
      saved = errno;
    }
  }
  fs::remove_all(tmpl, ec);
  forget_on_interrupt(tmpl);
  if (!written) return fail(base, 0, what + ": cannot write a file there: " + std::strerror(saved) + fix);
  return fs::path(base);
}

TempDir::TempDir(const std::string& prefix, KeepDir keep) : m_keep(keep) {
  const char* base = std::getenv("TMPDIR");
  std::string tmpl = std::string(base && *base ? base : "/tmp") + "/" + prefix + "-XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  auto held = hold_cleanup();
  if (::mkdtemp(buf.data()) == nullptr) {
    throw Fatal{"cannot create a temporary directory under " + tmpl + ": " + std::strerror(errno)};
  }
  m_path = buf.data();
  if (m_keep == KeepDir::no) remove_on_interrupt(m_path, held);
}

TempDir::~TempDir() {
  if (m_keep == KeepDir::yes) return;
  std::error_code ignored;
  fs::remove_all(m_path, ignored);
  forget_on_interrupt(m_path);
}

}  // namespace snipcheck
