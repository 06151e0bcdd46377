// Test helpers for the reporters: a Result built by hand, as the run command would assemble it.
#pragma once

#include <string>

#include "compare/result.hpp"

namespace snipcheck::testing {

// A result for question `id` with the given verdict and reason; everything else is empty.
inline Result make_result(const std::string& id, Verdict verdict, const std::string& reason = {}) {
  Result result;
  result.id = id;
  result.file = "snippets/" + id + ".py";
  result.path = "/bank/snippets/" + id + ".py";
  result.judgement.verdict = verdict;
  result.judgement.reason = reason;
  result.outcome.ending = Ending::finished;
  result.outcome.exit_status = 0;
  result.outcome.worker_pid = 4242;
  return result;
}

}  // namespace snipcheck::testing
