// Settings: what a bank may say about how its questions run and compare, read from
// BANK/snipcheck.toml. The snippet files stay untouched, so line N of a snippet is line N of the
// example. This layer parses and validates; it does not run anything.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "util/error.hpp"

namespace snipcheck {

enum class CompareMode { exact, normalize, ellipsis };

std::string to_string(CompareMode mode);
std::optional<CompareMode> compare_mode_from(std::string_view name);

struct Settings {
  double timeout_s = 10.0;
  CompareMode compare = CompareMode::exact;
  std::uint64_t output_limit = 1024ULL * 1024;             // per stream
  std::uint64_t memory_limit = 2048ULL * 1024 * 1024;      // address space
  std::uint64_t file_size_limit = 64ULL * 1024 * 1024;     // largest file written
  std::optional<std::string> skip;                          // reason, when not run
};

// The settings file: defaults plus per-question overrides keyed by the snippet's stem.
struct SettingsFile {
  Settings defaults;
  std::map<std::string, Settings> questions;  // already merged over the defaults
  std::map<std::string, int> question_lines;  // where each [question."ID"] table starts

  Settings for_question(const std::string& id) const;
};

// Reads `path`; a missing file gives the built-in defaults. Errors name the file and line.
Expected<SettingsFile> load_settings(const std::filesystem::path& path);

// The same, from text already read (tests, and `check --expected`).
Expected<SettingsFile> parse_settings(const std::string& text, const std::string& file_name);

}  // namespace snipcheck
