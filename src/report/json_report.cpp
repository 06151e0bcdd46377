#include "report/json_report.hpp"

#include <algorithm>

#include "bank/cases.hpp"

namespace snipcheck {

namespace {

nlohmann::json optional_text(const std::string& text) { return text.empty() ? nlohmann::json() : nlohmann::json(text); }

// null: not sandboxed. Otherwise which protections were active, which were not and why.
nlohmann::json sandbox_to_json(const std::optional<SandboxReport>& sandbox) {
  if (!sandbox) return nullptr;
  nlohmann::json active = nlohmann::json::array();
  nlohmann::json missing = nlohmann::json::array();
  nlohmann::json details = nlohmann::json::object();
  for (const Protection& protection : sandbox->protections) {
    (protection.active ? active : missing).push_back(protection.name);
    details[protection.name] = protection.detail;
  }
  return {{"active", active}, {"missing", missing}, {"details", details}, {"complete", sandbox->complete()},
          {"error", optional_text(sandbox->error)}};
}

}  // namespace

nlohmann::json result_to_json(const Result& result) {
  const Outcome& outcome = result.outcome;
  nlohmann::json error;
  if (outcome.error) {
    error = {{"type", outcome.error->type},
             {"message", outcome.error->message},
             {"traceback", outcome.error->traceback},
             {"line", outcome.error->line}};
    if (!outcome.error->module.empty()) error["module"] = outcome.error->module;
  }
  nlohmann::json before_errors = nlohmann::json::array();
  for (const PartError& part : outcome.before_errors) {
    before_errors.push_back({{"path", part.path},
                             {"type", part.error.type},
                             {"message", part.error.message},
                             {"line", part.error.line}});
  }
  nlohmann::json item = {{"id", result.id},
          {"file", result.file},
          {"verdict", to_string(result.judgement.verdict)},
          {"reason", result.judgement.reason},
          {"duration_ms", outcome.duration_ms},
          {"stdout", outcome.stdout_text},
          {"stderr", outcome.stderr_text},
          {"stdout_truncated", outcome.stdout_truncated},
          {"stderr_truncated", outcome.stderr_truncated},
          {"stdout_bytes", std::max<std::uint64_t>(outcome.stdout_bytes, outcome.stdout_text.size())},
          {"stderr_bytes", std::max<std::uint64_t>(outcome.stderr_bytes, outcome.stderr_text.size())},
          {"exit_status", outcome.exit_status ? nlohmann::json(*outcome.exit_status) : nlohmann::json()},
          {"error", error},
          {"diff", optional_text(result.judgement.diff)},
          {"stack", optional_text(outcome.stack)},
          {"signal", outcome.signal ? nlohmann::json(*outcome.signal) : nlohmann::json()},
          {"compare", to_string(result.settings.compare)},
          {"expected", result.expected ? nlohmann::json(*result.expected) : nlohmann::json()},
          {"statements", outcome.statements},
          {"tier", optional_text(outcome.tier)},
          {"tier_reason", optional_text(outcome.tier_reason)},
          {"continues", optional_text(result.settings.continues)},
          {"before_errors", before_errors},
          {"worker",
           {{"pid", outcome.worker_pid},
            {"tainted", optional_text(outcome.taint)},
            {"rss_kb", outcome.worker_rss_kb},
            {"fds", outcome.worker_fds}}},
          {"sandbox", sandbox_to_json(outcome.sandbox)},
          {"internal", result.judgement.internal},
          {"failure_line", result.line},
          {"failure_code", optional_text(result.source_line)}};
  // An input case's run (bank/cases.hpp): its question, its case and the case's expected file.
  if (!result.case_name.empty()) {
    item["question"] = std::string(question_of_run(result.id));
    item["case"] = result.case_name;
    item["expected_file"] = result.expected_file;
  }
  return item;
}

nlohmann::json summary_to_json(const Summary& summary) {
  nlohmann::json counts = {{"total", summary.total}, {"duration_ms", summary.duration_ms}, {"workers", summary.workers}};
  for (int i = 0; i < k_verdict_count; ++i) {
    counts[to_string(static_cast<Verdict>(i))] = summary.counts[static_cast<std::size_t>(i)];
  }
  counts["failed"] = summary.failing();
  counts["unfinished"] = summary.unfinished;
  counts["stopped_after"] = summary.stopped_after;  // -x / --maxfail: the unfinished were not run
  counts["internal_failure"] = summary.internal_failure;  // our failure: the run exited 3
  return counts;
}

nlohmann::json report_to_json(const std::vector<Result>& results, const Summary& summary,
                              const std::optional<ShardInfo>& shard) {
  nlohmann::json counts = summary_to_json(summary);
  nlohmann::json items = nlohmann::json::array();
  nlohmann::json unfinished = nlohmann::json::array();
  for (const Result& result : results) {
    if (result.finished) items.push_back(result_to_json(result));
    else unfinished.push_back(result.id);
  }
  nlohmann::json report = {
      {"summary", counts}, {"interrupted", summary.interrupted}, {"unfinished", unfinished}, {"results", items}};
  if (shard) {
    report["shard"] = {{"index", shard->index},
                       {"count", shard->count},
                       {"questions", shard->questions},
                       {"selection", shard->selection}};
  }
  return report;
}

std::string render_json(const nlohmann::json& report) {
  return report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string render_json_report(const std::vector<Result>& results, const Summary& summary,
                               const std::optional<ShardInfo>& shard) {
  return render_json(report_to_json(results, summary, shard));
}

}  // namespace snipcheck
