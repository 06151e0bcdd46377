// The HTML report (--html PATH, issue 12 item 11): one self-contained file (inline style and
// script, no network, no external asset) with the summary, a filter by verdict, and per question
// its code with line numbers (the line that raised, or where a timeout was stuck, marked), the
// diff, the traceback, the stack at a timeout and stderr; for audit, each claim under its
// material line with its verdict and hint. Everything shown is the snippet's or the material's
// text, untrusted: it is HTML-escaped, and control characters made visible (visible_controls()).
// Pure rendering: it decides nothing.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "compare/result.hpp"

namespace snipcheck {

// A claim of the audit, shown under its line of the code.
struct HtmlClaim {
  int line = 0;          // the line number it sits on, as shown (the material's)
  std::string verdict;   // "wrong", "correct", ...
  bool failing = false;  // wrong: drawn as a failure
  std::string text;      // "claims X, prints Y"
  std::string hint;
};

struct HtmlEntry {
  const Result* result = nullptr;
  std::string title;              // the question's title, when it has one
  std::string code;               // its code
  std::vector<int> line_numbers;  // the number shown for each code line; empty: 1, 2, ...
  std::vector<HtmlClaim> claims;  // audit only
  bool failing = false;           // shown under the "failing" filter (audit: a wrong claim too)
};

struct HtmlReport {
  std::string title;         // "snipcheck run: bank"
  std::string summary_line;  // format_summary_line(), and what else the command says
  std::vector<std::pair<std::string, int>> counts;  // what the summary table shows, in order
  std::vector<HtmlEntry> entries;
};

std::string render_html_report(const HtmlReport& report);

// `text` for HTML: control characters made visible, then & < > " ' escaped.
std::string html_escape(std::string_view text);

}  // namespace snipcheck
