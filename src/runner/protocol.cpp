#include "runner/protocol.hpp"

#include <poll.h>
#include <unistd.h>

#include <cerrno>

namespace snipcheck {

namespace {

constexpr std::uint32_t k_max_message = 256U * 1024 * 1024;

// How long a peer may leave a full socket unread before it counts as gone.
constexpr int k_write_wait_ms = 30000;

bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    ssize_t written = ::write(fd, data, size);
    if (written < 0 && errno == EINTR) continue;
    // The supervisor's sockets are non-blocking: a message larger than the socket buffer (a job
    // whose code has a long line) waits for the peer to read, instead of being dropped half-sent.
    if (written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      pollfd writable{fd, POLLOUT, 0};
      int ready = ::poll(&writable, 1, k_write_wait_ms);
      if (ready < 0 && errno == EINTR) continue;
      if (ready <= 0) return false;
      continue;
    }
    if (written <= 0) return false;
    data += written;
    size -= static_cast<std::size_t>(written);
  }
  return true;
}

bool read_all(int fd, char* data, std::size_t size) {
  while (size > 0) {
    ssize_t got = ::read(fd, data, size);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    data += got;
    size -= static_cast<std::size_t>(got);
  }
  return true;
}

std::uint32_t decode_length(const char* bytes) {
  std::uint32_t length = 0;
  for (int i = 3; i >= 0; --i) length = (length << 8) | static_cast<unsigned char>(bytes[i]);
  return length;
}

}  // namespace

bool write_message(int fd, const nlohmann::json& message) {
  std::string body = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  auto length = static_cast<std::uint32_t>(body.size());
  std::string frame(4, '\0');
  for (int i = 0; i < 4; ++i) frame[static_cast<std::size_t>(i)] = static_cast<char>((length >> (8 * i)) & 0xFF);
  frame += body;
  return write_all(fd, frame.data(), frame.size());
}

std::optional<nlohmann::json> read_message(int fd) {
  char header[4];
  if (!read_all(fd, header, sizeof header)) return std::nullopt;
  std::uint32_t length = decode_length(header);
  if (length > k_max_message) return std::nullopt;
  std::string body(length, '\0');
  if (!read_all(fd, body.data(), length)) return std::nullopt;
  auto parsed = nlohmann::json::parse(body, nullptr, false);
  if (parsed.is_discarded()) return std::nullopt;
  return parsed;
}

bool MessageReader::fill(int fd) {
  char chunk[65536];
  for (;;) {
    ssize_t got = ::read(fd, chunk, sizeof chunk);
    if (got > 0) {
      m_buffer.append(chunk, static_cast<std::size_t>(got));
      continue;
    }
    if (got < 0 && errno == EINTR) continue;
    if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return true;
    return false;
  }
}

std::optional<nlohmann::json> MessageReader::next() {
  if (m_buffer.size() < 4) return std::nullopt;
  std::uint32_t length = decode_length(m_buffer.data());
  // No worker sends that much: the stream is not ours (some code wrote on it); an empty object,
  // which is no message, rather than a wait for bytes that never come.
  if (length > k_max_message) {
    m_buffer.clear();
    return nlohmann::json::object();
  }
  if (m_buffer.size() < 4 + static_cast<std::size_t>(length)) return std::nullopt;
  auto parsed = nlohmann::json::parse(m_buffer.begin() + 4, m_buffer.begin() + 4 + length, nullptr, false);
  m_buffer.erase(0, 4 + static_cast<std::size_t>(length));
  if (parsed.is_discarded()) return nlohmann::json::object();
  return parsed;
}

}  // namespace snipcheck
