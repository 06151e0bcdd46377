// The Python version material states for what it shows: "Output (< Python 3.7):", "Output in
// Python 2:", "in Python 2 this prints", "# Python 3.8+", "# in 3.12: ...". Versions are written
// the one way the judge reads them (compare/claim_judge.hpp covers_this_python()): "3.12",
// "< 3.7", "<= 3.6", ">= 3.8", "3.8+", "2".
#include <string_view>

#include "material/material.hpp"
#include "util/regex.hpp"

namespace snipcheck {

namespace {

// The comparison words say: "before", "prior to", "pre-" (<), "up to" (<=); after the number
// "+", "or later" (>=), "and earlier" (<=).
std::string normalized(const std::string& before, const std::string& op, const std::string& major,
                       const std::string& minor, const std::string& after) {
  std::string number = major + (minor.empty() || minor == "x" || minor == "X" ? "" : "." + minor);
  std::string lower_after;
  for (char c : after) lower_after += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (lower_after.find('+') != std::string::npos) return number + "+";
  for (std::string_view word : {"later", "newer", "above", "higher", "up", "greater", "beyond"}) {
    if (lower_after.find(word) != std::string::npos) return number + "+";
  }
  if (!lower_after.empty()) return "<= " + number;  // "and earlier", "or older", "and below"
  std::string lower_before;
  for (char c : before) lower_before += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  std::string comparison = !op.empty() ? op : before;
  if (lower_before.starts_with("up")) comparison = "<=";
  else if (!lower_before.empty() && lower_before.front() != '<' && lower_before.front() != '>') comparison = "<";
  return comparison.empty() ? number : comparison + " " + number;
}

// A version after the word Python: "Python 3.8+", "< Python 3.7", "Python 2.x", "python3.12",
// "Python 3.6 and earlier", "before Python 3.7".
constexpr std::string_view k_named =
    R"((?:(<=?|>=?|before|prior to|pre-|pre|older than|earlier than|up to)\s*)?\bpython\s*(<=?|>=?)?\s*v?([23])(?:\.(\d+|x))?(?:\.\d+)*\b(\s*\+|\s+(?:or|and)\s+(?:later|newer|above|higher|up|greater|beyond|earlier|older|below|lower|before|prior))?)";

}  // namespace

std::string python_version_in(std::string_view text) {
  static const Regex named{k_named, RegexCase::insensitive};
  std::optional<RegexMatch> found = named.search(text);
  if (!found) return {};
  return normalized(found->str(1), found->str(2), found->str(3), found->str(4), found->str(5));
}

std::string output_version_of_prose(std::string_view text) {
  // The sentence that names the version also says the output is meant: "In Python 2 this
  // prints", "On Python 3.6 and earlier the output is", "Python 2 would print".
  static const Regex says_output(
      R"(\b(prints?|printed|printing|outputs?|shows?|shown|displays?|gives?|returns?|produces?|results? in|you get|you see|would print)\b)",
      RegexCase::insensitive);
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find_first_of(".!?\n", begin);
    // "3.8" is no end of a sentence: a full stop ends one only before a space or the end.
    while (end != std::string_view::npos && text[end] == '.' && end + 1 < text.size() && text[end + 1] != ' ' &&
           text[end + 1] != '\n') {
      end = text.find_first_of(".!?\n", end + 1);
    }
    std::string_view sentence = text.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin);
    std::string version = python_version_in(sentence);
    if (!version.empty() && says_output.found_in(sentence)) return version;
    if (end == std::string_view::npos) break;
    begin = end + 1;
  }
  return {};
}

std::optional<StatedVersion> comment_version(std::string_view comment) {
  // "Python 3.8+", "In Python 3.12:", "in 3.12: [1, 2]", "Python < 3.7 -> ...", "(Python 2)": a
  // preposition or the word Python before the number, then nothing, or a colon or an arrow and
  // what it shows.
  static const Regex marker(
      R"(^\s*\(?\s*(?:(in|on|for|under|with|using)\s+)?(python\s*|py\s*)?(<=?|>=?)?\s*v?([23])(?:\.(\d+|x))?(?:\.\d+)*(\s*\+|\s+(?:or|and)\s+(?:later|newer|above|higher|up|greater|earlier|older|below|lower))?(?:\s+only)?\s*\)?\s*(?:(?::|->|=>|→)\s*(.*))?$)",
      RegexCase::insensitive);
  std::optional<RegexMatch> found = marker.match_whole(comment);
  if (!found) return std::nullopt;
  bool preposition = !found->str(1).empty();
  bool named = !found->str(2).empty();
  // A bare number is a value ("# 3.12"), not a version: the word Python or "in" says it is one;
  // "in 2: ..." without the word Python is too loose to be one.
  if (!named && (!preposition || found->str(5).empty())) return std::nullopt;
  StatedVersion stated;
  stated.version = normalized("", found->str(3), found->str(4), found->str(5), found->str(6));
  std::string rest = found->str(7);
  while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t')) rest.pop_back();
  stated.rest = rest;
  return stated;
}

}  // namespace snipcheck
