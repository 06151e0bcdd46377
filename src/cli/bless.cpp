#include "cli/bless.hpp"

#include <algorithm>
#include <map>
#include <sstream>

#include <dtl/dtl.hpp>
#include <fmt/format.h>

#include "compare/compare.hpp"
#include "util/fs.hpp"

namespace snipcheck {

namespace {

// Lines with their '\n' (the last one without, when the text does not end with one), so that a
// missing final newline is a difference of its own.
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    end = end == std::string::npos ? text.size() : end + 1;
    lines.push_back(text.substr(start, end - start));
    start = end;
  }
  return lines;
}

struct Op {
  char mark;  // ' ', '-', '+'
  const std::string* line;
};

constexpr std::size_t k_context = 3;

std::string range(std::size_t start, std::size_t count) {
  // git's form: "-0,0" for nothing before, the line before an empty range otherwise.
  return fmt::format("{},{}", count == 0 ? start : start + 1, count);
}

// A line of the expected file or of what was shown, for dtl: which side it is from, since an
// `ellipsis` line is a pattern (dtl may swap the sides it compares).
struct Line {
  std::string text;  // with its '\n', if it has one
  std::string key;   // what it is compared as: a transcript's traceback as its last line
  bool pattern = false;
  bool operator==(const Line&) const = default;  // dtl's default comparator needs it; LineMatch decides
};

bool ellipsis_only(const std::string& line) {
  const std::size_t first = line.find_first_not_of(" \t");
  const std::size_t last = line.find_last_not_of(" \t\r\n");
  return first != std::string::npos && line.substr(first, last + 1 - first) == "...";
}

// Equal when the expected line still matches the shown one under the question's compare mode.
class LineMatch : public dtl::Compare<Line> {
 public:
  LineMatch(CompareMode mode, bool lone_dots) : m_mode(mode), m_lone_dots(lone_dots) {}
  bool impl(const Line& a, const Line& b) const override {
    const Line& expected = a.pattern ? a : b;
    const Line& shown = a.pattern ? b : a;
    if (m_lone_dots && ellipsis_only(expected.key)) return false;  // merged() places it
    if (m_mode == CompareMode::exact) return expected.key == shown.key;
    if (m_mode == CompareMode::normalize) return stripped(expected.key) == stripped(shown.key);
    if (m_mode == CompareMode::claims) return claims_match(expected.key, shown.key);
    return ellipsis_match(stripped_newline(expected.key), stripped_newline(shown.key));
  }

 private:
  static std::string stripped_newline(const std::string& text) {
    return !text.empty() && text.back() == '\n' ? text.substr(0, text.size() - 1) : text;
  }
  static std::string stripped(const std::string& text) {
    std::string line = stripped_newline(text);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.pop_back();
    return line;
  }
  CompareMode m_mode;
  bool m_lone_dots;
};

// What was shown, in the expected file's words: each expected line that still matches its shown
// line under `mode` kept as it is, the shown lines in place of the others; with `lone_dots` a
// line that is only `...` also stands for the shown lines next to it or in its place.
// A transcript's lines are output_units(): a documented traceback whose last line still matches
// stays whole.
std::string merged(const std::string& expected, const std::string& shown, CompareMode mode, bool lone_dots,
                   bool transcript) {
  std::vector<Line> a, b;
  if (transcript) {
    for (OutputUnit& unit : output_units(expected)) a.push_back({std::move(unit.text), std::move(unit.shown), true});
  } else {
    for (std::string& line : lines_of(expected)) a.push_back({line, line, true});
  }
  for (std::string& line : lines_of(shown)) b.push_back({line, line, false});
  if (a.empty() || b.empty()) return shown;
  dtl::Diff<Line, std::vector<Line>, LineMatch> diff(a, b, LineMatch(mode, lone_dots));
  diff.onHuge();
  diff.compose();
  std::string out;
  std::vector<const Line*> gone, added;  // the current change
  auto flush = [&] {
    auto dots = std::find_if(gone.begin(), gone.end(), [&](const Line* line) { return lone_dots && ellipsis_only(line->text); });
    if (dots == gone.end()) {
      for (const Line* line : added) out += line->text;
    } else {
      // The lines deleted before the `...` are taken as the first shown ones, those after it as
      // the last: it stands for the shown lines between.
      const std::size_t head = std::min<std::size_t>(static_cast<std::size_t>(dots - gone.begin()), added.size());
      const std::size_t tail = std::min<std::size_t>(static_cast<std::size_t>(gone.end() - dots - 1), added.size() - head);
      for (std::size_t i = 0; i < head; ++i) out += added[i]->text;
      out += (*dots)->text;
      for (std::size_t i = added.size() - tail; i < added.size(); ++i) out += added[i]->text;
    }
    gone.clear();
    added.clear();
  };
  for (const auto& [line, info] : diff.getSes().getSequence()) {
    if (info.type == dtl::SES_COMMON) {
      flush();
      out += a[static_cast<std::size_t>(info.beforeIdx - 1)].text;
    } else if (info.type == dtl::SES_ADD) {
      added.push_back(&b[static_cast<std::size_t>(info.afterIdx - 1)]);
    } else {
      gone.push_back(&a[static_cast<std::size_t>(info.beforeIdx - 1)]);
    }
  }
  flush();
  return out;
}

}  // namespace

