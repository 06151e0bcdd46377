// The article format: "N. Question?" headings at the start of a line, prose, an "Example:" line
// (possibly indented, inside a bullet, possibly with text after it), then the code, neither
// fenced nor indented (or indented as a whole, which is dedented), up to the "Verification:" line.
#include <string_view>

#include "material/material.hpp"
#include "util/parse.hpp"
#include "util/text.hpp"

namespace snipcheck {

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

bool is_blank(std::string_view line) { return trim(line).empty(); }

// "12. What is X?" -> 12; 0 when the line is no heading.
int heading_number(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && line[i] >= '0' && line[i] <= '9') ++i;
  if (i == 0 || i > 4 || i + 2 > line.size() || line[i] != '.' || line[i + 1] != ' ') return 0;
  if (i + 2 >= line.size() || line[i + 2] == ' ') return 0;
  return static_cast<int>(parse_int(line.substr(0, i), 0, 9999).value_or(0));
}

bool starts_with_marker(std::string_view line, std::string_view marker) {
  std::string_view text = trim(line);
  if (text.starts_with("•")) text = trim(text.substr(std::string_view("•").size()));
  return text.starts_with(marker);
}

// Reads the example of the question whose section is lines [begin, end).
void read_example(const std::vector<std::string>& lines, std::size_t begin, std::size_t end, MaterialQuestion& question) {
  std::size_t example = end;
  for (std::size_t i = begin; i < end; ++i) {
    if (starts_with_marker(lines[i], "Example:")) {
      example = i;
      break;
    }
  }
  std::size_t stop = end;
  for (std::size_t i = begin; i < end; ++i) {
    if (lines[i].starts_with("Verification:")) {
      stop = i;
      question.verification = std::string(trim(std::string_view(lines[i]).substr(13)));
      question.verification_line = static_cast<int>(i) + 1;
      break;
    }
  }
  if (example == end || stop <= example) return;
  std::size_t first = example + 1;
  while (first < stop && is_blank(lines[first])) ++first;
  std::size_t last = stop;
  while (last > first && is_blank(lines[last - 1])) --last;
  for (std::size_t i = first; i < last; ++i) {
    question.code += lines[i] + "\n";
    question.code_lines.push_back(static_cast<int>(i) + 1);
  }
  // Code under an indented Example: line may be indented as a whole, like the bullet's text.
  question.code = dedent(question.code);
  question.language = detect_language(question.code);
  question.language_name = to_string(question.language);
}

}  // namespace

Expected<std::vector<MaterialQuestion>> read_article(const std::string& text, const std::string& file) {
  std::vector<std::string> lines = split_lines(text);
  std::vector<std::size_t> headings;
  int previous = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    // Numbers only grow: "1. Clarify" inside an answer is indented or out of sequence.
    int number = heading_number(lines[i]);
    if (number > previous) {
      headings.push_back(i);
      previous = number;
    } else if (number > 0 && number == previous) {
      // Two questions with one number: the second would vanish into the first one's answer.
      return fail(file, static_cast<int>(i) + 1,
                  "question " + std::to_string(number) + " again (its first heading is line " +
                      std::to_string(headings.back() + 1) +
                      "): number each question once (a numbered step inside an answer is indented)");
    }
  }
  std::vector<MaterialQuestion> questions;
  for (std::size_t h = 0; h < headings.size(); ++h) {
    std::size_t begin = headings[h];
    std::size_t end = h + 1 < headings.size() ? headings[h + 1] : lines.size();
    MaterialQuestion question;
    question.number = heading_number(lines[begin]);
    if (question.number > 999) return fail(file, static_cast<int>(begin) + 1, "question numbers go up to 999");
    question.title = std::string(trim(std::string_view(lines[begin]).substr(lines[begin].find(' ') + 1)));
    question.source_line = static_cast<int>(begin) + 1;
    read_example(lines, begin + 1, end, question);
    questions.push_back(std::move(question));
  }
  return questions;
}

}  // namespace snipcheck
