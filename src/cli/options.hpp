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
  int jobs = 0;  // 0: one per core
  bool keep_tmp = false;
  std::string isolation;  // empty: the bank's
  bool verbose = false;
  bool quiet = false;
  bool sandbox = false;               // --sandbox: confine every question as untrusted code (check: always)
  bool allow_weaker_sandbox = false;  // --allow-weaker-sandbox: run even when a protection is missing
};

struct RunOptions {
  CommonOptions common;
  std::string bank = ".";
  std::vector<std::string> filters;
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

}  // namespace snipcheck
