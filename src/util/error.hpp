// Error and Expected: how an expected failure (bad input, a missing file) travels up to the
// command that reports it. Not for bugs (assert) and not for aborting a run (Fatal, caught once
// in main). An Error names the file and, when known, the line, so the user can go and fix it.
#pragma once

#include <string>
#include <tl/expected.hpp>

namespace snipcheck {

struct Error {
  std::string file;     // the file at fault, empty when none
  int line = 0;         // 1-based, 0 when unknown
  std::string message;  // what is wrong, one line

  // "snipcheck.toml:12: unknown compare mode 'fuzzy'"
  std::string describe() const;
};

template <typename T>
using Expected = tl::expected<T, Error>;

inline tl::unexpected<Error> fail(std::string file, int line, std::string message) {
  return tl::unexpected<Error>(Error{std::move(file), line, std::move(message)});
}

// Thrown to abort the whole run (an internal failure); main prints it and exits 3.
struct Fatal {
  std::string message;
};

}  // namespace snipcheck
