// snipcheck's entry point: the command line, and the one place that catches a run-aborting
// failure and turns it into a message and exit status 3.
#include <exception>
#include <iostream>

#include "cli/commands.hpp"
#include "util/error.hpp"

int main(int argc, char** argv) {
  try {
    return snipcheck::run_cli(argc, argv);
  } catch (const snipcheck::Fatal& fatal) {
    std::cerr << "snipcheck: internal error: " << fatal.message << "\n";
  } catch (const std::exception& error) {
    std::cerr << "snipcheck: internal error: " << error.what() << "\n";
  }
  return snipcheck::k_exit_internal;
}
