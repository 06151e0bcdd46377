// Test helpers that touch the file system: a scratch folder per test, and a bank written into it.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "util/fs.hpp"

namespace snipcheck::testing {

// Writes `files` (relative path -> content) under `root`, creating folders as needed.
void write_tree(const std::filesystem::path& root, const std::map<std::string, std::string>& files);

}  // namespace snipcheck::testing