std::string blessed_text(const Result& result) {
  // A transcript is compared on what its session showed, tracebacks by their last line: that is
  // what it is blessed with (a traceback as its `Type: message` line, as material may show it).
  const bool transcript = result.settings.mode == RunMode::repl;
  const std::string shown =
      transcript ? collapse_tracebacks(transcript_output(result.outcome)) : result.outcome.stdout_text;
  const CompareMode mode = result.settings.compare;
  if (!result.expected || (mode == CompareMode::exact && !transcript)) return shown;
  const std::string& expected = *result.expected;
  auto passes = [&](const std::string& text) {
    return output_matches(transcript ? collapse_tracebacks(text) : text, shown, mode);
  };
  // The first that the next run passes: the expected lines that still match kept (with `...`
  // standing for what it covers), then without the lone `...` lines, then what was shown.
  for (bool lone_dots : {true, false}) {
    if (mode != CompareMode::ellipsis && mode != CompareMode::claims && lone_dots) continue;
    std::string text = merged(expected, shown, mode, lone_dots, transcript);
    if (passes(text)) return text;
  }
  return shown;
}

bool should_bless(const Result& result, UpdateMode mode) {
  if (!result.finished || result.outcome.stdout_truncated) return false;
  if (result.settings.mode == RunMode::repl && result.outcome.stderr_truncated) return false;  // what it showed was cut
  const Verdict verdict = result.judgement.verdict;
  if (verdict == Verdict::wrong) return true;
  return mode == UpdateMode::all && verdict == Verdict::no_claim && !result.expected &&
         result.outcome.ending == Ending::finished && !result.outcome.error;
}

Blessing blessing_of(const Result& result) {
  // An input case's run blesses its own NAME.out.
  if (!result.expected_file.empty()) return Blessing{result.expected_file, result.expected, blessed_text(result)};
  std::string stem = std::filesystem::path(result.file).stem().string();
  return Blessing{"expected/" + stem + ".out", result.expected, blessed_text(result)};
}

std::string file_patch(const Blessing& blessing) {
  const std::string before_text = blessing.before.value_or("");
  if (blessing.before && before_text == blessing.after) return {};
  const std::vector<std::string> a = lines_of(before_text);
  const std::vector<std::string> b = lines_of(blessing.after);
  std::vector<Op> ops;
  if (a.empty() || b.empty()) {
    for (const std::string& line : a) ops.push_back({'-', &line});
    for (const std::string& line : b) ops.push_back({'+', &line});
  } else {
    dtl::Diff<std::string> diff(a, b);
    diff.onHuge();
    diff.compose();
    for (const auto& [line, info] : diff.getSes().getSequence()) {
      const std::string* at = info.type == dtl::SES_ADD ? &b[static_cast<std::size_t>(info.afterIdx - 1)]
                                                        : &a[static_cast<std::size_t>(info.beforeIdx - 1)];
      ops.push_back({info.type == dtl::SES_ADD ? '+' : info.type == dtl::SES_DELETE ? '-' : ' ', at});
    }
  }

  std::ostringstream out;
  out << "diff --git a/" << blessing.path << " b/" << blessing.path << "\n";
  if (!blessing.before) out << "new file mode 100644\n--- /dev/null\n";
  else out << "--- a/" << blessing.path << "\n";
  out << "+++ b/" << blessing.path << "\n";
  // Hunks: each change with k_context lines around it, changes closer than twice that joined.
  std::size_t i = 0;
  std::size_t old_line = 0, new_line = 0;  // lines of each side before ops[i]
  while (i < ops.size()) {
    auto next_change = std::find_if(ops.begin() + static_cast<std::ptrdiff_t>(i), ops.end(),
                                    [](const Op& op) { return op.mark != ' '; });
    if (next_change == ops.end()) break;
    const std::size_t change = static_cast<std::size_t>(next_change - ops.begin());
    const std::size_t begin = change > i + k_context ? change - k_context : i;
    for (; i < begin; ++i) ++old_line, ++new_line;  // context before the hunk, not shown
    std::size_t end = change;
    std::size_t quiet = 0;  // unchanged lines since the last change
    for (std::size_t j = change; j < ops.size(); ++j) {
      if (ops[j].mark != ' ') {
        quiet = 0;
        end = j + 1;
      } else if (++quiet > 2 * k_context) {
        break;
      }
    }
    end = std::min(ops.size(), end + k_context);
    std::size_t old_count = 0, new_count = 0;
    for (std::size_t j = begin; j < end; ++j) {
      if (ops[j].mark != '+') ++old_count;
      if (ops[j].mark != '-') ++new_count;
    }
    out << "@@ -" << range(old_line, old_count) << " +" << range(new_line, new_count) << " @@\n";
    for (std::size_t j = begin; j < end; ++j) {
      out << ops[j].mark << *ops[j].line;
      if (ops[j].line->empty() || ops[j].line->back() != '\n') out << "\n\\ No newline at end of file\n";
    }
    old_line += old_count;
    new_line += new_count;
    i = end;
  }
  return out.str();
}

