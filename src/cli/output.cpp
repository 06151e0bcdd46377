#include "cli/output.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/commands.hpp"
#include "report/json_report.hpp"
#include "report/junit_report.hpp"
#include "util/fs.hpp"
#include "util/interrupt.hpp"

namespace snipcheck {

void configure_logging(const CommonOptions& options) {
  auto logger = spdlog::stderr_color_mt("snipcheck");
  logger->set_pattern("snipcheck: %^%l%$: %v");
  logger->set_level(options.verbose ? spdlog::level::debug : spdlog::level::warn);
  spdlog::set_default_logger(logger);
}

int worker_count(const CommonOptions& options) {
  if (options.jobs > 0) return options.jobs;
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

ExecuteOptions bank_execute_options(const CommonOptions& options, const WorkerSettings& workers,
                                    const std::optional<SandboxReport>& sandbox_probe) {
  ExecuteOptions execute_options;
  execute_options.workers = worker_count(options);
  execute_options.keep_tmp = options.keep_tmp ? KeepDir::yes : KeepDir::no;
  execute_options.verbose = options.verbose;
  execute_options.progress = ::isatty(2) && !options.quiet;
  execute_options.worker_settings = workers;
  execute_options.allow_weaker_sandbox = options.allow_weaker_sandbox;
  execute_options.sandbox_probe = sandbox_probe;
  return execute_options;
}

Color terminal_color(const std::ostream& out) {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return Color::no;
  const int fd = &out == &std::cerr ? 2 : 1;
  return ::isatty(fd) ? Color::yes : Color::no;
}

Detail terminal_detail(const CommonOptions& options) {
  if (options.verbose) return Detail::verbose;
  return options.quiet ? Detail::quiet : Detail::normal;
}

std::vector<ReportPath> report_paths(const CommonOptions& options) {
  std::vector<ReportPath> reports;
  if (!options.json_path.empty()) reports.push_back({"--json", options.json_path});
  if (!options.junit_path.empty()) reports.push_back({"--junit", options.junit_path});
  return reports;
}

namespace {

// Whether two reports would land on one file (a later one replacing an earlier one) or both on
// stdout. Devices and FIFOs may take both.
bool same_destination(const OutputTarget& a, const OutputTarget& b) {
  if (a.kind == OutputKind::standard_output || b.kind == OutputKind::standard_output) return a.kind == b.kind;
  if (a.kind != OutputKind::replace || b.kind != OutputKind::replace) return false;
  std::error_code ignored;
  return std::filesystem::weakly_canonical(a.path, ignored) == std::filesystem::weakly_canonical(b.path, ignored);
}

}  // namespace

Expected<void> check_report_paths(const std::vector<ReportPath>& reports) {
  std::vector<std::pair<const ReportPath*, OutputTarget>> targets;
  for (const ReportPath& report : reports) {
    auto target = resolve_output(report.path);
    if (!target) return fail(report.path, 0, target.error().message + " (" + report.option + ")");
    for (const auto& [other, seen] : targets) {
      if (same_destination(seen, *target)) {
        return fail(report.path, 0, other->option + " and " + report.option + " would write the same file");
      }
    }
    targets.emplace_back(&report, *target);
  }
  return {};
}

std::ostream& terminal_stream(const std::vector<ReportPath>& reports) {
  for (const ReportPath& report : reports) {
    if (report.path == "-") return std::cerr;
  }
  return std::cout;
}

Expected<void> write_reports(const CommonOptions& options, const Execution& execution, const std::string& suite) {
  if (!options.json_path.empty()) {
    auto written = write_output(options.json_path, render_json_report(execution.results, execution.summary));
    if (!written) return written;
  }
  if (!options.junit_path.empty()) {
    auto written = write_output(options.junit_path, render_junit_report(execution.results, execution.summary, suite));
    if (!written) return written;
  }
  return {};
}

int exit_status_of(const Summary& summary) {
  if (summary.interrupted) return interrupted_exit_status();
  if (summary.internal_failure) return k_exit_internal;
  return summary.failing() > 0 ? k_exit_failed : k_exit_ok;
}

int report_usage_error(const Error& error) {
  std::cerr << "snipcheck: error: " << error.describe() << "\n";
  return k_exit_usage;
}

}  // namespace snipcheck
