// `run --shard K/N`: one of N stable parts of a bank, so that a CI system's own job matrix runs a
// bank on N machines and `snipcheck merge` joins their JSON reports. A part is computed from the
// selected questions alone (the same bank and filters give every job the same partition):
// - by question count: the questions in id order, cut into N runs of consecutive ids whose sizes
//   differ by at most one;
// - by recorded durations (`--durations-file`, the JSON report of an earlier run): the longest
//   first, each to the part with the least time so far; a question the file does not know counts
//   as the mean of those it knows.
// A chain (`after`) is one unit: it always lands whole in one part. A part may be empty (more
// parts than questions): its run reports nothing and passes.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "bank/bank.hpp"
#include "report/json_report.hpp"
#include "util/error.hpp"

namespace snipcheck {

struct ShardSpec {
  int index = 1;  // 1-based: K of K/N
  int count = 1;  // N
};

// "2/3"; a message for CLI11 otherwise (0/2, 3/2, x, 1/0).
Expected<ShardSpec> parse_shard(std::string_view text);

// Recorded durations (ms) by question id (a question with input cases: the sum of its runs):
// the "results" of a JSON report (`run --json`, or a merged one). Fails naming the file when it is not such a report.
Expected<std::map<std::string, std::int64_t>> read_durations(const std::string& path);

// Indices into `questions` (bank order) of part `spec`; `durations` empty: by question count.
std::vector<std::size_t> shard_partition(const std::vector<Question>& questions, ShardSpec spec,
                                         const std::map<std::string, std::int64_t>& durations = {});

// A fingerprint of the selected question ids (FNV-1a, hex), so that merge refuses shards of
// different banks or filters.
std::string selection_digest(const std::vector<Question>& questions);

// Keeps in `questions` (the whole selection) the part `shard` names ("": all of them) and says
// which part it is, for the JSON report. `durations_file` without `shard` is refused.
Expected<std::optional<ShardInfo>> select_shard(std::vector<Question>& questions, const std::string& shard,
                                                const std::string& durations_file);

}  // namespace snipcheck
