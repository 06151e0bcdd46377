// Verdict: what an Outcome means for a question, given what the question documents. This is the
// one place that decides pass, wrong, error, timeout, crash, limit, unverifiable, no_claim or
// skipped, and says why in one line.
#pragma once

#include <optional>
#include <string>

#include "bank/settings.hpp"
#include "runner/job.hpp"

namespace snipcheck {

enum class Verdict { pass, wrong, error, timeout, crash, limit, unverifiable, no_claim, skipped };
constexpr int k_verdict_count = 9;

std::string to_string(Verdict verdict);
bool is_failing(Verdict verdict);

struct Judgement {
  Verdict verdict = Verdict::pass;
  std::string reason;  // one line; empty for a plain pass
  std::string diff;    // wrong: unified diff expected -> actual
  bool internal = false;  // our failure, not the snippet's: the run exits 3
};

// `path` is the file the snippet was compiled under, to find its lines in a stack.
Judgement judge(const std::optional<std::string>& expected, const Settings& settings, const Outcome& outcome,
                const std::string& path);

// What a REPL showed for a transcript's run (RunMode::repl): per prompt its stdout then its
// stderr (echoes and tracebacks in their prompt's place), then what was written after the last.
std::string transcript_output(const Outcome& outcome);

// The snippet's line where the stack shows it was (deepest frame in `path`, the main thread's
// first), or 0.
int line_in_stack(const std::string& stack, const std::string& path);

}  // namespace snipcheck
