#include "runner/capture.hpp"

#include <sys/random.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace snipcheck {

namespace {

constexpr std::string_view k_lead = "\x1esnipcheck:";
constexpr char k_close = '\x1e';
constexpr std::size_t k_number_digits = 8;
constexpr std::size_t k_tail = 1 + k_number_digits + 1;  // kind, number, close

bool parse_number(std::string_view digits, std::uint32_t& number) {
  number = 0;
  for (char c : digits) {
    int value = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
    if (value < 0) return false;
    number = number * 16 + static_cast<std::uint32_t>(value);
  }
  return true;
}

}  // namespace

std::string make_capture_nonce() {
  unsigned char bytes[8] = {};
  if (::getrandom(bytes, sizeof bytes, 0) != static_cast<ssize_t>(sizeof bytes)) {
    // No entropy (very old kernel): the clock still makes a snippet's accidental match unlikely.
    auto now = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
    for (unsigned char& byte : bytes) {
      byte = static_cast<unsigned char>(now);
      now >>= 8;
    }
  }
  std::string nonce;
  char hex[3];
  for (unsigned char byte : bytes) {
    std::snprintf(hex, sizeof hex, "%02x", byte);
    nonce += hex;
  }
  return nonce;
}

std::string capture_marker(const std::string& nonce, MarkKind kind, std::uint32_t number) {
  char tail[k_tail + 1];
  std::snprintf(tail, sizeof tail, "%c%08x%c", static_cast<char>(kind), number, k_close);
  return std::string(k_lead) + nonce + tail;
}

void CaptureStream::begin(const std::string& nonce, std::uint64_t limit) {
  m_prefix = std::string(k_lead) + nonce;
  m_limit = limit;
  m_held.clear();
  m_text.clear();
  m_size = 0;
  m_started = false;
  m_ended = false;
  m_offsets.clear();
}

void CaptureStream::feed(std::string_view bytes) {
  if (m_prefix.empty()) return;  // no job yet: nothing here is anyone's output
  std::string buffer = std::move(m_held);
  m_held.clear();
  buffer.append(bytes);
  std::string_view rest(buffer);
  for (;;) {
    std::size_t found = rest.find(m_prefix);
    if (found == std::string_view::npos) break;
    if (rest.size() - found < m_prefix.size() + k_tail) {
      output(rest.substr(0, found));
      m_held.assign(rest.substr(found));
      return;
    }
    std::string_view tail = rest.substr(found + m_prefix.size(), k_tail);
    std::uint32_t number = 0;
    const char kind = tail[0];
    const bool known = kind == 'S' || kind == 'M' || kind == 'E';
    if (!known || tail.back() != k_close || !parse_number(tail.substr(1, k_number_digits), number)) {
      output(rest.substr(0, found + 1));  // not a marker after all: the snippet's own bytes
      rest.remove_prefix(found + 1);
      continue;
    }
    output(rest.substr(0, found));
    marker(static_cast<MarkKind>(kind), number);
    rest.remove_prefix(found + m_prefix.size() + k_tail);
  }
  // The end may be the first bytes of a marker cut by the read: hold them back.
  std::size_t held = std::min(rest.size(), m_prefix.size() - 1);
  for (; held > 0; --held) {
    if (rest.substr(rest.size() - held) == std::string_view(m_prefix).substr(0, held)) break;
  }
  output(rest.substr(0, rest.size() - held));
  m_held.assign(rest.substr(rest.size() - held));
}

void CaptureStream::output(std::string_view bytes) {
  if (!m_started || m_ended || bytes.empty()) return;
  m_size += bytes.size();
  const std::uint64_t room = m_limit + 1 > m_text.size() ? m_limit + 1 - m_text.size() : 0;
  m_text.append(bytes.substr(0, static_cast<std::size_t>(std::min<std::uint64_t>(room, bytes.size()))));
}

void CaptureStream::marker(MarkKind kind, std::uint32_t number) {
  switch (kind) {
    case MarkKind::start:
      m_started = true;
      m_ended = false;
      m_text.clear();
      m_size = 0;
      m_offsets.clear();
      return;
    case MarkKind::statement:
      if (m_started && !m_ended) m_offsets[number] = m_size;
      return;
    case MarkKind::end:
      if (m_started) m_ended = true;
      return;
  }
}

std::uint64_t CaptureStream::offset_of(std::uint32_t number, std::uint64_t fallback) const {
  auto found = m_offsets.find(number);
  return found == m_offsets.end() ? fallback : found->second;
}

std::string CaptureStream::take(bool& truncated) {
  output(m_held);  // a job cut short: bytes held back were its own
  m_held.clear();
  truncated = exceeded();
  std::string text = std::move(m_text);
  if (text.size() > m_limit) text.resize(static_cast<std::size_t>(m_limit));
  m_text.clear();
  m_started = false;
  m_offsets.clear();
  return text;
}

}  // namespace snipcheck
