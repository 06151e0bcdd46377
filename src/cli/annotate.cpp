#include "cli/annotate.hpp"

#include <cstdlib>
#include <random>

#include "report/annotations.hpp"

namespace snipcheck {

bool annotations_wanted(const std::string& option) {
  if (!option.empty()) return option == "github";
  const char* actions = std::getenv("GITHUB_ACTIONS");
  return actions != nullptr && std::string(actions) == "true";
}

std::string repository_path(const std::filesystem::path& file) {
  std::error_code error;
  const std::filesystem::path cwd = std::filesystem::current_path(error);
  if (error) return file.lexically_normal().string();
  const std::filesystem::path absolute = (file.is_absolute() ? file : cwd / file).lexically_normal();
  const char* workspace = std::getenv("GITHUB_WORKSPACE");
  const std::filesystem::path root = workspace != nullptr && *workspace != '\0' ? std::filesystem::path(workspace) : cwd;
  std::filesystem::path relative = absolute.lexically_proximate(root.lexically_normal());
  // Outside the repository: GitHub cannot place it on the diff; the absolute path still says where.
  if (relative.empty() || *relative.begin() == "..") return absolute.string();
  return relative.string();
}

StoppedCommands::StoppedCommands(std::ostream& out) {
  static const char* const k_hex = "0123456789abcdef";
  std::random_device random;
  for (int i = 0; i < 4; ++i) {
    const unsigned word = random();
    for (int shift = 28; shift >= 0; shift -= 4) m_token += k_hex[(word >> shift) & 0xFu];
  }
  out << stop_commands_line(m_token) << std::flush;
}

void print_annotations(std::ostream& out, const StoppedCommands& stopped, const std::vector<Result>& results,
                       const std::function<std::string(const Result&)>& file_of) {
  out << resume_commands_line(stopped.token());
  for (const Result& result : results) out << github_annotation(result, file_of(result));
  out.flush();
}

}  // namespace snipcheck
