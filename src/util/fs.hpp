// Small file-system helpers: whole-file reads, atomic writes (a report is never half-written),
// and a temporary directory that removes itself. They report failures as values.
#pragma once

#include <filesystem>
#include <string>

#include "util/error.hpp"

namespace snipcheck {

Expected<std::string> read_file(const std::filesystem::path& path);

// Writes to a sibling temp file, then renames it over `path`.
Expected<void> write_file_atomic(const std::filesystem::path& path, const std::string& content);

// The folder temporary directories go in ($TMPDIR, or /tmp when unset or empty), tried the way a
// run uses it (a directory and a small file made there, then removed). Fails, naming TMPDIR and
// the folder, when it is missing, not a directory, not writable, full or out of inodes: the
// user's or the machine's problem, told before anything runs.
Expected<std::filesystem::path> usable_temp_base();

enum class KeepDir { no, yes };

// A fresh directory under $TMPDIR (or /tmp), removed with its contents on destruction unless kept.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "snipcheck", KeepDir keep = KeepDir::no);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return m_path; }

 private:
  std::filesystem::path m_path;
  KeepDir m_keep;
};

}  // namespace snipcheck
