// Claim judgement: compares one claim with what ran. The claim is held to the output of the
// top-level statement that holds its line; a claim in the body of a with/for/if is also held to
// that enclosing statement's output, one claim in a def body to everything the example printed
// (the function runs later), and the report says which matched. Presentation differences (a
// label in front, printed lines joined by commas, 8. vs 8.0, set order) are `format`, not wrong;
// an example value matches by shape and is never wrong; addresses and ids never count. For a
// wrong claim it proposes a hint, checked by a probe where one was run. Pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "claims/claim.hpp"
#include "compare/claim_match.hpp"
#include "runner/job.hpp"

namespace snipcheck {

// version_dependent: the claim does not hold here but is stated for another Python ("Output
// (< Python 3.7):", "# Python 2"); unsure: it does not hold, but that it is a claim at all is a
// guess (confidence below 1): listed, never failing.
enum class ClaimVerdict { correct, format, wrong, descriptive, unverifiable, nondeterministic, version_dependent, unsure };

std::string to_string(ClaimVerdict verdict);

// What a probe for a claim was asked to evaluate, so the hint can say what it found.
// raises: a line claimed to raise, inside a try that catches it, run again after the try.
enum class ProbeIntent { none, items, value, state, awaited, evaluate, raises };

struct ProbePlan {
  ProbeIntent intent = ProbeIntent::none;
  ProbeRequest request;
  std::string subject;  // "list(p.glob('*'))", "lst": how the hint names it
};

// What is known about the statement a claim sits on, from one or two runs and a probe.
struct Evidence {
  bool ran = false;                      // the statement holding the line ran to its end
  std::string line_code;                 // the claim's line, without its comment
  std::string output;                    // stdout of that top-level statement
  int statement_line = 0;                // its first line
  bool compound = false;                 // the claim is in its body, not on its first line
  bool in_definition = false;            // in a def/class body
  std::string whole_output;              // everything the example printed
  std::optional<std::string> second_output;  // the same statement in the second run
  std::optional<std::string> second_whole;
  std::string stderr_text;               // stderr of that statement
  std::optional<PythonError> error;      // raised by that statement
  ProbePlan probe;                       // the probe run for this claim, if any
  std::optional<ProbeResult> probe_result;
  std::string unverifiable_reason;       // why this machine could not run it, when so
  // The example ran as a `>>>` transcript (RunMode::repl): `output` is what its prompt showed
  // (echoed values, a traceback), and a traceback is compared doctest-style (collapse_tracebacks).
  bool transcript = false;
  bool example_unverifiable = false;     // nothing of the example can be judged here (Python 2 code)
  std::vector<std::string> caught;       // the exceptions the try around the line catches ("" for a bare except)
  // What each top-level statement printed, in order: which statement printed a line of the output.
  std::vector<std::pair<int, std::string>> statement_outputs;
  std::vector<int> material_lines;       // the material's line of each line of the example, when known
};

struct ClaimResult {
  Claim claim;
  int material_line = 0;
  ClaimVerdict verdict = ClaimVerdict::correct;
  std::string expected;   // what the claim says, as compared
  std::string actual;     // what was printed (or evaluated), addresses kept
  std::string matched;    // "statement line 4", "enclosing statement line 2", "the example's output"
  std::string hint;       // why, for wrong (and format) claims
  double confidence = 1.0;
  int block_line = 0;     // a multi-line output block judged wrong: its first wrong line (1-based)
  bool varies = false;    // what it is compared with varied between two runs: no one output to write in its place
};

// A first judgement, before any probe: used to decide which claims need one.
ClaimResult judge_claim(const Claim& claim, const Evidence& evidence);

// The probe that would check a hint for a claim judged wrong (`line` is the claim's code line),
// or one that evaluates an error/verification claim. intent none: nothing to probe.
ProbePlan plan_probe(const Claim& claim, const std::string& line, const ClaimResult& first);

// The exceptions the handlers of each try whose body holds `line` (1-based) catch, innermost
// first: "TypeError", "ValueError" for `except (TypeError, ValueError):`, "" for a bare except.
std::vector<std::string> caught_around(const std::vector<PythonLine>& lines, int line);

// The Python a claim is stated for (Claim::python, else its text or note: "# Python 2",
// "(< Python 3.7)", "Python 3.8+"); empty when it says none.
std::string stated_python(const Claim& claim);

// Whether this machine's Python (3.11) is one the stated version covers ("3.8+" does, "< 3.7",
// "2" and "3.12" do not).
bool covers_this_python(const std::string& stated);

// Whether a judged claim documents `error`, the exception that ended the example, so that the
// example failing there is what the material says: a claim that the line raises it ("# KeyError",
// "# raises KeyError", on a print() line too).
bool documents_error(const ClaimResult& result, const PythonError& error);

// The argument of print(...) on a line, when it has exactly one; empty otherwise.
std::string print_argument(const std::string& line);

}  // namespace snipcheck
