#include "util/fs.hpp"

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
