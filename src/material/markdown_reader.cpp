// Markdown through md4c (CommonMark): headings give titles; a fenced block tagged python (or
// untagged and looking like Python) is an example; a block tagged with another language (bash,
// dockerfile, cython...) is an example that is not Python; an untagged block that does not read
// as code, or an `output`/`text` block, right after an example, or after an "Output:" paragraph,
// documents that example's stdout; after
// an output label ("Output:", "**Output:**", "Output (Python 3.8):", an "Output" heading) a block
// tagged python, py, console or text is output too; lines after an "# Output:" line inside an
// example that are not comments are its output, not its code; a block of `>>>` lines is a
// transcript (code lines and the output each one printed). An example
// is dedented (material/dedent.cpp): md4c removes what CommonMark calls the container's
// indentation, not the margin a fence's lines or an indented block may still share. Line numbers
// come from md4c's text pointers, which point into the document, through a table of line starts
// (one binary search per text chunk: counting newlines from the start for each was quadratic).
// The Python blocks under one heading are one session: each records the block it continues.
// The Python an output label ("Output (< Python 3.7):", "Output in Python 2:"), an Output heading
// or the prose right before a block ("In Python 2 this prints:") states is the block's
// (DocumentedOutput::python, or MaterialQuestion::python for an example).
#include <md4c.h>

#include <string_view>

#include "material/material.hpp"
#include "util/parse.hpp"
#include "util/regex.hpp"
#include "util/text.hpp"

namespace snipcheck {

namespace {

struct Block {
  std::string text;           // the block's text, lines ending in '\n'
  std::vector<int> lines;     // material line of each line of text
  std::string info;           // fence info word, lower case
};

struct State {
  explicit State(std::string_view text) : begin(text.data()), document(text), lines(text) {}

  const char* begin;
  std::string_view document;
  LineIndex lines;
  // The block being collected.
  MD_BLOCKTYPE block = MD_BLOCK_DOC;
  Block code;
  std::string heading;
  int heading_line = 0;
  std::string paragraph;
  int paragraph_line = 0;
  bool in_code = false;
  // What is known so far.
  std::vector<MaterialQuestion> questions;
  std::string title;
  int title_line = 0;
  int titled_examples = 0;        // examples under the current heading
  // The last Python example with code under the current heading: the session a next one continues.
  std::optional<std::size_t> session_tail;
  bool output_expected = false;   // the last block was an example or an "Output:" paragraph
  bool output_labelled = false;   // ...an "Output:" paragraph or heading: a fence tagged py, console or text is output
  bool last_was_example = false;
  bool pending_nul = false;       // md4c reported a NUL (MD_TEXT_NULLCHAR) not yet in the text
  // The Python the last paragraph or Output heading states for the block after it ("Output (<
  // Python 3.7):", "In Python 2 this prints:"): the next block's, output or example.
  std::string stated_python;

