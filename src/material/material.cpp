#include "material/material.hpp"

#include "util/fs.hpp"
#include "util/regex.hpp"
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
  // A fence at the start of a line is Markdown's and nothing else's: after any indentation (a
  // fence in a list item sits as deep as the item's text), blockquote markers or a list marker.
  static const Regex fence(R"((^|\n)[ \t>]*(([-*+]|\d{1,9}[.)])[ \t]+)?(```|~~~))");
  if (fence.found_in(text)) return MaterialFormat::markdown;
  static const Regex heading(R"((^|\n)\d+\. \S)");
  static const Regex example(R"((^|\n)\s*(•\s*)?Example:)");
  static const Regex verification(R"((^|\n)Verification:)");
  if (heading.found_in(text) && example.found_in(text) && verification.found_in(text)) {
    return MaterialFormat::article;
  }
  // Markdown without fences: headings and indented code blocks (a blank line, then a line
  // indented four columns). Checked after the article format, whose code may hold "# comment"
  // lines and whose Example: lines may be indented.
  static const Regex markdown_heading(R"((^|\n)#{1,6}[ \t]+\S)");
  static const Regex indented_block(R"((^|\n)[ \t]*\n(    |\t)[ \t]*\S)");
  if (markdown_heading.found_in(text) && indented_block.found_in(text)) return MaterialFormat::markdown;
  return std::nullopt;
}

namespace {

tl::unexpected<Error> too_large(const std::string& file, std::uint64_t size) {
  return fail(file, 0,
              "material too large: " + std::to_string(size) + " bytes, and snipcheck reads material of up to " +
                  format_size(k_max_material_bytes) + " (an article or a Markdown page, not a data file)");
}

}  // namespace

Expected<Material> parse_material(const std::string& text, const std::string& file) {
  if (text.size() > k_max_material_bytes) return too_large(file, text.size());
  if (auto bad = invalid_utf8_offset(text)) {
    return fail(file, line_of_offset(text, *bad), "not valid UTF-8 (material is UTF-8 text)");
  }
  auto format = detect_format(text);
  if (!format) {
    return fail(file, 0,
                "not a material snipcheck can read: expected numbered questions (\"1. Question?\") with "
                "Example: and Verification: lines, or Markdown with code blocks");
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

ReadLimit material_read_limit() {
  return {k_max_material_bytes, "material", "snipcheck reads an article or a Markdown page, not a data file"};
}

Expected<Material> read_material(const std::filesystem::path& path) {
  // Refused before it is read: a wrong file of gigabytes is never loaded.
  std::error_code error;
  std::uintmax_t size = std::filesystem::file_size(path, error);
  if (!error && size > k_max_material_bytes) return too_large(path.string(), size);
  auto text = read_file(path, material_read_limit());  // a FIFO or a device has no size to check first
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
