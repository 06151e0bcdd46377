#include "support/temp_dir.hpp"

#include <fstream>
#include <stdexcept>

namespace snipcheck::testing {

void write_tree(const std::filesystem::path& root, const std::map<std::string, std::string>& files) {
  for (const auto& [relative, content] : files) {
    std::filesystem::path path = root / relative;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    if (!out) throw std::runtime_error("cannot write " + path.string());
    out << content;
  }
}

}  // namespace snipcheck::testing
