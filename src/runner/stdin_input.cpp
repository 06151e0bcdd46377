#include "runner/stdin_input.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace snipcheck {

namespace {

std::string why(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

}  // namespace

std::string place_stdin(const std::string& text) {
  const int fd = ::memfd_create("snipcheck-stdin", MFD_CLOEXEC);
  if (fd < 0) return why("cannot make the job's stdin");
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t wrote = ::write(fd, text.data() + done, text.size() - done);
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote <= 0) {
      std::string error = why("cannot write the job's stdin");
      ::close(fd);
      return error;
    }
    done += static_cast<std::size_t>(wrote);
  }
  // Read-only from its start, as a file opened for reading would be: the code cannot write
  // into its own input (the memfd's own descriptor, opened for writing, is closed below).
  const std::string self = "/proc/self/fd/" + std::to_string(fd);
  const int reader = ::open(self.c_str(), O_RDONLY | O_CLOEXEC);
  ::close(fd);
  if (reader < 0) return why("cannot reopen the job's stdin for reading");
  // dup2 leaves fd 0 without close-on-exec: a program the code runs inherits it, as in a shell.
  const bool placed = ::dup2(reader, 0) == 0;
  std::string error = placed ? std::string() : why("cannot place the job's stdin on fd 0");
  ::close(reader);
  return error;
}

StdinSwap::StdinSwap(const std::string& text) {
  m_saved = ::fcntl(0, F_DUPFD_CLOEXEC, 3);
  if (m_saved < 0) {
    m_error = why("cannot keep the worker's stdin");
    return;
  }
  m_error = place_stdin(text);
}

StdinSwap::~StdinSwap() {
  if (m_saved < 0) return;
  ::dup2(m_saved, 0);
  ::close(m_saved);
}

}  // namespace snipcheck
