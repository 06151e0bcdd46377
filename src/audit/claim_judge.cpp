#include "audit/claim_judge.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string_view>
#include <tuple>

#include "compare/claim_match.hpp"
#include "compare/compare.hpp"
#include "util/parse.hpp"
#include "util/regex.hpp"
#include "util/text.hpp"

namespace snipcheck {

namespace {

std::string claimed_text(const Claim& claim) { return claim.label.empty() ? claim.value : claim.label + ": " + claim.value; }

std::string trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

// "3, 2" as print(q, r) writes it: "3 2".
std::string with_spaces(const std::string& text) {
  std::string spaced;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, ", ") == 0) {
      spaced += ' ';
      ++i;
    } else {
      spaced += text[i];
    }
  }
  return spaced;
}

bool is_iterator_repr(const std::string& output) {
  static const Regex iterator(
      R"(<(generator|map|filter|zip|enumerate|reversed|itertools\.\w+|[\w.]*_?iterator|[\w.]*iterator) object( [\w.]+)? at 0x)");
  return iterator.found_in(output);
}

bool is_expression_statement(const std::string& line) {
  std::string code = trim(line);
  static const Regex keyword(R"(^((import|from|def|class|if|for|while|with|return|raise|assert|del|pass|global|try|async)\b|print\())");
  if (code.empty() || keyword.found_in(code)) return false;
  int depth = 0;
  for (std::size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (c == '(' || c == '[' || c == '{') ++depth;
    if (c == ')' || c == ']' || c == '}') --depth;
    if (depth == 0 && c == '=' && (i + 1 >= code.size() || code[i + 1] != '=') &&
        (i == 0 || std::string_view("=!<>").find(code[i - 1]) == std::string_view::npos)) {
      return false;
    }
  }
  return true;
}

// A claim that names the exception the statement raised: "KeyError", "KeyError: 'k'",
// "ZeroDivisionError: division by zero" (on a print() line the classifier cannot tell that from
// printed text; what ran can). A message, when the claim gives one, must be the exception's.
bool names_error(const std::string& claimed, const PythonError& error) {
  static const Regex named(R"(^(?:(?:raises?|throws?)\s+)?([A-Za-z_][\w.]*)\s*(?::\s*(.*))?$)");
  const std::string text = trim(claimed);  // the match's groups point into it
  std::optional<RegexMatch> found = named.match_whole(text);
  if (!found) return false;
  std::string type = found->str(1);
  if (type != error.type && !type.ends_with("." + error.type) && !error.type.ends_with("." + type)) return false;
  std::string message = trim(found->str(2));
  return message.empty() || message == trim(error.message);
}

constexpr std::string_view k_traceback_header = "Traceback (most recent call last):";

struct Candidate {
  std::string where;
  std::string output;
};

// How the claim relates to one output; nullopt when it does not match.
// The longest example value whose shape is matched (a shape is a pattern as long as the value).
constexpr std::size_t k_max_shape = 64 * 1024;

// How the claim relates to one output; nullopt when it does not match.
// Object ids (id(x), hash of an object) and the long numbers that stand for them: "140230..." and
// 139876543210 are both some id.
std::string without_ids(const std::string& text) {
  static const Regex id(R"(-?\d{6,}(?:\.\.\.|…)?)");
  return id.replace_all(text, "<id>");
}

bool prints_ids(const std::string& line) {
  // hash() of a str or bytes is salted per run (PYTHONHASHSEED), as an id changes.
  static const Regex call(R"((^|[^\w.])(id|hash)\()");
  return call.found_in(line);
}

// An approximate claim read at its own precision: "~3" holds for 3.33 (3.33 rounds to 3), "about
// 300" for 342, "≈ 0.0001" for 0.00014; "~3.0" asks for one decimal. Both must be one number.
bool rounds_to_claim(const std::string& claimed, const std::string& output) {
  std::string value = trim(claimed);
  Parsed<double> claim = parse_number(value);
  Parsed<double> printed = parse_number(trim(output));
  if (!claim || !printed || value.find_first_of("eE") != std::string::npos) return false;
  double step = 1;
  if (std::size_t point = value.find('.'); point != std::string::npos) {
    for (std::size_t i = point + 1; i < value.size() && std::isdigit(static_cast<unsigned char>(value[i])); ++i) step /= 10;
  } else if (*claim != 0) {
    for (std::size_t i = value.size(); i-- > 1 && value[i] == '0';) step *= 10;
  }
  return std::abs(std::round(*printed / step) * step - *claim) <= step * 1e-6;
}

// A line of an output block that stands for the lines it leaves out.
bool is_elision(const std::string& line) {
  std::string text = trim(line);
  return text == "..." || text == "…";
}

std::optional<std::pair<ClaimVerdict, std::string>> match(const Claim& claim, const std::string& raw_output,
                                                          bool ids = false);

// A block of several lines held to the output line by line, each as a one-line claim (a set in
// another order, a label...), a "..." line standing for any run of lines (doctest's ELLIPSIS):
// the block's verdict is its worst line's. nullopt when some line does not match.
std::optional<std::pair<ClaimVerdict, std::string>> match_lines(const Claim& claim, const std::string& output,
                                                                bool ids) {
  std::vector<std::string> said = split_lines(normalize_claim_text(claim.value));
  std::vector<std::string> printed = split_lines(normalize_claim_text(output));
  constexpr std::size_t k_max_pairs = 100000;  // lines compared, at most: a block is a page, not a log
  if (said.size() < 2 || said.size() * std::max<std::size_t>(printed.size(), 1) > k_max_pairs) return std::nullopt;
  bool elided = false;
  std::size_t kept = 0;
  for (const std::string& line : said) {
    elided = elided || is_elision(line);
    kept += is_elision(line) ? 0 : 1;
  }
  if (kept == 0) return std::nullopt;
  auto line_match = [&](std::size_t i, std::size_t j) {
    Claim one = claim;
    one.label.clear();
    one.value = said[i];
    return match(one, printed[j], ids);
  };
  // Wildcard matching over lines, the last "..." backtracked: linear for blocks without one.
  std::size_t i = 0, j = 0, star = said.size(), resume = 0;
  std::pair<ClaimVerdict, std::string> worst{ClaimVerdict::correct, ""};
  std::vector<std::pair<ClaimVerdict, std::string>> found(said.size(), worst);
  while (j < printed.size()) {
    if (i < said.size() && is_elision(said[i])) {
      star = i++;
      resume = j;
      continue;
    }
    if (i < said.size()) {
      if (auto one = line_match(i, j)) {
        found[i] = *one;
        ++i;
        ++j;
        continue;
      }
    }
    if (star == said.size()) return std::nullopt;
    i = star + 1;
    j = ++resume;
  }
  while (i < said.size() && is_elision(said[i])) ++i;
  if (i < said.size()) return std::nullopt;
  for (std::size_t k = 0; k < said.size(); ++k) {
    if (is_elision(said[k]) || found[k].first == ClaimVerdict::correct) continue;
    if (worst.first == ClaimVerdict::correct || found[k].first == ClaimVerdict::nondeterministic) {
      worst = {found[k].first, "line " + std::to_string(k + 1) + " of the block: " + found[k].second};
    }
  }
  if (elided && worst.first == ClaimVerdict::correct) worst.second = "a \"...\" line stands for the lines it leaves out";
  return worst;
}

