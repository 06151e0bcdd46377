#include "bank/bank.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <system_error>

#include "bank/filter.hpp"
#include "util/fs.hpp"
#include "util/text.hpp"

namespace snipcheck {

ReadLimit code_read_limit() {
  return {k_max_code_bytes, "code", "snipcheck runs examples of code, not data files"};
}

ReadLimit expected_read_limit(std::uint64_t output_limit) {
  if (output_limit > k_max_code_bytes) {
    return {output_limit, "expected output", "the question's output_limit: longer output is never compared"};
  }
  return {k_max_code_bytes, "expected output", "snipcheck compares output, not data files"};
}

namespace fs = std::filesystem;

namespace {

bool is_slug_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// True when `path` is `root` or below it (both canonical).
bool is_within(const fs::path& path, const fs::path& root) {
  auto [stop, ignored] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return stop == root.end();
}

std::string kind_of(fs::file_type type) {
  switch (type) {
    case fs::file_type::directory: return "a directory";
    case fs::file_type::regular: return "a file";
    case fs::file_type::fifo: return "a FIFO";
    case fs::file_type::socket: return "a socket";
    case fs::file_type::block:
    case fs::file_type::character: return "a device";
    default: return "neither a file nor a directory";
  }
}

// Where the bank entry `path` really is. A symbolic link is followed only when it leads inside
// the bank (`root`, canonical): a bank is read as a whole, and a link to /etc/passwd must not be
// run, nor one to a secret printed in a diff. `want` is the type the entry must have once resolved.
Expected<fs::path> resolve_entry(const fs::path& root, const fs::path& path, const std::string& display,
                                 fs::file_type want) {
  std::error_code ec;
  fs::path real = fs::canonical(path, ec);
  if (ec == std::errc::too_many_symbolic_link_levels) {
    return fail(display, 0, "a loop of symbolic links (" + ec.message() + ")");
  }
  if (ec && fs::is_symlink(fs::symlink_status(path, ec))) return fail(display, 0, "a symbolic link to nothing");
  if (ec) return fail(display, 0, "cannot resolve: " + ec.message());
  if (!is_within(real, root)) {
    return fail(display, 0, "a symbolic link to " + real.string() +
                                ", outside the bank: links in a bank must point inside it");
  }
  fs::file_type type = fs::status(real, ec).type();
  if (ec) return fail(display, 0, "cannot read: " + ec.message());
  if (type != want) {
    return fail(display, 0, kind_of(type) + ", expected " +
                                (want == fs::file_type::directory ? "a directory" : "a regular file"));
  }
  return real;
}

struct Entry {
  fs::path path;  // in the bank's folder, as listed
  fs::path real;  // what it resolves to, inside the bank
};

// Files of `dir` with the given extension, keyed by stem; any other file is an error.
Expected<std::map<std::string, Entry>> list_files(const fs::path& root, const fs::path& dir,
                                                  const std::string& extension, const std::string& rel) {
  std::map<std::string, Entry> files;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& path = it->path();
    std::string name = path.filename().string();
    if (name.starts_with(".")) continue;  // editor droppings such as .swp files
    std::string stem = path.stem().string();
    if (path.extension() != extension || !is_question_id(stem)) {
      return fail(rel + "/" + name, 0,
                  "not a question file: names are NNN-slug" + extension + " (three digits, a dash, "
                  "lower-case words joined by dashes)");
    }
    auto real = resolve_entry(root, path, rel + "/" + name, fs::file_type::regular);
    if (!real) return tl::unexpected(real.error());
    files.emplace(stem, Entry{path, *real});
  }
  if (ec) return fail(rel, 0, "cannot list: " + ec.message());
  return files;
}

// Each question has a number of its own: `check --question 7` must name one question.
Expected<void> check_unique_numbers(const std::map<std::string, Entry>& snippets, const std::string& rel) {
  std::map<std::string, std::string> by_number;
  for (const auto& [id, entry] : snippets) {
    auto [first, inserted] = by_number.emplace(id.substr(0, 3), entry.path.filename().string());
    if (inserted) continue;
    return fail(rel + "/" + entry.path.filename().string(), 0,
                "question number " + id.substr(0, 3) + " is used twice: " + rel + "/" + first->second + " and " +
                    rel + "/" + entry.path.filename().string() + " (each question has a number of its own)");
  }
  return {};
}

// Edits (insertions, deletions, substitutions, swaps of neighbours) between `a` and `b`.
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

// A top-level folder whose name is a slip of "snippets", "expected" or "cases" ("expect",
// "Expected", "snipets", "case") would be ignored, and its questions with it: refused, naming it.
Expected<void> check_folder_names(const fs::path& root, const fs::path& shown) {
  std::error_code ec;
  for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name == "snippets" || name == "expected" || name == "cases" || name.starts_with(".") || name.size() > 12 ||
        !it->is_directory(ec)) {
      continue;
    }
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    for (const std::string wanted : {"snippets", "expected", "cases"}) {
      // "cases" is short: two edits would reach ordinary names (pages, dates, caches), so a slip
      // of it is one edit away and keeps its first letter (case, Cases, casse).
      const bool is_cases = wanted == "cases";
      if (edit_distance(lower, wanted) > (is_cases ? 1U : 2U) || (is_cases && lower.front() != 'c')) continue;
      return fail((shown / name).string() + "/", 0,
                  "looks like a misspelt " + wanted + "/ folder, which a bank names exactly " + wanted +
                      "/ (rename it, or move it out of the bank)");
    }
  }
  return {};
}

