// Small file-system helpers: whole-file reads, atomic writes (a file is never half-written),
// writing a report where the user asked for it, and a temporary directory that removes itself.
// They report failures as values.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace snipcheck {

// How much of an input snipcheck reads, and what to say when there is more: every input (code,
// expected output, settings, material) is read to at most `bytes` + 1, so /dev/zero, an endless
// pipe or a wrong file of gigabytes ends in an Error naming the file and the limit.
struct ReadLimit {
  std::uint64_t bytes = 0;
  std::string noun;  // "material": "material too large: more than 16 MiB (why)"
  std::string why;   // "an article or a Markdown page, not a data file"
};

// The whole of a file, or an Error naming it (a directory, unreadable, longer than the limit).
Expected<std::string> read_file(const std::filesystem::path& path, const ReadLimit& limit);

// The whole of what descriptor `fd` gives until its end (standard input), under the same limit;
// `name` ("<stdin>") names it in an Error.
Expected<std::string> read_descriptor(int fd, const std::string& name, const ReadLimit& limit);

// Writes to a new temporary file beside `path`, then renames it over `path` (a symlink at
// `path` is replaced, not followed: for files of our own; reports go through write_output()).
// The temporary file is removed on failure, and by the immediate end of an interrupt.
Expected<void> write_file_atomic(const std::filesystem::path& path, std::string_view content);

// Where a report goes, decided from what is at its path:
// - `-`: standard output;
// - a regular file, or nothing yet: replaced atomically (write_file_atomic()); a symlink is
//   resolved first, so the link stays and the file it names is replaced (or created);
// - a regular file with more than one hard link: written in place (truncated, then written), so
//   every name of it keeps naming the report (a replace would leave the other names on the old);
// - anything else (a FIFO, a character device such as /dev/null, /dev/stdout, a socket), and a
//   file that is our own stdout or stderr: written through, opened without O_CREAT or O_TRUNC;
//   a FIFO that no process has open for reading is waited for, k_fifo_reader_wait_ms at most,
//   then an Error (a report is never left blocking the end of a run for ever);
// - a directory, a path whose directory does not exist or cannot be written: refused.
enum class OutputKind { standard_output, replace, in_place, write_through };

constexpr int k_fifo_reader_wait_ms = 5000;

struct OutputTarget {
  OutputKind kind = OutputKind::replace;
  std::filesystem::path path;  // what is written: symlinks resolved; empty for stdout
};

// Decides without writing anything (a FIFO is not opened), so a command can refuse a bad path
// before it runs anything. The Error names `path` as given.
Expected<OutputTarget> resolve_output(const std::string& path);

// Which file a path is, compared by identity: the device and inode of what it names once every
// link is followed, or, for a name with nothing there yet, those of its directory (links
// followed) and the name. `a.json`, `./a.json`, `../dir/a.json`, a hard link and a symlink to it
// are all one file. "-" is our standard output. Nullopt when the path or its directory cannot be
// reached.
struct FileIdentity {
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
  std::string name;  // empty for a file that exists
  bool operator==(const FileIdentity&) const = default;
};
std::optional<FileIdentity> identity_of(const std::string& path);

// Whether the file or directory `path` would be (for a name not there yet: its directory) is
// the directory `folder` or anywhere under it, compared by identity.
bool is_inside(const std::string& path, const std::filesystem::path& folder);

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
