#include "compare/claim_match.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>

#include "util/parse.hpp"
#include "util/regex.hpp"
#include "util/text.hpp"

namespace snipcheck {

namespace {

std::string trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

}  // namespace

// Addresses and ids never count: "<map object at 0x7f3a...>" == "<map object at 0x...>".
std::string normalize_claim_text(const std::string& text) {
  // "0x7f...", "0x…" and "0x7f3a2b1c9e50" all stand for some address; "__main__." is the module a
  // script's classes live in, which material often leaves out of a repr.
  // A short hex number (hex(255) is 0xff) is a value, not an address.
  static const Regex address(R"(0x[0-9a-fA-F]{8,}|0x[0-9a-fA-F]*(?:\.\.\.|…))");
  static const Regex object_at(R"(\bat 0x[0-9a-fA-F]+(?:\.\.\.|…)?)");
  static const Regex main_module(R"(<__main__\.)");
  // "<Node object at ...>": the address left out altogether, as doctest's ELLIPSIS writes it.
  static const Regex elided_at(R"(\bat (?:\.\.\.|…)>)");
  std::string out;
  std::string plain = address.replace_all(object_at.replace_all(elided_at.replace_all(text, "at 0x?>"), "at 0x?"), "0x?");
  // "<C instance at 0x...>" is Python 2's repr of an instance of an old-style class, the same
  // object Python 3 shows as "<C object at 0x...>": the address's repr, which never counts.
  static const Regex old_instance(R"(\binstance at 0x\?)");
  plain = old_instance.replace_all(plain, "object at 0x?");
  for (const std::string& line : split_lines(main_module.replace_all(plain, "<"))) {
    out += trim(line) + "\n";
  }
  return trim(out);
}


// Top-level pieces of "{1, 'a', (2, 3)}" between the outer braces, trimmed.
std::vector<std::string> collection_items(const std::string& text) {
  std::vector<std::string> parts;
  if (text.size() < 2) return parts;
  int depth = 0;
  char quote = 0;
  std::string current;
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    char c = text[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if (c == ')' || c == ']' || c == '}') {
      --depth;
    } else if (c == ',' && depth == 0) {
      parts.push_back(trim(current));
      current.clear();
      continue;
    }
    current += c;
  }
  if (!trim(current).empty()) parts.push_back(trim(current));
  return parts;
}


Order compare_unordered(const std::string& claim, const std::string& output) {
  if (!(claim.starts_with("{") && claim.ends_with("}") && output.starts_with("{") && output.ends_with("}"))) {
    return Order::different;
  }
  auto a = collection_items(claim), b = collection_items(output);
  bool dict = !a.empty() && a.front().find(':') != std::string::npos;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  if (a != b) return Order::different;
  return dict ? Order::dict_order : Order::set_order;
}

// The same items in a bracketed collection, in any order: "[1, 2]" and "[2, 1]".
bool same_elements(const std::string& claim, const std::string& output) {
  if (claim.size() < 2 || output.size() < 2 || claim.front() != output.front() || claim.back() != output.back()) {
    return false;
  }
  if (std::string_view("[({").find(claim.front()) == std::string_view::npos) return false;
  auto a = collection_items(claim), b = collection_items(output);
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return !a.empty() && a == b;
}


std::string joined_lines(const std::string& output) {
  std::string joined;
  for (const std::string& line : split_lines(trim(output))) {
    if (!joined.empty()) joined += ", ";
    joined += trim(line);
  }
  return joined;
}

bool comparable_size(std::string_view claim, std::string_view output) {
  return output.size() <= 4 * claim.size() + k_compared_slack;
}

bool same_output(const std::string& claim, const std::string& output) { return normalize_claim_text(claim) == normalize_claim_text(output); }

namespace {

const Regex& number_pattern() {
  static const Regex number(R"(-?\d+\.?\d*(?:[eE][-+]?\d+)?|-?\.\d+)");
  return number;
}

struct Number {
  double value = 0.0;
  bool is_float = false;  // written with a point or an exponent: 2.0, 8., 1e3
};

// Numbers of any size parse (2**2000 saturates to the largest double), so none is lost.
std::vector<Number> numbers_of(const std::string& text) {
  std::vector<Number> values;
  for (const RegexMatch& found : number_pattern().find_all(text)) {
    std::string_view written = found.groups[0];
    values.push_back({parse_number(written).value_or(0.0), written.find_first_of(".eE") != std::string_view::npos});
  }
  return values;
}

std::string skeleton(const std::string& text) {
  std::string out;
  for (char c : number_pattern().replace_all(text, "#")) {
    if (c != ' ' && c != '\n') out += c;
  }
  return out;
}

// "8,697,456" -> "8697456": digits grouped by thousands, as prose writes large numbers.
std::string without_thousands(const std::string& text) {
  static const Regex grouped(R"((^|[^\d,.])(\d{1,3}(?:,\d{3})+)($|[^\d,]))");
  std::string out;
  std::size_t done = 0;
  for (const RegexMatch& found : grouped.find_all(text)) {
    auto begin = static_cast<std::size_t>(found.groups[2].data() - text.data());
    out += text.substr(done, begin - done);
    for (char c : found.groups[2]) {
      if (c != ',') out += c;
    }
    done = begin + found.groups[2].size();
  }
  return out + text.substr(done);
}

NumberMatch compare_numbers(const std::string& claim, const std::string& output, double tolerance) {
  std::vector<Number> a = numbers_of(claim), b = numbers_of(output);
  if (a.empty() || a.size() != b.size()) return NumberMatch::different;
  // Approximate claims keep their numbers and may drop the brackets around them ("Approx [3.5]"
  // for "[[3.49]]"); exact formats keep everything but the way each number is written.
  if (tolerance == 0.0 && skeleton(claim) != skeleton(output)) return NumberMatch::different;
  NumberMatch found = NumberMatch::same;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (tolerance > 0.0) {
      if (std::fabs(a[i].value - b[i].value) > std::max(tolerance * std::fabs(a[i].value), tolerance)) {
        return NumberMatch::different;
      }
      continue;
    }
    // Exact: the same double (8. and 8.0 are; 0.3 and 0.30000000000000004 are not), and an int
    // for an int, a float for a float (2 is not what 6 / 3 prints).
    if (a[i].value != b[i].value) {
      if (found == NumberMatch::same) found = NumberMatch::other_value;
      continue;
    }
    if (a[i].is_float != b[i].is_float && found == NumberMatch::same) {
      found = a[i].is_float ? NumberMatch::float_for_int : NumberMatch::int_for_float;
    }
  }
  return found;
}

}  // namespace

