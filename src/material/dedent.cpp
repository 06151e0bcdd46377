// Dedent: the indentation every line of a code block shares is the document's layout (a list
// item, a blockquote, an indented code block, a fence whose content sits further right than the
// fence), not the program's. Python refuses a first line that is indented ("unexpected indent"),
// so a block is run as its reader would copy it: without that margin.
#include "material/material.hpp"

#include <string_view>

#include "util/text.hpp"

namespace snipcheck {

namespace {

std::string_view leading_whitespace(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  return line.substr(0, i);
}

// A line Python's tokenizer ignores for indentation: blank, or only a comment.
enum class LineKind { blank, comment, code };

LineKind kind_of(std::string_view line) {
  std::string_view rest = line.substr(leading_whitespace(line).size());
  if (!rest.empty() && rest.back() == '\r') rest.remove_suffix(1);
  if (rest.empty()) return LineKind::blank;
  return rest.front() == '#' ? LineKind::comment : LineKind::code;
}

std::string_view common_prefix(std::string_view a, std::string_view b) {
  std::size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  return a.substr(0, i);
}

// The whitespace every line of `kind` starts with (tabs and spaces compared as they are, as
// textwrap.dedent does: a tab is not four spaces); nullopt when no line is of that kind.
std::optional<std::string> margin_of(const std::vector<std::string>& lines, LineKind kind) {
  std::optional<std::string> margin;
  for (const std::string& line : lines) {
    if (kind_of(line) != kind) continue;
    std::string_view indent = leading_whitespace(line);
    margin = margin ? std::string(common_prefix(*margin, indent)) : std::string(indent);
    if (margin->empty()) break;
  }
  return margin;
}

}  // namespace

std::string dedent(std::string_view code) {
  std::vector<std::string> lines = split_lines(code);
  // Comment lines count only when there is no code: Python ignores their indentation, and a
  // comment less indented than the code it annotates is common in real material.
  std::optional<std::string> margin = margin_of(lines, LineKind::code);
  if (!margin) margin = margin_of(lines, LineKind::comment);
  if (!margin || margin->empty()) return std::string(code);
  std::string out;
  out.reserve(code.size());
  for (const std::string& line : lines) {
    // A blank or comment line less indented than the margin loses what it has of it.
    std::size_t cut = common_prefix(leading_whitespace(line), *margin).size();
    out.append(line, cut, std::string::npos);
    out += '\n';
  }
  // split_lines drops the last newline's empty line: a block without a final newline keeps none.
  if (!code.empty() && code.back() != '\n' && !out.empty()) out.pop_back();
  return out;
}

}  // namespace snipcheck
