#include "bank/bank_writer.hpp"

#include <set>
#include <system_error>

#include "bank/bank.hpp"
#include "util/fs.hpp"

namespace snipcheck {

namespace fs = std::filesystem;

namespace {

std::string toml_string(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte == 0x7f) {
      static const char* const k_hex = "0123456789ABCDEF";
      out += "\\u00";
      out += k_hex[byte >> 4];
      out += k_hex[byte & 15];
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// Removes question files of `dir` that `keep` does not list.
Expected<void> remove_stale(const fs::path& dir, const std::string& extension, const std::set<std::string>& keep) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return {};
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& path = it->path();
    if (path.extension() != extension || !is_question_id(path.stem().string())) continue;
    if (keep.contains(path.stem().string())) continue;
    std::error_code removed;
    fs::remove(path, removed);
    if (removed) return fail(path.string(), 0, "cannot remove a stale file: " + removed.message());
  }
  if (ec) return fail(dir.string(), 0, "cannot list: " + ec.message());
  return {};
}

// Whether `dir` may be written: it does not exist, is empty, or holds a bank import wrote (its
// marker). A hand-made bank or anything else is left untouched: import replaces files there.
Expected<void> check_writable(const fs::path& dir) {
  std::error_code ec;
  fs::file_status status = fs::symlink_status(dir, ec);
  if (status.type() == fs::file_type::not_found) return {};
  if (!fs::is_directory(fs::status(dir, ec))) return fail(dir.string(), 0, "exists and is not a directory");
  if (fs::is_empty(dir, ec) && !ec) return {};
  if (fs::is_regular_file(fs::symlink_status(dir / k_import_marker, ec))) return {};
  if (fs::exists(fs::symlink_status(dir / "snippets", ec))) {
    return fail(dir.string(), 0, std::string("holds a bank that `snipcheck import` did not write (no ") +
                                     k_import_marker + "): refusing to replace it; import into a new or empty folder");
  }
  return fail(dir.string(), 0, "not empty and not a bank: refusing to write into it; import into a new or empty folder");
}

}  // namespace

std::string render_settings(const BankDraft& draft) {
  std::string out = "# Written by `snipcheck import` from " + draft.source +
                    ". Import again to update; edits here are overwritten.\n";
  for (const BankEntry& entry : draft.entries) {
    out += "\n[question." + toml_string(entry.id) + "]\n";
    out += "title = " + toml_string(entry.title) + "\n";
    if (entry.source_line > 0) out += "source_line = " + std::to_string(entry.source_line) + "\n";
    out += "language = " + toml_string(entry.language) + "\n";
    if (!entry.after.empty()) out += "after = " + toml_string(entry.after) + "\n";
    if (!entry.continues.empty()) {
      out += "# Runs after the code of the earlier blocks of its session; remove to run it alone.\n";
      out += "continues = " + toml_string(entry.continues) + "\n";
    }
    if (entry.compare != CompareMode::exact) out += "compare = " + toml_string(to_string(entry.compare)) + "\n";
    if (entry.mode != RunMode::script) out += "mode = " + toml_string(to_string(entry.mode)) + "\n";
  }
  return out;
}

std::string import_marker_text(const BankDraft& draft) {
  return "This bank was written by `snipcheck import` from " + draft.source +
         ". Importing again into this folder replaces its questions; without this file, import refuses to.\n";
}

Expected<void> write_bank(const fs::path& dir, const BankDraft& draft) {
  std::error_code ec;
  if (auto writable = check_writable(dir); !writable) return writable;
  fs::create_directories(dir / "snippets", ec);
  if (!ec) fs::create_directories(dir / "expected", ec);
  if (ec) return fail(dir.string(), 0, "cannot create: " + ec.message());
  // The marker first: a bank half-written (disk full) is still one import may replace.
  if (auto marked = write_file_atomic(dir / k_import_marker, import_marker_text(draft)); !marked) return marked;
  std::set<std::string> snippets, expected;
  for (const BankEntry& entry : draft.entries) {
    if (auto written = write_file_atomic(dir / "snippets" / (entry.id + ".py"), entry.code); !written) return written;
    snippets.insert(entry.id);
    if (!entry.expected) continue;
    if (auto written = write_file_atomic(dir / "expected" / (entry.id + ".out"), *entry.expected); !written) return written;
    expected.insert(entry.id);
  }
  if (auto removed = remove_stale(dir / "snippets", ".py", snippets); !removed) return removed;
  if (auto removed = remove_stale(dir / "expected", ".out", expected); !removed) return removed;
  return write_file_atomic(dir / "snipcheck.toml", render_settings(draft));
}

}  // namespace snipcheck
