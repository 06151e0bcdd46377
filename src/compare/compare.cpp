#include "compare/compare.hpp"

#include <sstream>
#include <vector>

#include <dtl/dtl.hpp>

#include "compare/claim_match.hpp"
#include "util/regex.hpp"
#include "util/text.hpp"

namespace snipcheck {

std::string normalize_output(const std::string& text) {
  std::vector<std::string> lines = split_lines(text);
  for (std::string& line : lines) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.pop_back();
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

namespace {

bool indented(const std::string& line) { return !line.empty() && (line[0] == ' ' || line[0] == '\t'); }

std::string without_trailing_space(std::string line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
  return line;
}

}  // namespace

std::vector<OutputUnit> output_units(const std::string& text) {
  std::vector<std::string> lines = split_lines(text);
  std::vector<OutputUnit> units;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string line = without_trailing_space(lines[i]);
    const bool header = line == "Traceback (most recent call last):";
    const bool syntax = line.starts_with("  File \"") && (i == 0 || !indented(lines[i - 1]));
    std::size_t last = i + 1;
    while ((header || syntax) && last < lines.size() && indented(lines[last])) ++last;
    if ((!header && !syntax) || last >= lines.size() || lines[last].empty()) {
      units.push_back({lines[i] + "\n", lines[i] + "\n"});
      continue;
    }
    OutputUnit unit{{}, lines[last] + "\n"};
    for (std::size_t j = i; j <= last; ++j) unit.text += lines[j] + "\n";
    units.push_back(std::move(unit));
    i = last;
  }
  if (!text.empty() && text.back() != '\n' && !units.empty()) {
    units.back().text.pop_back();
    units.back().shown.pop_back();
  }
  return units;
}

std::string collapse_tracebacks(const std::string& text) {
  std::string out;
  for (const OutputUnit& unit : output_units(text)) out += unit.shown;
  return out;
}

bool ellipsis_match(const std::string& pattern, const std::string& text) {
  std::vector<std::string> pieces;
  std::size_t start = 0;
  for (std::size_t found; (found = pattern.find("...", start)) != std::string::npos; start = found + 3) {
    pieces.push_back(pattern.substr(start, found - start));
  }
  pieces.push_back(pattern.substr(start));
  if (pieces.size() == 1) return pattern == text;
  // The first piece anchors the start, the last the end; the middle ones match left to right.
  const std::string& head = pieces.front();
  const std::string& tail = pieces.back();
  if (text.size() < head.size() + tail.size()) return false;
  if (text.compare(0, head.size(), head) != 0) return false;
  if (text.compare(text.size() - tail.size(), tail.size(), tail) != 0) return false;
  std::size_t position = head.size();
  const std::size_t end = text.size() - tail.size();
  for (std::size_t i = 1; i + 1 < pieces.size(); ++i) {
    std::size_t found = text.find(pieces[i], position);
    if (found == std::string::npos || found + pieces[i].size() > end) return false;
    position = found + pieces[i].size();
  }
  return true;
}

namespace {

// The most printed lines one claim line may stand for (several lines joined by commas), as the
// audit's candidates for a claim are at most eight lines of output.
constexpr std::size_t k_claim_run = 8;
// Beyond this many lines of output, claims are held to it without their tolerances (as under
// `ellipsis`, on lines set side by side): the tolerant comparison tries every run of lines.
constexpr std::size_t k_claims_max_lines = 20000;

// "Label: value" -> "value" when the part before ": " reads as a label (a few words); else "".
std::string after_label(const std::string& claim) {
  static const Regex label(R"(^[A-Za-z][A-Za-z0-9 _'()-]{0,40}: (.+)$)");
  std::optional<RegexMatch> found = label.match_whole(claim);
  return found ? found->str(1) : std::string();
}

// A claim line as compared: its text normalized (addresses, spaces), and what it says without
// its label or its `~`.
struct ClaimLine {
  std::string full;
  std::string value;  // after a label: "Intersection: {2, 3}" -> "{2, 3}"; else empty
  bool approximate = false;
  bool elides = false;  // `...` inside the line
};

ClaimLine claim_line(const std::string& line) {
  ClaimLine claim;
  claim.full = normalize_claim_text(line);
  if (claim.full.starts_with("~")) {
    claim.approximate = true;
    claim.value = normalize_claim_text(claim.full.substr(1));
    return claim;
  }
  claim.value = after_label(claim.full);
  claim.elides = claim.full.find("...") != std::string::npos;
  return claim;
}

// One claim line against printed lines already normalized (joined by newlines), as the audit's
// match() holds a claim to a statement's output.
bool claim_holds(const ClaimLine& claim, const std::string& output) {
  if (claim.full == output) return true;
  if (!comparable_size(claim.full, output)) return false;
  if (claim.approximate) return !claim.value.empty() && same_numbers(claim.value, output, 0.05);
  const bool several = output.find('\n') != std::string::npos;
  if (several) {
    const std::string joined = joined_lines(output);
    return joined == claim.full || (!claim.value.empty() && joined == claim.value);
  }
  if (claim.elides && ellipsis_match(claim.full, output)) return true;
  if (!claim.value.empty() && claim.value == output) return true;
  for (const std::string* text : {&claim.full, &claim.value}) {
    if (text->empty()) continue;
    if (with_single_quotes(*text) == output) return true;
    if (same_numbers(*text, output, 0.0)) return true;
    if (compare_unordered(*text, output) == Order::set_order) return true;
  }
  return false;
}

std::vector<std::string> normalized_lines(const std::string& text) {
  std::vector<std::string> lines;
  for (const std::string& line : split_lines(text)) lines.push_back(normalize_claim_text(line));
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

}  // namespace

bool claims_match(const std::string& expected, const std::string& actual) {
  const std::vector<std::string> claims = normalized_lines(expected);
  const std::vector<std::string> printed = normalized_lines(actual);
  if (printed.size() > k_claims_max_lines) {
    std::string pattern, text;
    for (const std::string& line : claims) pattern += line + "\n";
    for (const std::string& line : printed) text += line + "\n";
    return ellipsis_match(pattern, text);
  }
  // reach[j]: the claims so far stand for exactly the first j printed lines.
  std::vector<char> reach(printed.size() + 1, 0);
  reach[0] = 1;
  for (const std::string& line : claims) {
    std::vector<char> next(printed.size() + 1, 0);
    if (line == "...") {
      for (std::size_t j = 0, seen = 0; j <= printed.size(); ++j) {
        seen |= static_cast<std::size_t>(reach[j]);
        next[j] = static_cast<char>(seen);
      }
    } else {
      const ClaimLine claim = claim_line(line);
      for (std::size_t j = 0; j < printed.size(); ++j) {
        if (!reach[j]) continue;
        std::string run;
        for (std::size_t k = j; k < printed.size() && k < j + k_claim_run; ++k) {
          if (k > j) run += "\n";
          run += printed[k];
          if (!next[k + 1] && claim_holds(claim, run)) next[k + 1] = 1;
        }
      }
    }
    reach = std::move(next);
  }
  return reach[printed.size()] != 0;
}

bool output_matches(const std::string& expected, const std::string& actual, CompareMode mode) {
  switch (mode) {
    case CompareMode::exact: return expected == actual;
    case CompareMode::normalize: return normalize_output(expected) == normalize_output(actual);
    case CompareMode::ellipsis: return ellipsis_match(expected, actual);
    case CompareMode::claims: return claims_match(expected, actual);
  }
  return false;
}

std::string unified_diff(const std::string& expected, const std::string& actual) {
  if (expected == actual) return {};
  std::vector<std::string> a = split_lines(expected);
  std::vector<std::string> b = split_lines(actual);
  std::ostringstream out;
  out << "--- expected\n+++ actual\n";
  if (a == b) {
    // Same lines: they differ only in the final newline.
    bool expected_ends = !expected.empty() && expected.back() == '\n';
    out << "\\ No newline at end of " << (expected_ends ? "actual" : "expected") << " output\n";
    return out.str();
  }
  dtl::Diff<std::string> diff(a, b);
  diff.onHuge();
  diff.compose();
  diff.composeUnifiedHunks();
  diff.printUnifiedFormat(out);
  return out.str();
}

}  // namespace snipcheck

namespace snipcheck {

namespace {

// A line of output and whether a newline ended it (only a text's last line may lack one).
struct OutputLine {
  std::string text;
  bool newline = true;
  bool operator==(const OutputLine& other) const { return text == other.text && newline == other.newline; }
};

std::vector<OutputLine> output_lines(const std::string& text) {
  std::vector<OutputLine> lines;
  for (std::string& line : split_lines(text)) lines.push_back({std::move(line), true});
  if (!text.empty() && text.back() != '\n') lines.back().newline = false;
  return lines;
}

constexpr std::size_t k_context_lines = 3;

// "@@ -3,4 +3,5 @@": a side's first line (1-based) and count; an empty side names the line before.
std::string hunk_range(std::size_t first, std::size_t count) {
  return std::to_string(count == 0 ? first : first + 1) + "," + std::to_string(count);
}

}  // namespace

std::string visible_whitespace(const std::string& line) {
  std::size_t end = line.size();
  while (end > 0 && line[end - 1] == ' ') --end;
  std::string out;
  for (std::size_t i = 0; i < end; ++i) {
    if (line[i] == '\t') out += "\\t";
    else out += line[i];
  }
  for (std::size_t i = end; i < line.size(); ++i) out += "\u00b7";
  return out;
}

std::string output_diff(const std::string& expected, const std::string& actual) {
  if (expected == actual) return {};
  const std::vector<OutputLine> a = output_lines(expected);
  const std::vector<OutputLine> b = output_lines(actual);
  dtl::Diff<OutputLine> diff(a, b);
  diff.onHuge();
  diff.compose();
  // Each edit of the shortest edit script, with its line numbers on both sides (0-based).
  struct Edit {
    dtl::edit_t type;
    std::size_t a_index, b_index;
    const OutputLine* line;
  };
  std::vector<Edit> edits;
  std::size_t ai = 0, bi = 0;
  for (const auto& [line, info] : diff.getSes().getSequence()) {
    if (info.type == dtl::SES_COMMON) {
      edits.push_back({info.type, ai, bi, &a[ai]});
      ++ai, ++bi;
    } else if (info.type == dtl::SES_DELETE) {
      edits.push_back({info.type, ai, bi, &a[ai]});
      ++ai;
    } else {
      edits.push_back({info.type, ai, bi, &b[bi]});
      ++bi;
    }
  }
  std::string out = "--- expected\n+++ actual\n";
  std::size_t i = 0;
  while (i < edits.size()) {
    while (i < edits.size() && edits[i].type == dtl::SES_COMMON) ++i;
    if (i == edits.size()) break;
    // A hunk: from k_context_lines before its first change to k_context_lines after its last,
    // joining changes closer than twice that.
    std::size_t begin = i >= k_context_lines ? i - k_context_lines : 0;
    std::size_t end = i;
    for (std::size_t j = i; j < edits.size(); ++j) {
      if (edits[j].type != dtl::SES_COMMON) {
        end = j + 1;
      } else if (j - end + 1 > 2 * k_context_lines) {
        break;
      }
    }
    const std::size_t stop = std::min(edits.size(), end + k_context_lines);
    std::size_t a_count = 0, b_count = 0;
    for (std::size_t j = begin; j < stop; ++j) {
      if (edits[j].type != dtl::SES_ADD) ++a_count;
      if (edits[j].type != dtl::SES_DELETE) ++b_count;
    }
    out += "@@ -" + hunk_range(edits[begin].a_index, a_count) + " +" + hunk_range(edits[begin].b_index, b_count) +
           " @@\n";
    for (std::size_t j = begin; j < stop; ++j) {
      const Edit& edit = edits[j];
      const char* side = edit.type == dtl::SES_ADD ? "actual" : "expected";
      if (edit.type == dtl::SES_COMMON) {
        out += " " + edit.line->text + "\n";
        continue;
      }
      out += (edit.type == dtl::SES_ADD ? "+" : "-") + visible_whitespace(edit.line->text) + "\n";
      if (!edit.line->newline) out += std::string("\\ No newline at end of ") + side + " output\n";
    }
    i = stop;
  }
  return out;
}

}  // namespace snipcheck
