// Checkable expressions in a verification sentence. The sentence is prose around code: leading
// words ("Check uniqueness:", "Confirm sorted order with") are dropped, the rest must read as one
// expression or assignment, with balanced brackets and no run of prose words. What counts as a
// stated value: "(True)", "(works)", "(0 for success)", "returns X", a comparison (claims True),
// or a call of a predicate (all/any/isinstance/is...) (claims True). Anything else is no claim.
#include <cctype>
#include <string_view>

#include "claims/claim.hpp"
#include "util/regex.hpp"

namespace snipcheck {

namespace {

std::string trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && (std::isspace(static_cast<unsigned char>(text.back())) || text.back() == '.')) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

bool balanced(const std::string& text) {
  int depth = 0;
  char quote = 0;
  for (char c : text) {
    if (quote != 0) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') quote = c;
    else if (c == '(' || c == '[' || c == '{') ++depth;
    else if (c == ')' || c == ']' || c == '}') {
      if (--depth < 0) return false;
    }
  }
  return depth == 0 && quote == 0;
}

// Splits at " vs. ", "; " and " and " outside brackets.
std::vector<std::string> segments(const std::string& text) {
  std::vector<std::string> parts;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '(' || c == '[' || c == '{') ++depth;
    if (c == ')' || c == ']' || c == '}') --depth;
    if (depth != 0) continue;
    for (std::string_view separator : {" vs. ", " vs ", "; ", " and ", " or "}) {
      if (text.compare(i, separator.size(), separator) == 0) {
        parts.push_back(text.substr(start, i - start));
        start = i + separator.size();
        i = start - 1;
        break;
      }
    }
  }
  parts.push_back(text.substr(start));
  return parts;
}

// Drops leading prose words: a word is prose when it is letters only (maybe ending in ':') and is
// followed by a space and more text.
// Both patterns are anchored, so each step looks at one word: linear in the sentence.
std::string drop_prose(const std::string& sentence) {
  static const Regex word(R"(^[A-Za-z]+:?\s+)");
  static const Regex operator_next(R"(^[A-Za-z_]\w*\s*(==|!=|<=|>=|<|>|=|\+|-|\*|/|%|\bin\b|\bis\b))");
  std::string_view text = sentence;
  for (;;) {
    std::optional<RegexMatch> match = word.search(text);
    if (!match || operator_next.found_in(text)) break;
    text.remove_prefix(match->length());
  }
  return std::string(text);
}

bool has_prose_run(const std::string& code) {
  // Two plain words in a row outside brackets ("to see retained") is prose, not code.
  static const Regex prose(R"([A-Za-z]{2,} [a-z]{2,} [a-z]{2,})");
  int depth = 0;
  std::string outside;
  for (char c : code) {
    if (c == '(' || c == '[' || c == '{') ++depth;
    if (depth == 0) outside += c;
    if (c == ')' || c == ']' || c == '}') --depth;
  }
  static const Regex keywords(R"(\b(for|in|if|else|not|and|or|is|lambda)\b)");
  return prose.found_in(keywords.replace_all(outside, "_"));
}

bool is_comparison(const std::string& code) {
  static const Regex comparison(R"((==|!=|<=|>=| < | > | in | is ))");
  return comparison.found_in(code);
}

bool is_predicate_call(const std::string& code) {
  static const Regex predicate(R"(^([\w.]*\.)?(all|any|isinstance|issubclass|callable|hasattr|is\w+|has\w+)\(.*\)$)");
  return predicate.matches_whole(code);
}

bool looks_like_code(const std::string& code) {
  static const Regex start(R"(^\(?[A-Za-z_][\w.]*(\(|\[|\s*==|\s*=\s|\.\w))");
  return start.found_in(code) && balanced(code) && !has_prose_run(code);
}

// "Check logs in out.log", "Inspect report.csv", "Open data/table.json with less": the first
// data file named after a verb that sends the reader to look at a file. Scripts (.py) are what
// the reader runs, not what the example writes.
std::string file_to_check(const std::string& sentence) {
  static const Regex verb(R"(^(?:Check|Inspect|Open|View|Look at|See)\b)", RegexCase::insensitive);
  // The character after the name is matched, not looked ahead at (RE2 has no lookaround): only
  // the first match is used, so consuming it changes nothing.
  static const Regex file(
      R"((?:^|[\s'"`(])((?:[\w-]+/)*[\w-]+\.(?:log|txt|csv|tsv|json|jsonl|xml|html|db|sqlite3?|out|ya?ml|ini|cfg|pdf|png|jpe?g|svg|xlsx|pkl|pickle|parquet|npy|dat|bin|gz|zip))(?:$|[\s'"`),.;:]))",
      RegexCase::insensitive);
  if (!verb.found_in(sentence)) return {};
  std::optional<RegexMatch> match = file.search(sentence);
  return match ? match->str(1) : std::string();
}

}  // namespace

std::vector<Claim> verification_claims(const std::string& text) {
  std::vector<Claim> claims;
  if (std::string file = file_to_check(trim(text)); !file.empty()) {
    Claim claim;
    claim.kind = ClaimKind::verification;
    claim.scope = ClaimScope::namespace_;
    claim.text = trim(text);
    claim.file = file;
    claim.code = "__import__('os').path.isfile(" + std::string(1, '\'') + file + "')";
    claim.expect = "True";
    claim.value = "True";
    claims.push_back(std::move(claim));
    return claims;
  }
  for (const std::string& part : segments(trim(text))) {
    std::string code = drop_prose(trim(part));
    std::string expect;
    // "EXPR (True)", "EXPR (works)", "EXPR (0 for success)".
    static const Regex stated(R"(^(.*\S)\s+\((True|False|None|works|fails|-?\d+(?:\.\d+)?)(?:\s[^)]*)?\)$)");
    static const Regex returns(R"(^(.*\S)\s+returns\s+(\S+)$)");
    if (std::optional<RegexMatch> match = stated.match_whole(code)) {
      expect = match->str(2);
      code = match->str(1);
    } else if (std::optional<RegexMatch> returned = returns.match_whole(code)) {
      code = "(" + returned->str(1) + ") == (" + returned->str(2) + ")";
      expect = "True";
    }
    if (!looks_like_code(code)) continue;
    bool assignment = code.find(" = ") != std::string::npos && !is_comparison(code);
    if (expect.empty()) {
      if (assignment || !(is_comparison(code) || is_predicate_call(code))) continue;
      expect = "True";
    }
    if (assignment && expect != "works" && expect != "fails") continue;
    Claim claim;
    claim.kind = ClaimKind::verification;
    claim.scope = ClaimScope::namespace_;
    claim.text = trim(part);
    claim.code = code;
    claim.expect = expect;
    claim.value = expect;
    claims.push_back(std::move(claim));
  }
  return claims;
}

}  // namespace snipcheck
