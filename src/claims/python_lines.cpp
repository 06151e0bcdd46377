// A small Python line scanner: enough to find comments (a '#' outside string literals), string
// literals, continuation lines and top-level statements. It is no parser: the runner's own
// statement offsets are the truth at run time; this serves import and claim placement.
#include <string_view>

#include "claims/claim.hpp"
#include "util/text.hpp"

namespace snipcheck {

namespace {

struct Scan {
  std::vector<PythonLine> lines;
  std::vector<std::string> literals;
};

Scan scan(const std::string& code) {
  Scan out;
  std::vector<std::string> raw = split_lines(code);
  int depth = 0;
  bool backslash = false;
  char quote = 0;        // inside a string literal: its quote
  bool triple = false;
  std::string literal;
  for (const std::string& text : raw) {
    PythonLine line;
    line.continuation = depth > 0 || backslash || quote != 0;
    for (char c : text) {
      if (c == ' ') ++line.indent;
      else if (c == '\t') line.indent += 8;
      else break;
    }
    backslash = false;
    std::size_t comment_at = std::string::npos;
    for (std::size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      if (quote != 0) {
        if (c == '\\') {
          if (i + 1 < text.size()) literal += text[++i];
          continue;
        }
        if (c == quote && (!triple || text.compare(i, 3, std::string(3, quote)) == 0)) {
          out.literals.push_back(literal);
          literal.clear();
          if (triple) i += 2;
          quote = 0;
          continue;
        }
        literal += c;
        continue;
      }
      if (c == '#') {
        comment_at = i;
        break;
      }
      if (c == '"' || c == '\'') {
        quote = c;
        triple = text.compare(i, 3, std::string(3, c)) == 0;
        if (triple) i += 2;
        continue;
      }
      if (c == '(' || c == '[' || c == '{') ++depth;
      if ((c == ')' || c == ']' || c == '}') && depth > 0) --depth;
      if (c == '\\' && i + 1 == text.size()) backslash = true;
    }
    if (quote != 0 && !triple) {  // an unterminated one-line string: give up on it
      quote = 0;
      literal.clear();
    }
    if (quote != 0) literal += '\n';
    line.code = text.substr(0, comment_at);
    while (!line.code.empty() && (line.code.back() == ' ' || line.code.back() == '\t' || line.code.back() == '\r')) {
      line.code.pop_back();
    }
    if (comment_at != std::string::npos) {
      line.has_comment = true;
      line.comment = text.substr(comment_at + 1);
      while (!line.comment.empty() && (line.comment.back() == ' ' || line.comment.back() == '\r')) line.comment.pop_back();
    }
    out.lines.push_back(std::move(line));
  }
  return out;
}

bool is_blank(const PythonLine& line) { return line.code.find_first_not_of(" \t") == std::string::npos; }

bool starts_word(const std::string& code, std::string_view word) {
  std::string_view text = code;
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  if (!text.starts_with(word)) return false;
  return text.size() == word.size() || text[word.size()] == ' ' || text[word.size()] == ':' || text[word.size()] == '(';
}

// Lines that continue the statement above them at the same indentation.
bool is_clause(const std::string& code) {
  return starts_word(code, "else") || starts_word(code, "elif") || starts_word(code, "except") ||
         starts_word(code, "finally") || starts_word(code, "case");
}

}  // namespace

std::vector<PythonLine> scan_python(const std::string& code) { return scan(code).lines; }

std::vector<std::string> string_literals(const std::string& code) { return scan(code).literals; }

int top_level_line(const std::vector<PythonLine>& lines, int line) {
  int index = std::min<int>(line, static_cast<int>(lines.size())) - 1;
  while (index > 0) {
    const PythonLine& here = lines[static_cast<std::size_t>(index)];
    bool top = !is_blank(here) && here.indent == 0 && !here.continuation && !is_clause(here.code);
    if (top) break;
    --index;
  }
  // Decorators belong to the definition below them.
  while (index > 0 && lines[static_cast<std::size_t>(index - 1)].indent == 0 &&
         lines[static_cast<std::size_t>(index - 1)].code.starts_with("@")) {
    --index;
  }
  return std::max(index, 0) + 1;
}

bool inside_definition(const std::vector<PythonLine>& lines, int line) {
  int header = top_level_line(lines, line) - 1;
  while (header < static_cast<int>(lines.size()) && lines[static_cast<std::size_t>(header)].code.starts_with("@")) ++header;
  if (header >= static_cast<int>(lines.size()) || header + 1 >= line) return false;
  const std::string& code = lines[static_cast<std::size_t>(header)].code;
  return starts_word(code, "def") || starts_word(code, "class") || code.starts_with("async def ");
}

}  // namespace snipcheck
