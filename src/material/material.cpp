#include "material/material.hpp"

#include <regex>

#include "util/fs.hpp"
#include "util/text.hpp"

namespace snipcheck {

std::string to_string(MaterialFormat format) { return format == MaterialFormat::article ? "article" : "markdown"; }

std::string to_string(Language language) {
  switch (language) {
    case Language::python: return "python";
    case Language::shell: return "shell";
    case Language::dockerfile: return "dockerfile";
    case Language::cython: return "cython";
    case Language::other: return "other";
  }
  return "other";
}

std::optional<Language> language_from(std::string_view name) {
  for (Language language : {Language::python, Language::shell, Language::dockerfile, Language::cython, Language::other}) {
    if (to_string(language) == name) return language;
  }
  return std::nullopt;
}

std::optional<MaterialFormat> detect_format(const std::string& text) {
  // A fence at the start of a line is Markdown's and nothing else's.
  static const std::regex fence(R"((^|\n) {0,3}(```|~~~))");
  if (std::regex_search(text, fence)) return MaterialFormat::markdown;
  static const std::regex heading(R"((^|\n)\d+\. \S)");
  static const std::regex example(R"((^|\n)\s*(•\s*)?Example:)");
  static const std::regex verification(R"((^|\n)Verification:)");
  if (std::regex_search(text, heading) && std::regex_search(text, example) &&
      std::regex_search(text, verification)) {
    return MaterialFormat::article;
  }
  return std::nullopt;
}

Expected<Material> parse_material(const std::string& text, const std::string& file) {
  if (auto bad = invalid_utf8_offset(text)) {
    return fail(file, line_of_offset(text, *bad), "not valid UTF-8 (material is UTF-8 text)");
  }
  auto format = detect_format(text);
  if (!format) {
    return fail(file, 0,
                "not a material snipcheck can read: expected numbered questions (\"1. Question?\") with "
                "Example: and Verification: lines, or Markdown with fenced code blocks");
  }
  auto questions = *format == MaterialFormat::article ? read_article(text, file) : read_markdown(text, file);
  if (!questions) return tl::unexpected(questions.error());
  Material material;
  material.file = file;
  material.format = *format;
  material.questions = std::move(*questions);
  bool any_code = false;
  for (const MaterialQuestion& question : material.questions) any_code = any_code || question.has_code();
  if (!any_code) return fail(file, 0, "no example code found in this " + to_string(*format));
  return material;
}

Expected<Material> read_material(const std::filesystem::path& path) {
  auto text = read_file(path);
  if (!text) return tl::unexpected(text.error());
  return parse_material(*text, path.string());
}

std::string slug_of(const std::string& title) {
  static const char* const k_skip[] = {"what", "is",  "are", "the", "a",   "an", "how", "do",   "does", "you",
                                       "in",   "and", "of",  "to",  "why", "it", "its", "with", "for",  "s"};
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    bool skip = false;
    for (const char* stop : k_skip) skip = skip || word == stop;
    if (!word.empty() && !skip) words.push_back(word);
    word.clear();
  };
  for (char c : title) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) word += c;
    else if (c >= 'A' && c <= 'Z') word += static_cast<char>(c - 'A' + 'a');
    else flush();
  }
  flush();
  std::string slug;
  for (const std::string& w : words) {
    if (slug.size() + w.size() + 1 > 40) break;
    if (!slug.empty()) slug += '-';
    slug += w;
  }
  return slug.empty() ? "question" : slug;
}

}  // namespace snipcheck