  int line_of(const char* text) const {
    if (text == nullptr || text < begin || text > begin + document.size()) return 0;
    return lines.line_of(static_cast<std::size_t>(text - begin));
  }
};

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n')) text.remove_suffix(1);
  return text;
}

bool is_output_tag(const std::string& info) {
  return info == "output" || info == "text" || info == "console-output" || info == "stdout" || info == "out";
}

// "Output:", "**Output:**", "Output (Python 3.8):", "Output in Python 2:", "Expected output", "It prints:": a label
// announcing output. Returns the text after its colon (an inline output), nullopt when the text
// is not such a label.
std::optional<std::string_view> output_label(std::string_view text) {
  static const Regex label(
      R"(^(?:sample |expected |example |the |console |program )?(?:output|outputs|result|prints|it prints|this prints)(?:\s*\([^)]{0,40}\))?(?:\s+(?:in|on|for|under|with)\s+python\s*[<>=]*\s*[23](?:\.\d+)*\+?(?:\s+(?:or|and)\s+\w+)?)?\s*(?::|$))",
      RegexCase::insensitive);
  std::optional<RegexMatch> found = label.search(text);
  if (!found) return std::nullopt;
  return trim(text.substr(found->length()));
}

// "Answer:", "**Answer:**", "Correct answer:": in a "what is the output?" question the untagged
// block under it is what the example printed. Weaker than an output label: a block tagged python
// under it is a solution, code, and so is any block under a heading with no example of its own.
bool is_answer_label(std::string_view text) {
  static const Regex label(R"(^(?:the |correct |the correct )?answers?\s*:?$)", RegexCase::insensitive);
  return label.matches_whole(text);
}

// The text after "Output:" on the label's own line is output, unless it is prose: a list number
// and words ("1. The loop ..."), or a sentence of words with no value in it.
bool inline_output_is_prose(std::string_view rest) {
  static const Regex list_item(R"(^\d{1,3}[.)]\s+[A-Za-z])");
  static const Regex sentence(R"(^[A-Za-z][A-Za-z,']*(?:\s+[A-Za-z][A-Za-z,']*){3,}[.!]?$)");
  return list_item.found_in(rest) || sentence.found_in(rest);
}

// "# Output", "# Output:", "Output:" alone on a line of an example: what follows it is what the
// example printed, written in the block.
bool is_output_marker_line(std::string_view line) {
  static const Regex marker(R"(^\s*(?:#+\s*)?(?:expected |sample )?(?:output|outputs)\s*:?\s*$)", RegexCase::insensitive);
  return marker.matches_whole(line);
}

std::optional<Language> tagged_language(const std::string& info) {
  if (info == "python" || info == "py" || info == "python3" || info == "pycon" || info == "ipython") return Language::python;
  if (info == "bash" || info == "sh" || info == "shell" || info == "console" || info == "zsh" || info == "shell-session") {
    return Language::shell;
  }
  if (info == "dockerfile" || info == "docker") return Language::dockerfile;
  if (info == "cython" || info == "pyx") return Language::cython;
  if (info.empty() || is_output_tag(info)) return std::nullopt;
  return Language::other;
}

// A continuation line: `...` alone or followed by a space, right after a prompt line (as doctest
// reads them: a `...` after output is output, such as an ellipsis or a traceback's).
bool is_prompt_line(std::string_view line, std::string_view prompt) {
  if (!line.starts_with(prompt)) return false;
  std::string_view rest = line.substr(prompt.size());
  return rest.empty() || rest.front() == ' ' || rest.front() == '\r';
}

// ">>> x = 1" lines (and their "... " continuation lines) and their outputs become code and
// documented outputs.
void read_transcript(const Block& block, MaterialQuestion& question) {
  std::vector<std::string> lines = split_lines(block.text);
  DocumentedOutput pending;
  question.transcript = true;
  int blank_lines = 0;  // blank lines seen since the last output line
  auto flush = [&] {
    if (!pending.text.empty()) question.outputs.push_back(pending);
    pending = DocumentedOutput{};
    blank_lines = 0;
  };
  bool after_prompt = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    int material_line = i < block.lines.size() ? block.lines[i] : 0;
    if (line.starts_with(">>>") || (after_prompt && is_prompt_line(line, "..."))) {
      after_prompt = true;
      flush();
      std::string_view code = line.substr(3);
      if (code.starts_with(" ")) code.remove_prefix(1);
      question.code += std::string(code) + "\n";
      question.code_lines.push_back(material_line);
      continue;
    }
    after_prompt = false;
    // A blank line inside a prompt's output is output (doctest writes it <BLANKLINE>); blank
    // lines after its last line are not.
    if (trim(line).empty()) {
      if (!pending.text.empty()) ++blank_lines;
      continue;
    }
    if (pending.text.empty()) {
      pending.after_line = static_cast<int>(question.code_lines.size());
      pending.material_line = material_line;
    }
    pending.text += std::string(static_cast<std::size_t>(blank_lines), '\n');
    blank_lines = 0;
    pending.text += trim(line) == "<BLANKLINE>" ? "\n" : std::string(line) + "\n";
  }
  flush();
}

void add_example(State& state, const Block& block, Language language) {
  MaterialQuestion question;
  question.number = static_cast<int>(state.questions.size()) + 1;
  ++state.titled_examples;
  question.title = state.title.empty() ? "Example " + std::to_string(question.number) : state.title;
  if (state.titled_examples > 1) question.title += " (" + std::to_string(state.titled_examples) + ")";
  question.source_line = state.title_line > 0 ? state.title_line : (block.lines.empty() ? 0 : block.lines.front());
  question.language = language;
  question.language_name = block.info.empty() ? to_string(language) : block.info;
  std::string_view first = trim(block.text);
  if (language == Language::python && first.starts_with(">>>")) {
    read_transcript(block, question);
  } else {
    question.code = block.text;
    question.code_lines = block.lines;
  }
  if (language == Language::python && question.has_code()) {
    question.continues = state.session_tail;
    state.session_tail = state.questions.size();
  }
  state.questions.push_back(std::move(question));
}