std::optional<std::pair<ClaimVerdict, std::string>> match(const Claim& claim, const std::string& raw_output,
                                                          bool ids) {
  // An example value is searched for anywhere in the output; every other kind must be about as
  // long as the output to match it (claim_match.hpp says why), so a longer output is not looked at.
  if (claim.kind != ClaimKind::example && !comparable_size(claimed_text(claim), raw_output)) return std::nullopt;
  std::string output = normalize_claim_text(raw_output);
  std::string full = normalize_claim_text(claimed_text(claim));
  std::string value = normalize_claim_text(claim.value);
  if (claim.kind == ClaimKind::example) {
    if (value.size() > k_max_shape) return std::nullopt;
    // Shape: every digit run a number, letters a word; the output must hold that shape.
    std::string pattern;
    for (std::size_t i = 0; i < value.size();) {
      if (std::isdigit(static_cast<unsigned char>(value[i]))) {
        while (i < value.size() && std::isdigit(static_cast<unsigned char>(value[i]))) ++i;
        pattern += R"(\d+)";
      } else if (std::isalpha(static_cast<unsigned char>(value[i]))) {
        while (i < value.size() && std::isalpha(static_cast<unsigned char>(value[i]))) ++i;
        pattern += R"([A-Za-z]+)";
      } else {
        pattern += Regex::quote(std::string_view(value).substr(i, 1));
        ++i;
      }
    }
    std::optional<Regex> shape = pattern.empty() ? std::nullopt : Regex::compile(pattern);
    if (shape && shape->found_in(output)) {
      return std::pair{ClaimVerdict::correct, "example value: the output has its shape"};
    }
    return std::nullopt;
  }
  if (claim.kind == ClaimKind::approximate) {
    if (same_numbers(value, output, 0.05)) return std::pair{ClaimVerdict::correct, "within the numeric tolerance"};
    if (rounds_to_claim(value, output)) return std::pair{ClaimVerdict::correct, "rounded to the claim's precision"};
    return std::nullopt;
  }
  if (full == output) return std::pair{ClaimVerdict::correct, ""};
  if (!claim.label.empty() && value == output) {
    return std::pair{ClaimVerdict::format, "a label (\"" + claim.label + ":\") in front of the printed value"};
  }
  std::string joined = joined_lines(output);
  if (output.find('\n') != std::string::npos && (joined == full || joined == value)) {
    return std::pair{ClaimVerdict::format, "several printed lines joined by commas in one comment"};
  }
  for (const std::string& text : {full, value}) {
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"' && text.find('"', 1) == text.size() - 1 &&
        text.substr(1, text.size() - 2) == output && output.find('\n') == std::string::npos) {
      return std::pair{ClaimVerdict::format, "the printed text in double quotes (print() shows none)"};
    }
    if (output.find('\n') == std::string::npos && text.find(", ") != std::string::npos &&
        text.find_first_of("[({") == std::string::npos && with_spaces(text) == output) {
      return std::pair{ClaimVerdict::format, "the printed values, separated by commas where print() puts spaces"};
    }
    if (with_single_quotes(text) == output && text != output) {
      return std::pair{ClaimVerdict::format, "strings quoted with \" where Python's repr uses '"};
    }
    NumberMatch numbers = text != output ? number_match(text, output, 0.0) : NumberMatch::different;
    if (numbers == NumberMatch::same) {
      return std::pair{ClaimVerdict::format, "the same numbers written differently (" + output + ")"};
    }
    if (numbers == NumberMatch::thousands) {
      return std::pair{ClaimVerdict::format, "the same number, its digits grouped by thousands (" + output + ")"};
    }
    if (ids && without_ids(text) == without_ids(output) && without_ids(text) != text) {
      return std::pair{ClaimVerdict::nondeterministic, "an object id: it changes every run, never grounds for wrong"};
    }
    if (compare_unordered(text, output) == Order::set_order) {
      return std::pair{ClaimVerdict::format, "the same set in another order (sets have no order)"};
    }
  }
  if (claim.label.empty() && value.find('\n') != std::string::npos) return match_lines(claim, raw_output, ids);
  // "[0, 1, 2, ..., 9]": the claim leaves part of a printed line out, as doctest's ELLIPSIS does.
  for (const std::string& text : {full, value}) {
    if (text != "..." && text.find("...") != std::string::npos && output.find('\n') == std::string::npos &&
        ellipsis_match(text, output)) {
      return std::pair{ClaimVerdict::format, "the claim elides part of the printed line with ..."};
    }
  }
  return std::nullopt;
}

// What the example printed and, when an exception ended it, that exception's last traceback line.
std::string with_error_line(const Evidence& evidence) {
  if (!evidence.error) return evidence.whole_output;
  return evidence.whole_output + evidence.error->type + ": " + evidence.error->message + "\n";
}

std::vector<Candidate> candidates(const Claim& claim, const Evidence& evidence) {
  std::vector<Candidate> list;
  std::string where = (evidence.transcript ? "prompt line " : "statement line ") + std::to_string(evidence.statement_line);
  if (claim.scope == ClaimScope::whole || evidence.in_definition) {
    list.push_back({"the example's output", evidence.whole_output});
    if (claim.scope == ClaimScope::whole && evidence.error && !evidence.transcript) {
      // A block under an example that raised shows the traceback's last line after the output.
      list.push_back({"the example's output and the exception that ended it", with_error_line(evidence)});
    }
    // A def body's print runs inside a later statement: any run of lines of the output may be it.
    // Runs too long to match the claim (claim_match.hpp) are not built: the work per claim stays
    // linear in the output, whatever its lines hold.
    const std::string claimed = claimed_text(claim);
    std::vector<std::string> lines = split_lines(evidence.whole_output);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      std::string run;
      for (std::size_t j = i; j < lines.size() && j < i + 8; ++j) {
        run += lines[j] + "\n";
        if (claim.kind != ClaimKind::example && !comparable_size(claimed, run)) break;
        list.push_back({"part of the example's output", run});
      }
    }
    return list;
  }
  if (!evidence.compound) {
    list.push_back({where, evidence.output});
    return list;
  }
  list.push_back({"the enclosing " + where, evidence.output});
  for (const std::string& line : split_lines(evidence.output)) {
    list.push_back({"its own line, inside the enclosing " + where, line});
  }
  return list;
}

