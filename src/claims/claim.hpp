// Claims: what the material says its code prints. extract_claims() finds every comment of an
// example (and the output blocks the material documents beside it) and classifies it: a plain
// output claim, an approximate one, an example value, an error that commented-out code would
// raise, or a descriptive comment that states nothing about output. Classification from text
// alone is sometimes a guess: the claim says so with a confidence below 1. It does not run
// anything or look at output (compare/ judges claims against what ran).
#pragma once

#include <string>
#include <vector>

#include "material/material.hpp"

namespace snipcheck {

enum class ClaimKind {
  output,        // "# [1, 2, 3]", "# Sum: 6", a documented output block or transcript
  approximate,   // "# Approx 4.0", "# ~3.14", "# about 2", "# ≈ 0.33": numeric tolerance
  example,       // "# E.g., 3.12.1", "# for example Linux": shape only, never wrong
  error,         // "# x.append(1)  # Error: ..." (commented-out code) or "# raises KeyError"
  descriptive,   // "# Force a collection", "# O(1) lookup": describes the code, no claim
  verification,  // a checkable expression from the text, e.g. "len(set([1, 1])) == 1"
};

std::string to_string(ClaimKind kind);

// Where the claimed output comes from.
enum class ClaimScope {
  statement,   // the statement on the claim's line (inline comments, transcripts)
  whole,       // everything the example prints (an output block after it)
  namespace_,  // evaluated in its namespace: verification after the example ran, commented-out code where it stands
};

struct Claim {
  int line = 0;              // snippet line of the comment (0: the whole example / text)
  std::string text;          // as written, without the '#'
  ClaimKind kind = ClaimKind::output;
  ClaimScope scope = ClaimScope::statement;
  std::string label;         // "Intersection" in "Intersection: {2, 3}", empty when none
  std::string value;         // what it says is printed, label and markers removed
  std::string note;          // a trailing remark: "Modified" in "# [1]  # Modified", "the first item" in "# 10 — the first item"
  std::string remark;        // the text after the value as written (" — the first item"), kept by --fix; empty when none
  std::string code;          // error / verification: the code to evaluate
  std::string expect;        // verification: the value stated ("True", "works", "fails"), or "True"
  std::string file;          // verification: the file the text says the example writes ("Check app.log")
  double confidence = 1.0;   // below 1: the classification is a guess
  bool prints = false;       // the line calls print()
  bool echo = false;         // what a `>>>` transcript shows under a prompt (the REPL echoes values)
  int material_line = 0;     // where the claim starts in the material, when line does not say (an output block)
  int text_line = 0;         // snippet line the claim is written on when not `line`: "# Output: 3" under its statement
  std::string python;        // the Python the material states it for, as written ("< 3.7", "2", "3.8+"); empty: none
  std::vector<std::string> alternatives;  // "True or False", "1 / 2 / 3": the outputs a comment lists as possible; empty: none
  // A run of comment lines under a statement read as its output ("obj.greet()" then "# hello"):
  // this claim is line `output_line` (1-based) of the `output_lines` lines the run holds, held to
  // that line of what the statement printed. 0: the claim is the whole of what it names.
  int output_line = 0;
  int output_lines = 0;
};

// One line of Python as far as comments and statements go.
struct PythonLine {
  std::string code;          // the line without its comment, trailing spaces removed
  std::string comment;       // text after '#', empty when none
  bool has_comment = false;
  int indent = 0;
  bool continuation = false; // inside brackets or after a backslash of an earlier line
};

// Splits code into lines, finding comments outside string literals and continuation lines.
std::vector<PythonLine> scan_python(const std::string& code);

// The string literals of the code (their contents), for telling output from prose.
std::vector<std::string> string_literals(const std::string& code);

// Every comment of the question's code, classified, plus its documented output blocks and the
// checkable expressions of its verification text, in line order.
std::vector<Claim> extract_claims(const MaterialQuestion& question);

// Classifies one inline comment on `code` (exposed for tests).
Claim classify_comment(const std::string& comment, const std::string& code, const std::vector<std::string>& literals);

// The checks a verification sentence states: "isinstance(x, A) (True)", "len(s) == 2",
// "lst[0] = 10 (works) vs. t[0] = 10 (fails)", "type(C) returns Meta", and a file it tells the
// reader to check ("Check logs in out.log", "Check data.csv with cat data.csv"): the example
// must have written it (relative to its working directory).
std::vector<Claim> verification_claims(const std::string& text);

// The first line of the top-level statement holding `line` (1-based), from the code's indentation.
int top_level_line(const std::vector<PythonLine>& lines, int line);

// True when `line` sits in the body of a def or class (it runs when called, not where it is).
bool inside_definition(const std::vector<PythonLine>& lines, int line);

}  // namespace snipcheck
