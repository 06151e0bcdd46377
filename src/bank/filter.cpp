#include "bank/filter.hpp"

#include <algorithm>
#include <cctype>
#include <limits>

#include "util/parse.hpp"
#include "util/text.hpp"

namespace snipcheck {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

// "not slow": true, and `term` becomes "slow"; a plain term is only trimmed.
bool negated(std::string_view& term) {
  term = trim(term);
  if (term.size() > 4 && term.substr(0, 4) == "not ") {
    term = trim(term.substr(4));
    return true;
  }
  return false;
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

bool filter_term_matches(std::string_view term_in, std::string_view id) {
  std::string term = lower(trim(term_in));
  std::string name = lower(id);
  if (all_digits(term)) {
    std::size_t digits = 0;
    while (digits < name.size() && std::isdigit(static_cast<unsigned char>(name[digits])) != 0) ++digits;
    auto wanted = parse_int(term, 0, std::numeric_limits<int>::max());
    auto number = parse_int(name.substr(0, digits), 0, std::numeric_limits<int>::max());
    return wanted && number && *wanted == *number;
  }
  if (term.find_first_of("*?") != std::string::npos) return glob_match(term, name);
  return name.find(term) != std::string::npos;
}

bool filter_selects(const std::vector<std::string>& filters, std::string_view id) {
  bool any_plain = false;
  bool plain_matched = false;
  for (const std::string& filter : filters) {
    std::string_view term = filter;
    if (negated(term)) {
      if (filter_term_matches(term, id)) return false;
      continue;
    }
    any_plain = true;
    if (!plain_matched && filter_term_matches(term, id)) plain_matched = true;
  }
  return !any_plain || plain_matched;
}

std::vector<std::string> closest_ids(const std::vector<std::string>& filters, const std::vector<std::string>& ids,
                                     std::size_t most) {
  std::vector<std::string> terms;
  for (const std::string& filter : filters) {
    std::string_view term = filter;
    if (negated(term)) continue;
    std::string wanted;
    for (char c : lower(term)) {
      if (c != '*' && c != '?') wanted += c;
    }
    if (!wanted.empty()) terms.push_back(wanted);
  }
  if (terms.empty()) return {};
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const std::string& id : ids) {
    std::string name = lower(id);
    std::size_t dash = name.find('-');
    std::string slug = dash == std::string::npos ? name : name.substr(dash + 1);
    std::size_t best = std::numeric_limits<std::size_t>::max();
    for (const std::string& term : terms) {
      best = std::min({best, edit_distance(term, name), edit_distance(term, slug)});
    }
    scored.emplace_back(best, id);
  }
  std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < scored.size() && i < most; ++i) out.push_back(scored[i].second);
  return out;
}

std::string describe_filters(const std::vector<std::string>& filters) {
  std::string out;
  for (const std::string& filter : filters) out += (out.empty() ? "" : " ") + std::string("-k '") + filter + "'";
  return out;
}

}  // namespace snipcheck