std::string shown(const std::string& output) {
  std::string text = trim(output);
  if (text.empty()) return "nothing";
  if (text.find('\n') != std::string::npos) return joined_lines(text);
  return text;
}

// One number written with a decimal point or an exponent: "0.3", "1e-05", "-2.50".
bool is_decimal(const std::string& text) {
  std::string value = trim(text);
  return parse_number(value) && value.find_first_of(".eE") != std::string::npos;
}

// The first line where a block and the output differ, each "" past its end: what a hint about
// a block speaks of (the block's other lines may hold).
std::pair<std::string, std::string> first_difference(const std::string& said, const std::string& printed) {
  std::vector<std::string> a = split_lines(said), b = split_lines(printed);
  std::size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  return {i < a.size() ? a[i] : std::string(), i < b.size() ? b[i] : std::string()};
}

// Why numbers that read alike are not the claimed ones.
std::string number_hint(const std::string& claimed, const std::string& out, const std::string& line) {
  switch (number_match(claimed, out, 0.0)) {
    case NumberMatch::int_for_float:
      if (Regex(R"([^/]/[^/=])").found_in(line + " ")) return "an int claimed for a float: true division (/) returns a float";
      return "an int claimed for a float: it prints " + shown(out);
    case NumberMatch::float_for_int: return "a float claimed for an int: it prints " + shown(out);
    case NumberMatch::other_value:
      // Only of two decimal numbers, the claim the printed value cut short or rounded (0.3 for
      // 0.30000000000000004): 11 for 12, or 0.33 for 0.67, is just another number.
      if (!is_decimal(claimed) || !is_decimal(out) || !(rounds_to_claim(claimed, out) || out.starts_with(claimed))) break;
      return "another number: a float prints every digit its value needs (" + shown(out) +
             "); round() or a format such as f\"{x:.2f}\" shows fewer";
    case NumberMatch::same:
    case NumberMatch::thousands:
    case NumberMatch::different: break;
  }
  return {};
}

void add_hint(ClaimResult& result, const Claim& claim, const Evidence& evidence, const std::string& line) {
  const std::string& out = claim.scope == ClaimScope::whole ? evidence.whole_output : evidence.output;
  std::string claimed = normalize_claim_text(claimed_text(claim));
  const std::optional<ProbeResult>& probe = evidence.probe_result;
  bool probed = probe && probe->ok;
  switch (evidence.probe.intent) {
    case ProbeIntent::items:
      if (probed && same_output(claimed, probe->str)) {
        result.hint = "prints the iterator object, not its items; " + evidence.probe.subject + " gives the claimed " +
                      probe->str + " (checked)";
      } else {
        result.hint = "prints the iterator object, not its items" +
                      (probed ? "; " + evidence.probe.subject + " gives " + probe->str : std::string());
      }
      return;
    case ProbeIntent::awaited:
      result.hint = "a coroutine object that is never awaited" +
                    (probed ? "; awaited it gives " + probe->str + " (checked)" : std::string());
      return;
    case ProbeIntent::value:
      if (evidence.transcript) break;  // its values were echoed: nothing to tell of a script
      if (probed && (same_output(claimed, probe->str) || same_output(normalize_claim_text(claim.value), probe->str))) {
        result.hint = "the value is " + probe->str + " (checked), but a script does not echo values: print() it";
        // The guess was whether the comment states a value: it states this one, which nothing prints.
        if (result.verdict == ClaimVerdict::unsure) {
          result.verdict = ClaimVerdict::wrong;
          result.confidence = 1.0;
        }
      } else if (probed) {
        result.hint = "prints nothing; its value is " + probe->str + " (a script does not echo values)";
      } else {
        result.hint = "prints nothing: a script does not echo values";
      }
      return;
    case ProbeIntent::state:
      if (probed && (same_output(claimed, probe->str) || same_output(normalize_claim_text(claim.value), probe->str))) {
        result.verdict = ClaimVerdict::descriptive;
        result.hint = "describes the value of " + evidence.probe.subject + " afterwards (" + probe->str +
                      ", checked); the line prints nothing";
        return;
      }
      result.hint = "prints nothing" + (probed ? "; " + evidence.probe.subject + " is " + probe->str : std::string());
      return;
    case ProbeIntent::none:
    case ProbeIntent::raises:
    case ProbeIntent::evaluate: break;
  }
  // A block's hint speaks of its first wrong line; whether anything was printed, of the whole.
  std::string said = claimed;
  std::string printed = normalize_claim_text(out);
  std::string value = normalize_claim_text(claim.value);
  if (claim.scope == ClaimScope::whole) {
    std::tie(said, printed) = first_difference(said, printed);
    value = said;
  }
  if (is_iterator_repr(printed)) {
    result.hint = "prints the iterator object, not its items";
  } else if (printed.find("<coroutine object") != std::string::npos) {
    result.hint = "a coroutine object that is never awaited";
  } else if (trim(out).empty() && evidence.transcript) {
    // The REPL echoes every value but None (sys.displayhook).
    result.hint = is_expression_statement(line) ? "the REPL shows nothing: the value is None" : "the prompt shows nothing";
  } else if (trim(out).empty()) {
    result.hint = is_expression_statement(line) ? "prints nothing: a script does not echo values; print() it"
                                                : "the statement prints nothing";
  } else if (said == "'" + printed + "'" || said == "\"" + printed + "\"") {
    result.hint = "str() vs repr(): print() shows a str without quotes; the claim shows the quotes of its repr()";
  } else if (printed == "'" + said + "'" || printed == "\"" + said + "\"") {
    result.hint = evidence.transcript
                      ? "str() vs repr(): the REPL echoes a repr() (with its quotes); the claim shows the str()"
                      : "str() vs repr(): the code prints a repr() (with its quotes); the claim shows the str()";
  } else if (std::string numbers = number_hint(said, printed, line); !numbers.empty()) {
    result.hint = numbers;
  } else if (std::string bare = number_hint(value, printed, line); !bare.empty()) {
    result.hint = bare;
  } else if (compare_unordered(said, printed) == Order::dict_order) {
    result.hint = "same items in another order: dicts keep insertion order";
  }
}

}  // namespace

