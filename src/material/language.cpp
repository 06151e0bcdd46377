// Tells shell commands, Dockerfiles and Cython from Python when nothing declares the language.
// Conservative: anything it is unsure of stays Python, and is then run.
#include <string_view>

#include "material/material.hpp"
#include "util/regex.hpp"
#include "util/text.hpp"

namespace snipcheck {

namespace {

bool is_python_keyword(std::string_view word) {
  static const char* const k_words[] = {
      "False", "None",   "True",    "and",      "as",   "assert", "async", "await",  "break", "class", "continue",
      "def",   "del",    "elif",    "else",     "except", "finally", "for", "from",  "global", "if",   "import",
      "in",    "is",     "lambda",  "nonlocal", "not",  "or",     "pass",  "raise",  "return", "try",  "while",
      "with",  "yield",  "match",   "case",     "type", "print",  "exec"};
  for (const char* keyword : k_words) {
    if (word == keyword) return true;
  }
  return false;
}

// "pip install -r requirements.txt", "gunicorn -w 4 app:app": a command word, a space, then an
// argument, which Python never writes (two operands side by side).
bool is_shell_line(std::string_view line) {
  static const Regex command(R"(^\$?\s*([a-z][\w.-]*)\s+([-\w./:=@'"]).*$)");
  std::optional<RegexMatch> match = command.match_whole(line);
  if (!match) return false;
  if (is_python_keyword(match->groups[1])) return false;
  // "x = 1" or "f (x)" style: an operator right after the first word means Python.
  std::string_view rest = line.substr(static_cast<std::size_t>(match->groups[2].data() - line.data()));
  return !(rest.starts_with("=") || rest.starts_with("(") || rest.starts_with("."));
}

bool is_dockerfile_line(std::string_view line) {
  static const Regex instruction(
      R"(^(FROM|RUN|CMD|COPY|ADD|WORKDIR|ENV|EXPOSE|ENTRYPOINT|ARG|LABEL|USER|VOLUME|HEALTHCHECK)\s+\S.*$)");
  return instruction.matches_whole(line);
}

}  // namespace

Language detect_language(const std::string& code) {
  static const Regex cython(R"((^|\n)\s*(cdef|cpdef|cimport)\s|def\s+\w+\(\s*(int|long|double|float|char|bint)\s+\w|\.pyx\b)");
  if (cython.found_in(code)) return Language::cython;
  int lines = 0, shell = 0, docker = 0;
  for (const std::string& raw : split_lines(code)) {
    std::string_view line = raw;
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (line.empty() || line.starts_with("#")) continue;
    ++lines;
    if (is_shell_line(line)) ++shell;
    if (is_dockerfile_line(line)) ++docker;
  }
  if (lines == 0) return Language::python;
  if (docker == lines || (docker > 0 && code.starts_with("FROM "))) return Language::dockerfile;
  if (shell == lines || code.starts_with("#!/bin/") || code.starts_with("#!/usr/bin/env bash")) return Language::shell;
  return Language::python;
}

}  // namespace snipcheck
