// The command line: a table of subcommands (name, help, flags, handler) so that help and
// dispatch cannot drift apart, and the exit statuses every command shares.
#pragma once

namespace snipcheck {

enum ExitStatus : int {
  k_exit_ok = 0,        // nothing failed
  k_exit_failed = 1,    // some question wrong, error, timeout, crash or limit
  k_exit_usage = 2,     // bad usage, or a malformed bank or input file
  k_exit_internal = 3,  // snipcheck itself failed
};

// Parses argv and runs the chosen command; returns the process exit status.
int run_cli(int argc, char** argv);

}  // namespace snipcheck
