#include "bank/bank.hpp"

#include <algorithm>
#include <map>
#include <system_error>

#include "util/fs.hpp"
#include "util/text.hpp"

namespace snipcheck {

namespace fs = std::filesystem;

namespace {

bool is_slug_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

bool matches_any(const std::vector<std::string>& filters, const std::string& id) {
  return std::any_of(filters.begin(), filters.end(),
                     [&](const std::string& glob) { return glob_match(glob, id); });
}

// Files of `dir` with the given extension, keyed by stem; any other file is an error.
Expected<std::map<std::string, fs::path>> list_files(const fs::path& dir, const std::string& extension,
                                                     const std::string& rel) {
  std::map<std::string, fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const fs::path& path = entry.path();
    std::string name = path.filename().string();
    if (name.starts_with(".")) continue;  // editor droppings such as .swp files
    std::string stem = path.stem().string();
    if (path.extension() != extension || !is_question_id(stem) || !entry.is_regular_file()) {
      return fail(rel + "/" + name, 0,
                  "not a question file: names are NNN-slug" + extension + " (three digits, a dash, "
                  "lower-case words joined by dashes)");
    }
    files.emplace(stem, path);
  }
  if (ec) return fail(rel, 0, "cannot list: " + ec.message());
  return files;
}

Expected<std::string> read_snippet_checked(const fs::path& path, const std::string& display) {
  auto code = read_file(path);
  if (!code) return fail(display, 0, code.error().message);
  if (auto bad = invalid_utf8_offset(*code)) {
    return fail(display, line_of_offset(*code, *bad), "not valid UTF-8 (snippets are UTF-8 text)");
  }
  return code;
}

}  // namespace

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
  if (!fs::exists(root_in, ec)) return fail(root_in.string(), 0, "no such bank directory");
  if (!fs::is_directory(root_in, ec)) return fail(root_in.string(), 0, "a bank is a directory");
  Bank bank;
  bank.root = fs::absolute(root_in, ec).lexically_normal();
  if (!fs::is_directory(bank.root / "snippets", ec)) {
    return fail((root_in / "snippets").string(), 0, "missing: a bank keeps its code in snippets/NNN-slug.py");
  }
  auto settings = load_settings(bank.root / "snipcheck.toml");
  if (!settings) {
    Error error = settings.error();
    error.file = (root_in / "snipcheck.toml").string();
    return tl::unexpected(error);
  }
  bank.workers = settings->workers;
  auto snippets = list_files(bank.root / "snippets", ".py", (root_in / "snippets").string());
  if (!snippets) return tl::unexpected(snippets.error());
  std::map<std::string, fs::path> expected;
  if (fs::is_directory(bank.root / "expected", ec)) {
    auto listed = list_files(bank.root / "expected", ".out", (root_in / "expected").string());
    if (!listed) return tl::unexpected(listed.error());
    expected = std::move(*listed);
  }
  for (const auto& [id, path] : expected) {
    if (!snippets->contains(id)) {
      return fail((root_in / "expected" / path.filename()).string(), 0,
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
  for (const auto& [id, path] : *snippets) {
    if (!filters.empty() && !matches_any(filters, id)) continue;
    Question question;
    question.id = id;
    question.snippet = path;
    question.display_path = "snippets/" + path.filename().string();
    auto code = read_snippet_checked(path, (root_in / question.display_path).string());
    if (!code) return tl::unexpected(code.error());
    question.code = std::move(*code);
    if (auto found = expected.find(id); found != expected.end()) {
      auto text = read_file(found->second);
      if (!text) return tl::unexpected(text.error());
      question.expected = std::move(*text);
    }
    question.settings = settings->for_question(id);
    bank.questions.push_back(std::move(question));
  }
  return bank;
}

}  // namespace snipcheck
