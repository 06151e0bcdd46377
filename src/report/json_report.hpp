// The JSON report (--json): the summary and one object per finished question, in bank order;
// "interrupted" (a signal stopped the run) and the ids of the questions it left "unfinished".
// Field names are a contract with CI scripts: add fields, never rename them.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/result.hpp"

namespace snipcheck {

nlohmann::json result_to_json(const Result& result);
nlohmann::json report_to_json(const std::vector<Result>& results, const Summary& summary);

// Serialised text (invalid UTF-8 in output replaced, never an exception).
std::string render_json_report(const std::vector<Result>& results, const Summary& summary);

}  // namespace snipcheck
