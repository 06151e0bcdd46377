// `run --list` and `run --durations N`: what a bank holds without running it, and where a run's
// time went.
#pragma once

#include <string>
#include <vector>

#include "bank/bank.hpp"
#include "compare/result.hpp"

namespace snipcheck {

// The settings of `settings` that differ from the built-in defaults, as snipcheck.toml spells
// them: `timeout = 2, compare = "ellipsis"` (the title and isolation are shown apart).
std::string settings_differing(const Settings& settings);

// One line per question: id, tier (the isolation asked for), title, settings not the defaults;
// then the count.
std::string render_question_list(const std::vector<Question>& questions);

// The `most` slowest questions that ran (0: all), slowest first.
std::string render_durations(const std::vector<Result>& results, int most);

}  // namespace snipcheck