std::string to_string(ClaimVerdict verdict) {
  switch (verdict) {
    case ClaimVerdict::correct: return "correct";
    case ClaimVerdict::format: return "format";
    case ClaimVerdict::wrong: return "wrong";
    case ClaimVerdict::descriptive: return "descriptive";
    case ClaimVerdict::unverifiable: return "unverifiable";
    case ClaimVerdict::nondeterministic: return "nondeterministic";
    case ClaimVerdict::version_dependent: return "version-dependent";
    case ClaimVerdict::unsure: return "unsure";
  }
  return "wrong";
}

bool documents_error(const ClaimResult& result, const PythonError& error) {
  const Claim& claim = result.claim;
  if (result.verdict != ClaimVerdict::correct && result.verdict != ClaimVerdict::format) return false;
  if (claim.scope == ClaimScope::statement && claim.line == error.line) {
    return claim.kind == ClaimKind::error || names_error(claimed_text(claim), error);
  }
  // An output block that ends with the traceback holds only against that exception's last line;
  // an Answer block may end with the exception's own line ("UnboundLocalError: ...").
  return claim.scope == ClaimScope::whole && (claim.value.find(k_traceback_header) != std::string::npos ||
                                              claim.value.find(error.type) != std::string::npos);
}

std::string print_argument(const std::string& line) {
  std::string code = trim(line);
  if (!code.starts_with("print(") || !code.ends_with(")")) return {};
  std::string inner = code.substr(6, code.size() - 7);
  int depth = 0;
  for (char c : inner) {
    if (c == '(' || c == '[' || c == '{') ++depth;
    if (c == ')' || c == ']' || c == '}') --depth;
    if (depth < 0) return {};
    if (c == ',' && depth == 0) return {};
  }
  return inner;
}

