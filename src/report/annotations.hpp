// CI annotations: a GitHub Actions workflow command per failing question,
// `::error file=F,line=L,title=T::MESSAGE`, so that the failure shows on the pull request's diff
// at the snippet line that raised, was stopped, or printed the first differing line
// (Result::line). Values are escaped as the Actions runner reads them back: in the message `%`,
// CR and LF become %25, %0D, %0A; in a property also `:` and `,` (%3A, %2C). Pure rendering.
#pragma once

#include <string>
#include <string_view>

#include "compare/result.hpp"

namespace snipcheck {

std::string escape_annotation_data(std::string_view text);
std::string escape_annotation_property(std::string_view text);

// The `::error` line (ending in a newline) of a failing result, empty for any other; `file` is
// the snippet's path from the repository's root (empty: no file= property, as for stdin).
std::string github_annotation(const Result& result, const std::string& file);

// The runner reads no workflow command between `::stop-commands::TOKEN` and `::TOKEN::` (each
// line ending in a newline): the report's untrusted text (tracebacks, diffs, what a stopped
// question printed) sits between them, snipcheck's own `::error` lines after. TOKEN must be
// random: text that knew it could resume the commands itself.
std::string stop_commands_line(const std::string& token);
std::string resume_commands_line(const std::string& token);

}  // namespace snipcheck
