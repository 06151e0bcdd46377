// `snipcheck merge`: the JSON reports of the N shards of one run (`run --shard K/N --json`)
// joined into the report of the whole run, as if one machine had run it: results in bank (id)
// order, the summary counted again, and the JUnit and terminal reports rendered from it. Each
// result is kept as its shard wrote it (fields this version does not know included). Refused,
// naming the reports: a report that is not a shard's, shards of different N or of different
// selections (bank, -k), the same part twice or a question in two parts (overlapping), a part
// or a question missing. The merged summary's duration is the longest shard's, its workers the
// shards' together; it is interrupted, internal_failure or failing when one shard was.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compare/result.hpp"
#include "util/error.hpp"

namespace snipcheck {

struct ShardReport {
  std::string name;  // the file, for messages
  nlohmann::json report;
};

struct MergedReport {
  nlohmann::json report;        // the whole run's JSON report
  std::vector<Result> results;  // id order; the unfinished with finished = false
  Summary summary;
};

Expected<MergedReport> merge_reports(const std::vector<ShardReport>& shards);

// A result of a JSON report read back, with what the terminal and JUnit reports show.
Result result_from_json(const nlohmann::json& item);

}  // namespace snipcheck