Expected<std::string> read_snippet_checked(const fs::path& path, const std::string& display) {
  auto code = read_file(path, code_read_limit());
  if (!code) return fail(display, 0, code.error().message);
  if (auto bad = invalid_utf8_offset(*code)) {
    return fail(display, line_of_offset(*code, *bad), "not valid UTF-8 (snippets are UTF-8 text)");
  }
  return code;
}

// BANK/snipcheck.toml, when there is one (resolved like every entry of the bank).
Expected<SettingsFile> load_bank_settings(const fs::path& real_root, const fs::path& root, const fs::path& shown) {
  const std::string display = (shown / "snipcheck.toml").string();
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(root / "snipcheck.toml", ec))) return SettingsFile{};
  auto real = resolve_entry(real_root, root / "snipcheck.toml", display, fs::file_type::regular);
  if (!real) return tl::unexpected(real.error());
  auto settings = load_settings(*real);
  if (!settings) {
    Error error = settings.error();
    error.file = display;
    return tl::unexpected(error);
  }
  return settings;
}

// The folders: snippets/ and expected/, nothing that looks like a slip of either.
Expected<void> check_layout(const fs::path& real_root, const fs::path& root, const fs::path& shown) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(root / "snippets", ec))) {
    return fail((shown / "snippets").string(), 0, "missing: a bank keeps its code in snippets/NNN-slug.py");
  }
  auto snippets = resolve_entry(real_root, root / "snippets", (shown / "snippets").string(), fs::file_type::directory);
  if (!snippets) return tl::unexpected(snippets.error());
  if (auto names = check_folder_names(root, shown); !names) return tl::unexpected(names.error());
  if (!fs::exists(fs::symlink_status(root / "expected", ec))) {
    return fail((shown / "expected").string() + "/", 0,
                "missing: a bank documents each snippet's stdout in expected/NNN-slug.out (an empty expected/ "
                "folder, e.g. holding only a .keep file, says that nothing is documented: every question no_claim)");
  }
  auto expected = resolve_entry(real_root, root / "expected", (shown / "expected").string(), fs::file_type::directory);
  if (!expected) return tl::unexpected(expected.error());
  return {};
}