namespace {

// The first wrong line of a multi-line output block, with the statement that printed it.
void name_block_line(ClaimResult& result, const Claim& claim, const Evidence& evidence) {
  // Compared on its values: the notes after them and the blank lines between groups set aside
  // (block_of[k]: the block line of value line k).
  std::vector<std::string> block = split_lines(normalize_claim_text(block_values(claim.value).values));
  std::vector<std::string> claimed;
  std::vector<std::size_t> block_of;
  for (std::size_t k = 0; k < block.size(); ++k) {
    if (block[k].empty()) continue;
    claimed.push_back(block[k]);
    block_of.push_back(k);
  }
  std::vector<std::string> printed =
      split_lines(normalize_claim_text(without_blank_lines(evidence.error && !evidence.transcript ? with_error_line(evidence)
                                                                                                  : evidence.whole_output)));
  if (block.size() < 2) return;
  std::size_t i = 0;
  while (i < claimed.size() && i < printed.size() && claimed[i] == printed[i]) ++i;
  if (i == claimed.size() && i == printed.size()) return;
  if (i < claimed.size() && is_elision(claimed[i])) {
    // "0", "...", "10": what the "..." leaves out is no mismatch; the lines after the last one
    // are held to the output's last lines.
    std::size_t from_end = 0;
    while (from_end < claimed.size() - i - 1 && from_end < printed.size() &&
           claimed[claimed.size() - 1 - from_end] == printed[printed.size() - 1 - from_end]) {
      ++from_end;
    }
    if (from_end + i + 1 >= claimed.size() || from_end >= printed.size()) return;
    std::size_t line = claimed.size() - 1 - from_end;
    result.block_line = static_cast<int>(block_of[line]) + 1;
    std::string where = "line " + std::to_string(block_of[line] + 1) + " of the output block claims " + claimed[line] +
                        ", the example prints there " + printed[printed.size() - 1 - from_end];
    result.hint = result.hint.empty() ? where : where + "; " + result.hint;
    return;
  }
  result.block_line = static_cast<int>(i < block_of.size() ? block_of[i] : block.size()) + 1;
  std::string said = i < claimed.size() ? claimed[i] : std::string("nothing more");
  std::string got = i < printed.size() ? printed[i] : std::string("nothing more");
  // Which statement printed output line i: count the lines each statement printed.
  std::string by;
  std::size_t seen = 0;
  for (const auto& [line, text] : evidence.statement_outputs) {
    std::size_t count = split_lines(normalize_claim_text(text)).size();
    if (normalize_claim_text(text).empty()) count = 0;
    if (i < seen + count) {
      // The material's line, as the report names every line.
      int shown_line = line >= 1 && line <= static_cast<int>(evidence.material_lines.size())
                           ? evidence.material_lines[static_cast<std::size_t>(line - 1)]
                           : line;
      by = " (printed by the statement at line " + std::to_string(shown_line) + ")";
      break;
    }
    seen += count;
  }
  std::string where = "line " + std::to_string(i + 1) + " of the output block claims " + said + ", the example prints " +
                      got + by;
  result.hint = result.hint.empty() ? where : where + "; " + result.hint;
}

ClaimResult judge_first(const Claim& claim, const Evidence& evidence);
ClaimResult judge_ended_block(const Claim& claim, const Evidence& evidence);
std::pair<Claim, Evidence> ended_view(const Claim& claim, const Evidence& evidence);
bool ends_with_traceback(const Claim& claim, const Evidence& evidence);


// The outputs a comment lists as possible: "True or False", "1 / 2 / 3" (Claim::alternatives),
// and simple items joined by commas ("True, False"), which may be that too when the line prints
// one of them; `listed` is false for the comma form, which may also be printed lines joined.
std::vector<std::string> possible_outputs(const Claim& claim, bool& listed) {
  listed = !claim.alternatives.empty();
  if (listed) return claim.alternatives;
  static const Regex simple(R"(^[\w.+-]+(?:\s*,\s*[\w.+-]+)+$)");
  if (!claim.label.empty() || !simple.matches_whole(claim.value)) return {};
  std::vector<std::string> items;
  for (std::size_t begin = 0; begin <= claim.value.size();) {
    std::size_t comma = claim.value.find(',', begin);
    items.push_back(trim(std::string_view(claim.value).substr(begin, comma == std::string::npos ? std::string::npos : comma - begin)));
    if (comma == std::string::npos) break;
    begin = comma + 1;
  }
  return items;
}

// A wrong claim that lists possibilities: a careful editor does not call it wrong. The line
// prints one of them: descriptive ("True or False" for a check that gives one) or, for the comma
// form, unsure; it prints none of them: unsure. False when the claim lists nothing.
bool judge_alternatives(ClaimResult& result, const Claim& claim) {
  bool listed = false;
  std::vector<std::string> items = possible_outputs(claim, listed);
  if (items.size() < 2 || result.actual.find('\n') != std::string::npos) return false;
  std::string printed = normalize_claim_text(result.actual);
  bool one_of = std::any_of(items.begin(), items.end(), [&](const std::string& item) {
    std::string text = normalize_claim_text(item);
    return text == printed || with_single_quotes(text) == printed || number_match(text, printed, 0.0) == NumberMatch::same;
  });
  std::string what = "the comment lists possible outputs (" + claim.value + ")";
  if (one_of && listed) {
    result.verdict = ClaimVerdict::descriptive;
    result.hint = what + "; it prints " + shown(result.actual) + ", one of them";
    return true;
  }
  if (!one_of && !listed) return false;  // "1, 2" for 3: two values claimed, neither printed
  result.verdict = ClaimVerdict::unsure;
  result.confidence = 0.5;
  result.hint = one_of ? "the comment may list possible outputs (" + claim.value + ") or printed lines; it prints " +
                             shown(result.actual) + ", one of them"
                       : what + "; it prints " + shown(result.actual) + ", none of them";
  return true;
}


// At least half of the claim's words are words of the printed line: it is that line, written
// as the material remembers it.
bool shares_most_words(const std::string& claimed, const std::string& printed) {
  std::vector<std::string> said = long_words(claimed);
  std::vector<std::string> seen = long_words(printed);
  std::size_t shared = 0;
  for (const std::string& word : said) shared += std::find(seen.begin(), seen.end(), word) != seen.end() ? 1 : 0;
  return !said.empty() && shared * 2 >= said.size();
}

// The k-th printed line of a statement's output (empty past its end).
std::string output_line_of(const std::string& output, int k) {
  std::vector<std::string> printed = split_lines(trim(output));
  if (trim(output).empty()) printed.clear();
  return k >= 1 && k <= static_cast<int>(printed.size()) ? printed[static_cast<std::size_t>(k - 1)] : std::string();
}

// One line of a comment run under a statement (Claim::output_line), held to that line of what
// the statement printed. That the run is output is a guess below 1 unless its shape says so; the
// statement printing as many lines as the run holds settles it.
ClaimResult judge_output_line(const Claim& claim, const Evidence& evidence) {
  Claim line = claim;
  line.output_line = 0;
  std::size_t printed = trim(evidence.output).empty() ? 0 : split_lines(trim(evidence.output)).size();
  Evidence seen = evidence;
  seen.output = output_line_of(evidence.output, claim.output_line);
  if (static_cast<int>(printed) == claim.output_lines &&
      (line.confidence >= 0.8 || shares_most_words(claim.value, seen.output))) {
    line.confidence = 1.0;
  }
  if (evidence.second_output) seen.second_output = output_line_of(*evidence.second_output, claim.output_line);
  seen.compound = false;
  ClaimResult result = judge_claim(line, seen);
  result.claim = claim;
  // The run's last line, where the statement printed more: the lines left out are a wrong claim too.
  bool matched = result.verdict == ClaimVerdict::correct || result.verdict == ClaimVerdict::format;
  if (matched && claim.output_line == claim.output_lines && static_cast<int>(printed) > claim.output_lines) {
    result.verdict = line.confidence < 1.0 ? ClaimVerdict::unsure : ClaimVerdict::wrong;
    result.confidence = line.confidence;
    // What this line and the lines after it printed: --fix writes them under the run's last line.
    std::vector<std::string> rest = split_lines(trim(evidence.output));
    result.actual.clear();
    for (std::size_t k = static_cast<std::size_t>(claim.output_line) - 1; k < rest.size(); ++k) {
      result.actual += (result.actual.empty() ? "" : "\n") + rest[k];
    }
    result.hint = "the statement prints " + std::to_string(printed) + " lines; the comment lines under it show " +
                  std::to_string(claim.output_lines) + ", not " + shown(output_line_of(evidence.output, claim.output_lines + 1));
    return result;
  }
  bool wrong = result.verdict == ClaimVerdict::wrong || result.verdict == ClaimVerdict::unsure;
  if (wrong && printed > 0 && claim.output_line > static_cast<int>(printed)) {
    result.hint = "the statement prints " + std::to_string(printed) + (printed == 1 ? " line" : " lines") +
                  "; this is line " + std::to_string(claim.output_line) + " of the comment lines under it";
  } else if (wrong && printed > 1) {
    result.hint = "line " + std::to_string(claim.output_line) + " of what the statement prints" +
                  (result.hint.empty() ? std::string() : "; " + result.hint);
  }
  return result;
}

}  // namespace

ClaimResult judge_claim(const Claim& claim, const Evidence& evidence) {
  if (claim.output_line > 0) return judge_output_line(claim, evidence);
  ClaimResult result;
  if (!evidence.transcript) {
    result = judge_first(claim, evidence);
  } else {
    // What a prompt showed, held to the claim as doctest holds it: a traceback by its last line.
    Claim collapsed = claim;
    collapsed.value = collapse_tracebacks(claim.value);
    Evidence seen = evidence;
    seen.output = collapse_tracebacks(evidence.output);
    seen.whole_output = collapse_tracebacks(evidence.whole_output);
    if (seen.second_output) seen.second_output = collapse_tracebacks(*seen.second_output);
    result = judge_first(collapsed, seen);
    result.claim = claim;
  }
  if (result.verdict != ClaimVerdict::wrong) return result;
  if (ends_with_traceback(claim, evidence)) {
    auto [collapsed, seen] = ended_view(claim, evidence);
    name_block_line(result, collapsed, seen);
    // The block's own line: a traceback's last line is the last of the lines it stands for.
    std::size_t line = 0, unit = 0;
    for (const OutputUnit& piece : output_units(claim.value)) {
      line += split_lines(piece.text).size();
      if (++unit == static_cast<std::size_t>(result.block_line)) {
        result.block_line = static_cast<int>(line);
        break;
      }
    }
  } else if (claim.scope == ClaimScope::whole) {
    name_block_line(result, claim, evidence);
  }
  if (std::string stated = stated_python(claim); !stated.empty() && !covers_this_python(stated)) {
    result.verdict = ClaimVerdict::version_dependent;
    result.hint = "stated for Python " + stated + "; Python 3.11 prints " + shown(result.actual) +
                  (result.hint.empty() ? std::string() : " (" + result.hint + ")");
    return result;
  }
  if (judge_alternatives(result, claim)) return result;
  if (claim.confidence < 1.0) {
    // That the comment is a claim at all is a guess: listed, never a wrong flag.
    result.verdict = ClaimVerdict::unsure;
    result.confidence = claim.confidence;
  }
  return result;
}

