// Settings: what a bank may say about how its questions run and compare, read from
// BANK/snipcheck.toml. The snippet files stay untouched, so line N of a snippet is line N of the
// example. This layer parses and validates; it does not run anything.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "util/error.hpp"

namespace snipcheck {

// claims: each expected line is a claim the material makes (imported banks, compare/compare.hpp
// claims_match()), held with the tolerances `snipcheck audit` holds a claim to.
enum class CompareMode { exact, normalize, ellipsis, claims };

std::string to_string(CompareMode mode);
std::optional<CompareMode> compare_mode_from(std::string_view name);

// Where a question runs: a fresh sub-interpreter of a long-lived worker (cheap, but CPython 3.11
// sub-interpreters cannot fork, handle signals or import numpy twice), a forked child of a
// worker (process), or whichever the snippet needs (auto: decided from its imports and calls).
enum class Isolation { automatic, subinterpreter, process };

std::string to_string(Isolation isolation);
std::optional<Isolation> isolation_from(std::string_view name);

// How a question's code runs: as a script (`python3 FILE`), or as a `>>>` transcript (repl: the
// snippet holds the prompts' source without their `>>> `/`... `, line N still line N; each prompt
// runs as the REPL runs it, its values echoed, an exception shown and the transcript going on).
enum class RunMode { script, repl };

std::string to_string(RunMode mode);
std::optional<RunMode> run_mode_from(std::string_view name);

// The range of a question's timeout, in the settings and on the command line (--timeout): below a
// millisecond nothing can run, above a day is a slip of the keyboard.
inline constexpr double k_min_timeout_s = 0.001;
inline constexpr double k_max_timeout_s = 86400;

struct Settings {
  double timeout_s = 10.0;
  CompareMode compare = CompareMode::exact;
  std::uint64_t output_limit = 1024ULL * 1024;             // per stream
  std::uint64_t memory_limit = 2048ULL * 1024 * 1024;      // address space
  std::uint64_t file_size_limit = 64ULL * 1024 * 1024;     // largest file written
  std::optional<std::string> skip;                          // reason, when not run
  Isolation isolation = Isolation::automatic;
  RunMode mode = RunMode::script;
  // What `snipcheck import` records about a question's origin (per question only).
  std::string title;                  // the material's question title
  int source_line = 0;                // its heading's line in the material
  std::string language = "python";    // anything else is never run: unverifiable (not Python)
  std::string after;                  // runs after this question, in its working directory
  // Continues that earlier question's session (issue 10, item 3): the code of every question of
  // the chain (`continues` of `continues`...) runs first, oldest first, in the same process and
  // __main__ namespace, in this question's own working directory. Per question only.
  std::string continues;
  int continues_line = 0;             // where `continues` is set in snipcheck.toml, for messages
  // The sandbox (issue 5): `run` confines questions with `sandbox = true`; `check` always does.
  bool sandbox = false;
  bool sandbox_subprocess = false;        // sandboxed code may run /usr/bin/python3 (nothing else)
  std::uint64_t cpu_limit_s = 0;          // CPU seconds in the sandbox; 0: the timeout, rounded up
  std::uint64_t process_limit = 64;       // processes and threads at once in the sandbox
  std::uint64_t open_files_limit = 256;   // open file descriptors in the sandbox
  // Environment variables sandboxed code may see besides PATH, LANG, LC_*, TZ and TERM (HOME and
  // TMPDIR are its working directory): the rest of the runner's environment may hold secrets.
  std::vector<std::string> sandbox_env;
};

// Bank-wide settings of the workers (only in [defaults]).
struct WorkerSettings {
  std::vector<std::string> preload;          // imported once per worker, before any job (process tier)
  std::vector<std::string> process_modules;  // importing one of these sends a question to the process tier
};

// The settings file: defaults plus per-question overrides keyed by the snippet's stem.
struct SettingsFile {
  Settings defaults;
  WorkerSettings workers;
  std::map<std::string, Settings> questions;  // already merged over the defaults
  std::map<std::string, int> question_lines;  // where each [question."ID"] table starts

  Settings for_question(const std::string& id) const;
};

// Reads `path`; a missing file gives the built-in defaults. Errors name the file and line.
// snipcheck.toml is read to 1 MiB: a bank's settings are a few hundred lines, a larger file is
// not one.
constexpr std::uint64_t k_max_settings_bytes = 1024ULL * 1024;

Expected<SettingsFile> load_settings(const std::filesystem::path& path);

// The same, from text already read (tests, and `check --expected`).
Expected<SettingsFile> parse_settings(const std::string& text, const std::string& file_name);

}  // namespace snipcheck
