// Result: one question's outcome and judgement, as the reporters see it, and the run's summary.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "bank/settings.hpp"
#include "compare/verdict.hpp"
#include "runner/job.hpp"

namespace snipcheck {

struct Result {
  std::string id;
  std::string file;  // as shown: "snippets/007-generators.py"
  std::string path;  // the file the snippet was compiled under
  Settings settings;
  std::optional<std::string> expected;
  Outcome outcome;
  Judgement judgement;
  bool finished = true;  // false: the run was interrupted before this question was judged
  // A failure's place in the snippet (failure_line(), set once judged): 0 when none is known,
  // and that line's text, stripped, to head the failure's details.
  int line = 0;
  std::string source_line;
  // A run of an input case (bank/cases.hpp): its name, and where its expected output came from
  // ("cases/007-sums/small.out"); both empty for a question's own run.
  std::string case_name;
  std::string expected_file;
};

// Where a failing question failed, as a line of its snippet: the line that raised (error), the
// line its stack was at when it was stopped (timeout, limit), or the top-level statement that
// printed the first line differing from the expected output (wrong; the last statement that
// printed anything when the output stopped short). 0 when none is known. Needs the whole stdout
// (before clip_output).
int failure_line(const Result& result);

// Byte offset in `actual` of the first line that differs from `expected` line by line (trailing
// whitespace ignored under `normalize`); actual.size() when `actual` stops short.
std::uint64_t first_difference_offset(const std::string& expected, const std::string& actual, CompareMode mode);

// Line `line` (1-based) of `code`, without its indentation or trailing whitespace; empty when
// there is no such line.
std::string code_line(const std::string& code, int line);

// What a judged result keeps of its output for the reports, per stream and for the diff.
constexpr std::uint64_t k_kept_output_bytes = 16 * 1024;

// After judging: cuts stdout, stderr, the expected output and the diff to at most `bytes` each
// (a diff ends with a line saying it was cut). The whole sizes of the streams stay in
// outcome.stdout_bytes / stderr_bytes.
void clip_output(Result& result, std::uint64_t bytes);

struct Summary {
  std::array<int, k_verdict_count> counts{};
  int total = 0;
  std::int64_t duration_ms = 0;
  int workers = 0;

  int count(Verdict verdict) const { return counts[static_cast<std::size_t>(verdict)]; }
  int failing() const;
  bool internal_failure = false;
  // A signal stopped the run: `counts` and `total` are of the finished questions only.
  bool interrupted = false;
  int unfinished = 0;
  // run -x / --maxfail N stopped the run after N failures: `unfinished` questions were not run.
  int stopped_after = 0;
};

// Counts the finished results; `unfinished` the others.
Summary summarize(const std::vector<Result>& results, std::int64_t duration_ms, int workers);

}  // namespace snipcheck