namespace {

// An output block whose lines carry notes ("False   ← two lists") or stand in groups spaced
// apart is judged on its values alone: a note is prose, a blank line between groups is layout,
// and a line whose note says its value may vary is no grounds for wrong. nullopt: the values do
// not hold (the caller judges the block wrong), or the block has neither notes nor groups.
std::optional<ClaimResult> judge_block_values(const Claim& claim, const Evidence& evidence) {
  BlockValues block = block_values(claim.value);
  bool spaced = without_blank_lines(block.values) != block.values;
  if (!block.changed && !spaced) return std::nullopt;
  std::vector<std::string> claimed, printed;
  std::vector<bool> hedged;
  std::vector<std::string> lines = split_lines(block.values);
  for (std::size_t k = 0; k < lines.size(); ++k) {
    std::string value = normalize_claim_text(lines[k]);
    if (value.empty()) continue;
    claimed.push_back(value);
    hedged.push_back(k < block.hedged.size() && block.hedged[k]);
  }
  const std::string output = evidence.error && !evidence.transcript ? with_error_line(evidence) : evidence.whole_output;
  for (const std::string& line : split_lines(normalize_claim_text(without_blank_lines(output)))) printed.push_back(line);
  ClaimResult result;
  result.claim = claim;
  result.expected = claimed_text(claim);
  result.actual = trim(output);
  result.matched = "the example's output";
  if (claimed.size() != printed.size()) return std::nullopt;
  std::vector<std::size_t> varying;
  for (std::size_t k = 0; k < claimed.size(); ++k) {
    if (claimed[k] == printed[k]) continue;
    if (!hedged[k]) return std::nullopt;
    varying.push_back(k);
  }
  if (!varying.empty()) {
    result.verdict = ClaimVerdict::nondeterministic;
    result.hint = "the block says its line " + std::to_string(varying.front() + 1) + " may vary; Python 3.11 prints " +
                  printed[varying.front()];
    return result;
  }
  result.verdict = ClaimVerdict::format;
  result.hint = block.changed ? "the same values; the words after them in the block are notes, not output"
                              : "the same lines; the block's blank lines only space its groups apart";
  return result;
}

// An output block that ends with a traceback, after an example that raised: the block with its
// traceback collapsed to its last line, and what the example printed followed by that line.
std::pair<Claim, Evidence> ended_view(const Claim& claim, const Evidence& evidence) {
  const PythonError& error = *evidence.error;
  Claim collapsed = claim;
  collapsed.value = collapse_tracebacks(claim.value);
  Evidence seen = evidence;
  seen.error.reset();
  seen.ran = true;
  if (!seen.whole_output.empty() && seen.whole_output.back() != '\n') seen.whole_output += '\n';
  seen.whole_output += (error.message.empty() ? error.type : error.type + ": " + error.message) + "\n";
  return {collapsed, seen};
}

bool ends_with_traceback(const Claim& claim, const Evidence& evidence) {
  return claim.scope == ClaimScope::whole && evidence.error && !evidence.transcript &&
         claim.value.find(k_traceback_header) != std::string::npos;
}

// An output block after an example that raised before its end. A block that ends with the
// traceback is held, doctest-style, to what the example printed and then the exception's last
// line (the file names and line numbers of its frames are not compared); without one, the block
// shows less than the example did and is not judged.
ClaimResult judge_ended_block(const Claim& claim, const Evidence& evidence) {
  const PythonError& error = *evidence.error;
  const std::string raised = error.message.empty() ? error.type : error.type + ": " + error.message;
  // An Answer block may end with the exception's own line ("KeyError: 'ink'"), no traceback.
  std::vector<std::string> block_lines = split_lines(trim(claim.value));
  const bool names_it = !block_lines.empty() && (trim(block_lines.back()) == error.type ||
                                                 trim(block_lines.back()).starts_with(error.type + ":"));
  if (claim.value.find(k_traceback_header) == std::string::npos && !names_it) {
    ClaimResult result;
    result.claim = claim;
    result.expected = claimed_text(claim);
    result.actual = trim(evidence.whole_output);
    result.verdict = ClaimVerdict::unverifiable;
    result.hint = "the example raised " + raised + " at line " + std::to_string(error.line) +
                  ", which the block does not show: not judged";
    return result;
  }
  auto [collapsed, seen] = ended_view(claim, evidence);
  ClaimResult result = judge_first(collapsed, seen);
  result.claim = claim;
  result.expected = claimed_text(claim);
  if (result.verdict == ClaimVerdict::correct || result.verdict == ClaimVerdict::format) {
    result.matched = "the example's output, then its traceback by its last line";
  } else if (result.verdict == ClaimVerdict::wrong && result.hint.find("raised") == std::string::npos) {
    const std::string said = "the example raised " + raised;
    result.hint = result.hint.empty() ? said : said + "; " + result.hint;
  }
  return result;
}

ClaimResult judge_first(const Claim& claim, const Evidence& evidence) {
  ClaimResult result;
  result.claim = claim;
  result.confidence = claim.confidence;
  result.expected = claim.kind == ClaimKind::verification ? claim.expect : claimed_text(claim);
  if (claim.kind == ClaimKind::descriptive) {
    result.verdict = ClaimVerdict::descriptive;
    result.actual = trim(evidence.output);
    return result;
  }
  if (evidence.example_unverifiable) {
    result.verdict = ClaimVerdict::unverifiable;
    result.hint = evidence.unverifiable_reason;
    return result;
  }
  if (claim.scope == ClaimScope::namespace_) {
    const std::optional<ProbeResult>& probe = evidence.probe_result;
    if (!probe) {
      result.verdict = ClaimVerdict::unverifiable;
      result.hint = evidence.unverifiable_reason.empty() ? "not evaluated: the example did not run to its end"
                                                         : evidence.unverifiable_reason;
      return result;
    }
    result.matched = evidence.probe.request.line > 0
                         ? "evaluated where line " + std::to_string(evidence.probe.request.line) + " stands, as the example ran"
                         : "evaluated after the example ran";
    result.actual = probe->ok ? (claim.kind == ClaimKind::error ? "no error" : probe->str) : probe->error;
    if (claim.kind == ClaimKind::error || claim.expect == "fails") {
      result.verdict = probe->ok ? ClaimVerdict::wrong : ClaimVerdict::correct;
      if (probe->ok) result.hint = "it runs without an error";
      return result;
    }
    if (claim.expect == "works") {
      result.verdict = probe->ok ? ClaimVerdict::correct : ClaimVerdict::wrong;
      return result;
    }
    if (!probe->ok) {
      result.verdict = ClaimVerdict::unverifiable;
      result.hint = "cannot be evaluated in the example's namespace: " + probe->error;
      return result;
    }
    result.verdict = probe->str == claim.expect || probe->repr == claim.expect ? ClaimVerdict::correct : ClaimVerdict::wrong;
    if (!claim.file.empty()) {
      result.expected = claim.file + " written";
      result.actual = result.verdict == ClaimVerdict::correct ? claim.file + " written" : "no " + claim.file;
      if (result.verdict == ClaimVerdict::wrong) {
        result.hint = "the example leaves no file " + claim.file + " in its working directory";
        if (!trim(evidence.stderr_text).empty()) result.hint += "; what it logged went to stderr: " + shown(trim(evidence.stderr_text));
      }
    }
    return result;
  }
  if (claim.scope == ClaimScope::whole && evidence.error && evidence.unverifiable_reason.empty() && !evidence.transcript) {
    return judge_ended_block(claim, evidence);
  }
  if (!evidence.ran && !evidence.error) {
    result.verdict = ClaimVerdict::unverifiable;
    result.hint = evidence.unverifiable_reason.empty() ? "not reached: the example stopped earlier" : evidence.unverifiable_reason;
    return result;
  }
  if (claim.kind == ClaimKind::error) {
    result.actual = evidence.error ? evidence.error->type + ": " + evidence.error->message : "no error";
    result.verdict = evidence.error ? ClaimVerdict::correct : ClaimVerdict::wrong;
    if (claim.scope == ClaimScope::whole && evidence.error && claim.value.find(evidence.error->type) == std::string::npos) {
      result.verdict = ClaimVerdict::wrong;  // the example raised, but another exception
    }
    if (evidence.error || evidence.caught.empty()) return result;
    // The line sits in a try that catches errors: it may raise there without the statement raising.
    const std::optional<ProbeResult>& probe = evidence.probe_result;
    if (evidence.probe.intent == ProbeIntent::raises && probe && !probe->ok) {
      result.verdict = ClaimVerdict::correct;
      result.actual = probe->error;
      result.matched = "the line raises it inside the try that catches it (checked by running the line again after the try)";
      return result;
    }
    result.verdict = ClaimVerdict::unsure;
    result.confidence = 0.5;
    result.hint = "the line is inside a try that catches errors; whether it raised there was not seen" +
                  std::string(probe && probe->ok ? " (run again after the try, it does not raise)" : "");
    return result;
  }
  if (!evidence.unverifiable_reason.empty() && !evidence.ran) {
    result.verdict = ClaimVerdict::unverifiable;
    result.hint = evidence.unverifiable_reason;
    return result;
  }
  if (evidence.error && !evidence.transcript && claim.scope == ClaimScope::statement &&
      names_error(claimed_text(claim), *evidence.error)) {
    // print(d["k"])  # KeyError: 'k': the argument raised before anything was printed.
    result.verdict = ClaimVerdict::correct;
    result.actual = evidence.error->type + ": " + evidence.error->message;
    result.matched = "the exception the statement raised";
    result.confidence = 1.0;
    return result;
  }
  const bool ids = prints_ids(evidence.line_code);
  for (const Candidate& candidate : candidates(claim, evidence)) {
    if (auto found = match(claim, candidate.output, ids)) {
      result.verdict = found->first;
      result.hint = found->second;
      result.matched = candidate.where;
      result.actual = trim(candidate.output);
      result.confidence = 1.0;  // it matched what ran: no longer a guess that it is a claim
      return result;
    }
  }
  if (claim.scope == ClaimScope::whole && claim.kind == ClaimKind::output) {
    if (std::optional<ClaimResult> values = judge_block_values(claim, evidence)) return *values;
  }
  result.actual = trim(claim.scope == ClaimScope::whole ? with_error_line(evidence) : evidence.output);
  result.matched.clear();
  if (claim.kind == ClaimKind::example) {
    result.verdict = ClaimVerdict::unverifiable;
    result.hint = "an example value; the output has another shape (" + shown(result.actual) + ")";
    return result;
  }
  const bool varies =
      (evidence.second_output && normalize_claim_text(*evidence.second_output) != normalize_claim_text(evidence.output)) ||
      (claim.scope == ClaimScope::whole && evidence.second_whole &&
       normalize_claim_text(*evidence.second_whole) != normalize_claim_text(evidence.whole_output));
  if (varies) {
    Evidence second = evidence;
    second.output = evidence.second_output.value_or(evidence.output);
    second.whole_output = evidence.second_whole.value_or(evidence.whole_output);
    second.second_output.reset();
    for (const Candidate& candidate : candidates(claim, second)) {
      if (match(claim, candidate.output)) {
        result.verdict = ClaimVerdict::nondeterministic;
        result.matched = candidate.where + " (second run)";
        result.hint = "the output varies between runs; the claim matches one of them";
        return result;
      }
    }
    if (same_elements(normalize_claim_text(claimed_text(claim)), normalize_claim_text(evidence.output))) {
      result.verdict = ClaimVerdict::nondeterministic;
      result.hint = "the order varies between runs (hash order); the claim holds the same items in one possible order";
      return result;
    }
    for (const Candidate& candidate : candidates(claim, evidence)) {
      if (match(claim, candidate.output, true)) {
        result.verdict = ClaimVerdict::nondeterministic;
        result.hint = "the output varies between runs in its long numbers (an id, a salted hash); the claim has their shape";
        return result;
      }
    }
    result.verdict = ClaimVerdict::wrong;
    result.varies = true;
    result.hint = "the output varies between runs, and the claim matches neither";
    return result;
  }
  result.verdict = ClaimVerdict::wrong;
  if (evidence.error) {
    result.hint = std::string(evidence.transcript           ? "the prompt raised "
                              : claim.scope == ClaimScope::whole ? "the example raised "
                                                                 : "the statement raised ") +
                  evidence.error->type +
                  ": " + evidence.error->message;
    return result;
  }
  add_hint(result, claim, evidence, evidence.line_code);
  return result;
}

}  // namespace

