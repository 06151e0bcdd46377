#include "report/merge.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "bank/cases.hpp"
#include "report/json_report.hpp"

namespace snipcheck {

namespace {

std::string text_of(const nlohmann::json& object, const char* key) {
  auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::int64_t number_of(const nlohmann::json& object, const char* key, std::int64_t otherwise = 0) {
  auto found = object.find(key);
  return found != object.end() && found->is_number_integer() ? found->get<std::int64_t>() : otherwise;
}

bool flag_of(const nlohmann::json& object, const char* key) {
  auto found = object.find(key);
  return found != object.end() && found->is_boolean() && found->get<bool>();
}

std::optional<Verdict> verdict_from(const std::string& name) {
  for (int i = 0; i < k_verdict_count; ++i) {
    if (to_string(static_cast<Verdict>(i)) == name) return static_cast<Verdict>(i);
  }
  return std::nullopt;
}

std::string part_name(int index, int count) { return std::to_string(index) + "/" + std::to_string(count); }

// The shard's facts, or why the report cannot be merged.
struct Part {
  const ShardReport* source;
  int index, count, questions;
  std::string selection;
};

Expected<Part> part_of(const ShardReport& shard) {
  const nlohmann::json& report = shard.report;
  if (!report.is_object() || !report.contains("results") || !report["results"].is_array() ||
      !report.contains("summary") || !report["summary"].is_object()) {
    return fail(shard.name, 0, "not a JSON report of `snipcheck run` (no \"summary\" and \"results\")");
  }
  auto found = report.find("shard");
  if (found == report.end() || !found->is_object()) {
    return fail(shard.name, 0, "not a shard's report: it was not written by `snipcheck run --shard K/N --json`");
  }
  Part part{&shard, static_cast<int>(number_of(*found, "index")), static_cast<int>(number_of(*found, "count")),
            static_cast<int>(number_of(*found, "questions", -1)), text_of(*found, "selection")};
  if (part.count < 1 || part.index < 1 || part.index > part.count || part.questions < 0) {
    return fail(shard.name, 0, "its \"shard\" is not a part K/N of a run");
  }
  for (const nlohmann::json& item : report["results"]) {
    if (!item.is_object() || text_of(item, "id").empty() || !verdict_from(text_of(item, "verdict"))) {
      return fail(shard.name, 0, "a result without an \"id\" and a known \"verdict\"");
    }
  }
  return part;
}

}  // namespace

Result result_from_json(const nlohmann::json& item) {
  Result result;
  result.id = text_of(item, "id");
  result.file = text_of(item, "file");
  result.judgement.verdict = verdict_from(text_of(item, "verdict")).value_or(Verdict::error);
  result.judgement.reason = text_of(item, "reason");
  result.judgement.diff = text_of(item, "diff");
  Outcome& outcome = result.outcome;
  outcome.duration_ms = number_of(item, "duration_ms");
  outcome.stdout_text = text_of(item, "stdout");
  outcome.stderr_text = text_of(item, "stderr");
  outcome.stdout_bytes = static_cast<std::uint64_t>(std::max<std::int64_t>(0, number_of(item, "stdout_bytes")));
  outcome.stderr_bytes = static_cast<std::uint64_t>(std::max<std::int64_t>(0, number_of(item, "stderr_bytes")));
  outcome.stdout_truncated = flag_of(item, "stdout_truncated");
  outcome.stderr_truncated = flag_of(item, "stderr_truncated");
  outcome.stack = text_of(item, "stack");
  if (auto error = item.find("error"); error != item.end() && error->is_object()) {
    PythonError python;
    python.type = text_of(*error, "type");
    python.message = text_of(*error, "message");
    python.traceback = text_of(*error, "traceback");
    python.line = static_cast<int>(number_of(*error, "line"));
    python.module = text_of(*error, "module");
    outcome.error = python;
  }
  if (auto status = item.find("exit_status"); status != item.end() && status->is_number_integer()) {
    outcome.exit_status = status->get<int>();
  }
  if (auto signal = item.find("signal"); signal != item.end() && signal->is_number_integer()) {
    outcome.signal = signal->get<int>();
  }
  if (auto expected = item.find("expected"); expected != item.end() && expected->is_string()) {
    result.expected = expected->get<std::string>();
  }
  outcome.tier = text_of(item, "tier");
  outcome.tier_reason = text_of(item, "tier_reason");
  result.line = static_cast<int>(number_of(item, "failure_line"));
  result.source_line = text_of(item, "failure_code");
  result.judgement.internal = flag_of(item, "internal");
  return result;
}

Expected<MergedReport> merge_reports(const std::vector<ShardReport>& shards) {
  if (shards.empty()) return fail("", 0, "merge needs the JSON reports of a run's shards");
  std::vector<Part> parts;
  for (const ShardReport& shard : shards) {
    auto part = part_of(shard);
    if (!part) return tl::unexpected(part.error());
    parts.push_back(*part);
  }
  const Part& first = parts.front();
  std::map<int, const Part*> by_index;
  for (const Part& part : parts) {
    if (part.count != first.count) {
      return fail(part.source->name, 0, "it is shard " + part_name(part.index, part.count) + " but " +
                                            first.source->name + " is shard " + part_name(first.index, first.count) +
                                            ": the shards of one run share N");
    }
    if (part.selection != first.selection || part.questions != first.questions) {
      return fail(part.source->name, 0, "it is a shard of another selection than " + first.source->name +
                                            " (another bank, or other -k filters)");
    }
    auto [it, added] = by_index.emplace(part.index, &part);
    if (!added) {
      return fail(part.source->name, 0, "overlapping shards: it and " + it->second->source->name + " are both shard " +
                                            part_name(part.index, part.count));
    }
  }
  std::string missing;
  for (int index = 1; index <= first.count; ++index) {
    if (!by_index.contains(index)) missing += (missing.empty() ? "" : ", ") + part_name(index, first.count);
  }
  if (!missing.empty()) {
    return fail("", 0, "missing shard" + std::string(missing.find(',') == std::string::npos ? " " : "s ") + missing +
                           " (merge takes the reports of all " + std::to_string(first.count) + " shards)");
  }

  // Every run once: results and unfinished, by run id. The header counts questions, and a
  // question with input cases is several runs ("007-sums", "007-sums[small]"), all in one part:
  // `questions` holds the part of each question the runs came from.
  std::map<std::string, std::pair<const Part*, const nlohmann::json*>> results;
  std::map<std::string, const Part*> unfinished;
  std::map<std::string, const Part*, std::less<>> questions;
  auto claim = [&](const std::string& id, const Part& part) -> Expected<void> {
    const Part* other = nullptr;
    if (auto found = results.find(id); found != results.end()) other = found->second.first;
    if (auto found = unfinished.find(id); found != unfinished.end()) other = found->second;
    const std::string question(question_of_run(id));
    if (auto found = questions.find(question); other == nullptr && found != questions.end() && found->second != &part) {
      other = found->second;
    }
    if (other != nullptr) {
      return fail(part.source->name, 0, "overlapping shards: question " + question + " is in it and in " +
                                            other->source->name + " (were they cut with the same --durations-file?)");
    }
    questions.emplace(question, &part);
    return {};
  };
  bool interrupted = false, internal = false;
  std::int64_t duration_ms = 0;
  int workers = 0;
  for (const Part& part : parts) {
    const nlohmann::json& report = part.source->report;
    for (const nlohmann::json& item : report["results"]) {
      const std::string id = text_of(item, "id");
      if (auto fine = claim(id, part); !fine) return tl::unexpected(fine.error());
      results.emplace(id, std::make_pair(&part, &item));
    }
    if (auto list = report.find("unfinished"); list != report.end() && list->is_array()) {
      for (const nlohmann::json& id : *list) {
        if (!id.is_string()) continue;
        if (auto fine = claim(id.get<std::string>(), part); !fine) return tl::unexpected(fine.error());
        unfinished.emplace(id.get<std::string>(), &part);
      }
    }
    interrupted = interrupted || flag_of(report, "interrupted");
    internal = internal || flag_of(report["summary"], "internal_failure");
    duration_ms = std::max(duration_ms, number_of(report["summary"], "duration_ms"));
    workers += static_cast<int>(number_of(report["summary"], "workers"));
  }
  const std::size_t held = questions.size();
  if (held != static_cast<std::size_t>(first.questions)) {
    return fail("", 0, "the shards hold " + std::to_string(held) + " of the " + std::to_string(first.questions) +
                           " questions of their run (were they cut with the same --durations-file?)");
  }

  MergedReport merged;
  nlohmann::json items = nlohmann::json::array();
  nlohmann::json unfinished_ids = nlohmann::json::array();
  std::set<std::string> ids;
  for (const auto& [id, entry] : results) ids.insert(id);
  for (const auto& [id, part] : unfinished) ids.insert(id);
  for (const std::string& id : ids) {
    if (auto found = results.find(id); found != results.end()) {
      items.push_back(*found->second.second);
      merged.results.push_back(result_from_json(*found->second.second));
    } else {
      unfinished_ids.push_back(id);
      Result result;
      result.id = id;
      result.finished = false;
      merged.results.push_back(std::move(result));
    }
  }
  merged.summary = summarize(merged.results, duration_ms, workers);
  merged.summary.internal_failure = merged.summary.internal_failure || internal;
  merged.summary.interrupted = interrupted;
  merged.report = {{"summary", summary_to_json(merged.summary)},
                   {"interrupted", interrupted},
                   {"unfinished", unfinished_ids},
                   {"results", items}};
  return merged;
}

}  // namespace snipcheck
