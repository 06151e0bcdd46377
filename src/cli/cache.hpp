// The cache of the last run (`--lf`, `--ff`), as pytest's .pytest_cache: BANK/.snipcheck_cache/,
// with a .gitignore holding `*` so that it is never committed, and `lastfailed.json`, the ids
// of the questions that failed when they last ran. A run records what it judged: a question
// that ran and failed is added, one that ran and did not fail removed, the others keep what
// they had. A cache that is malformed is ignored (with a message); one that cannot be written
// (a read-only bank) never fails the run: the caller says so once.
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "compare/result.hpp"
#include "util/error.hpp"

namespace snipcheck {

inline constexpr const char* k_cache_folder = ".snipcheck_cache";
inline constexpr const char* k_last_failed_file = "lastfailed.json";

// The failed ids in a lastfailed.json's text; an Error (naming `file_name`) when it is not one.
Expected<std::set<std::string>> parse_last_failed(const std::string& text, const std::string& file_name);

// The same, read from BANK/.snipcheck_cache/lastfailed.json: a missing file is no failure.
Expected<std::set<std::string>> read_last_failed(const std::filesystem::path& bank_root);

// `previous` updated with what `results` judged.
std::set<std::string> merge_last_failed(std::set<std::string> previous, const std::vector<Result>& results);

// lastfailed.json's text for `failed`.
std::string render_last_failed(const std::set<std::string>& failed);

// Makes the folder and its .gitignore when missing, then writes lastfailed.json atomically.
Expected<void> write_last_failed(const std::filesystem::path& bank_root, const std::set<std::string>& failed);

}  // namespace snipcheck
