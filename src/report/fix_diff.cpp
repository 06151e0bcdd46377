#include "report/fix_diff.hpp"

#include <algorithm>
#include <cstdio>

#include "compare/claim_match.hpp"
#include "compare/compare.hpp"
#include "util/parse.hpp"
#include "util/regex.hpp"
#include "util/text.hpp"

namespace snipcheck {

namespace {

// The longest value written into a comment: a longer one reads as a log line, not a claim.
constexpr std::size_t k_max_comment_value = 120;

std::string trim_right(std::string text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.pop_back();
  return text;
}

std::string trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n')) text.remove_prefix(1);
  return trim_right(std::string(text));
}

// "<Node object at 0x7f3a2b1c9e50>" -> "<Node object at 0x...>": an address differs every run and
// the audit never compares it; the material should not show one.
std::string short_addresses(const std::string& text) {
  static const Regex address(R"(0x[0-9a-fA-F]{8,})");
  return address.replace_all(text, "0x...");
}

// The numbers of a text as the audit's approximate comparison reads them (claim_match.cpp).
std::vector<RegexMatch> numbers_in(const std::string& text) {
  static const Regex number(R"(-?\d+\.?\d*(?:[eE][-+]?\d+)?|-?\.\d+)");
  return number.find_all(text);
}

int decimals_of(std::string_view written) {
  std::size_t dot = written.find('.');
  if (dot == std::string_view::npos || written.find_first_of("eE") != std::string_view::npos) return 0;
  return static_cast<int>(written.size() - dot - 1);
}

// An approximate claim stays one: each of its numbers replaced by the printed one, rounded to the
// claim's decimals (more where that is not within the audit's tolerance); its words and brackets
// kept ("about 3.5 seconds" -> "about 3.1 seconds", "~ [0.5, 0.5]" -> "~ [0.3, 0.7]"). Where the
// numbers do not pair up, what was printed.
std::string approximate_value(const std::string& claimed, const std::string& printed) {
  std::vector<RegexMatch> mine = numbers_in(claimed), shown = numbers_in(printed);
  if (mine.empty() || mine.size() != shown.size()) return printed;
  std::string out;
  std::size_t done = 0;
  for (std::size_t k = 0; k < mine.size(); ++k) {
    std::string actual = shown[k].str(0);
    Parsed<double> value = parse_number(actual);
    std::string rounded = actual;
    for (int places = decimals_of(mine[k].groups[0]); value && places <= 17; ++places) {
      char text[64];
      std::snprintf(text, sizeof text, "%.*f", places, *value);
      if (same_numbers(text, actual, 0.05)) {
        rounded = text;
        break;
      }
    }
    out += claimed.substr(done, mine[k].offset - done) + rounded;
    done = mine[k].offset + mine[k].length();
  }
  out += claimed.substr(done);
  return same_numbers(out, printed, 0.05) ? out : printed;
}

// A claim keeps its quotes: "abc" where the repr prints 'abd' becomes "abd", ["a", "b"] where it
// prints ['a', 'c'] becomes ["a", "c"] (the audit calls that quoting format, not wrong). Only
// where nothing but the quotes changes: no quote or backslash inside the strings.
std::string keep_quotes(const std::string& claimed, const std::string& printed) {
  if (claimed.find('"') == std::string::npos || claimed.find('\'') != std::string::npos) return printed;
  if (printed.find('\'') == std::string::npos || printed.find_first_of("\"\\") != std::string::npos) return printed;
  std::string requoted = printed;
  std::replace(requoted.begin(), requoted.end(), '\'', '"');
  return with_single_quotes(requoted) == printed ? requoted : printed;
}

// What the claim's value becomes: what was printed, less the label the claim already writes
// ("Items: 2" under `# Items: 3` is the value 2), approximate where the claim is.
std::string new_value(const Claim& claim, std::string printed) {
  if (!claim.label.empty() && printed.starts_with(claim.label)) {
    std::string rest = trim(std::string_view(printed).substr(claim.label.size()));
    if (rest.starts_with(":")) printed = trim(std::string_view(rest).substr(1));
  }
  if (claim.kind == ClaimKind::approximate) return approximate_value(claim.value, printed);
  return keep_quotes(claim.value, short_addresses(printed));
}

}  // namespace

