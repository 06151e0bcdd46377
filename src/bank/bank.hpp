// Bank: a folder of questions (snippets/NNN-slug.py, expected/NNN-slug.out, snipcheck.toml),
// loaded and validated as a whole before anything runs, so a malformed bank is reported once,
// naming the file, and nothing is executed. It does not run or compare anything.
// Every entry read is a regular file inside the bank: a symbolic link is followed only when it
// leads inside the bank (so a bank never runs or prints a file from elsewhere); a FIFO, a device,
// a directory named like a question or a loop of links is an error naming the entry. A bank has
// both snippets/ and expected/ (empty: nothing documented), no folder named like a slip of either,
// and no two questions with the same number.
// A question may have input cases, judge-style: cases/NNN-slug/NAME.in (its stdin) beside
// NAME.out (its expected stdout), both required; a case folder for no question, a stray file, a
// case missing either half or an empty case folder is an error naming it. A question with cases
// needs no expected/ file (when it has one, it is also checked, with nothing on stdin), and
// cannot be chained with `after` either way (each case runs in a fresh directory).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "bank/settings.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

namespace snipcheck {

// An earlier question of a question's session (`continues`), whose code runs before its own.
struct SessionPart {
  std::string id;                             // "001-setup"
  std::filesystem::path snippet;              // absolute path of its code: compiled under it
  std::string code;
  std::string mode = "script";                // how it runs: "script", or "repl" (a transcript)
};

// One input case of a question (cases/NNN-slug/NAME.in + NAME.out): the snippet run with
// NAME.in on its standard input must print NAME.out.
struct Case {
  std::string name;      // "small": NAME of NAME.in
  std::string input;     // NAME.in: the snippet's stdin
  std::string expected;  // NAME.out: its stdout
};

struct Question {
  std::string id;                             // the snippet's stem: "007-generators"
  std::filesystem::path snippet;              // absolute path of the code
  std::string display_path;                   // "snippets/007-generators.py", for reports
  std::string code;                           // the snippet, checked to be UTF-8
  std::optional<std::string> expected;        // documented stdout; nullopt: nothing documented
  Settings settings;
  // The earlier questions of its session, oldest first (`continues`, followed back; read even
  // when a filter leaves them out of the run). Empty: it runs alone.
  std::vector<SessionPart> before;
  std::vector<Case> cases;                    // cases/ID/*: sorted by name; empty: none
  // Set on the questions expand_cases() makes, one run each (bank/cases.hpp): what goes on the
  // run's stdin (nullopt: nothing, /dev/null), the case's name (empty: the question's own run,
  // checked against expected/), and the file its expected output came from, relative to the
  // bank ("cases/007-sums/small.out"; empty: expected/ID.out).
  std::optional<std::string> stdin_input;
  std::string case_name;
  std::string question_id;  // the question's id; `id` is "007-sums[small]" for a case
  std::string expected_file;
};

struct Bank {
  std::filesystem::path root;
  WorkerSettings workers;
  std::vector<Question> questions;  // sorted by id
};

// Loads BANK. `filters` are -k terms (bank/filter.hpp); empty keeps every question.
// Code (a snippet, a candidate's file or standard input) is read to 16 MiB, material's limit:
// code is compiled and held in memory several times over, and no example is that long.
constexpr std::uint64_t k_max_code_bytes = 16ULL * 1024 * 1024;
ReadLimit code_read_limit();

// An expected file is read to 16 MiB, or to its question's output_limit when that is larger
// (output up to output_limit is compared with it whole). Not to output_limit alone: import
// writes what the material documents, up to material's 16 MiB, and that bank must load.
ReadLimit expected_read_limit(std::uint64_t output_limit);

Expected<Bank> load_bank(const std::filesystem::path& root, const std::vector<std::string>& filters = {});

// The session chain of question `id` in `settings`: the ids its `continues` leads back through,
// oldest first (empty when it continues nothing). The settings must have passed load_bank()'s
// checks (every `continues` names an earlier question), so the chain ends.
std::vector<std::string> session_chain(const SettingsFile& settings, const std::string& id);

// True for "007-generators": three digits, a dash, lower-case words joined by dashes.
bool is_question_id(std::string_view stem);

}  // namespace snipcheck
