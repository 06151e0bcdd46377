// What `run` and `check` share at their edges: logging set-up, the number of workers, report
// paths checked before anything runs, reports written whole (or not at all), and the exit status.
#pragma once

#include <string>
#include <vector>

#include "cli/execute.hpp"
#include "cli/options.hpp"
#include "report/terminal_report.hpp"
#include "util/error.hpp"

namespace snipcheck {

void configure_logging(const CommonOptions& options);
int worker_count(const CommonOptions& options);
Color terminal_color();
Detail terminal_detail(const CommonOptions& options);

// How `run` and `audit` execute a bank: the command line's workers, --keep-tmp, -v and
// --allow-weaker-sandbox, the bank's worker settings, and what the sandbox probe found.
ExecuteOptions bank_execute_options(const CommonOptions& options, const WorkerSettings& workers,
                                    const std::optional<SandboxReport>& sandbox_probe);

// Fails when a report could not be written there (its folder missing), before the run starts.
Expected<void> check_report_paths(const CommonOptions& options);

// Writes the --json and --junit reports, each atomically.
Expected<void> write_reports(const CommonOptions& options, const Execution& execution, const std::string& suite);

int exit_status_of(const Summary& summary);

// Prints an error that names file and line, and returns the usage exit status.
int report_usage_error(const Error& error);

}  // namespace snipcheck
