// Options of every subcommand, filled by CLI11 and read by the handlers.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace snipcheck {

struct CommonOptions {
  std::optional<double> timeout_s;
  std::string json_path;
  std::string junit_path;
  std::string html_path;  // --html PATH: one self-contained HTML file (cli/html_output.hpp)
  int jobs = 0;  // 0: one per core
  bool keep_tmp = false;
  std::string isolation;  // empty: the bank's
  bool verbose = false;
  bool quiet = false;
  bool sandbox = false;               // --sandbox: confine every question as untrusted code (check: always)
  bool allow_weaker_sandbox = false;  // --allow-weaker-sandbox: run even when a protection is missing
  std::string color = "auto";         // --color auto|always|never (cli/color.hpp)
  std::string annotate;               // --annotate github|none; empty: github under GITHUB_ACTIONS=true
};

struct RunOptions {
  CommonOptions common;
  std::string bank = ".";  // a bank, a folder inside one, or a question's file (cli/bank_target.hpp)
  std::vector<std::string> filters;  // -k terms (bank/filter.hpp)
  // The maintainer's workflow (issue 12).
  std::string update;         // --update ("wrong") or --update=all; empty: expected files stay
  bool dry_run = false;       // --dry-run: the --update patch on stdout, nothing written
  bool fail_fast = false;     // -x: stop starting questions after the first failure
  int max_failures = 0;       // --maxfail N: ... after N failures; 0: no limit
  bool last_failed = false;   // --lf: only the questions that failed last time (cli/cache.hpp)
  bool failed_first = false;  // --ff: those first, then the rest
  bool list = false;          // --list: the questions and their settings, nothing run
  std::optional<int> durations;  // --durations N: the N slowest (0: all)
  std::string shard;           // --shard K/N (cli/shard.hpp); empty: the whole bank
  std::string durations_file;  // --durations-file: a JSON report whose durations balance the shards
};

struct MergeOptions {
  std::vector<std::string> reports;  // the shards' JSON reports
  std::string json_path;
  std::string junit_path;
};

struct CheckOptions {
  CommonOptions common;
  std::string question;
  std::string bank = ".";
  std::string expected_file;
  std::string compare;
  std::string code = "-";
};

struct ImportOptions {
  std::string material;
  std::string out;
  bool no_sessions = false;  // --no-sessions: every block runs alone (no `continues`)
};

struct AuditOptions {
  CommonOptions common;
  std::string material;
  std::string markdown_path;  // --markdown: a report for a merge request
  std::string fix_path;       // --fix: a unified diff correcting the wrong claims
  bool no_sessions = false;   // --no-sessions: every block runs alone (no `continues`)
};

int run_command(const RunOptions& options);
int check_command(const CheckOptions& options);
int import_command(const ImportOptions& options);
int audit_command(const AuditOptions& options);
int merge_command(const MergeOptions& options);

}  // namespace snipcheck