CommentFix fix_comment(const Claim& claim, const std::string& actual) {
  std::string printed = trim(actual);
  if (printed.empty()) return {{}, "the line prints nothing: print() the value, or reword the comment"};
  if (std::size_t lines = split_lines(printed).size(); lines > 1) {
    return {{}, "prints " + std::to_string(lines) + " lines, and a comment holds one: write them as an Output block"};
  }
  const std::string& text = claim.text;
  // The claim as written is its prefix (marker, label, "~"), its value and what follows it.
  std::string tail;
  if (!claim.remark.empty() && text.ends_with(claim.remark)) {
    tail = claim.remark;
  } else if (std::size_t hash = text.find(" # "); !claim.note.empty() && hash != std::string::npos) {
    while (hash > 0 && text[hash - 1] == ' ') --hash;
    tail = text.substr(hash);
  }
  std::string head = trim_right(text.substr(0, text.size() - tail.size()));
  if (claim.value.empty() || !head.ends_with(claim.value)) {
    return {{}, "its value cannot be told apart from the words around it"};
  }
  std::string value = new_value(claim, printed);
  if (value.size() > k_max_comment_value) {
    return {{}, "prints " + std::to_string(value.size()) + " characters, too long for one comment"};
  }
  return {head.substr(0, head.size() - claim.value.size()) + value + tail, {}};
}