ProbePlan plan_probe(const Claim& claim, const std::string& line, const ClaimResult& first) {
  ProbePlan plan;
  if (claim.kind == ClaimKind::error && claim.scope == ClaimScope::statement && first.verdict == ClaimVerdict::unsure &&
      first.actual == "no error" && !trim(line).empty()) {
    plan.intent = ProbeIntent::raises;
    plan.subject = trim(line);
    plan.request = {ProbeRequest::Mode::exec, plan.subject};
    return plan;
  }
  if (claim.scope == ClaimScope::namespace_) {
    plan.intent = ProbeIntent::evaluate;
    bool exec = claim.kind == ClaimKind::error || claim.expect == "works" || claim.expect == "fails";
    plan.request = {exec ? ProbeRequest::Mode::exec : ProbeRequest::Mode::eval, claim.code};
    plan.subject = claim.code;
    return plan;
  }
  if ((first.verdict != ClaimVerdict::wrong && first.verdict != ClaimVerdict::unsure) || !first.matched.empty()) return plan;
  std::string argument = print_argument(line);
  if (is_iterator_repr(first.actual) && !argument.empty()) {
    plan.intent = ProbeIntent::items;
    plan.subject = "list(" + argument + ")";
    plan.request = {ProbeRequest::Mode::eval, plan.subject};
    return plan;
  }
  if (first.actual.find("<coroutine object") != std::string::npos && !argument.empty()) {
    plan.intent = ProbeIntent::awaited;
    plan.subject = "asyncio.run(" + argument + ")";
    plan.request = {ProbeRequest::Mode::eval, "__import__('asyncio').run(" + argument + ")"};
    return plan;
  }
  // What a transcript shows under a prompt is its echo: no state or value to probe for.
  if (!trim(first.actual).empty() || claim.echo) return plan;
  std::string code = trim(line);
  static const Regex assignment(R"(^([A-Za-z_]\w*)\s*(=|\+=|-=)[^=].*$)");
  // A mutating method called on a variable: the comment most likely gives the variable's new value.
  static const Regex method(
      R"(^([A-Za-z_]\w*)\.(append|extend|insert|remove|pop|sort|reverse|add|update|clear|discard|setdefault|appendleft|popleft|rotate)\(.*\)$)");
  std::optional<RegexMatch> found = assignment.match_whole(code);
  if (!found) found = method.match_whole(code);
  if (found) {
    plan.intent = ProbeIntent::state;
    plan.subject = found->str(1);
    plan.request = {ProbeRequest::Mode::eval, plan.subject};
    return plan;
  }
  if (is_expression_statement(code)) {
    plan.intent = ProbeIntent::value;
    plan.subject = code;
    plan.request = {ProbeRequest::Mode::eval, code};
  }
  return plan;
}