namespace {

// The file a path names, through its links; the path itself (made absolute) when it names nothing yet.
std::filesystem::path resolved(const std::filesystem::path& path) {
  std::error_code error;
  std::filesystem::path real = std::filesystem::canonical(path, error);
  if (!error) return real;
  return std::filesystem::weakly_canonical(path, error);
}

// The files a run reads: the settings, every snippet and case file, every question's expected file.
std::vector<std::filesystem::path> bank_inputs(const std::filesystem::path& bank_root) {
  std::vector<std::filesystem::path> inputs = {bank_root / "snipcheck.toml"};
  for (const char* folder : {"snippets", "cases", "expected"}) {
    std::error_code error;
    std::filesystem::recursive_directory_iterator it(bank_root / folder, error), end;
    for (; !error && it != end; it.increment(error)) {
      const std::filesystem::path& path = it->path();
      if (std::string(folder) == "expected" && path.extension() != ".out") continue;  // not an expected file
      if (!it->is_directory(error)) inputs.push_back(path);
    }
  }
  return inputs;
}

}  // namespace

Expected<void> check_blessings(const std::filesystem::path& bank_root, const std::vector<Blessing>& blessings) {
  std::multimap<std::filesystem::path, std::string> inputs;  // resolved -> the input's path in the bank
  for (const std::filesystem::path& input : bank_inputs(bank_root)) {
    inputs.emplace(resolved(input), input.lexically_relative(bank_root).generic_string());
  }
  std::map<std::filesystem::path, std::string> targets;  // resolved -> the blessing that writes it
  for (const Blessing& blessing : blessings) {
    const std::filesystem::path target = resolved(bank_root / blessing.path);
    const std::string file = (bank_root / blessing.path).string();
    if (auto [at, added] = targets.emplace(target, blessing.path); !added) {
      return fail(file, 0, "is the same file as " + at->second + " (a symbolic link): both cannot be blessed; nothing written");
    }
    auto [first, last] = inputs.equal_range(target);
    for (auto input = first; input != last; ++input) {
      if (input->second == blessing.path) continue;
      return fail(file, 0, "names the same file as " + input->second + ", which the bank reads (a symbolic link): not overwritten; nothing written");
    }
  }
  return {};
}

Expected<void> write_blessings(const std::filesystem::path& bank_root, const std::vector<Blessing>& blessings) {
  if (auto checked = check_blessings(bank_root, blessings); !checked) return checked;
  for (const Blessing& blessing : blessings) {
    // An expected file that is a symbolic link (load_bank() followed it only inside the bank):
    // the file it names is rewritten, the link stays.
    std::filesystem::path path = bank_root / blessing.path;
    std::error_code error;
    if (std::filesystem::is_symlink(path, error)) {
      std::filesystem::path resolved = std::filesystem::canonical(path, error);
      if (!error) path = resolved;
    }
    if (auto written = write_file_atomic(path, blessing.after); !written) {
      return tl::unexpected(written.error());
    }
  }
  return {};
}

}  // namespace snipcheck
