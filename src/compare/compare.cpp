#include "compare/compare.hpp"

#include <sstream>
#include <vector>

#include <dtl/dtl.hpp>

#include "util/text.hpp"

namespace snipcheck {

std::string normalize_output(const std::string& text) {
  std::vector<std::string> lines = split_lines(text);
  for (std::string& line : lines) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.pop_back();
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

namespace {

bool indented(const std::string& line) { return !line.empty() && (line[0] == ' ' || line[0] == '\t'); }

std::string without_trailing_space(std::string line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
  return line;
}

}  // namespace

std::string collapse_tracebacks(const std::string& text) {
  std::vector<std::string> lines = split_lines(text);
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string line = without_trailing_space(lines[i]);
    const bool header = line == "Traceback (most recent call last):";
    const bool syntax = line.starts_with("  File \"") && (i == 0 || !indented(lines[i - 1]));
    std::size_t last = i + 1;
    while ((header || syntax) && last < lines.size() && indented(lines[last])) ++last;
    if ((!header && !syntax) || last >= lines.size() || lines[last].empty()) {
      out += lines[i] + "\n";
      continue;
    }
    out += lines[last] + "\n";
    i = last;
  }
  if (!text.empty() && text.back() != '\n' && !out.empty()) out.pop_back();
  return out;
}

bool ellipsis_match(const std::string& pattern, const std::string& text) {
  std::vector<std::string> pieces;
  std::size_t start = 0;
  for (std::size_t found; (found = pattern.find("...", start)) != std::string::npos; start = found + 3) {
    pieces.push_back(pattern.substr(start, found - start));
  }
  pieces.push_back(pattern.substr(start));
  if (pieces.size() == 1) return pattern == text;
  // The first piece anchors the start, the last the end; the middle ones match left to right.
  const std::string& head = pieces.front();
  const std::string& tail = pieces.back();
  if (text.size() < head.size() + tail.size()) return false;
  if (text.compare(0, head.size(), head) != 0) return false;
  if (text.compare(text.size() - tail.size(), tail.size(), tail) != 0) return false;
  std::size_t position = head.size();
  const std::size_t end = text.size() - tail.size();
  for (std::size_t i = 1; i + 1 < pieces.size(); ++i) {
    std::size_t found = text.find(pieces[i], position);
    if (found == std::string::npos || found + pieces[i].size() > end) return false;
    position = found + pieces[i].size();
  }
  return true;
}

bool output_matches(const std::string& expected, const std::string& actual, CompareMode mode) {
  switch (mode) {
    case CompareMode::exact: return expected == actual;
    case CompareMode::normalize: return normalize_output(expected) == normalize_output(actual);
    case CompareMode::ellipsis: return ellipsis_match(expected, actual);
  }
  return false;
}

std::string unified_diff(const std::string& expected, const std::string& actual) {
  if (expected == actual) return {};
  std::vector<std::string> a = split_lines(expected);
  std::vector<std::string> b = split_lines(actual);
  std::ostringstream out;
  out << "--- expected\n+++ actual\n";
  if (a == b) {
    // Same lines: they differ only in the final newline.
    bool expected_ends = !expected.empty() && expected.back() == '\n';
    out << "\\ No newline at end of " << (expected_ends ? "actual" : "expected") << " output\n";
    return out.str();
  }
  dtl::Diff<std::string> diff(a, b);
  diff.onHuge();
  diff.compose();
  diff.composeUnifiedHunks();
  diff.printUnifiedFormat(out);
  return out.str();
}

}  // namespace snipcheck
