#include "cli/bank_target.hpp"

#include <filesystem>
#include <system_error>

#include "bank/bank.hpp"

namespace snipcheck {

namespace fs = std::filesystem;

namespace {

bool is_folder(const fs::path& path) {
  std::error_code ignored;
  return fs::is_directory(path, ignored);
}

bool is_there(const fs::path& path) {
  std::error_code ignored;
  return fs::exists(fs::symlink_status(path, ignored));
}

}  // namespace

Expected<BankTarget> find_bank(const std::string& target) {
  const fs::path given = target.empty() ? fs::path(".") : fs::path(target);
  std::error_code error;
  if (!is_there(given)) return BankTarget{given.string(), std::nullopt};
  if (!is_folder(given)) {
    // A question's file: snippets/NNN-slug.py or expected/NNN-slug.out, inside its bank.
    const fs::path file = given.filename();
    const fs::path folder = given.parent_path().empty() ? fs::path(".") : given.parent_path();
    const fs::path folder_name = fs::absolute(folder, error).lexically_normal().filename();
    const bool snippet = folder_name == "snippets" && file.extension() == ".py";
    const bool expected = folder_name == "expected" && file.extension() == ".out";
    if ((!snippet && !expected) || !is_question_id(file.stem().string())) {
      return fail(target, 0,
                  "not a bank or a question's file (give a bank folder, a folder inside one, or "
                  "snippets/NNN-slug.py)");
    }
    const fs::path root = (folder / "..").lexically_normal();
    return BankTarget{root.empty() ? "." : root.string(), file.stem().string()};
  }
  // The folder itself, or the nearest one above it with snippets/.
  fs::path absolute = fs::absolute(given, error).lexically_normal();
  if (!absolute.has_filename() && absolute.has_parent_path()) absolute = absolute.parent_path();  // "dir/"
  fs::path relative = given;
  for (fs::path at = absolute;; at = at.parent_path()) {
    if (is_folder(at / "snippets")) {
      fs::path root = relative.lexically_normal();
      return BankTarget{root.empty() ? "." : root.string(), std::nullopt};
    }
    if (at == absolute && (is_there(at / "expected") || is_there(at / "snipcheck.toml"))) {
      return BankTarget{given.string(), std::nullopt};  // a bank without snippets/: load_bank says so
    }
    if (at == at.parent_path() || at.empty()) break;
    relative /= "..";
  }
  return fail(target, 0, "not inside a question bank: no snippets/ folder here or in any folder above");
}

}  // namespace snipcheck
