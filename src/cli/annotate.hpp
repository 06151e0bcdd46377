// `--annotate github` (or GITHUB_ACTIONS=true in the environment): after the run's summary, one
// GitHub Actions `::error` line per failing question (report/annotations.hpp), each naming the
// snippet by its path from the repository's root (GITHUB_WORKSPACE, or the current directory).
// The report before them is printed with workflow commands stopped (StoppedCommands), so that no
// `::command::` in a snippet's output, traceback or diff is read by the runner.
#pragma once

#include <filesystem>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "compare/result.hpp"

namespace snipcheck {

// "github" or "none" as given; empty: github when GITHUB_ACTIONS is "true".
bool annotations_wanted(const std::string& option);

// `file` (relative to the current directory, or absolute) from the repository's root.
std::string repository_path(const std::filesystem::path& file);

// Workflow commands stopped while it lives (report/annotations.hpp, stop_commands_line()): made
// before the report's untrusted output, it prints `::stop-commands::` with a token of 128 random
// bits; print_annotations() resumes them with that token before its `::error` lines.
class StoppedCommands {
 public:
  explicit StoppedCommands(std::ostream& out);
  const std::string& token() const { return m_token; }

 private:
  std::string m_token;
};

// The annotation of every failing result; `file_of` names each result's snippet. The commands
// `stopped` are resumed first.
void print_annotations(std::ostream& out, const StoppedCommands& stopped, const std::vector<Result>& results,
                       const std::function<std::string(const Result&)>& file_of);

}  // namespace snipcheck
