#include "util/fs.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>
#include <vector>

namespace snipcheck {

namespace fs = std::filesystem;

Expected<std::string> read_file(const fs::path& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return fail(path.string(), 0, "is a directory, expected a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(path.string(), 0, std::string("cannot read: ") + std::strerror(errno));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return fail(path.string(), 0, "read error");
  return buffer.str();
}

Expected<void> write_file_atomic(const fs::path& path, const std::string& content) {
  fs::path tmp = path;
  tmp += ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return fail(path.string(), 0, std::string("cannot write: ") + std::strerror(errno));
    out << content;
    out.flush();
    if (!out) {
      std::error_code ignored;
      fs::remove(tmp, ignored);
      return fail(path.string(), 0, "write failed (disk full?)");
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return fail(path.string(), 0, "cannot replace: " + ec.message());
  }
  return {};
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
  if (::mkdtemp(tmpl.data()) == nullptr) {
    return fail(base, 0, what + ": cannot create a folder there: " + std::strerror(errno) + fix);
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
  if (!written) return fail(base, 0, what + ": cannot write a file there: " + std::strerror(saved) + fix);
  return fs::path(base);
}

TempDir::TempDir(const std::string& prefix, KeepDir keep) : m_keep(keep) {
  const char* base = std::getenv("TMPDIR");
  std::string tmpl = std::string(base && *base ? base : "/tmp") + "/" + prefix + "-XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  if (::mkdtemp(buf.data()) == nullptr) {
    throw Fatal{"cannot create a temporary directory under " + tmpl + ": " + std::strerror(errno)};
  }
  m_path = buf.data();
}

TempDir::~TempDir() {
  if (m_keep == KeepDir::yes) return;
  std::error_code ignored;
  fs::remove_all(m_path, ignored);
}

}  // namespace snipcheck
