// Probes: Python appended after an example (its own lines stay where they are) that evaluates
// expressions in the example's namespace once it has run: a verification expression, commented-
// out code that should raise, or the alternative a hint proposes (list(...) of an iterator that
// was printed, the value of an expression that was never printed). Each evaluation's own output
// is captured apart; the results come back as one marked JSON line at the end of stdout. This
// file writes and reads that text; running it is the runner's job.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace snipcheck {

struct ProbeRequest {
  enum class Mode { eval, exec };
  Mode mode = Mode::eval;
  std::string source;
};

struct ProbeResult {
  bool ok = false;        // evaluated without an exception
  std::string str;        // str(value) (eval)
  std::string repr;       // repr(value) (eval)
  std::string error;      // "TypeError: ..." when it raised
  std::string output;     // what the evaluation itself printed
};

// The example's code with the probes appended (nothing appended when there are none).
std::string code_with_probes(const std::string& code, const std::vector<ProbeRequest>& probes);

// The results, in request order, from the stdout of a run of code_with_probes(); nullopt when the
// probes never ran (the example stopped before its end).
std::optional<std::vector<ProbeResult>> parse_probe_results(const std::string& stdout_text);

// The stdout of a run of code_with_probes() without the probes' marked line.
std::string strip_probe_line(const std::string& stdout_text);

}  // namespace snipcheck
