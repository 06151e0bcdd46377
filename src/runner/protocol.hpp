// The supervisor and its workers talk over one socket: each message is a 4-byte little-endian
// length followed by that many bytes of JSON. Blocking helpers for the worker, and an incremental
// reader for the supervisor's poll loop. Knows nothing of what the messages mean.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace snipcheck {

// Writes one message; false when the peer is gone.
bool write_message(int fd, const nlohmann::json& message);

// Blocks for one message; nullopt at end of stream or on a malformed frame.
std::optional<nlohmann::json> read_message(int fd);

// Accumulates bytes read from a non-blocking socket and yields whole messages.
class MessageReader {
 public:
  // Reads what is available. Returns false at end of stream (or a read error).
  bool fill(int fd);
  // The next whole message, if one has arrived; an empty object for a frame that is not JSON or
  // declares more than any message may hold.
  std::optional<nlohmann::json> next();

 private:
  std::string m_buffer;
};

}  // namespace snipcheck