// The lines of a code block are consecutive lines of the document: a line whose text never
// pointed into it (an empty line, or one md4c rebuilt) is numbered from its neighbours.
void fill_lines(std::vector<int>& lines) {
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (lines[i] == 0 && lines[i - 1] != 0) lines[i] = lines[i - 1] + 1;
  }
  for (std::size_t i = lines.size(); i-- > 1;) {
    if (lines[i - 1] == 0 && lines[i] > 1) lines[i - 1] = lines[i] - 1;
  }
}

// An example's lines after an "# Output" / "Output:" marker line that are not comments are what it
// printed, written in the block: they leave the code (Python would refuse them) and become the
// example's documented output. Commented output lines stay: claims/ reads them.
void split_written_output(MaterialQuestion& question) {
  std::vector<std::string> lines = split_lines(question.code);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!is_output_marker_line(lines[i])) continue;
    std::size_t first = i + 1;
    while (first < lines.size() && trim(lines[first]).empty()) ++first;
    if (first >= lines.size() || trim(lines[first]).starts_with("#")) continue;
    bool commented = trim(lines[i]).starts_with("#");
    // "# Output" over code is a section comment ("# Output" then print(report)): the code stays.
    static const Regex code_line(
        R"(^\s*(?:print\(|(?:import|from|def|class|for|while|if|with|return|try)\b|[A-Za-z_][\w.]*\s*(?:\(|\[|=[^=]|\+=)))");
    if (commented && code_line.found_in(lines[first])) continue;
    DocumentedOutput output;
    output.material_line = first < question.code_lines.size() ? question.code_lines[first] : 0;
    for (std::size_t j = first; j < lines.size(); ++j) output.text += lines[j] + "\n";
    while (output.text.ends_with("\n\n")) output.text.pop_back();
    std::size_t keep = commented ? i + 1 : i;
    std::string code;
    for (std::size_t j = 0; j < keep; ++j) code += lines[j] + "\n";
    question.code = code;
    if (question.code_lines.size() > keep) question.code_lines.resize(keep);
    question.outputs.push_back(std::move(output));
    return;
  }
}

// An untagged block after an example is its output unless it reads as code: a definition, an
// import or a print( call, a block statement over an indented line; or two kinds of what output
// rarely shows (an assignment, a method call as a statement, a comment after code).
// Real documents put the next example, or prose with code in it, in a plain fence right after one.
bool reads_as_code(const std::string& text) {
  static const Regex definite(
      R"(^\s*(?:(?:async\s+)?def\s+\w+\s*\(.*|class\s+\w+.*:\s*|import\s+[\w.]+.*|from\s+[\w.]+\s+import\s+.+|print\s*\(.*)$)");
  static const Regex block_header(R"(^(\s*)(?:for|while|if|with|try|else|elif|except|finally)\b.*:\s*$)");
  static const Regex assignment(R"(^\s*[A-Za-z_][\w.]*(?:\[[^\]]*\])?\s*(?:[-+*/]?=)\s*[^=\s].*$)");
  static const Regex method_call(R"(^\s*[A-Za-z_]\w*(?:\[[^\]]*\])?\.\w+\(.*\)\s*$)");
  static const Regex trailing_comment(R"(^\s*[^#\s].*\S\s+#(?:\s.*)?$)");
  std::vector<std::string> lines = split_lines(text);
  bool kinds[3] = {false, false, false};
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (definite.matches_whole(line)) return true;
    if (block_header.matches_whole(line) && i + 1 < lines.size()) {
      std::size_t indent = line.find_first_not_of(" \t");
      std::size_t next = lines[i + 1].find_first_not_of(" \t");
      if (next != std::string::npos && next > indent) return true;
    }
    kinds[0] = kinds[0] || assignment.matches_whole(line);
    kinds[1] = kinds[1] || method_call.matches_whole(line);
    kinds[2] = kinds[2] || trailing_comment.matches_whole(line);
  }
  return int(kinds[0]) + int(kinds[1]) + int(kinds[2]) >= 2;
}

