// The JSON report (--json): the summary and one object per finished question, in bank order;
// "interrupted" (a signal stopped the run) and the ids of the questions it left "unfinished".
// Field names are a contract with CI scripts: add fields, never rename them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compare/result.hpp"

namespace snipcheck {

// A run of one part of a bank (`run --shard K/N`): which part, how many questions the whole
// selection holds and its fingerprint, so that `snipcheck merge` can refuse overlapping,
// missing or foreign shards. Written as "shard"; a whole run's report has none.
struct ShardInfo {
  int index = 1;
  int count = 1;
  int questions = 0;      // in the whole selection, every part together
  std::string selection;  // selection_digest() of the whole selection
};

nlohmann::json result_to_json(const Result& result);
nlohmann::json summary_to_json(const Summary& summary);
nlohmann::json report_to_json(const std::vector<Result>& results, const Summary& summary,
                              const std::optional<ShardInfo>& shard = std::nullopt);

// Serialised text (invalid UTF-8 in output replaced, never an exception).
std::string render_json_report(const std::vector<Result>& results, const Summary& summary,
                               const std::optional<ShardInfo>& shard = std::nullopt);
std::string render_json(const nlohmann::json& report);

}  // namespace snipcheck
