// Material: a document (an article, a Markdown file) holding questions with example code and
// what the text says that code prints. read_material() picks the format from the content and
// returns every question with its code exactly as printed, where each line came from, the
// language of the code, any documented output blocks and the verification text. It does not
// classify comments (claims/), write banks (bank/) or run anything.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"
#include "util/fs.hpp"

namespace snipcheck {

enum class MaterialFormat { article, markdown };
enum class Language { python, shell, dockerfile, cython, other };

std::string to_string(MaterialFormat format);
std::string to_string(Language language);
std::optional<Language> language_from(std::string_view name);

// Output the material documents outside the code: a Markdown output block or `Output:`
// paragraph (after_line 0: the whole example's stdout), or the output lines of a `>>>`
// transcript (after_line: the code line it follows).
struct DocumentedOutput {
  int after_line = 0;      // 1-based line of the snippet, 0 for the whole example
  std::string text;        // the documented stdout, lines ending in '\n'
  int material_line = 0;   // where it starts in the material
  std::string python;      // the Python its label or the prose before it states ("< 3.7", "2"); empty: none
};

struct MaterialQuestion {
  int number = 0;                  // the material's own number, or the order of appearance
  std::string title;
  int source_line = 0;             // the heading's line in the material
  std::string code;                // the example, exactly; empty when the question has none
  std::vector<int> code_lines;     // material line of each snippet line (1-based lines)
  Language language = Language::python;
  std::string language_name;       // as detected or declared: "python", "shell", "dockerfile"...
  std::vector<DocumentedOutput> outputs;
  std::string verification;        // the text after "Verification:", empty when none
  int verification_line = 0;
  // Markdown: the Python blocks under one heading (transcripts among them) are one session, in
  // order. The index in Material::questions of the earlier block of its session this one
  // continues (the Python block with code right before it under the same heading); nullopt: the
  // first of its session, not Python, or the article format (one example per question).
  std::optional<std::size_t> continues;
  // A `>>>` transcript: `code` is its prompts' source (without `>>> ` and `... `), `outputs` what
  // each prompt showed; it runs as a REPL runs it (RunMode::repl).
  bool transcript = false;
  // The Python the prose right before the block says it shows ("In Python 2 this prints": "2"),
  // as python_version_in() writes it; empty: none. Its claims hold for that Python.
  std::string python;

  bool has_code() const { return !code.empty(); }
};

struct Material {
  std::string file;                // as given on the command line, for messages
  MaterialFormat format = MaterialFormat::article;
  std::vector<MaterialQuestion> questions;  // in material order
};

// The largest material read, in bytes. The largest real articles and Markdown pages are a few
// MB; material is held in memory several times over (the text, md4c's parse, every question's
// code and line table, the bank written from it) and md4c counts in 32-bit offsets. 16 MiB is
// several times any real document, keeps `import` to seconds, and refuses a wrong file (a log,
// a data dump) with a message instead of minutes of work.
constexpr std::uint64_t k_max_material_bytes = 16ULL * 1024 * 1024;

// How material is read (read_material(), audit --fix reading it again): to that limit.
ReadLimit material_read_limit();

// Reads and parses `path`. Errors (unreadable, not UTF-8, no recognisable format) name the file.
Expected<Material> read_material(const std::filesystem::path& path);

// The same on text already read; `file` is used in messages.
Expected<Material> parse_material(const std::string& text, const std::string& file);

// The format the content is in: Markdown when it has fenced code blocks (at any depth of list
// items and blockquotes), the article format when it has numbered headings with Example: and
// Verification: lines, Markdown again when it has headings and indented code blocks; nullopt
// otherwise.
std::optional<MaterialFormat> detect_format(const std::string& text);

// Readers of each format (material/article_reader.cpp, material/markdown_reader.cpp).
Expected<std::vector<MaterialQuestion>> read_article(const std::string& text, const std::string& file);
Expected<std::vector<MaterialQuestion>> read_markdown(const std::string& text, const std::string& file);

// The language of a block of code when nothing declares it: shell commands, a Dockerfile and
// Cython are told apart from Python by their lines (material/language.cpp).
Language detect_language(const std::string& code);

// `code` without the indentation all its lines share (the margin a list item, a blockquote or an
// indented code block puts in front of a block): lines are only shortened, never added, removed
// or joined, so a block's line table stays exact. The margin is the common leading whitespace of
// the lines with code, compared byte by byte (a tab is not four spaces); blank and comment-only
// lines, whose indentation Python ignores, lose what they have of it. Lines of code less indented
// than the rest leave the block as it is: Python would refuse it as the reader copies it too
// (material/dedent.cpp).
std::string dedent(std::string_view code);

// The Python version a text names ("Output (< Python 3.7):" -> "< 3.7", "Python 3.8+" -> "3.8+",
// "Python 3.6 and earlier" -> "<= 3.6", "Output in Python 2" -> "2"), written as the judge reads
// it; empty when it names none. Only a number after the word Python counts (material/python_version.cpp).
std::string python_version_in(std::string_view text);

// The version prose says the output it shows is for: a sentence that names a Python and says
// what it prints ("In Python 2 this prints:", "On Python 3.6 and earlier the output is"); empty
// when none does ("Python 3.8 added the walrus operator" names no output).
std::string output_version_of_prose(std::string_view text);

// A comment that states a version: "Python 3.8+", "In Python 3.12:", "in 3.12: [1, 2]",
// "Python < 3.7 -> ...". `rest` is what follows its colon or arrow (what it shows under that
// version), empty when nothing does. A bare number ("3.12") is a value, not a version: nullopt.
struct StatedVersion {
  std::string version;
  std::string rest;
};
std::optional<StatedVersion> comment_version(std::string_view comment);

// "What are generators, and why?" -> "generators-why": lower-case words joined by dashes, short,
// never empty.
std::string slug_of(const std::string& title);

}  // namespace snipcheck
