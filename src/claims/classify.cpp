// Comment classification. A comment claims output when it reads like a value (brackets, quotes,
// digits, True/None...) or shares its words with the example's string literals; it describes the
// code when it reads like prose about it ("Force garbage collection", "O(1) lookup"). Prose that
// shares nothing with the code's strings is the guess, and carries a confidence below 1.
#include <algorithm>
#include <cctype>
#include <string_view>

#include "claims/claim.hpp"
#include "util/regex.hpp"

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

bool looks_like_value(const std::string& text) {
  if (text.empty()) return false;
  if (text.find_first_of("[]{}()'\"<>=0123456789") != std::string::npos) return true;
  return text == "True" || text == "False" || text == "None";
}

bool is_big_o(const std::string& text) { return text.starts_with("O(") || text.starts_with("O (") || text.starts_with("Θ("); }

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text + " ") {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      if (word.size() >= 3) words.push_back(word);
      word.clear();
    }
  }
  return words;
}

bool shares_words_with(const std::string& text, const std::vector<std::string>& literals) {
  std::vector<std::string> mine = words_of(text);
  std::sort(mine.begin(), mine.end());  // a binary search per word: a long comment is not quadratic
  for (const std::string& literal : literals) {
    for (const std::string& word : words_of(literal)) {
      if (std::binary_search(mine.begin(), mine.end(), word)) return true;
    }
  }
  return false;
}

// "Intersection: {2, 3}" -> label "Intersection". A label is one to three words before ": ".
std::pair<std::string, std::string> split_label(const std::string& text) {
  static const Regex label(R"(^([A-Za-z][A-Za-z0-9_]*(?: [A-Za-z][A-Za-z0-9_]*){0,2}):\s+(\S.*)$)");
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
  if (strip_marker(body, {"output:", "output ->", "prints:", "prints", "=>", "->", "returns:"})) claim.value = body;
  if (is_error_claim(body) && !claim.prints) {
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
    return claim;
  }
  if (is_version(body) && code.find("version") != std::string::npos) {
    claim.kind = ClaimKind::example;  // a version number where the code prints the version
    claim.confidence = 0.8;
    return claim;
  }
  if (is_big_o(body)) {
    claim.kind = ClaimKind::descriptive;
    return claim;
  }
  auto [label, value] = split_label(body);
  claim.label = label;
  claim.value = value;
  if (looks_like_value(body) || shares_words_with(body, literals)) return claim;
  // Prose that shares nothing with the code's strings: most likely a remark about the code. A
  // single word on a print() line may still be printed ("olleh").
  bool one_word = body.find(' ') == std::string::npos;
  if (one_word && claim.prints) {
    claim.confidence = 0.6;
    return claim;
  }
  claim.kind = ClaimKind::descriptive;
  claim.label.clear();
  claim.value = body;
  claim.confidence = one_word ? 0.8 : 0.7;
  return claim;
}

std::vector<Claim> extract_claims(const MaterialQuestion& question) {
  std::vector<Claim> claims;
  if (!question.has_code()) return claims;
  std::vector<PythonLine> lines = scan_python(question.code);
  std::vector<std::string> literals = string_literals(question.code);
  int last_code_line = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const PythonLine& line = lines[i];
    int number = static_cast<int>(i) + 1;
    bool has_code = line.code.find_first_not_of(" \t") != std::string::npos;
    if (has_code && !line.comment.starts_with(">")) last_code_line = number;
    if (!line.has_comment || line.comment.starts_with("!")) continue;  // "#!" shebang
    std::string comment = line.comment;
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
      claims.push_back(claim);
      continue;
    }
    Claim claim = classify_comment(comment, line.code, literals);
    claim.line = number;
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
    while (!claim.value.empty() && claim.value.back() == '\n') claim.value.pop_back();
    claims.push_back(std::move(claim));
  }
  std::vector<Claim> checks = verification_claims(question.verification);
  claims.insert(claims.end(), checks.begin(), checks.end());
  return claims;
}

}  // namespace snipcheck