std::vector<std::string> caught_around(const std::vector<PythonLine>& lines, int line) {
  std::vector<std::string> caught;
  if (line < 1 || line > static_cast<int>(lines.size())) return caught;
  auto code_of = [&](std::size_t i) { return trim(lines[i].code); };
  static const Regex handler(R"(^except\b\s*(\(([^)]*)\)|([\w.]+))?)");
  int inner = lines[static_cast<std::size_t>(line - 1)].indent;
  for (std::size_t i = static_cast<std::size_t>(line - 1); i-- > 0;) {
    std::string code = code_of(i);
    if (code.empty() || lines[i].continuation || lines[i].indent >= inner) continue;
    inner = lines[i].indent;
    if (code.starts_with("def ") || code.starts_with("async def ") || code.starts_with("class ")) break;
    if (code != "try:") continue;
    for (std::size_t j = i + 1; j < lines.size(); ++j) {
      std::string next = code_of(j);
      if (next.empty() || lines[j].continuation || lines[j].indent > inner) continue;
      if (lines[j].indent < inner) break;
      std::optional<RegexMatch> found = handler.search(next);
      if (!found) {
        if (next.starts_with("else") || next.starts_with("finally")) continue;
        break;
      }
      std::string names = found->str(2).empty() ? found->str(3) : found->str(2);
      if (names.empty()) caught.emplace_back();
      std::size_t begin = 0;
      while (!names.empty() && begin <= names.size()) {
        std::size_t comma = names.find(',', begin);
        std::string name = trim(std::string_view(names).substr(begin, comma == std::string::npos ? std::string::npos : comma - begin));
        if (!name.empty()) caught.push_back(name);
        if (comma == std::string::npos) break;
        begin = comma + 1;
      }
    }
  }
  return caught;
}

std::string stated_python(const Claim& claim) {
  if (!claim.python.empty()) return claim.python;
  static const Regex version(
      R"((?i)(<=?|>=?)?\s*\bpython\s*(<=?|>=?)?\s*(?:version\s*)?([23](?:\.\d+)?)(?:\.\d+)?\b(\+|\s+or\s+(?:later|newer|above|higher)|\s+and\s+(?:later|newer|above|up))?)");
  for (const std::string* text : {&claim.note, &claim.text}) {
    std::optional<RegexMatch> found = version.search(*text);
    if (!found) continue;
    std::string op = found->str(1).empty() ? found->str(2) : found->str(1);
    std::string number = found->str(3);
    if (!found->str(4).empty()) return number + "+";
    return op.empty() ? number : op + " " + number;
  }
  return {};
}

bool covers_this_python(const std::string& stated) {
  constexpr int k_major = 3, k_minor = 11;
  static const Regex spec(R"(^(<=?|>=?)?\s*([23])(?:\.(\d+))?(\+)?$)");
  std::optional<RegexMatch> found = spec.match_whole(stated);
  if (!found) return true;  // nothing it could be read as: no version stated
  int major = found->str(2) == "2" ? 2 : 3;
  bool has_minor = !found->str(3).empty();
  int minor = has_minor ? static_cast<int>(parse_int(found->str(3), 0, 99).value_or(0)) : 0;
  auto compare = [&]() {  // this Python against the stated one: <0, 0, >0
    if (k_major != major) return k_major - major;
    return has_minor ? k_minor - minor : 0;
  };
  std::string op = found->str(4) == "+" ? ">=" : found->str(1);
  if (op == ">=") return compare() >= 0;
  if (op == ">") return compare() > 0;
  if (op == "<") return compare() < 0;
  if (op == "<=") return compare() <= 0;
  return compare() == 0;
}

}  // namespace snipcheck