namespace {

// A replacement of `count` material lines from `first` (0-based) by `lines`.
struct Edit {
  std::size_t first = 0;
  std::size_t count = 0;
  std::vector<std::string> lines;
};

struct Located {
  std::optional<Edit> edit;
  std::string why_not;
};

Located refused(std::string why) { return {std::nullopt, std::move(why)}; }

std::string line_ending(const std::string& line) { return line.ends_with("\r") ? "\r" : ""; }

// The comment of a material line: where its '#' is, or npos.
std::size_t comment_start(const std::string& line) {
  std::vector<PythonLine> scanned = scan_python(line + "\n");
  if (scanned.empty() || !scanned.front().has_comment) return std::string::npos;
  return line.size() - scanned.front().comment.size() - 1;
}

bool comment_only(const std::string& line, std::size_t hash) {
  return hash != std::string::npos && line.find_first_not_of(" \t>.") >= hash;
}

// A one-line comment claim: on its statement's line, or on a comment line under it ("# Output: 3").
Located fix_comment_claim(const std::vector<std::string>& lines, const AuditQuestion& question, const ClaimResult& result) {
  const Claim& claim = result.claim;
  const std::vector<int>& code_lines = question.code_lines;
  for (int line = claim.line; line >= 1 && line <= static_cast<int>(code_lines.size()); ++line) {
    int at = code_lines[static_cast<std::size_t>(line - 1)];
    if (at < 1 || at > static_cast<int>(lines.size())) break;
    const std::string& text = lines[static_cast<std::size_t>(at - 1)];
    std::size_t hash = comment_start(text);
    if (line > claim.line && !comment_only(text, hash) && trim(text) != "") break;
    if (hash == std::string::npos || trim(std::string_view(text).substr(hash + 1)) != claim.text) continue;
    CommentFix fixed = fix_comment(claim, result.actual);
    if (!fixed.why_not.empty()) return refused(fixed.why_not);
    std::string comment = text.substr(hash + 1);
    std::string space = comment.substr(0, comment.find_first_not_of(" \t"));
    return {Edit{static_cast<std::size_t>(at - 1), 1, {text.substr(0, hash + 1) + space + fixed.text + line_ending(text)}}, {}};
  }
  return refused("its comment was not found where the audit read it");
}

bool starts_like(const std::string& line, std::initializer_list<std::string_view> openings) {
  std::string text = trim(line);
  return std::any_of(openings.begin(), openings.end(), [&](std::string_view opening) { return text.starts_with(opening); });
}

// Lines the material shows as output (an Output block, a transcript's echo, "#>" comment lines):
// `first` (0-based) holds `claimed[0]`. Each material line ends with its claimed line; what is in
// front of it (a margin, "#> ") is kept. Line by line where the counts agree, else replaced whole.
enum class Replace { wrong_lines, whole };
enum class Shown { output, transcript };  // a transcript writes a blank line <BLANKLINE>; a prompt starts ">>>"

Located fix_lines(const std::vector<std::string>& lines, std::size_t first, const std::vector<std::string>& claimed,
                  const std::string& actual, Replace replace, Shown shown) {
  const bool transcript = shown == Shown::transcript;
  if (first + claimed.size() > lines.size() || claimed.empty()) return refused("its lines were not found in the material");
  std::vector<std::string> prefixes;
  for (std::size_t k = 0; k < claimed.size(); ++k) {
    std::string line = trim_right(lines[first + k]);
    std::string said = trim_right(claimed[k]);
    if (transcript && said.empty() && trim(line) == "<BLANKLINE>") said = trim(line);
    if (!line.ends_with(said)) return refused("its lines were not found in the material");
    prefixes.push_back(line.substr(0, line.size() - said.size()));
  }
  std::vector<std::string> printed = split_lines(trim_right(actual));
  if (trim(actual).empty()) return refused("the example prints nothing here; remove the output if that is meant");
  for (const std::string& line : printed) {
    if (starts_like(line, {"```", "~~~"}) || (transcript && starts_like(line, {">>>", "..."}))) {
      return refused("a printed line (" + visible_line(line) + ") would read as Markdown or a prompt");
    }
  }
  const std::string ending = line_ending(lines[first]);
  auto written = [&](const std::string& prefix, std::string line) {
    if (transcript && trim(line).empty()) line = "<BLANKLINE>";
    return trim_right(prefix + line) + ending;
  };
  Edit edit{first, claimed.size(), {}};
  // A transcript's traceback keeps its header and frames (doctest compares its last line only).
  if (transcript && printed.size() == 1 && claimed.size() > 1 && trim(claimed.front()) == "Traceback (most recent call last):") {
    edit.lines.assign(lines.begin() + static_cast<std::ptrdiff_t>(first),
                      lines.begin() + static_cast<std::ptrdiff_t>(first + claimed.size() - 1));
    edit.lines.push_back(written(prefixes.back(), printed.front()));
    return {edit, {}};
  }
  if (replace == Replace::wrong_lines && printed.size() == claimed.size()) {
    for (std::size_t k = 0; k < claimed.size(); ++k) {
      bool same = normalize_claim_text(claimed[k]) == normalize_claim_text(printed[k]);
      edit.lines.push_back(same ? lines[first + k] : written(prefixes[k], printed[k]));
    }
    return {edit, {}};
  }
  for (const std::string& line : printed) edit.lines.push_back(written(prefixes.front(), line));
  return {edit, {}};
}

// "#> 1" lines under a statement: the run of comment lines after its line whose ends are the claim's.
Located fix_comment_lines(const std::vector<std::string>& lines, const AuditQuestion& question, const ClaimResult& result) {
  std::vector<std::string> claimed = split_lines(result.claim.value);
  const std::vector<int>& code_lines = question.code_lines;
  for (int line = result.claim.line + 1; line <= static_cast<int>(code_lines.size()); ++line) {
    int at = code_lines[static_cast<std::size_t>(line - 1)];
    if (at < 1 || at > static_cast<int>(lines.size())) break;
    if (!comment_only(lines[static_cast<std::size_t>(at - 1)], comment_start(lines[static_cast<std::size_t>(at - 1)]))) continue;
    Located fixed = fix_lines(lines, static_cast<std::size_t>(at - 1), claimed, result.actual, Replace::wrong_lines, Shown::output);
    if (fixed.edit) return fixed;
  }
  return refused("its comment lines were not found where the audit read them");
}

// A line of a comment run under a statement ("obj.greet()" then "# hello"): what the statement
// printed there, a comment line each (the run's last line may stand for several printed lines).
Located fix_run_line(const std::vector<std::string>& lines, const ClaimResult& result) {
  if (result.material_line < 1 || result.material_line > static_cast<int>(lines.size())) {
    return refused("its comment was not found where the audit read it");
  }
  const std::string& text = lines[static_cast<std::size_t>(result.material_line - 1)];
  std::size_t hash = comment_start(text);
  if (!comment_only(text, hash)) return refused("its comment was not found where the audit read it");
  if (trim(result.actual).empty()) return refused("the statement prints nothing there: remove the line if that is meant");
  std::string comment = text.substr(hash + 1);
  std::string lead = text.substr(0, hash + 1) + comment.substr(0, comment.find_first_not_of(" \t"));
  Edit edit{static_cast<std::size_t>(result.material_line - 1), 1, {}};
  for (const std::string& printed : split_lines(trim_right(result.actual))) {
    edit.lines.push_back(trim_right(lead + printed) + line_ending(text));
  }
  return {edit, {}};
}

Located fix_claim(const std::vector<std::string>& lines, const AuditQuestion& question, const ClaimResult& result) {
  const Claim& claim = result.claim;
  if (claim.output_line > 0 && claim.kind != ClaimKind::error) return fix_run_line(lines, result);
  if (claim.kind == ClaimKind::verification) return refused("a verification sentence is prose: reword it");
  if (claim.scope == ClaimScope::namespace_) return refused("commented-out code's error: what it does instead is the editor's call");
  if (claim.kind == ClaimKind::error) return refused("claims an error the line does not raise: reword or remove the comment");
  if (claim.line == 0 || claim.echo) {
    // An Output block (the whole example's), or what a transcript shows under a prompt.
    if (claim.material_line < 1) return refused("its block's place in the material is unknown");
    return fix_lines(lines, static_cast<std::size_t>(claim.material_line - 1), split_lines(claim.text), result.actual,
                     claim.echo ? Replace::whole : Replace::wrong_lines, claim.echo ? Shown::transcript : Shown::output);
  }
  if (claim.text.find('\n') != std::string::npos) return fix_comment_lines(lines, question, result);
  return fix_comment_claim(lines, question, result);
}

std::string unfixed_line(const AuditQuestion& question, const ClaimResult& claim, const std::string& why) {
  std::string shown;
  for (const std::string& line : split_lines(trim(claim.expected))) shown += (shown.empty() ? "" : ", ") + trim(line);
  if (shown.size() > 80) shown = shown.substr(0, 77) + "...";
  return "Q" + std::to_string(question.number) + " material line " + std::to_string(claim.material_line) + ": claims " +
         visible_line(shown) + " — " + why;
}

}  // namespace

