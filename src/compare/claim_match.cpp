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
  static const Regex address(R"(0x[0-9a-fA-F]+|0x\.\.\.|0x…)");
  std::string out;
  for (const std::string& line : split_lines(address.replace_all(text, "0x?"))) {
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

bool same_numbers(const std::string& claim, const std::string& output, double tolerance) {
  static const Regex number(R"(-?\d+\.?\d*(?:[eE][-+]?\d+)?|-?\.\d+)");
  // Numbers of any size parse (2**2000 saturates to the largest double), so none is lost.
  auto numbers = [](const std::string& text) {
    std::vector<double> values;
    for (const RegexMatch& found : number.find_all(text)) values.push_back(parse_number(found.groups[0]).value_or(0.0));
    return values;
  };
  auto skeleton = [](const std::string& text) {
    std::string out;
    for (char c : number.replace_all(text, "#")) {
      if (c != ' ' && c != '\n') out += c;
    }
    return out;
  };
  std::vector<double> a = numbers(claim), b = numbers(output);
  if (a.empty() || a.size() != b.size()) return false;
  // Approximate claims keep their numbers and may drop the brackets around them ("Approx [3.5]"
  // for "[[3.49]]"); exact formats keep everything but the way each number is written.
  if (tolerance == 0.0 && skeleton(claim) != skeleton(output)) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    double allowed = tolerance == 0.0 ? 1e-12 : std::max(tolerance * std::fabs(a[i]), tolerance);
    if (std::fabs(a[i] - b[i]) > allowed) return false;
  }
  return true;
}

}  // namespace snipcheck
