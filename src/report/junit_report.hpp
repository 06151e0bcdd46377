// The JUnit XML report (--junit): one testsuite, one testcase per question, failures for the
// failing verdicts, skipped for skipped/unverifiable and for the questions an interrupted run
// did not finish, in the shape CI systems read.
#pragma once

#include <string>
#include <vector>

#include "compare/result.hpp"

namespace snipcheck {

std::string render_junit_report(const std::vector<Result>& results, const Summary& summary, const std::string& suite);

}  // namespace snipcheck
