#include "bank/settings.hpp"

#include <cmath>
#include <limits>
#include <optional>
#include <system_error>
#include <toml++/toml.h>

#include "material/material.hpp"
#include "util/fs.hpp"
#include "util/text.hpp"

namespace snipcheck {

namespace {

// A sandboxed Python opens about 14 descriptors before the code runs (measured); room for imports.
constexpr std::int64_t k_min_open_files = 32;

int line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

// node.value<std::int64_t>() without its undefined behaviour: toml++ casts a float to int64_t
// before checking that it fits (`memory_limit = 61e300`, found by tests/fuzz/settings_fuzz).
// Like toml++, a float with no fractional part counts as that integer.
std::optional<std::int64_t> integer_of(const toml::node& node) {
  if (const auto* integer = node.as_integer()) return integer->get();
  const auto* floating = node.as_floating_point();
  if (floating == nullptr) return std::nullopt;
  const double value = floating->get();
  if (!std::isfinite(value) || value < -9.2e18 || value > 9.2e18 || value != std::trunc(value)) return std::nullopt;
  return static_cast<std::int64_t>(value);
}

// The range of a size setting, and why it has that floor (said in the message).
struct SizeRange {
  const char* key;
  std::uint64_t min;
  std::uint64_t max;
  const char* why;
};

constexpr std::uint64_t k_kib = 1024;
constexpr std::uint64_t k_mib = 1024 * k_kib;
constexpr std::uint64_t k_gib = 1024 * k_mib;

constexpr SizeRange k_size_ranges[] = {
    {"output_limit", 1 * k_kib, 1 * k_gib, "what a question prints is kept in memory, per stream"},
    {"memory_limit", 64 * k_mib, 1024 * k_gib,
     "an address-space limit on the process that runs the question, Python included: below about 32 MiB "
     "Python cannot even start one"},
    {"file_size_limit", 1 * k_kib, 1024 * k_gib, "the largest file a question may write"},
};

const SizeRange& size_range(const std::string& key) {
  for (const SizeRange& range : k_size_ranges) {
    if (key == range.key) return range;
  }
  return k_size_ranges[0];
}

Expected<std::uint64_t> size_value(const toml::node& node, const std::string& file, const std::string& key) {
  const SizeRange& range = size_range(key);
  std::optional<std::uint64_t> bytes;
  if (auto integer = integer_of(node); integer && *integer > 0 && node.is_integer()) {
    bytes = static_cast<std::uint64_t>(*integer);
  } else if (auto text = node.value<std::string>(); text && node.is_string()) {
    bytes = parse_size(*text);
  }
  if (!bytes || *bytes < range.min || *bytes > range.max) {
    return fail(file, line_of(node), key + " must be a size from " + format_size(range.min) + " to " +
                                         format_size(range.max) + ", in bytes or such as \"1MiB\" (" + range.why +
                                         ")");
  }
  return *bytes;
}

// A whole number in [min, max] (a count or seconds); `what` says what it counts.
Expected<std::uint64_t> count_value(const toml::node& node, const std::string& file, const std::string& key,
                                    std::int64_t min, std::int64_t max, const std::string& what) {
  auto count = integer_of(node);
  if (!count || !node.is_integer() || *count < min || *count > max) {
    return fail(file, line_of(node), key + " must be a whole number from " + std::to_string(min) + " to " +
                                         std::to_string(max) + " (" + what + ")");
  }
  return static_cast<std::uint64_t>(*count);
}

Expected<std::vector<std::string>> module_list(const toml::node& node, const std::string& file, const std::string& key) {
  std::vector<std::string> modules;
  const auto* array = node.as_array();
  if (array == nullptr) return fail(file, line_of(node), key + " must be a list of module names");
  for (const auto& item : *array) {
    auto name = item.value<std::string>();
    if (!name || name->empty()) return fail(file, line_of(item), key + " must be a list of module names");
    modules.push_back(*name);
  }
  return modules;
}

// Applies the keys of one table over `settings`; `workers` is null for a question's table.
Expected<void> apply_table(const toml::table& table, Settings& settings, WorkerSettings* workers,
                           const std::string& file) {
  const bool allow_skip = workers == nullptr;
  for (const auto& [key_node, node] : table) {
    const std::string key(key_node.str());
    if (key == "isolation") {
      auto name = node.value<std::string>();
      auto isolation = name ? isolation_from(*name) : std::nullopt;
      if (!isolation) return fail(file, line_of(node), "isolation must be one of \"auto\", \"subinterpreter\", \"process\"");
      settings.isolation = *isolation;
    } else if ((key == "preload" || key == "process_modules") && workers != nullptr) {
      auto modules = module_list(node, file, key);
      if (!modules) return tl::unexpected(modules.error());
      (key == "preload" ? workers->preload : workers->process_modules) = std::move(*modules);
    } else if (key == "mode") {
      auto name = node.value<std::string>();
      auto mode = name && node.is_string() ? run_mode_from(*name) : std::nullopt;
      if (!mode) return fail(file, line_of(node), "mode must be one of \"script\", \"repl\"");
      settings.mode = *mode;
    } else if (key == "timeout") {
      auto seconds = node.value<double>();
      if (!seconds || !(node.is_integer() || node.is_floating_point()) || !std::isfinite(*seconds) ||
          *seconds < k_min_timeout_s || *seconds > k_max_timeout_s) {
        return fail(file, line_of(node), "timeout must be a number of seconds from 0.001 to 86400 (a day)");
      }
      settings.timeout_s = *seconds;
    } else if (key == "compare") {
      auto name = node.value<std::string>();
      auto mode = name ? compare_mode_from(*name) : std::nullopt;
      if (!mode) return fail(file, line_of(node), "compare must be one of \"exact\", \"normalize\", \"ellipsis\", \"claims\"");
      settings.compare = *mode;
    } else if (key == "output_limit" || key == "memory_limit" || key == "file_size_limit") {
      auto bytes = size_value(node, file, key);
      if (!bytes) return tl::unexpected(bytes.error());
      if (key == "output_limit") settings.output_limit = *bytes;
      else if (key == "memory_limit") settings.memory_limit = *bytes;
      else settings.file_size_limit = *bytes;
    } else if (key == "skip" && allow_skip) {
      auto reason = node.value<std::string>();
      if (!reason || reason->empty()) return fail(file, line_of(node), "skip must be a non-empty reason");
      settings.skip = *reason;
    } else if (key == "title" && allow_skip) {
      if (!node.is_string()) return fail(file, line_of(node), "title must be a string");
      settings.title = *node.value<std::string>();
    } else if (key == "source_line" && allow_skip) {
      auto line = count_value(node, file, key, 1, std::numeric_limits<int>::max(), "a line of the material");
      if (!line) return tl::unexpected(line.error());
      settings.source_line = static_cast<int>(*line);
    } else if (key == "language" && allow_skip) {
      auto language = node.value<std::string>();
      if (!language || !language_from(*language)) {
        return fail(file, line_of(node), "language must be one of \"python\", \"shell\", \"dockerfile\", \"cython\", \"other\"");
      }
      settings.language = *language;
    } else if (key == "after" && allow_skip) {
      if (!node.is_string() || node.value<std::string>()->empty()) return fail(file, line_of(node), "after must be a question id");
      settings.after = *node.value<std::string>();
    } else if (key == "continues" && allow_skip) {
      if (!node.is_string() || node.value<std::string>()->empty()) {
        return fail(file, line_of(node), "continues must be the id of an earlier question of this bank");
      }
      settings.continues = *node.value<std::string>();
      settings.continues_line = line_of(node);
    } else if (key == "sandbox" || key == "sandbox_subprocess") {
      auto flag = node.value<bool>();
      if (!flag || !node.is_boolean()) return fail(file, line_of(node), key + " must be true or false");
      (key == "sandbox" ? settings.sandbox : settings.sandbox_subprocess) = *flag;
    } else if (key == "sandbox_env") {
      const auto* names = node.as_array();
      if (names == nullptr) return fail(file, line_of(node), "sandbox_env must be a list of variable names");
      settings.sandbox_env.clear();
      for (const auto& item : *names) {
        auto name = item.value<std::string>();
        if (!name || name->empty()) return fail(file, line_of(item), "sandbox_env must be a list of variable names");
        settings.sandbox_env.push_back(*name);
      }
    } else if (key == "cpu_limit" || key == "process_limit" || key == "open_files_limit") {
      Expected<std::uint64_t> count =
          key == "cpu_limit"       ? count_value(node, file, key, 1, 86400, "CPU seconds, at most a day")
          : key == "process_limit" ? count_value(node, file, key, 1, 4096, "processes and threads at once")
                                   : count_value(node, file, key, k_min_open_files, 4096,
                                                 "open file descriptors: Python needs about 14 to start a question");
      if (!count) return tl::unexpected(count.error());
      if (key == "cpu_limit") settings.cpu_limit_s = *count;
      else if (key == "process_limit") settings.process_limit = *count;
      else settings.open_files_limit = *count;
    } else {
      return fail(file, line_of(node), "unknown setting '" + key + "'");
    }
  }
  return {};
}

}  // namespace

std::string to_string(CompareMode mode) {
  switch (mode) {
    case CompareMode::exact: return "exact";
    case CompareMode::normalize: return "normalize";
    case CompareMode::ellipsis: return "ellipsis";
    case CompareMode::claims: return "claims";
  }
  return "exact";
}

std::optional<CompareMode> compare_mode_from(std::string_view name) {
  if (name == "exact") return CompareMode::exact;
  if (name == "normalize") return CompareMode::normalize;
  if (name == "ellipsis") return CompareMode::ellipsis;
  if (name == "claims") return CompareMode::claims;
  return std::nullopt;
}

std::string to_string(RunMode mode) { return mode == RunMode::repl ? "repl" : "script"; }

std::optional<RunMode> run_mode_from(std::string_view name) {
  if (name == "script") return RunMode::script;
  if (name == "repl") return RunMode::repl;
  return std::nullopt;
}

std::string to_string(Isolation isolation) {
  switch (isolation) {
    case Isolation::automatic: return "auto";
    case Isolation::subinterpreter: return "subinterpreter";
    case Isolation::process: return "process";
  }
  return "auto";
}

std::optional<Isolation> isolation_from(std::string_view name) {
  if (name == "auto") return Isolation::automatic;
  if (name == "subinterpreter") return Isolation::subinterpreter;
  if (name == "process") return Isolation::process;
  return std::nullopt;
}

Settings SettingsFile::for_question(const std::string& id) const {
  auto found = questions.find(id);
  return found == questions.end() ? defaults : found->second;
}

Expected<SettingsFile> parse_settings(const std::string& text, const std::string& file) {
  toml::table root;
  try {
    root = toml::parse(text, file);
  } catch (const toml::parse_error& error) {
    return fail(file, static_cast<int>(error.source().begin.line), std::string(error.description()));
  }
  SettingsFile result;
  for (const auto& [key_node, node] : root) {
    const std::string key(key_node.str());
    if (key != "defaults" && key != "question") {
      return fail(file, line_of(node), "unknown table '" + key + "' (expected [defaults] or [question.\"ID\"])");
    }
    if (!node.is_table()) return fail(file, line_of(node), "'" + key + "' must be a table");
  }
  if (const auto* defaults = root["defaults"].as_table()) {
    if (auto applied = apply_table(*defaults, result.defaults, &result.workers, file); !applied) {
      return tl::unexpected(applied.error());
    }
  }
  if (const auto* questions = root["question"].as_table()) {
    for (const auto& [id_node, node] : *questions) {
      const std::string id(id_node.str());
      const auto* table = node.as_table();
      if (table == nullptr) return fail(file, line_of(node), "question." + id + " must be a table");
      Settings settings = result.defaults;
      if (auto applied = apply_table(*table, settings, nullptr, file); !applied) return tl::unexpected(applied.error());
      result.questions.emplace(id, settings);
      result.question_lines.emplace(id, line_of(node));
    }
  }
  return result;
}

Expected<SettingsFile> load_settings(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return SettingsFile{};
  auto text = read_file(path, {k_max_settings_bytes, "settings file", "snipcheck.toml holds a bank's settings"});
  if (!text) return tl::unexpected(text.error());
  return parse_settings(*text, path.string());
}

}  // namespace snipcheck
