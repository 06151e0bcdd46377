#include "cli/output.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/color.hpp"
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

Color terminal_color(const std::ostream& out, const std::string& mode) {
  const int fd = &out == &std::cerr ? 2 : 1;
  return decide_color(color_mode_from(mode).value_or(ColorMode::automatic), ::isatty(fd) != 0 ? Destination::terminal : Destination::other,
                      [](const char* name) { return std::getenv(name); });
}

Detail terminal_detail(const CommonOptions& options) {
  if (options.verbose) return Detail::verbose;
  return options.quiet ? Detail::quiet : Detail::normal;
}

std::vector<ReportPath> report_paths(const CommonOptions& options) {
  std::vector<ReportPath> reports;
  if (!options.json_path.empty()) reports.push_back({"--json", options.json_path});
  if (!options.junit_path.empty()) reports.push_back({"--junit", options.junit_path});
  if (!options.html_path.empty()) reports.push_back({"--html", options.html_path});
  return reports;
}

std::vector<InputPath> bank_inputs(const std::string& bank) {
  const std::filesystem::path root = bank;
  return {{(root / "snipcheck.toml").string(), false},
          {(root / "snippets").string(), true},
          {(root / "expected").string(), true},
          {(root / "cases").string(), true}};
}

namespace {

// A character device other than our stdout or stderr (/dev/null) may take several reports:
// nothing is kept there to be mixed up.
bool takes_several(const std::string& path) {
  if (path == "-") return false;
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0 || !S_ISCHR(info.st_mode)) return false;
  for (int fd : {1, 2}) {
    struct stat stream {};
    if (::fstat(fd, &stream) == 0 && stream.st_dev == info.st_dev && stream.st_ino == info.st_ino) return false;
  }
  return true;
}

}  // namespace

Expected<void> check_report_paths(const std::vector<ReportPath>& reports, const std::vector<InputPath>& inputs) {
  const std::string refused = "cannot write a report here: ";
  std::vector<std::pair<const ReportPath*, std::optional<FileIdentity>>> seen;
  for (const ReportPath& report : reports) {
    auto target = resolve_output(report.path);
    if (!target) return fail(report.path, 0, target.error().message + " (" + report.option + ")");
    const std::optional<FileIdentity> identity = identity_of(report.path);
    for (const InputPath& input : inputs) {
      if (input.folder ? is_inside(report.path, input.path)
                       : (identity && identity == identity_of(input.path))) {
        return fail(report.path, 0,
                    refused + (input.folder ? "it is inside " + input.path + "/, which" : "it is " + input.path + ", which") +
                        " this command reads (" + report.option + ")");
      }
    }
    for (const auto& [other, other_identity] : seen) {
      if (identity && identity == other_identity && !takes_several(report.path)) {
        return fail(report.path, 0, other->option + " and " + report.option + " would write the same file");
      }
    }
    seen.emplace_back(&report, identity);
  }
  return {};
}

std::ostream& terminal_stream(const std::vector<ReportPath>& reports) {
  for (const ReportPath& report : reports) {
    if (report.path == "-") return std::cerr;
  }
  return std::cout;
}

Expected<void> write_reports(const CommonOptions& options, const Execution& execution, const std::string& suite,
                             const std::optional<ShardInfo>& shard) {
  if (!options.json_path.empty()) {
    auto written = write_output(options.json_path, render_json_report(execution.results, execution.summary, shard));
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
