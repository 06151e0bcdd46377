// `--annotate github` (or GITHUB_ACTIONS=true in the environment): after the run's summary, one
// GitHub Actions `::error` line per failing question (report/annotations.hpp), each naming the
// snippet by its path from the repository's root (GITHUB_WORKSPACE, or the current directory).
#pragma once

#include <filesystem>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "report/result.hpp"

namespace snipcheck {

// "github" or "none" as given; empty: github when GITHUB_ACTIONS is "true".
bool annotations_wanted(const std::string& option);

// `file` (relative to the current directory, or absolute) from the repository's root.
std::string repository_path(const std::filesystem::path& file);

// The annotation of every failing result; `file_of` names each result's snippet.
void print_annotations(std::ostream& out, const std::vector<Result>& results,
                       const std::function<std::string(const Result&)>& file_of);

}  // namespace snipcheck