// Every `continues` names an earlier question of the bank (so no chain loops: each step goes
// back), and no question runs `after` one of its own session, whose code already runs before it
// (in the same directory it would run twice).
Expected<void> check_sessions(const SettingsFile& settings, const std::map<std::string, Entry>& snippets,
                              const std::string& display) {
  for (const auto& [id, question] : settings.questions) {
    const std::string& continues = question.continues;
    if (continues.empty()) continue;
    const int line = question.continues_line > 0 ? question.continues_line : settings.question_lines.at(id);
    if (continues == id) {
      return fail(display, line, "continues = \"" + continues + "\" names the question itself: it must name an earlier "
                                 "question of this bank, whose session it continues");
    }
    if (!snippets.contains(continues)) {
      return fail(display, line, "continues = \"" + continues + "\" names no question of this bank (no snippets/" +
                                     continues + ".py)");
    }
    if (continues > id) {
      auto back = settings.questions.find(continues);
      const bool loop = back != settings.questions.end() && !back->second.continues.empty() && back->second.continues <= id;
      return fail(display, line, "continues = \"" + continues + "\" names a later question" +
                                     std::string(loop ? " (and the two would continue each other in a loop)" : "") +
                                     ": a session runs in bank order, so it must name an earlier one");
    }
  }
  for (const auto& [id, question] : settings.questions) {
    if (question.after.empty() || question.continues.empty()) continue;
    for (const std::string& earlier : session_chain(settings, id)) {
      if (earlier != question.after) continue;
      return fail(display, settings.question_lines.at(id),
                  "after = \"" + question.after + "\" names a question of its own session (continues), whose code "
                  "already runs before it: drop after");
    }
  }
  return {};
}

// True for a case's NAME: letters, digits, '-' and '_' ("1", "small", "edge_case-2").
bool is_case_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

ReadLimit case_input_limit() {
  return {k_max_code_bytes, "case input", "a case's input is a test's stdin, not a data file"};
}

// The cases of one question: DIR holds NAME.in and NAME.out pairs, nothing else.
Expected<std::vector<Case>> load_case_folder(const fs::path& real_root, const fs::path& dir, const std::string& rel,
                                             std::uint64_t output_limit) {
  std::map<std::string, Entry> inputs, outputs;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& path = it->path();
    const std::string name = path.filename().string();
    if (name.starts_with(".")) continue;
    const std::string shown = rel + "/" + name;
    const std::string extension = path.extension().string();
    if ((extension != ".in" && extension != ".out") || !is_case_name(path.stem().string())) {
      return fail(shown, 0, "not a case file: a case is NAME.in (its stdin) and NAME.out (its expected stdout), NAME "
                            "being letters, digits, '-' or '_'");
    }
    auto real = resolve_entry(real_root, path, shown, fs::file_type::regular);
    if (!real) return tl::unexpected(real.error());
    (extension == ".in" ? inputs : outputs).emplace(path.stem().string(), Entry{path, *real});
  }
  if (ec) return fail(rel, 0, "cannot list: " + ec.message());
  for (const auto& [name, entry] : inputs) {
    if (!outputs.contains(name)) {
      return fail(rel + "/" + name + ".in", 0, "a case without its expected output: add " + rel + "/" + name +
                                                   ".out (what the snippet prints given this input)");
    }
  }
  for (const auto& [name, entry] : outputs) {
    if (!inputs.contains(name)) {
      return fail(rel + "/" + name + ".out", 0, "a case without its input: add " + rel + "/" + name +
                                                    ".in (empty when the case gives no input)");
    }
  }
  if (inputs.empty()) return fail(rel + "/", 0, "a case folder with no cases (NAME.in + NAME.out): remove it or add one");
  std::vector<Case> cases;
  for (const auto& [name, entry] : inputs) {
    Case one;
    one.name = name;
    auto input = read_file(entry.real, case_input_limit());
    if (!input) return fail(rel + "/" + name + ".in", 0, input.error().message);
    auto expected = read_file(outputs.at(name).real, expected_read_limit(output_limit));
    if (!expected) return fail(rel + "/" + name + ".out", 0, expected.error().message);
    one.input = std::move(*input);
    one.expected = std::move(*expected);
    cases.push_back(std::move(one));
  }
  return cases;
}

