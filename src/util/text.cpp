#include "util/text.hpp"

#include <algorithm>
#include <cctype>
#include <csignal>
#include <cstring>

namespace snipcheck {

bool glob_match(std::string_view pattern, std::string_view text) {
  std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::optional<std::uint64_t> parse_size(std::string_view text) {
  std::size_t i = 0;
  std::uint64_t value = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    std::uint64_t next = value * 10 + static_cast<std::uint64_t>(text[i] - '0');
    if (next / 10 != value) return std::nullopt;
    value = next;
    ++i;
  }
  if (i == 0) return std::nullopt;
  while (i < text.size() && text[i] == ' ') ++i;
  std::string_view unit = text.substr(i);
  std::uint64_t factor = 1;
  if (unit.empty() || unit == "B") factor = 1;
  else if (unit == "KiB" || unit == "K") factor = 1024ULL;
  else if (unit == "MiB" || unit == "M") factor = 1024ULL * 1024;
  else if (unit == "GiB" || unit == "G") factor = 1024ULL * 1024 * 1024;
  else return std::nullopt;
  if (value > UINT64_MAX / factor) return std::nullopt;
  return value * factor;
}

std::string format_size(std::uint64_t bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB"};
  int unit = 0;
  while (unit < 3 && bytes >= 1024 && bytes % 1024 == 0) {
    bytes /= 1024;
    ++unit;
  }
  return std::to_string(bytes) + " " + units[unit];
}

std::optional<std::size_t> invalid_utf8_offset(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) { ++i; continue; }
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return i;
    if (i + len > text.size()) return i;
    for (std::size_t k = 1; k < len; ++k) {
      auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    bool overlong = (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::nullopt;
}

std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    auto bad = invalid_utf8_offset(text);
    if (!bad) {
      out += text;
      break;
    }
    out += text.substr(0, *bad);
    out += "\xEF\xBF\xBD";
    text.remove_prefix(*bad + 1);
  }
  return out;
}

namespace {

void append_hex(std::string& out, const char* prefix, unsigned value, int digits) {
  static const char* const k_hex = "0123456789abcdef";
  out += prefix;
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += k_hex[(value >> shift) & 0xF];
}

}  // namespace

std::string visible_controls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    auto bad = invalid_utf8_offset(text);
    std::string_view valid = text.substr(0, bad.value_or(text.size()));
    for (std::size_t i = 0; i < valid.size(); ++i) {
      auto byte = static_cast<unsigned char>(valid[i]);
      if (byte == '\n' || byte == '\t') {
        out += valid[i];
      } else if (byte == '\r') {
        out += "\\r";
      } else if (byte < 0x20 || byte == 0x7F) {
        append_hex(out, "\\x", byte, 2);
      } else if (byte == 0xC2 && i + 1 < valid.size() && static_cast<unsigned char>(valid[i + 1]) < 0xA0) {
        // U+0080 to U+009F: the C1 controls (U+009B is CSI, as ESC [ is).
        append_hex(out, "\\u", 0x80u + (static_cast<unsigned char>(valid[i + 1]) & 0x3Fu), 4);
        ++i;
      } else {
        out += valid[i];
      }
    }
    if (!bad) break;
    append_hex(out, "\\x", static_cast<unsigned char>(text[*bad]), 2);
    text.remove_prefix(*bad + 1);
  }
  return out;
}

std::string visible_line(std::string_view text) {
  std::string out;
  const std::string visible = visible_controls(text);
  out.reserve(visible.size());
  for (char c : visible) {
    if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

int line_of_offset(std::string_view text, std::size_t offset) {
  int line = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') ++line;
  }
  return line;
}

LineIndex::LineIndex(std::string_view text) {
  m_starts.push_back(0);
  for (std::size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1)) m_starts.push_back(i + 1);
}

int LineIndex::line_of(std::size_t offset) const {
  // The number of line starts at or before the offset. Like line_of_offset(), the newline itself
  // belongs to the line it ends.
  auto after = std::upper_bound(m_starts.begin(), m_starts.end(), offset);
  return static_cast<int>(after - m_starts.begin());
}

std::string signal_name(int signal) {
  const char* abbrev = sigabbrev_np(signal);
  if (abbrev == nullptr) return "signal " + std::to_string(signal);
  return std::string("SIG") + abbrev;
}

std::string counted(std::uint64_t count, std::string_view noun) {
  return std::to_string(count) + " " + std::string(noun) + (count == 1 ? "" : "s");
}

std::vector<std::string> long_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  auto end_word = [&] {
    if (word.size() >= 3) words.push_back(word);
    word.clear();
  };
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      end_word();
    }
  }
  end_word();
  return words;
}

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      lines.emplace_back(text.substr(start));
      break;
    }
    lines.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

}  // namespace snipcheck
