// Input cases as runs: a question with cases (bank.hpp, cases/NNN-slug/NAME.in + NAME.out) is
// checked once per case, each run a question of its own to the runner and the reports, with the
// case's input on its stdin and the case's expected output, and the id "NNN-slug[NAME]".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "bank/bank.hpp"

namespace snipcheck {

// Every question's runs, in bank order: a question without cases is one run, as it was; one with
// cases is its own run when it has an expected/ file (nothing on stdin), then one per case.
std::vector<Question> expand_cases(const std::vector<Question>& questions);

// "007-sums[small]" for case "small" of 007-sums.
std::string case_run_id(const std::string& question_id, const std::string& case_name);

// The question a run's id belongs to: "007-sums" for "007-sums[small]" and for "007-sums".
std::string_view question_of_run(std::string_view run_id);

}  // namespace snipcheck
