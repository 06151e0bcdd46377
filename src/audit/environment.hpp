// Environment versus material: tells an example that failed because this machine lacks
// something (a module, the network, a server or its port, credentials, command-line arguments, an
// Ansible module's arguments on stdin, a terminal, an input file, the process tier) from one that
// fails by itself, from the outcome alone: error type and message, stdout and stderr, and for a
// timeout the stack where it was stuck. Also the Debian package that provides a module. Pure
// functions; nothing here knows a particular material.
#pragma once

#include <optional>
#include <string>

#include "runner/job.hpp"

namespace snipcheck {

// Why this machine could not verify the example, or nullopt when the failure is the example's own.
// `session_code`: the code of the earlier blocks of its session (Markdown blocks under one
// heading), which ran first in its namespace: a NameError for a name none of them defines
// either makes it a fragment; a name only an earlier block defines, when an earlier block raised
// (Outcome::before_errors), makes it unverifiable too, naming that block.
std::optional<std::string> environment_reason(const Outcome& outcome, const std::string& code, const std::string& path,
                                              const std::string& session_code = {});

// Python 2 code (the print statement, `except E, name:`, xrange...): nothing of it can be judged
// on Python 3, so every claim of the example is unverifiable with python2_reason().
bool is_python2(const Outcome& outcome, const std::string& code);
std::string python2_reason(const std::string& what);

// Whether a timed-out example was stopped in a loop that only ends when something stops it (a
// server's serve loop, a blocking scheduler, a debugger reading standard input), and not in the
// middle of an import. Such an example is told as surely by a short deadline as by a long one.
bool stopped_in_endless_loop(const Outcome& outcome);

// "python3-numpy" for "numpy"; "" when Debian 12 packages no such module; nullopt when unknown.
std::optional<std::string> debian_package_for(const std::string& module);

}  // namespace snipcheck