// BANK/cases/: one folder per question that has cases, named by its id. Only the folders (and
// their questions) that `wanted` keeps are read; every name is checked.
Expected<std::map<std::string, fs::path>> list_case_folders(const fs::path& real_root, const fs::path& root,
                                                           const fs::path& shown,
                                                           const std::map<std::string, Entry>& snippets) {
  std::map<std::string, fs::path> folders;
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(root / "cases", ec))) return folders;
  auto cases = resolve_entry(real_root, root / "cases", (shown / "cases").string(), fs::file_type::directory);
  if (!cases) return tl::unexpected(cases.error());
  for (fs::directory_iterator it(root / "cases", ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.starts_with(".")) continue;
    const std::string rel = (shown / "cases" / name).string();
    if (!is_question_id(name)) {
      return fail(rel, 0, "not a case folder: cases/ holds one folder per question, named as its snippet "
                          "(cases/NNN-slug/ for snippets/NNN-slug.py)");
    }
    auto real = resolve_entry(real_root, it->path(), rel, fs::file_type::directory);
    if (!real) return tl::unexpected(real.error());
    if (!snippets.contains(name)) return fail(rel + "/", 0, "cases without a snippet (no snippets/" + name + ".py)");
    folders.emplace(name, *real);
  }
  if (ec) return fail((shown / "cases").string(), 0, "cannot list: " + ec.message());
  return folders;
}

}  // namespace

std::vector<std::string> session_chain(const SettingsFile& settings, const std::string& id) {
  std::vector<std::string> chain;
  std::string current = id;
  for (;;) {
    auto found = settings.questions.find(current);
    if (found == settings.questions.end() || found->second.continues.empty()) break;
    const std::string& earlier = found->second.continues;
    if (earlier >= current || chain.size() > settings.questions.size()) break;  // never for a checked bank
    chain.push_back(earlier);
    current = earlier;
  }
  return {chain.rbegin(), chain.rend()};
}

bool is_question_id(std::string_view stem) {
  if (stem.size() < 5) return false;
  for (int i = 0; i < 3; ++i) {
    if (stem[static_cast<std::size_t>(i)] < '0' || stem[static_cast<std::size_t>(i)] > '9') return false;
  }
  if (stem[3] != '-') return false;
  std::string_view slug = stem.substr(4);
  if (slug.front() == '-' || slug.back() == '-') return false;
  for (std::size_t i = 0; i < slug.size(); ++i) {
    if (slug[i] == '-' && i > 0 && slug[i - 1] == '-') return false;
    if (slug[i] != '-' && !is_slug_char(slug[i])) return false;
  }
  return true;
}

