// Comment classification. A comment claims output when it starts with a value (a literal, a
// number, a repr, True/None...), possibly followed by a remark ("10 — the first item", "True
// (because ...)"), or when its words are the words of the example's string literals; words and
// then a value ("Count is 2") are a claim after a descriptive prefix, which is a guess. What the
// line is matters: on an assignment, an import, a definition or a condition the comment explains
// the code ("# row-major", "# 5 minutes"): only a bare value there may state what the line
// computes, and that is a guess too. A guess carries a confidence below 1 (the judge never calls
// a guess wrong); prose that shares nothing with the code's strings is descriptive. The Python a
// claim is stated for comes from its own words ("# in 3.12: 1.0", "# [1]  # Python 3.7+"), a
// comment line heading the lines under it ("# Python 3.8+"), or what the material says of the
// block (MaterialQuestion::python, DocumentedOutput::python).
#include <algorithm>
#include <cctype>
#include <string_view>

#include "claims/claim.hpp"
#include "util/regex.hpp"
#include "util/text.hpp"

namespace snipcheck {

namespace {

std::string trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return std::string(text);
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Removes a leading marker (case-insensitive) and the punctuation after it.
bool strip_marker(std::string& text, std::initializer_list<std::string_view> markers) {
  std::string low = lower(text);
  for (std::string_view marker : markers) {
    if (!low.starts_with(marker)) continue;
    std::size_t end = marker.size();
    // A word marker must end at a word boundary ("about" but not "aboutness").
    if (std::isalpha(static_cast<unsigned char>(marker.back())) && end < text.size() &&
        std::isalpha(static_cast<unsigned char>(text[end]))) {
      continue;
    }
    while (end < text.size() && (text[end] == ',' || text[end] == ':' || text[end] == ' ')) ++end;
    text = text.substr(end);
    return true;
  }
  return false;
}

bool is_big_o(const std::string& text) { return text.starts_with("O(") || text.starts_with("O (") || text.starts_with("Θ("); }


// "Intersection: {2, 3}" -> label "Intersection". A label is one to three words before ": ".
std::pair<std::string, std::string> split_label(const std::string& text) {
  static const Regex label(R"(^([A-Za-z][A-Za-z0-9_]*(?: [A-Za-z][A-Za-z0-9_]*){0,2}) ?:\s+(\S.*)$)");
  std::optional<RegexMatch> match = label.match_whole(text);
  if (!match) return {"", text};
  return {match->str(1), match->str(2)};
}

bool looks_like_code(const std::string& text) {
  static const Regex code(R"(^[A-Za-z_][\w.]*\s*(\(|\[|\.|=|\+=)|^(import|from|del|raise|assert)\s)");
  return code.found_in(text);
}

// "Error: ...", "TypeError", "raises KeyError", "fails": what commented-out code would raise.
bool is_error_claim(const std::string& text) {
  static const Regex error(R"(^(Error\b|Raises?\b|raises?\b|Fails?\b|fails?\b|Throws?\b|[A-Z]\w*(Error|Exception)\b))");
  return error.found_in(text);
}

bool is_version(const std::string& text) {
  static const Regex version(R"(^v?\d+\.\d+(\.\d+)?([a-z]+\d*)?\+?$)");
  return version.matches_whole(text);
}

// --- The value part of a comment -------------------------------------------------------------
// A claim is often a value with words after it: "10 — the first item", "True (because ...)",
// "2 duplicates removed". The value is a run of Python-looking atoms (literals, numbers, reprs,
// calls like range(0, 3), True/False/None) separated by commas or spaces; the words are a note.

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// The length of a bracketed group or string literal starting at text[at], 0 when unbalanced.
std::size_t group_length(std::string_view text, std::size_t at) {
  std::string closers;
  char quote = 0;
  for (std::size_t i = at; i < text.size(); ++i) {
    char c = text[i];
    if (quote != 0) {
      if (c == '\\') ++i;
      else if (c == quote) {
        quote = 0;
        if (closers.empty()) return i + 1 - at;
      }
      continue;
    }
    if (c == '\'' || c == '"') quote = c;
    else if (c == '(') closers += ')';
    else if (c == '[') closers += ']';
    else if (c == '{') closers += '}';
    else if (c == '<' && i == at) closers += '>';
    else if (!closers.empty() && c == closers.back()) {
      closers.pop_back();
      if (closers.empty()) return i + 1 - at;
    } else if (c == ')' || c == ']' || c == '}') {
      return 0;
    }
  }
  return 0;
}

// One atom at text[at]: its length, 0 when none starts there.
std::size_t atom_length(std::string_view text, std::size_t at) {
  if (at >= text.size()) return 0;
  char c = text[at];
  if (c == '[' || c == '(' || c == '{' || c == '<' || c == '\'' || c == '"') return group_length(text, at);
  // A hex, octal or binary literal (what hex(), oct(), bin() print) before a decimal number, whose
  // rule would stop at the "x" of "0xff" as at the "rd" of "3rd".
  static const Regex radix(R"(^[-+]?0(?:[xX][0-9a-fA-F_]+|[oO][0-7_]+|[bB][01_]+))");
  if (std::optional<RegexMatch> found = radix.search(text.substr(at))) {
    std::size_t end = at + found->length();
    if (end < text.size() && is_word_char(text[end])) return 0;
    return end - at;
  }
  static const Regex number(R"(^[-+]?\d[\d_,]*(\.\d*)?([eE][-+]?\d+)?j?%?|^[-+]?\.\d+)");
  if (std::optional<RegexMatch> found = number.search(text.substr(at))) {
    std::size_t end = at + found->length();
    while (end > at && text[end - 1] == ',') --end;  // "1, 2": the comma separates
    if (end < text.size() && std::isalpha(static_cast<unsigned char>(text[end])) && text[end] != 'j') return 0;  // "3rd"
    return end - at;
  }
  // b'..', f"..", r'..' literals; identifiers called or indexed: range(0, 3), Point(x=1), deque([1])
  std::size_t end = at;
  while (end < text.size() && (is_word_char(text[end]) || (text[end] == '.' && end > at))) ++end;
  if (end == at) return 0;
  std::string_view word = text.substr(at, end - at);
  if (word == "True" || word == "False" || word == "None" || word == "Ellipsis") {
    return end < text.size() && is_word_char(text[end]) ? 0 : end - at;
  }
  if (end < text.size() && (text[end] == '\'' || text[end] == '"') && word.size() <= 2 &&
      word.find_first_not_of("bBfFrRuU") == std::string_view::npos) {
    std::size_t literal = group_length(text, end);
    return literal == 0 ? 0 : end + literal - at;
  }
  if (end < text.size() && (text[end] == '(' || text[end] == '[') && std::isalpha(static_cast<unsigned char>(word.front()))) {
    std::size_t args = group_length(text, end);
    return args == 0 ? 0 : end + args - at;
  }
  return 0;
}

// A bare word as an item of a comma-separated run ("HI, 2", "open, 1, close"): letters and
// digits up to a comma or the end. Its length, 0 when none.
std::size_t bare_item_length(std::string_view text, std::size_t at) {
  std::size_t end = at;
  while (end < text.size() && is_word_char(text[end])) ++end;
  if (end == at) return 0;
  return end == text.size() || text[end] == ',' ? end - at : 0;
}

// The length of the leading run of atoms ("[1, 2] (3, 4)", "1, 2, 3", "3.0 <class 'float'>",
// "HI, 2"): at least one atom; bare words only as items of a comma-separated run.
std::size_t value_length(std::string_view text) {
  bool atom_seen = false;
  std::size_t length = atom_length(text, 0);
  if (length > 0) atom_seen = true;
  else length = bare_item_length(text, 0);
  if (length == 0) return 0;
  for (;;) {
    std::size_t next = length;
    bool comma = next < text.size() && text[next] == ',';
    if (comma) ++next;
    while (next < text.size() && text[next] == ' ') ++next;
    if (next == length || next >= text.size()) break;
    // print(a, b) puts one space between values; two or more set a note apart: "3.4  True division".
    if (!comma && next - length >= 2) break;
    // "(because ...)" after a value is a remark, not a tuple.
    if (text[next] == '(' && next + 1 < text.size() && std::isalpha(static_cast<unsigned char>(text[next + 1]))) break;
    std::size_t more = atom_length(text, next);
    if (more > 0) atom_seen = true;
    else if (comma) more = bare_item_length(text, next);
    if (more == 0) break;
    length = next + more;
  }
  if (!atom_seen) return 0;
  // A run ending in a bare word it took for an item: "True, because" stops before the word.
  return length;
}

const std::vector<std::string_view>& stop_words() {
  static const std::vector<std::string_view> words = {"the", "and", "but", "for", "not", "are", "was", "with", "this",
                                                      "that", "from", "its", "has", "have", "you", "all", "one", "any"};
  return words;
}

bool is_stop_word(const std::string& word) {
  const auto& stops = stop_words();
  return std::find(stops.begin(), stops.end(), word) != stops.end();
}

// At least half of the words of `text` (stop words aside) are words of the code's strings: the
// text may well be what the code prints.
// How many of the words of `text` (stop words and numbers aside) are words of the code's strings:
// {shared, total}.
std::pair<int, int> literal_words(const std::string& text, const std::vector<std::string>& literals) {
  std::vector<std::string> known;
  for (const std::string& literal : literals) {
    for (std::string& word : long_words(literal)) known.push_back(std::move(word));
  }
  std::sort(known.begin(), known.end());
  int total = 0;
  int shared = 0;
  for (const std::string& word : long_words(text)) {
    bool number = std::all_of(word.begin(), word.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    if (is_stop_word(word) || number) continue;
    ++total;
    if (std::binary_search(known.begin(), known.end(), word)) ++shared;
  }
  return {shared, total};
}

// At least half of the words of `text` are words of the code's strings: the text may well be
// what the code prints.
bool mostly_in_literals(const std::string& text, const std::vector<std::string>& literals) {
  auto [shared, total] = literal_words(text, literals);
  return total > 0 && shared * 2 >= total;
}

struct ValuePart {
  std::string value;
  std::string note;  // the words after it, without their separator
};

// A comment that starts with a value: the value, and the words after it when they are a remark
// ("— the first item", "(because ...)", "duplicates removed") rather than printed text (words of
// the code's strings: "3 items" from print(n, "items")). nullopt when it does not start with a
// value or what follows is neither.
std::optional<ValuePart> value_part(const std::string& body, const std::vector<std::string>& literals) {
  std::size_t length = value_length(body);
  if (length == 0) return std::nullopt;
  ValuePart part{body.substr(0, length), ""};
  std::string rest = trim(std::string_view(body).substr(length));
  if (rest.empty()) return part;
  // "False! (outside the cache)": an exclamation, then a note ("Hello, 2025!" alone is printed text).
  if (rest.starts_with('!') && rest.size() > 1 && (rest[1] == ' ' || rest[1] == '\t')) rest = trim(std::string_view(rest).substr(1));
  std::string_view words = rest;
  bool separated = false;
  for (std::string_view separator : {"—", "–", "--", "-", "(", ";", "#", ",", ":", "="}) {
    if (words.starts_with(separator)) {
      separated = separator != "," && separator != ":";
      words.remove_prefix(separator.size());
      break;
    }
  }
  std::string note = trim(words);
  if (separated && note.ends_with(")") && rest.starts_with("(")) note = trim(std::string_view(note).substr(0, note.size() - 1));
  if (note.empty() || !std::isalpha(static_cast<unsigned char>(note.front()))) return std::nullopt;
  if (!separated && mostly_in_literals(rest, literals)) return std::nullopt;  // "3 items": printed words
  part.note = note;
  return part;
}

// "Count is 2", "sorted copy: [1, 2, 3]", "jumps-->5", "Count increases to 3 (...)": words, a
// link (':', 'is', 'to', '=', '->'), then a value part. Returns the words and the value part.
std::optional<std::pair<std::string, ValuePart>> prefixed_value(const std::string& body, const std::vector<std::string>& literals) {
  static const Regex link(R"((\s*:\s+|\s+:\s*|\s+(?:is|are|to|equals|becomes|gives|returns|prints)\s+|\s*(?:=|==|->|-->|=>|→)\s*))");
  std::string_view text = body;
  std::size_t offset = 0;
  while (offset < text.size()) {
    std::optional<RegexMatch> found = link.search(text.substr(offset));
    if (!found) break;
    std::size_t at = offset + static_cast<std::size_t>(found->groups[0].data() - text.substr(offset).data());
    std::size_t after = at + found->length();
    std::string prefix = trim(text.substr(0, at));
    bool prose = !prefix.empty() && std::isalpha(static_cast<unsigned char>(prefix.front()));
    if (prose) {
      if (std::optional<ValuePart> part = value_part(std::string(text.substr(after)), literals)) {
        return std::pair{prefix, *part};
      }
    }
    offset = after > offset ? after : offset + 1;
  }
  return std::nullopt;
}

// "True or False", "1 / 2 / 3", "heads | tails", "1, 2 or 3": the possibilities a comment lists,
// each an atom or a bare word, when the whole comment is such a list with at least one "or", '/'
// or '|' between them; empty otherwise ("True, False" alone may be two printed lines joined).
std::vector<std::string> listed_alternatives(std::string_view text) {
  std::vector<std::string> items;
  bool explicit_separator = false;
  std::size_t at = 0;
  auto skip_spaces = [&] {
    while (at < text.size() && text[at] == ' ') ++at;
  };
  for (;;) {
    skip_spaces();
    std::size_t length = atom_length(text, at);
    if (length == 0) {
      std::size_t end = at;
      while (end < text.size() && is_word_char(text[end])) ++end;
      length = end - at;
    }
    if (length == 0) return {};
    items.emplace_back(text.substr(at, length));
    at += length;
    skip_spaces();
    if (at == text.size()) break;
    bool comma = text[at] == ',';
    if (comma) {
      ++at;
      skip_spaces();
    }
    if (text.substr(at).starts_with("or ")) {
      at += 3;
      explicit_separator = true;
    } else if (at < text.size() && (text[at] == '/' || text[at] == '|')) {
      ++at;
      explicit_separator = true;
    } else if (!comma) {
      return {};  // "2 duplicates removed": words after a value, no list
    }
  }
  if (items.size() < 2 || !explicit_separator) return {};
  return items;
}

// "optimizer.step()", "model.fit(x, y)": a call of a method with no arguments or only names is
// code the comment names, not a repr (reprs show values: Point(x=1, y=2), range(0, 3), set()).
bool reads_as_code(const std::string& value) {
  static const Regex method(R"(^[A-Za-z_]\w*(\.[A-Za-z_]\w*)+\(\s*\)$)");
  static const Regex names(R"(^[A-Za-z_][\w.]*\(\s*[a-z_]\w*(\s*,\s*[a-z_]\w*)*\s*\)$)");
  return method.matches_whole(value) || names.matches_whole(value);
}

// The comment's text after its value part, as written: " — the first item", " (because ...)".
std::string remark_after(const std::string& text, const std::string& value) {
  std::size_t at = text.find(value);
  return at == std::string::npos ? std::string() : text.substr(at + value.size());
}

// What kind of line a comment sits on.
enum class LineKind {
  prints,      // calls print()
  expression,  // an expression statement: a call may print, a REPL echoes its value
  silent,      // an assignment, import, definition, condition, loop header, return...: prints nothing itself
};

LineKind line_kind(const std::string& code) {
  if (code.find("print(") != std::string::npos) return LineKind::prints;
  std::string line = trim(code);
  static const Regex keyword(
      R"(^(import|from|def|class|if|elif|else|for|while|with|try|except|finally|return|yield|raise|assert|del|pass|global|nonlocal|async|match|case|lambda|break|continue)\b|^@)");
  if (keyword.found_in(line)) return LineKind::silent;
  int depth = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '(' || c == '[' || c == '{') ++depth;
    if (c == ')' || c == ']' || c == '}') --depth;
    if (depth == 0 && c == '=' && (i + 1 >= line.size() || line[i + 1] != '=') &&
        (i == 0 || std::string_view("=!<>").find(line[i - 1]) == std::string_view::npos)) {
      return LineKind::silent;  // x = ..., x += ..., x: int = ...
    }
  }
  if (line.ends_with(":")) return LineKind::silent;
  return LineKind::expression;
}

// print("Label:", x) or print(f"Label: {x}"): the text the line prints in front of the value.
std::string printed_lead(const std::string& code) {
  static const Regex lead(R"(print\(\s*[fF]?(?:'([^'{]*)|"([^"{]*)))");
  std::optional<RegexMatch> found = lead.search(code);
  if (!found) return {};
  return trim(found->str(1).empty() ? found->str(2) : found->str(1));
}

// "noqa: E402", "type: ignore", "pragma: no cover": directives to tools, never claims.
bool is_tool_directive(const std::string& text) {
  static const Regex directive(R"(^(noqa|type:|pragma|pylint:|fmt:|isort:|nosec|mypy:|pyright:|ruff:)\b?)", RegexCase::insensitive);
  return directive.found_in(text);
}

// "Note: ...", "Note that ...", "NB: ...": a remark under the printed lines, not one of them.
bool is_note_line(const std::string& text) {
  static const Regex note(R"(^\s*(?:note|nb|n\.b\.)(?::|\s+that\b))", RegexCase::insensitive);
  return note.found_in(text);
}

bool is_return_line(const std::string& code) {
  static const Regex statement(R"(^\s+(?:return|yield)\b)");
  return statement.found_in(code);
}

// A comment line after a statement that says what it printed: "# Output: 3" (the statement above
// it; the whole example when that line prints nothing itself), or "# Output" / "# Output:" with
// the printed lines as the comment lines under it (the whole example). Moves `i` past the lines
// it reads. nullopt when the line is no such comment.
std::optional<Claim> output_comment(const std::vector<PythonLine>& lines, std::size_t& i, int last_code_line,
                                    const std::vector<std::string>& literals) {
  static const Regex marker(R"(^\s*(?:expected |sample )?(?:output|outputs|prints)\s*(?::|->|=>)?\s*(.*)$)", RegexCase::insensitive);
  std::optional<RegexMatch> found = marker.match_whole(lines[i].comment);
  if (!found) return std::nullopt;
  std::string rest = trim(found->str(1));
  if (!rest.empty()) {
    // "# Output: 3" (a colon or an arrow, or the word alone before a value): prose after the word
    // ("# prints the total") is a remark.
    bool linked = lines[i].comment.find(':') != std::string::npos || lines[i].comment.find("->") != std::string::npos ||
                  lines[i].comment.find("=>") != std::string::npos;
    if (!linked) return std::nullopt;
    const PythonLine& statement = lines[static_cast<std::size_t>(last_code_line - 1)];
    Claim claim = classify_comment(lines[i].comment, statement.code, literals);
    if (claim.kind == ClaimKind::descriptive) return std::nullopt;
    claim.line = last_code_line;
    claim.text_line = static_cast<int>(i) + 1;
    // After a def body's `return`: what a call the example leaves out would give, perhaps.
    if (is_return_line(statement.code)) claim.confidence = std::min(claim.confidence, 0.6);
    if (line_kind(statement.code) == LineKind::silent) {
      claim.scope = ClaimScope::whole;  // "x = f()" then "# Output: 3": what the example printed
      claim.line = static_cast<int>(i) + 1;
    }
    return claim;
  }
  // "# Output" then "# 1", "# 2": the lines up to the next line that is not a comment.
  Claim claim;
  claim.line = static_cast<int>(i) + 1;
  claim.scope = ClaimScope::whole;
  claim.text = lines[i].comment;
  std::size_t j = i + 1;
  for (; j < lines.size(); ++j) {
    const PythonLine& next = lines[j];
    bool comment_only = next.has_comment && next.code.find_first_not_of(" \t") == std::string::npos;
    if (!comment_only) break;
    std::string text = next.comment;
    if (text.starts_with(" ")) text.erase(0, 1);
    if (is_note_line(text)) break;  // "# Note: ..." after the printed lines is prose about them
    claim.value += (claim.value.empty() ? "" : "\n") + text;
    claim.text += "\n#" + next.comment;
  }
  while (!claim.value.empty() && claim.value.back() == '\n') claim.value.pop_back();
  if (trim(claim.value).empty()) return std::nullopt;
  i = j - 1;
  return claim;
}

// One comment line under a statement, read as a line of what it printed: the confidence that it
// is output, nullopt when it is not (commented-out code, prose, a traceback, an error claim).
// A value, a repr, a quoted string or True/None is output by its shape; the words of the
// code's strings are printed text; a call with a repr inside ("f((<C object at 0x..>,),{})") is
// most likely printed; other short text may be (a guess).
std::optional<double> output_line_confidence(const std::string& comment, const std::vector<std::string>& literals) {
  std::string text = trim(comment);
  if (text.empty() || text.starts_with(">>>") || text.starts_with("Traceback (")) return std::nullopt;
  static const Regex code(
      R"(^(print\s*\(|import\s|from\s+\S+\s+import\b|(for|if|elif|while|def|class|with|async|return|del|raise|assert|yield|lambda|global|try|else|except|finally)\b|@\w))");
  static const Regex assignment(R"(^[A-Za-z_][\w.]*(\[[^\]]*\])?\s*([-+*/%&|^]|//|\*\*)?=[^=])");
  if (code.found_in(text) || assignment.found_in(text) || text.ends_with(":")) return std::nullopt;
  if (is_error_claim(text) || is_tool_directive(text) || is_big_o(text)) return std::nullopt;
  // "# Python 3.8+" heads the lines under it: the Python they are stated for, not output.
  if (std::optional<StatedVersion> stated = comment_version(text); stated && stated->rest.empty()) return std::nullopt;
  // A repr in angle brackets, nested ones too: "<bound method C.f of <C object at 0x...>>".
  if (text.starts_with("<") && text.ends_with(">") && text.find(' ') != std::string::npos) return 1.0;
  // "(may be True in interactive mode)": words in brackets are a remark, never a repr (no repr
  // holds two bare words side by side outside its quotes and angle brackets).
  if (text.starts_with("(") || text.starts_with("[")) {
    // numpy's "[ True False]" and "[nan inf]" hold words side by side that are values.
    static const Regex quoted(R"('[^']*'|"[^"]*"|<[^<>]*>|\b(True|False|None|nan|inf)\b)");
    static const Regex two_words(R"([A-Za-z_]\w*\s+[A-Za-z_]\w*)");
    if (two_words.found_in(quoted.replace_all(text, "0"))) return std::nullopt;
  }
  if (value_length(text) == text.size()) {
    bool call = std::isalpha(static_cast<unsigned char>(text.front())) && text.back() == ')' &&
                !text.starts_with("True") && !text.starts_with("False") && !text.starts_with("None");
    if (!call) return 1.0;  // 3, [1, 2], 'abc', <Node object at 0x...>, True, 1 2
    if (reads_as_code(text)) return std::nullopt;
    return text.find('<') != std::string::npos ? 0.9 : 0.6;  // a repr inside, or perhaps a call left in
  }
  auto [shared, total] = literal_words(text, literals);
  if (total > 0 && shared == total) return 0.9;
  if (total > 0 && shared * 2 >= total) return 0.7;
  // A sentence ("This loops over the rows.", "the result is cached") is a remark.
  static const Regex sentence(R"(^[A-Za-z][a-z']*( [A-Za-z][a-z',]*){2,}|[.!?]$)");
  if (sentence.found_in(text) && shared == 0) return std::nullopt;
  return 0.6;
}

// Does the top-level statement from `first` to `last` (1-based) print, or is it a bare
// expression or call (which may print, and which a REPL would echo)?
bool statement_shows(const std::vector<PythonLine>& lines, int first, int last) {
  const std::string& head = lines[static_cast<std::size_t>(first - 1)].code;
  static const Regex definition(R"(^\s*(def|class|async\s+def|@)\b|^\s*@)");
  if (definition.found_in(head)) return false;
  for (int line = first; line <= last; ++line) {
    if (lines[static_cast<std::size_t>(line - 1)].code.find("print(") != std::string::npos) return true;
  }
  return first == last && line_kind(head) == LineKind::expression;
}

// Comment lines directly under a top-level statement that prints or is a bare call/expression,
// each a line of what it printed: "obj.greet()" then "# hello from obj", "for r in rows: print(*r)"
// then "# 1 2", "# 3 5". One claim per line (written on its own line), held to that line of the
// statement's output. The run ends at a line that is not output (code left in a comment, prose, a
// traceback); empty when the first one is not. Moves `i` past the lines it reads.
std::vector<Claim> output_run(const std::vector<PythonLine>& lines, std::size_t& i, int last_code_line,
                              const std::vector<std::string>& literals) {
  std::vector<Claim> run;
  if (last_code_line != static_cast<int>(i)) return run;  // directly under the statement
  int first = top_level_line(lines, last_code_line);
  if (first < 1 || lines[static_cast<std::size_t>(first - 1)].indent != 0) return run;
  if (!statement_shows(lines, first, last_code_line)) return run;
  std::size_t j = i;
  for (; j < lines.size(); ++j) {
    const PythonLine& next = lines[j];
    bool comment_only = next.has_comment && next.code.find_first_not_of(" \t") == std::string::npos;
    if (!comment_only || next.comment.starts_with("!") || next.comment.starts_with(">")) break;
    // "# f(1)  # TypeError: ...": code left in a comment with the error it would raise.
    if (classify_comment(next.comment, "", literals).kind == ClaimKind::error) break;
    std::optional<double> confidence = output_line_confidence(next.comment, literals);
    if (!confidence) break;
    Claim claim;
    claim.line = first;
    claim.text_line = static_cast<int>(j) + 1;
    claim.text = trim(next.comment);
    claim.value = claim.text;
    claim.confidence = *confidence;
    claim.prints = lines[static_cast<std::size_t>(first - 1)].code.find("print(") != std::string::npos;
    claim.output_line = static_cast<int>(run.size()) + 1;
    run.push_back(std::move(claim));
  }
  for (Claim& claim : run) claim.output_lines = static_cast<int>(run.size());
  if (!run.empty()) i = j - 1;
  return run;
}

}  // namespace

std::string to_string(ClaimKind kind) {
  switch (kind) {
    case ClaimKind::output: return "output";
    case ClaimKind::approximate: return "approximate";
    case ClaimKind::example: return "example";
    case ClaimKind::error: return "error";
    case ClaimKind::descriptive: return "descriptive";
    case ClaimKind::verification: return "verification";
  }
  return "output";
}

Claim classify_comment(const std::string& comment, const std::string& code, const std::vector<std::string>& literals) {
  Claim claim;
  claim.text = trim(comment);
  claim.prints = code.find("print(") != std::string::npos;
  std::string body = claim.text;
  // A second '#' starts a remark about the claim: "[[10, 2], 3]  # Modified".
  if (std::size_t hash = body.find(" # "); hash != std::string::npos) {
    claim.note = trim(std::string_view(body).substr(hash + 3));
    body = trim(std::string_view(body).substr(0, hash));
  }
  // "in 3.12: [1, 2]", "Python 2: 0": what the line shows under another Python; "# Python 3.8+"
  // alone says what the line needs.
  if (std::optional<StatedVersion> stated = comment_version(body)) {
    claim.python = stated->version;
    body = stated->rest;
  }
  claim.value = body;
  bool code_line = code.find_first_not_of(" \t") != std::string::npos;

  if (!code_line) {
    // A comment on its own line: commented-out code with the error it would raise, or a remark.
    if (looks_like_code(body) && is_error_claim(claim.note)) {
      claim.kind = ClaimKind::error;
      claim.scope = ClaimScope::namespace_;
      claim.code = body;
      claim.value = claim.note;
      return claim;
    }
    claim.kind = ClaimKind::descriptive;
    claim.confidence = 0.9;
    return claim;
  }
  auto descriptive = [&](double confidence) {
    claim.kind = ClaimKind::descriptive;
    claim.label.clear();
    claim.value = body;
    claim.confidence = confidence;
    return claim;
  };
  if (is_tool_directive(body)) return descriptive(1.0);
  if (body.empty()) return descriptive(1.0);  // "# Python 3.8+": the version the line needs
  LineKind kind = line_kind(code);
  bool marked = strip_marker(body, {"output:", "output ->", "output", "outputs", "prints:", "prints", "=>", "->", "→", "⇒",
                                     "returns:"});
  // On a line that prints, a verb before a value says what it shows: "# gives 7", "# should be 15".
  if (!marked && kind == LineKind::prints) {
    std::string rest = body;
    if (strip_marker(rest, {"gives", "returns", "should be", "should print", "will print", "evaluates to", "yields"}) &&
        value_length(rest) > 0) {
      body = rest;
      marked = true;
    }
  }
  if (marked) claim.value = body;
  // "# output?", "# ???": a question to the reader (what does this print?), not an answer.
  if (!body.empty() && body.find_first_not_of("? \t") == std::string::npos) return descriptive(1.0);
  // On a print() line "# KeyError" may be printed text (the judge tells by what ran); "# raises
  // KeyError" says the line raises.
  static const Regex raises(R"(^(raises?|throws?)\s+[A-Z]\w*(Error|Exception|Exit|Interrupt|Iteration)\b)", RegexCase::insensitive);
  if (is_error_claim(body) && (!claim.prints || raises.found_in(body))) {
    claim.kind = ClaimKind::error;
    return claim;
  }
  if (strip_marker(body, {"e.g.", "eg.", "e.g", "for example", "for instance", "such as", "something like"})) {
    claim.kind = ClaimKind::example;
    claim.value = body;
    return claim;
  }
  // Approximate only with a number to be near: "# about page" is prose.
  std::string rest = body;
  bool near = strip_marker(rest, {"approx.", "approximately", "approx", "about", "around", "roughly", "~", "≈"});
  if (near && rest.find_first_of("0123456789") != std::string::npos) {
    claim.kind = ClaimKind::approximate;
    claim.value = rest;
    // "xs = [...]  # ~8MB in memory": on a line that prints nothing, a rough figure describes it.
    if (kind == LineKind::silent && !marked) claim.confidence = 0.5;
    return claim;
  }
  if (is_version(body) && code.find("version") != std::string::npos) {
    claim.kind = ClaimKind::example;  // a version number where the code prints the version
    claim.confidence = 0.8;
    return claim;
  }
  if (is_big_o(body)) return descriptive(1.0);

  // On a line that prints nothing itself (an assignment, an import, a definition, a condition),
  // a comment explains the code: "# row-major", "# 5 minutes", "# the edge case". Only a bare
  // value ("# [1, 2]", "# total: 6") may state what the line computes, and that is a guess.
  bool silent = kind == LineKind::silent && !marked;
  double guess = silent ? 0.5 : 1.0;
  // What the print() call writes in front of its value: a claim without it shows the value only.
  std::string lead = kind == LineKind::prints ? printed_lead(code) : std::string();
  auto shows_part = [&](const std::string& text) {
    return !lead.empty() && lower(text).find(lower(lead)) == std::string::npos;
  };

  // "True or False", "1 / 2 / 3": the outputs it may print, not one claimed output.
  if (!silent) {
    if (std::vector<std::string> alternatives = listed_alternatives(body); !alternatives.empty()) {
      claim.value = body;
      claim.alternatives = std::move(alternatives);
      return claim;
    }
  }
  auto [label, value] = split_label(body);
  if (!label.empty()) {
    if (std::optional<ValuePart> part = value_part(value, literals)) {
      if (silent && !part->note.empty()) return descriptive(0.9);
      claim.label = label;
      claim.value = part->value;
      if (!part->note.empty()) claim.note = claim.note.empty() ? part->note : part->note + "; " + claim.note;
      claim.confidence = std::min(guess, shows_part(label + ": " + part->value) ? 0.7 : 1.0);
      if (!part->note.empty()) claim.remark = remark_after(claim.text, part->value);
      return claim;
    }
  }
  if (std::optional<ValuePart> part = value_part(body, literals)) {
    if (silent && !part->note.empty()) return descriptive(0.9);
    if (reads_as_code(part->value) && kind != LineKind::prints) return descriptive(0.8);  // "# optimizer.step()"
    claim.value = part->value;
    if (!part->note.empty()) claim.note = claim.note.empty() ? part->note : part->note + "; " + claim.note;
    claim.confidence = std::min(guess, shows_part(part->value) ? 0.7 : 1.0);
    if (!part->note.empty()) claim.remark = remark_after(claim.text, part->value);
    // A call that is not print() with a value and words: "cache.set(k, v, timeout=300)  # 5 minutes"
    // more likely explains an argument than states output.
    if (kind == LineKind::expression && !part->note.empty() && !marked) claim.confidence = std::min(claim.confidence, 0.7);
    return claim;
  }
  // Prose on a line that prints nothing itself explains the code.
  if (silent) return descriptive(0.9);
  if (auto [shared, total] = literal_words(body, literals); total > 0 && shared * 2 >= total) {
    // Words the code's strings hold: "Hello, Bob" from print(f"Hello, {name}"); some of them only
    // (a description using the code's words) is a guess.
    claim.label = label;
    claim.value = label.empty() ? body : value;
    claim.confidence = shared == total && !shows_part(body) ? 1.0 : 0.7;
    return claim;
  }
  // An explanation ("... because ...") is no claim, whatever value it names.
  static const Regex explanation(R"(\b(because|since|so that|which means)\b)", RegexCase::insensitive);
  if (explanation.found_in(body)) return descriptive(0.8);
  if (auto prefixed = prefixed_value(body, literals)) {
    // A claim after a descriptive prefix: "Count is 2", "sorted copy: [1, 2, 3]". Reading the
    // prose as a description of the value is a guess.
    claim.value = prefixed->second.value;
    claim.note = prefixed->first;
    if (!prefixed->second.note.empty()) claim.note += "; " + prefixed->second.note;
    claim.confidence = 0.8;
    return claim;
  }
  // Prose that shares nothing with the code's strings: most likely a remark about the code. A
  // single word on a print() line may still be printed ("olleh").
  bool one_word = body.find(' ') == std::string::npos;
  if (one_word && (claim.prints || (marked && !body.empty()))) {
    claim.label.clear();
    claim.value = body;
    // "# prints: hi" says so; "# racecar" may be printed; either leaving out the print's label is a guess.
    claim.confidence = marked && !shows_part(body) ? 1.0 : 0.6;
    return claim;
  }
  return descriptive(one_word ? 0.8 : 0.7);
}

std::vector<Claim> extract_claims(const MaterialQuestion& question) {
  std::vector<Claim> claims;
  if (!question.has_code()) return claims;
  std::vector<PythonLine> lines = scan_python(question.code);
  std::vector<std::string> literals = string_literals(question.code);
  int last_code_line = 0;
  // A comment line that only names a version ("# Python 3.8+", "# In Python 3.12:") heads the lines
  // after it, up to the next one; before any, the version the prose before the block states.
  std::string section_python = question.python;
  // The Python a claim is stated for: its own words, else its section's.
  auto stated_for = [&](Claim& claim) {
    if (claim.python.empty()) claim.python = python_version_in(claim.note);
    if (claim.python.empty()) claim.python = section_python;
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const PythonLine& line = lines[i];
    int number = static_cast<int>(i) + 1;
    bool has_code = line.code.find_first_not_of(" \t") != std::string::npos;
    if (has_code && !line.comment.starts_with(">")) last_code_line = number;
    if (!line.has_comment || line.comment.starts_with("!")) continue;  // "#!" shebang
    std::string comment = line.comment;
    if (!has_code) {
      if (std::optional<StatedVersion> stated = comment_version(comment); stated && stated->rest.empty()) {
        section_python = stated->version;
      }
    }
    // "#> 42" on the lines after a statement: output of that statement, one line each.
    if (!has_code && comment.starts_with(">") && last_code_line > 0) {
      std::string text = comment.substr(1);
      if (text.starts_with(" ")) text.erase(0, 1);
      if (!claims.empty() && claims.back().line == last_code_line && claims.back().text.starts_with(">")) {
        claims.back().value += "\n" + text;
        claims.back().text += "\n>" + comment.substr(1);
        continue;
      }
      Claim claim;
      claim.line = last_code_line;
      claim.text = ">" + comment.substr(1);
      claim.value = text;
      stated_for(claim);
      claims.push_back(claim);
      continue;
    }
    if (!has_code && last_code_line > 0) {
      if (std::optional<Claim> output = output_comment(lines, i, last_code_line, literals)) {
        stated_for(*output);
        claims.push_back(std::move(*output));
        continue;
      }
      if (std::vector<Claim> run = output_run(lines, i, last_code_line, literals); !run.empty()) {
        for (Claim& claim : run) claims.push_back(std::move(claim));
        continue;
      }
    }
    Claim claim = classify_comment(comment, line.code, literals);
    claim.line = number;
    stated_for(claim);
    claims.push_back(std::move(claim));
  }
  for (const DocumentedOutput& output : question.outputs) {
    Claim claim;
    claim.line = output.after_line;
    claim.scope = output.after_line == 0 ? ClaimScope::whole : ClaimScope::statement;
    claim.echo = output.after_line != 0;
    claim.material_line = output.material_line;
    claim.text = output.text;
    claim.value = output.text;
    claim.python = output.python.empty() ? question.python : output.python;
    while (!claim.value.empty() && claim.value.back() == '\n') claim.value.pop_back();
    claims.push_back(std::move(claim));
  }
  std::vector<Claim> checks = verification_claims(question.verification);
  claims.insert(claims.end(), checks.begin(), checks.end());
  return claims;
}

}  // namespace snipcheck
