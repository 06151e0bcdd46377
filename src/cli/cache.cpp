#include "cli/cache.hpp"

#include <system_error>

#include <nlohmann/json.hpp>

#include "util/fs.hpp"

namespace snipcheck {

namespace fs = std::filesystem;

namespace {

// A cache of a few thousand ids is some tens of KiB.
constexpr std::uint64_t k_max_cache_bytes = 1024ULL * 1024;

}  // namespace

Expected<std::set<std::string>> parse_last_failed(const std::string& text, const std::string& file_name) {
  nlohmann::json document = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return fail(file_name, 0, "not JSON");
  if (!document.is_object() || !document.contains("last_failed") || !document["last_failed"].is_array()) {
    return fail(file_name, 0, "no \"last_failed\" list of question ids");
  }
  std::set<std::string> failed;
  for (const nlohmann::json& id : document["last_failed"]) {
    if (!id.is_string()) return fail(file_name, 0, "\"last_failed\" holds something that is not a question id");
    failed.insert(id.get<std::string>());
  }
  return failed;
}

Expected<std::set<std::string>> read_last_failed(const fs::path& bank_root) {
  const fs::path path = bank_root / k_cache_folder / k_last_failed_file;
  std::error_code error;
  if (!fs::exists(fs::symlink_status(path, error))) return std::set<std::string>{};
  auto text = read_file(path, {k_max_cache_bytes, "cache", "it holds question ids only"});
  if (!text) return tl::unexpected(text.error());
  return parse_last_failed(*text, path.string());
}

std::set<std::string> merge_last_failed(std::set<std::string> previous, const std::vector<Result>& results) {
  for (const Result& result : results) {
    if (!result.finished) continue;
    const Verdict verdict = result.judgement.verdict;
    if (verdict == Verdict::skipped || verdict == Verdict::unverifiable) continue;  // not run: as before
    if (is_failing(verdict)) previous.insert(result.id);
    else previous.erase(result.id);
  }
  return previous;
}

std::string render_last_failed(const std::set<std::string>& failed) {
  nlohmann::json document = {{"last_failed", nlohmann::json::array()}};
  for (const std::string& id : failed) document["last_failed"].push_back(id);
  return document.dump(2) + "\n";
}

Expected<void> write_last_failed(const fs::path& bank_root, const std::set<std::string>& failed) {
  const fs::path folder = bank_root / k_cache_folder;
  std::error_code error;
  fs::create_directory(folder, error);
  if (error) return fail(folder.string(), 0, error.message());
  if (!fs::exists(fs::symlink_status(folder / ".gitignore", error))) {
    if (auto ignore = write_file_atomic(folder / ".gitignore", "# written by snipcheck: the cache of its last run\n*\n");
        !ignore) {
      return tl::unexpected(ignore.error());
    }
  }
  return write_file_atomic(folder / k_last_failed_file, render_last_failed(failed));
}

}  // namespace snipcheck