void finish_code_block(State& state) {
  Block& block = state.code;
  auto language = tagged_language(block.info);
  bool labelled = state.output_labelled && !state.questions.empty();
  state.output_labelled = false;
  // After an "Output:" label a block is output whatever its tag says (py, python, console, text,
  // none), unless it is a transcript (which documents its own output).
  bool labelled_output = labelled && (!language || language == Language::python || language == Language::shell) &&
                         !trim(block.text).starts_with(">>>");
  bool is_output = labelled_output || is_output_tag(block.info) ||
                   (block.info.empty() && state.output_expected && !state.questions.empty() && !reads_as_code(block.text));
  if (is_output && !state.questions.empty()) {
    DocumentedOutput output;
    output.text = block.text;
    output.material_line = block.lines.empty() ? 0 : block.lines.front();
    output.python = state.stated_python;
    state.stated_python.clear();
    state.questions.back().outputs.push_back(output);
    state.output_expected = false;
    state.last_was_example = false;
    return;
  }
  // A list item, a blockquote or an indented code block shifts an example right; its reader
  // copies it without that margin, and so does Python here (the line table stays as it is). An
  // output block, above, keeps its indentation: leading spaces may be what the example printed.
  block.text = dedent(block.text);
  if (!language) language = detect_language(block.text);
  add_example(state, block, *language);
  state.questions.back().python = state.stated_python;
  state.stated_python.clear();
  if (*language == Language::python) split_written_output(state.questions.back());
  state.output_expected = true;
  state.last_was_example = true;
}

void finish_paragraph(State& state) {
  std::string_view text = trim(state.paragraph);
  std::optional<std::string_view> rest = output_label(text);
  // "Output (< Python 3.7):" names the version in the label; "In Python 2 this prints:" in prose.
  state.stated_python = rest ? python_version_in(text.substr(0, text.size() - rest->size())) : output_version_of_prose(text);
  if (rest && !state.questions.empty()) {
    if (!rest->empty()) {
      // "Output: 42" on the paragraph itself (prose after the label is no output).
      state.output_expected = false;
      state.output_labelled = false;
      if (inline_output_is_prose(*rest)) return;
      DocumentedOutput output;
      output.text = std::string(*rest) + "\n";
      output.material_line = state.paragraph_line;
      output.python = state.stated_python;
      state.stated_python.clear();
      state.questions.back().outputs.push_back(output);
    } else {
      state.output_expected = true;
      state.output_labelled = true;
    }
    return;
  }
  // An "Answer:" paragraph under a titled question; "In Python 2 this prints:": an untagged or
  // output block after it is that Python's output; a block tagged python stays an example ("In
  // Python 2, the code below prints:" may announce code).
  state.output_expected = (is_answer_label(text) && state.titled_examples > 0) ||
                          (!state.stated_python.empty() && text.ends_with(':') && !state.questions.empty());
  state.output_labelled = false;
}

int enter_block(MD_BLOCKTYPE type, void* detail, void* userdata) {
  auto& state = *static_cast<State*>(userdata);
  state.block = type;
  if (type == MD_BLOCK_CODE) {
    state.in_code = true;
    state.code = Block{};
    const auto* code = static_cast<const MD_BLOCK_CODE_DETAIL*>(detail);
    if (code->lang.text != nullptr) {
      for (MD_SIZE i = 0; i < code->lang.size; ++i) {
        char c = code->lang.text[i];
        state.code.info += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      }
    }
  } else if (type == MD_BLOCK_H) {
    state.heading.clear();
    state.heading_line = 0;
  } else if (type == MD_BLOCK_P) {
    state.paragraph.clear();
    state.paragraph_line = 0;
  }
  return 0;
}

int leave_block(MD_BLOCKTYPE type, void* /*detail*/, void* userdata) {
  auto& state = *static_cast<State*>(userdata);
  if (type == MD_BLOCK_CODE) {
    state.in_code = false;
    fill_lines(state.code.lines);
    finish_code_block(state);
  } else if (type == MD_BLOCK_H) {
    std::optional<std::string_view> label = output_label(trim(state.heading));
    if (label && label->empty() && !state.questions.empty()) {
      // An "Output" heading announces the block under it; it does not start a question.
      state.output_expected = true;
      state.output_labelled = true;
      state.stated_python = python_version_in(trim(state.heading));
    } else {
      state.stated_python.clear();
      state.title = std::string(trim(state.heading));
      state.title_line = state.heading_line;
      state.titled_examples = 0;
      state.session_tail.reset();  // a heading starts a new session
      state.output_expected = false;
      state.output_labelled = false;
    }
  } else if (type == MD_BLOCK_P) {
    finish_paragraph(state);
  }
  state.block = MD_BLOCK_DOC;
  return 0;
}

