// Bless (`run --update`): an expected file rewritten from what its question printed, shown as a
// patch. Only a question that ran clean is blessed: `wrong` (it failed under its compare mode:
// a question that passes under `ellipsis` or `normalize` is never rewritten), and `no_claim`
// (no expected file yet) with --update=all; never error, timeout, crash or limit, never output
// that was cut, never a run that was interrupted. The patch is git's format (`diff --git`, paths
// relative to the bank, `\ No newline at end of file`), so `--update --dry-run > fix.patch` can
// be reviewed and applied from the bank's folder with `git apply fix.patch`.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "compare/result.hpp"
#include "util/error.hpp"

namespace snipcheck {

enum class UpdateMode { wrong, all };

// Whether `result` is blessed under `mode`.
bool should_bless(const Result& result, UpdateMode mode);

// One expected file to rewrite.
struct Blessing {
  std::string path;                   // relative to the bank: "expected/007-generators.out"
  std::optional<std::string> before;  // nullopt: the file is new
  std::string after;
};

// What a result is blessed with, so that the next run passes: what it is compared on (its whole
// stdout; a transcript's: what its session showed, a new traceback as its last line), where each
// line of the expected file that still matches under the question's compare mode stays as it is
// (an `ellipsis` pattern, a line only `...` standing for the lines it covers, a `normalize`
// line's trailing spaces, a transcript's documented traceback). When the result of that would
// not pass, what was shown, literally.
std::string blessed_text(const Result& result);

// The blessing of a result should_bless() accepted (blessed_text()).
Blessing blessing_of(const Result& result);

// A git-style patch of one file, with 3 lines of context; empty when nothing changes.
std::string file_patch(const Blessing& blessing);

// Refuses (naming the file) blessings whose expected file is a symbolic link to another file the
// bank reads (snipcheck.toml, a snippet or case file, another question's expected file), or to
// the same file as another blessing: the link would overwrite an input, or two questions' outputs
// would fight over one file. The link to a file of its own (a shared/ folder) is followed.
Expected<void> check_blessings(const std::filesystem::path& bank_root, const std::vector<Blessing>& blessings);

// Writes each blessing under `bank_root`, atomically (util/fs.hpp write_file_atomic()); an
// expected file that is a symbolic link keeps it (the file it names is rewritten). Nothing is
// written when check_blessings() refuses. The first
// failure stops and names the file (the ones before it are written).
Expected<void> write_blessings(const std::filesystem::path& bank_root, const std::vector<Blessing>& blessings);

}  // namespace snipcheck
