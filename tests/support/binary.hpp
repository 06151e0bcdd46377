// Test helpers for the end-to-end programs that run the built binary (namespace e2e: the
// programs name their own run of the binary `snipcheck()`): a scratch folder, whole
// files written and read, and a run of a program with its status, stdout and stderr.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace e2e {

// A fresh folder under the temp directory (`prefix`-XXXXXX), removed with everything in it.
class Scratch {
 public:
  explicit Scratch(const std::string& prefix = "snipcheck-e2e");
  ~Scratch();
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  const std::filesystem::path& path() const { return m_path; }

 private:
  std::filesystem::path m_path;
};

// `text` as the whole of `path` (its folders made); the whole of `path`. Both throw on failure.
void write(const std::filesystem::path& path, const std::string& text);
std::string read(const std::filesystem::path& path);

struct Ran {
  int status = -1;  // the exit status, or 128 + the signal that ended it
  std::string out;
  std::string err;
};

// Runs `program` (a path, or a name looked up in PATH) with `args` in `cwd`, stdin from /dev/null,
// stdout and stderr to files, in this
// process's environment changed by `env` (a name with an empty value is unset).
Ran spawn(const std::string& program, const std::vector<std::string>& args, const std::filesystem::path& cwd,
          const std::map<std::string, std::string>& env = {});

}  // namespace e2e
