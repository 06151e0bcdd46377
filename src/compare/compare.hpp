// Compares what a snippet printed with what is documented, under a compare mode, and renders
// the difference as a unified diff (dtl). Pure functions on text.
#pragma once

#include <string>
#include <vector>

#include "bank/settings.hpp"

namespace snipcheck {

// True when `actual` matches `expected` under `mode`.
bool output_matches(const std::string& expected, const std::string& actual, CompareMode mode);

// doctest's ELLIPSIS: "..." in `pattern` matches any run of text (newlines included).
bool ellipsis_match(const std::string& pattern, const std::string& text);

// compare = "claims" (what `snipcheck import` writes for the claims of a script's comments): each
// line of `expected` is a claim, held to the output as `snipcheck audit` holds one, in order. A
// line that is `...` stands for any run of lines (output nobody documented); any other line must
// match the next one to eight lines of the output: the same text once addresses (0x...), ids of
// `at 0x...` and the spaces around a line are set aside, or the same value written differently
// (a label in front, "Label: value", when only the value is printed; several printed lines joined
// by commas; 8.0 for numpy's 8.; " for '; a set in another order; digits grouped by thousands;
// `...` inside a line for what it elides). A line starting with `~` is approximate: its numbers
// within 5 %, the text around them aside. A claim holds or it does not: 2 for 2.0 or 0.3 for
// 0.30000000000000004 does not.
bool claims_match(const std::string& expected, const std::string& actual);

// Trailing spaces, tabs and carriage returns on each line, and trailing blank lines, removed.
std::string normalize_output(const std::string& text);

// A transcript's output with each traceback (the `Traceback (most recent call last):` header, or
// a SyntaxError's `  File "...", line N`, then its indented lines) reduced to its last line, the
// exception's `Type: message`: as doctest compares them, what the stack says (file names,
// `<stdin>`, line numbers, source lines, carets, `...`) does not count, and material that shows
// only that last line (`KeyError: 'k'`) says what the REPL showed too.
std::string collapse_tracebacks(const std::string& text);

// The pieces collapse_tracebacks() works on: a line, or a whole traceback (`text`, its lines as
// written) with the line it is compared as (`shown`, its `Type: message` line). The `text`s
// joined are `text`, the `shown`s joined collapse_tracebacks(text).
struct OutputUnit {
  std::string text;
  std::string shown;
};
std::vector<OutputUnit> output_units(const std::string& text);

// A unified diff from `expected` to `actual`, with 3 lines of context; empty when equal.
std::string unified_diff(const std::string& expected, const std::string& actual);

// The diff a reader sees for a wrong answer: unified hunks (3 lines of context) whose changed
// lines show their whitespace (a tab as "\t", each trailing space as "·") and where a side that
// lacks its final newline says so on a line of its own ("\ No newline at end of actual output")
// right after its last line. For people, not `patch` (unified_diff() is); empty when equal.
std::string output_diff(const std::string& expected, const std::string& actual);

// The text of a changed line as output_diff() shows it.
std::string visible_whitespace(const std::string& line);

}  // namespace snipcheck