void add_text(State& state, const MD_CHAR* text, std::string_view chunk);

// md4c reports a NUL twice: as an MD_TEXT_NULLCHAR chunk (for a renderer to print U+FFFD), and
// again as the first byte of the next text chunk, which points at the NUL in the document (md4c
// 0.4.8). The document's bytes are what counts: a NULLCHAR stands for a NUL only when the next
// chunk does not start with it. (Taking both doubled every NUL of a code block.)
int on_text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* userdata) {
  auto& state = *static_cast<State*>(userdata);
  if (type == MD_TEXT_NULLCHAR) {
    if (state.pending_nul) add_text(state, nullptr, std::string_view("\0", 1));
    state.pending_nul = true;
    return 0;
  }
  std::string_view chunk(text, size);
  if (state.pending_nul) {
    state.pending_nul = false;
    if (!chunk.starts_with('\0')) add_text(state, nullptr, std::string_view("\0", 1));
  }
  add_text(state, text, chunk);
  return 0;
}

void add_text(State& state, const MD_CHAR* text, std::string_view chunk) {
  if (state.in_code) {
    // A line's text arrives with a pointer into the document, its newline as a separate chunk.
    // Indentation (md4c expands it, tabs included, in its own buffer), newlines and empty lines
    // point outside the document: a line takes its number from its first chunk that points
    // into it, and fill_lines() numbers the lines without any.
    int line = chunk == "\n" ? 0 : state.line_of(text);
    if (state.code.text.empty() || state.code.text.back() == '\n') {
      state.code.lines.push_back(line);
    } else if (state.code.lines.back() == 0) {
      state.code.lines.back() = line;
    }
    state.code.text += chunk;
    return;
  }
  if (state.block == MD_BLOCK_H) {
    if (state.heading_line == 0) state.heading_line = state.line_of(text);
    state.heading += chunk;
  } else if (state.block == MD_BLOCK_P) {
    if (state.paragraph_line == 0) state.paragraph_line = state.line_of(text);
    state.paragraph += chunk;
  }
}

// "3. Closures" -> number 3 and title "Closures".
void number_from_titles(std::vector<MaterialQuestion>& questions) {
  int previous = 0;
  for (const MaterialQuestion& question : questions) {
    std::size_t i = 0;
    while (i < question.title.size() && question.title[i] >= '0' && question.title[i] <= '9') ++i;
    if (i == 0 || i > 3 || i >= question.title.size() || (question.title[i] != '.' && question.title[i] != ')')) return;
    int number = static_cast<int>(parse_int(std::string_view(question.title).substr(0, i), 1, 999).value_or(0));
    if (number <= previous) return;
    previous = number;
  }
  for (MaterialQuestion& question : questions) {
    std::size_t i = question.title.find_first_of(".)");
    question.number = static_cast<int>(parse_int(std::string_view(question.title).substr(0, i), 1, 999).value_or(0));
    question.title = std::string(trim(std::string_view(question.title).substr(i + 1)));
  }
}

}  // namespace

Expected<std::vector<MaterialQuestion>> read_markdown(const std::string& text, const std::string& file) {
  State state(text);
  MD_PARSER parser{};
  parser.flags = MD_DIALECT_GITHUB;
  parser.enter_block = enter_block;
  parser.leave_block = leave_block;
  parser.enter_span = [](MD_SPANTYPE, void*, void*) { return 0; };
  parser.leave_span = [](MD_SPANTYPE, void*, void*) { return 0; };
  parser.text = on_text;
  if (md_parse(text.data(), static_cast<MD_SIZE>(text.size()), &parser, &state) != 0) {
    return fail(file, 0, "the Markdown parser failed on this file");
  }
  if (state.questions.size() > 999) return fail(file, 0, "more than 999 examples");
  // A repeated heading with the same number would break the ids: keep the order's numbers then.
  number_from_titles(state.questions);
  return state.questions;
}

}  // namespace snipcheck