NumberMatch number_match(const std::string& claim, const std::string& output, double tolerance) {
  NumberMatch found = compare_numbers(claim, output, tolerance);
  if (found != NumberMatch::different) return found;
  std::string plain = without_thousands(claim);
  if (plain == claim) return found;
  found = compare_numbers(plain, output, tolerance);
  return found == NumberMatch::same ? NumberMatch::thousands : found;
}

bool same_numbers(const std::string& claim, const std::string& output, double tolerance) {
  NumberMatch found = number_match(claim, output, tolerance);
  return found == NumberMatch::same || found == NumberMatch::thousands;
}

std::string with_single_quotes(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') {
      std::size_t end = text.find('"', i + 1);
      if (end != std::string::npos) {
        std::string inner = text.substr(i + 1, end - i - 1);
        if (inner.find('\'') == std::string::npos && inner.find('\\') == std::string::npos) {
          out += "'" + inner + "'";
          i = end;
          continue;
        }
      }
    }
    out += text[i];
  }
  return out;
}

BlockValues block_values(const std::string& block) {
  // A note starts after white space: an arrow, a comment sign after two spaces, or words in
  // brackets after two spaces (a value in brackets has no space-separated words only).
  static const Regex arrow(R"(\s+(?:←|⟵|⇐|<-{1,2})(?:\s.*)?$)");
  static const Regex comment(R"(\s{2,}#\s.*$)");
  static const Regex words(R"(\s{2,}\([A-Za-z][A-Za-z'.,-]*(?:\s+[A-Za-z0-9'.,+-]+)+\)\s*$)");
  static const Regex hedge(
      R"(\((?:may|can|might) (?:vary|differ|change)|varies|\bdepends\b|implementation[- ](?:dependent|detail|specific))",
      RegexCase::insensitive);
  BlockValues result;
  for (const std::string& line : split_lines(block)) {
    std::string value = line;
    bool hedged = false;
    for (const Regex* note : {&arrow, &comment, &words}) {
      std::optional<RegexMatch> found = note->search(value);
      if (!found) continue;
      std::string text = value.substr(found->offset);
      hedged = hedged || hedge.found_in(text);
      value.erase(found->offset);
      result.changed = true;
    }
    result.values += value + "\n";
    result.hedged.push_back(hedged);
  }
  return result;
}

std::string without_blank_lines(const std::string& text) {
  std::string kept;
  for (const std::string& line : split_lines(text)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    kept += line + "\n";
  }
  return kept;
}

}  // namespace snipcheck
