// What `snipcheck run TARGET` points at: a bank folder; a folder inside a bank (walking up to the
// nearest folder that holds snippets/, as git finds its repository); or one question's file
// (`snippets/007-x.py`, or its `expected/007-x.out`), which runs that question of its bank.
#pragma once

#include <optional>
#include <string>

#include "util/error.hpp"

namespace snipcheck {

struct BankTarget {
  std::string root;                     // the bank, as a path relative to the given one when found above it
  std::optional<std::string> question;  // the id, when TARGET is a question's file
};

// A folder that is not inside any bank (and looks like no bank itself: no snippets/, expected/
// or snipcheck.toml), a file that is not a question's: an Error naming TARGET. A path that does
// not exist is left to load_bank() to report.
Expected<BankTarget> find_bank(const std::string& target);

}  // namespace snipcheck
