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

int run_command(const RunOptions& options);
int check_command(const CheckOptions& options);

}  // namespace snipcheck