FixDiff render_fix_diff(const std::string& material_text, const std::string& material_name,
                        const std::vector<AuditQuestion>& questions) {
  std::vector<std::string> lines = split_lines(material_text);
  std::vector<Edit> edits;
  FixDiff out;
  for (const AuditQuestion& question : questions) {
    for (const ClaimResult& claim : question.claims) {
      if (claim.verdict != ClaimVerdict::wrong) continue;
      // Output that varies between runs (a random initialisation, a timing): one run's value
      // would be as wrong as the claim.
      Located fixed = claim.varies ? refused("its output varies between runs: there is no one value to write")
                                   : fix_claim(lines, question, claim);
      bool overlaps = fixed.edit && std::any_of(edits.begin(), edits.end(), [&](const Edit& other) {
                        return fixed.edit->first < other.first + std::max<std::size_t>(other.count, 1) &&
                               other.first < fixed.edit->first + std::max<std::size_t>(fixed.edit->count, 1);
                      });
      if (overlaps) fixed = refused("another correction changes the same lines");
      if (!fixed.edit) {
        out.unfixed.push_back(unfixed_line(question, claim, fixed.why_not));
        continue;
      }
      edits.push_back(std::move(*fixed.edit));
    }
  }
  if (edits.empty()) return out;
  // From the bottom up, so that a block that grows or shrinks leaves the lines above it in place.
  std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.first > b.first; });
  for (const Edit& edit : edits) {
    auto at = lines.begin() + static_cast<std::ptrdiff_t>(edit.first);
    lines.erase(at, at + static_cast<std::ptrdiff_t>(edit.count));
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(edit.first), edit.lines.begin(), edit.lines.end());
  }
  std::string fixed_text;
  for (const std::string& line : lines) fixed_text += line + "\n";
  if (!material_text.empty() && material_text.back() != '\n') fixed_text.pop_back();
  if (fixed_text == material_text) return out;
  std::string diff = unified_diff(material_text, fixed_text);
  // unified_diff() names the sides expected/actual; a patch names the file.
  std::size_t body = diff.find("@@");
  out.diff = "--- a/" + material_name + "\n+++ b/" + material_name + "\n" + (body == std::string::npos ? diff : diff.substr(body));
  return out;
}

}  // namespace snipcheck
