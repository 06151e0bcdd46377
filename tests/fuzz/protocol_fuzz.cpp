// The wire protocol's frame readers on arbitrary bytes arriving from a worker: the supervisor's
// incremental MessageReader and the worker's blocking read_message(), both reading a memfd that
// holds the input (a regular file ends where the bytes end, so neither blocks).
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>

#include "runner/protocol.hpp"

namespace {

bool write_all(int fd, const std::uint8_t* data, std::size_t size) {
  while (size > 0) {
    ssize_t written = ::write(fd, data, size);
    if (written <= 0) return false;
    data += written;
    size -= static_cast<std::size_t>(written);
  }
  return ::lseek(fd, 0, SEEK_SET) == 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  int fd = ::memfd_create("protocol_fuzz", MFD_CLOEXEC);
  if (fd < 0) return 0;
  if (write_all(fd, data, size)) {
    snipcheck::MessageReader reader;
    (void)reader.fill(fd);
    while (reader.next()) {
    }
    if (::lseek(fd, 0, SEEK_SET) == 0) {
      while (snipcheck::read_message(fd)) {
      }
    }
  }
  ::close(fd);
  return 0;
}
