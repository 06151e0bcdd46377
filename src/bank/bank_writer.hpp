// Bank writer: writes a bank (snippets/, expected/, snipcheck.toml) from questions already
// decided elsewhere (`snipcheck import`). Deterministic: the same entries give the same bytes,
// and files of an earlier import that are no longer produced are removed; a bank it did not
// write is never touched. It decides nothing
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
  std::string continues;                // continues this question's session, or empty
  CompareMode compare = CompareMode::exact;
  RunMode mode = RunMode::script;       // repl: a `>>>` transcript's prompts
};

struct BankDraft {
  std::string source;                   // the material's file name, for the header comment
  std::vector<BankEntry> entries;       // in id order
};

// The snipcheck.toml text for `draft`.
std::string render_settings(const BankDraft& draft);

// The file import leaves at the top of every bank it writes, naming the material: the only kind
// of non-empty folder it writes into again.
inline constexpr const char* k_import_marker = ".snipcheck-import";
std::string import_marker_text(const BankDraft& draft);

// Writes `draft` into `dir` (created when missing). Writes only into a folder that does not
// exist, an empty one, or a bank an earlier import wrote (its k_import_marker file); refuses any
// other (a hand-made bank, unrelated files) and touches nothing there.
Expected<void> write_bank(const std::filesystem::path& dir, const BankDraft& draft);

}  // namespace snipcheck
