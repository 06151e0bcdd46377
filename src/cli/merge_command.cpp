// `snipcheck merge REPORT.json... [--json OUT] [--junit OUT]`: the shards of one run, each the
// JSON report of `run --shard K/N` on its own CI job, joined into the whole run's reports
// (report/merge.hpp). Prints the failing questions and the summary line as a run does, and exits
// as the whole run would have: 0, 1 when a question failed (or a shard was interrupted), 3 for
// an internal failure; 2 when the reports cannot be merged.
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/output.hpp"
#include "report/json_report.hpp"
#include "report/junit_report.hpp"
#include "report/merge.hpp"
#include "util/fs.hpp"

namespace snipcheck {

int merge_command(const MergeOptions& options) {
  std::vector<ReportPath> outputs;
  if (!options.json_path.empty()) outputs.push_back({"--json", options.json_path});
  if (!options.junit_path.empty()) outputs.push_back({"--junit", options.junit_path});
  std::vector<InputPath> inputs;
  for (const std::string& report : options.reports) inputs.push_back({report, false});
  // No merged report replaces a shard's report it is made of.
  if (auto paths = check_report_paths(outputs, inputs); !paths) return report_usage_error(paths.error());

  std::vector<ShardReport> shards;
  for (const std::string& path : options.reports) {
    auto text = read_file(path, ReadLimit{1024ULL * 1024 * 1024, "report", "a JSON report of snipcheck run"});
    if (!text) return report_usage_error(text.error());
    nlohmann::json report = nlohmann::json::parse(*text, nullptr, false);
    if (report.is_discarded()) return report_usage_error(Error{path, 0, "not JSON (merge takes the reports of `snipcheck run --shard K/N --json`)"});
    shards.push_back({path, std::move(report)});
  }
  auto merged = merge_reports(shards);
  if (!merged) return report_usage_error(merged.error());

  std::ostream& out = terminal_stream(outputs);
  TerminalReport terminal(out, merged->results.size(), terminal_color(out), Detail::quiet);
  for (std::size_t i = 0; i < merged->results.size(); ++i) {
    if (merged->results[i].finished) terminal.add(i, merged->results[i]);
  }
  out << "merged " << shards.size() << " shard" << (shards.size() == 1 ? "" : "s") << "\n";
  terminal.finish(merged->summary);

  if (!options.json_path.empty()) {
    if (auto written = write_output(options.json_path, render_json(merged->report)); !written) {
      return report_usage_error(written.error());
    }
  }
  if (!options.junit_path.empty()) {
    auto junit = render_junit_report(merged->results, merged->summary, "snipcheck");
    if (auto written = write_output(options.junit_path, junit); !written) return report_usage_error(written.error());
  }
  if (merged->summary.internal_failure) return k_exit_internal;
  if (merged->summary.interrupted) return k_exit_failed;
  return exit_status_of(merged->summary);
}

}  // namespace snipcheck
