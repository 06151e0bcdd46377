// Bank writer: writes a bank (snippets/, expected/, snipcheck.toml) from questions already
// decided elsewhere (`snipcheck import`). Deterministic: the same entries give the same bytes,
// and files of an earlier import that are no longer produced are removed. It decides nothing
// about claims or languages.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "bank/settings.hpp"
#include "util/error.hpp"

namespace snipcheck {

struct BankEntry {
  std::string id;                       // "007-generators"
  std::string code;                     // written as is
  std::optional<std::string> expected;  // nullopt: no expected file (nothing documented)
  std::string title;
  int source_line = 0;
  std::string language = "python";
  std::string after;                    // chained after this question, or empty
  CompareMode compare = CompareMode::exact;
};

struct BankDraft {
  std::string source;                   // the material's file name, for the header comment
  std::vector<BankEntry> entries;       // in id order
};

// The snipcheck.toml text for `draft`.
std::string render_settings(const BankDraft& draft);

// Writes `draft` into `dir` (created when missing). Refuses a non-empty directory that is not a
// bank (no snippets/ folder), so that it never mixes a bank into unrelated files.
Expected<void> write_bank(const std::filesystem::path& dir, const BankDraft& draft);

}  // namespace snipcheck
