// Small file-system helpers: whole-file reads, atomic writes (a file is never half-written),
// writing a report where the user asked for it, and a temporary directory that removes itself.
// They report failures as values.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace snipcheck {

Expected<std::string> read_file(const std::filesystem::path& path);

// Writes to a new temporary file beside `path`, then renames it over `path` (a symlink at
// `path` is replaced, not followed: for files of our own; reports go through write_output()).
// The temporary file is removed on failure, and by the immediate end of an interrupt.
Expected<void> write_file_atomic(const std::filesystem::path& path, std::string_view content);

// Where a report goes, decided from what is at its path:
// - `-`: standard output;
// - a regular file, or nothing yet: replaced atomically (write_file_atomic()); a symlink is
//   resolved first, so the link stays and the file it names is replaced (or created);
// - anything else (a FIFO, a character device such as /dev/null, /dev/stdout, a socket), and a
//   file that is our own stdout or stderr: written through, opened without O_CREAT or O_TRUNC;
// - a directory, a path whose directory does not exist or cannot be written: refused.
enum class OutputKind { standard_output, replace, write_through };

struct OutputTarget {
  OutputKind kind = OutputKind::replace;
  std::filesystem::path path;  // what is written: symlinks resolved; empty for stdout
};

// Decides without writing anything (a FIFO is not opened), so a command can refuse a bad path
// before it runs anything. The Error names `path` as given.
Expected<OutputTarget> resolve_output(const std::string& path);

// Resolves `path` again and writes `content` there whole. A failed write (ENOSPC on /dev/full,
// a closed pipe) is an Error naming `path`.
Expected<void> write_output(const std::string& path, std::string_view content);

// The folder temporary directories go in ($TMPDIR, or /tmp when unset or empty), tried the way a
// run uses it (a directory and a small file made there, then removed). Fails, naming TMPDIR and
// the folder, when it is missing, not a directory, not writable, full or out of inodes: the
// user's or the machine's problem, told before anything runs.
Expected<std::filesystem::path> usable_temp_base();

enum class KeepDir { no, yes };

// A fresh directory under $TMPDIR (or /tmp), removed with its contents on destruction unless
// kept; also removed by the immediate end of an interrupt (util/interrupt.hpp).
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
