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

Color terminal_color() {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return Color::no;
  return ::isatty(1) ? Color::yes : Color::no;
}

Detail terminal_detail(const CommonOptions& options) {
  if (options.verbose) return Detail::verbose;
  return options.quiet ? Detail::quiet : Detail::normal;
}

Expected<void> check_report_paths(const CommonOptions& options) {
  for (const std::string& path : {options.json_path, options.junit_path}) {
    if (path.empty()) continue;
    std::filesystem::path parent = std::filesystem::absolute(path).parent_path();
    std::error_code ec;
    if (!std::filesystem::is_directory(parent, ec)) return fail(path, 0, "cannot write a report here: no such directory");
    if (::access(parent.c_str(), W_OK) != 0) return fail(path, 0, "cannot write a report here: directory not writable");
  }
  return {};
}

Expected<void> write_reports(const CommonOptions& options, const Execution& execution, const std::string& suite) {
  if (!options.json_path.empty()) {
    auto written = write_file_atomic(options.json_path, render_json_report(execution.results, execution.summary));
    if (!written) return written;
  }
  if (!options.junit_path.empty()) {
    auto written = write_file_atomic(options.junit_path,
                                     render_junit_report(execution.results, execution.summary, suite));
    if (!written) return written;
  }
  return {};
}

int exit_status_of(const Summary& summary) {
  if (summary.internal_failure) return k_exit_internal;
  return summary.failing() > 0 ? k_exit_failed : k_exit_ok;
}

int report_usage_error(const Error& error) {
  std::cerr << "snipcheck: error: " << error.describe() << "\n";
  return k_exit_usage;
}

}  // namespace snipcheck
