#include "cli/bless.hpp"

#include <algorithm>
#include <sstream>

#include <dtl/dtl.hpp>
#include <fmt/format.h>

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

}  // namespace

bool should_bless(const Result& result, UpdateMode mode) {
  if (!result.finished || result.outcome.stdout_truncated) return false;
  const Verdict verdict = result.judgement.verdict;
  if (verdict == Verdict::wrong) return true;
  return mode == UpdateMode::all && verdict == Verdict::no_claim && !result.expected &&
         result.outcome.ending == Ending::finished && !result.outcome.error;
}

Blessing blessing_of(const Result& result) {
  // An input case's run blesses its own NAME.out.
  if (!result.expected_file.empty()) return Blessing{result.expected_file, result.expected, result.outcome.stdout_text};
  std::string stem = std::filesystem::path(result.file).stem().string();
  return Blessing{"expected/" + stem + ".out", result.expected, result.outcome.stdout_text};
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

Expected<void> write_blessings(const std::filesystem::path& bank_root, const std::vector<Blessing>& blessings) {
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