Expected<Bank> load_bank(const fs::path& root_in, const std::vector<std::string>& filters) {
  std::error_code ec;
  if (!fs::exists(root_in, ec)) {
    if (ec == std::errc::too_many_symbolic_link_levels) return fail(root_in.string(), 0, "a loop of symbolic links");
    return fail(root_in.string(), 0, "no such bank directory");
  }
  if (!fs::is_directory(root_in, ec)) return fail(root_in.string(), 0, "a bank is a directory");
  Bank bank;
  bank.root = fs::absolute(root_in, ec).lexically_normal();
  const fs::path real_root = fs::canonical(bank.root, ec);
  if (ec) return fail(root_in.string(), 0, "cannot resolve: " + ec.message());

  if (auto layout = check_layout(real_root, bank.root, root_in); !layout) return tl::unexpected(layout.error());
  auto settings = load_bank_settings(real_root, bank.root, root_in);
  if (!settings) return tl::unexpected(settings.error());
  bank.workers = settings->workers;
  auto snippets = list_files(real_root, bank.root / "snippets", ".py", (root_in / "snippets").string());
  if (!snippets) return tl::unexpected(snippets.error());
  if (auto unique = check_unique_numbers(*snippets, (root_in / "snippets").string()); !unique) {
    return tl::unexpected(unique.error());
  }
  auto expected = list_files(real_root, bank.root / "expected", ".out", (root_in / "expected").string());
  if (!expected) return tl::unexpected(expected.error());
  for (const auto& [id, entry] : *expected) {
    if (!snippets->contains(id)) {
      return fail((root_in / "expected" / entry.path.filename()).string(), 0,
                  "expected output without a snippet (no snippets/" + id + ".py)");
    }
  }
  for (const auto& [id, line] : settings->question_lines) {
    if (!snippets->contains(id)) {
      return fail((root_in / "snipcheck.toml").string(), line, "settings for unknown question '" + id + "'");
    }
    // A chain runs in bank order, so it can only point back: no cycles by construction.
    const std::string& after = settings->questions.at(id).after;
    if (!after.empty() && (!snippets->contains(after) || after >= id)) {
      return fail((root_in / "snipcheck.toml").string(), line,
                  "after = \"" + after + "\" must name an earlier question of this bank");
    }
  }
  if (auto sessions = check_sessions(*settings, *snippets, (root_in / "snipcheck.toml").string()); !sessions) {
    return tl::unexpected(sessions.error());
  }
  auto case_folders = list_case_folders(real_root, bank.root, root_in, *snippets);
  if (!case_folders) return tl::unexpected(case_folders.error());
  // Each case runs in a fresh directory of its own: a chain (`after`) cannot carry files to it,
  // nor from it.
  for (const auto& [id, line] : settings->question_lines) {
    const std::string& after = settings->questions.at(id).after;
    if (after.empty()) continue;
    for (const std::string& side : {id, after}) {
      if (!case_folders->contains(side)) continue;
      return fail((root_in / "snipcheck.toml").string(), line,
                  "after = \"" + after + "\": " + side + " has input cases (cases/" + side +
                      "/), which each run in a fresh directory and cannot be chained");
    }
  }
  for (const auto& [id, entry] : *snippets) {
    if (!filter_selects(filters, id)) continue;
    Question question;
    question.id = id;
    question.snippet = entry.path;
    question.display_path = "snippets/" + entry.path.filename().string();
    auto code = read_snippet_checked(entry.real, (root_in / question.display_path).string());
    if (!code) return tl::unexpected(code.error());
    question.code = std::move(*code);
    question.settings = settings->for_question(id);
    for (const std::string& earlier : session_chain(*settings, id)) {
      const Entry& part_entry = snippets->at(earlier);
      auto part_code = read_snippet_checked(part_entry.real, (root_in / "snippets" / part_entry.path.filename()).string());
      if (!part_code) return tl::unexpected(part_code.error());
      question.before.push_back({earlier, part_entry.path, std::move(*part_code),
                                to_string(settings->for_question(earlier).mode)});
    }
    if (auto found = expected->find(id); found != expected->end()) {
      auto text = read_file(found->second.real, expected_read_limit(question.settings.output_limit));
      if (!text) return fail((root_in / "expected" / found->second.path.filename()).string(), 0, text.error().message);
      question.expected = std::move(*text);
    }
    if (auto folder = case_folders->find(id); folder != case_folders->end()) {
      auto cases = load_case_folder(real_root, folder->second, (root_in / "cases" / id).string(),
                                    question.settings.output_limit);
      if (!cases) return tl::unexpected(cases.error());
      question.cases = std::move(*cases);
    }
    bank.questions.push_back(std::move(question));
  }
  return bank;
}

}  // namespace snipcheck
