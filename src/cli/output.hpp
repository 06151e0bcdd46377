// What `run`, `check` and `audit` share at their edges: logging set-up, the number of workers,
// report paths checked before anything runs, reports written whole (or not at all) where the
// user asked (util/fs.hpp write_output(): a file replaced atomically, a device or FIFO written
// through, `-` standard output), and the exit status (128 + the signal when interrupted).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "compare/execute.hpp"
#include "cli/options.hpp"
#include "report/json_report.hpp"
#include "report/terminal_report.hpp"
#include "util/error.hpp"

namespace snipcheck {

void configure_logging(const CommonOptions& options);
int worker_count(const CommonOptions& options);
// Colour as --color `mode` and the environment say (cli/color.hpp), `out` being std::cout or
// std::cerr (a terminal or not).
Color terminal_color(const std::ostream& out, const std::string& mode = "auto");
Detail terminal_detail(const CommonOptions& options);

// How `run` and `audit` execute a bank: the command line's workers, --keep-tmp, -v and
// --allow-weaker-sandbox, the bank's worker settings, and what the sandbox probe found.
ExecuteOptions bank_execute_options(const CommonOptions& options, const WorkerSettings& workers,
                                    const std::optional<SandboxReport>& sandbox_probe);

// A report the command line asks for: its option (for messages) and its path.
struct ReportPath {
  std::string option;  // "--json"
  std::string path;
};

// The --json and --junit paths given.
std::vector<ReportPath> report_paths(const CommonOptions& options);

// What a command reads, which no report may replace: a file (the material, the candidate's
// code, an expected file, snipcheck.toml), or a folder nothing may be written inside (a bank's
// snippets/ and expected/).
struct InputPath {
  std::string path;
  bool folder = false;
};

// The inputs of a bank at `bank`: its snipcheck.toml, snippets/, expected/ and cases/.
std::vector<InputPath> bank_inputs(const std::string& bank);

// Fails, before the run starts, when a report could not be written where asked: a directory, a
// folder missing or not writable, an empty path, two reports onto one file (compared by
// identity: `a.json` and `./a.json`, hard links, `-` and /dev/stdout; /dev/null may take
// several), or a report onto one of the command's inputs or inside an input folder.
Expected<void> check_report_paths(const std::vector<ReportPath>& reports, const std::vector<InputPath>& inputs = {});

// Where the terminal report goes: stderr when a report is written to `-` (stdout), else stdout.
std::ostream& terminal_stream(const std::vector<ReportPath>& reports);

// Writes the --json and --junit reports, each whole.
// A shard's run (`--shard`) says which part it is in its JSON report.
Expected<void> write_reports(const CommonOptions& options, const Execution& execution, const std::string& suite,
                             const std::optional<ShardInfo>& shard = std::nullopt);

// 128 + the signal when interrupted; else 3 for an internal failure, 1 when a question failed, 0.
int exit_status_of(const Summary& summary);

// Prints an error that names file and line, and returns the usage exit status.
int report_usage_error(const Error& error);

}  // namespace snipcheck
