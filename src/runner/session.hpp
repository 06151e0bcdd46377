// Python lives here and nowhere else. Interpreter initialises CPython once per worker process,
// configured for Debian's /usr/bin/python3 (sys.executable, UTF-8 mode, isolated from the
// environment), and runs each job in a new sub-interpreter: the snippet executes as __main__,
// statement by statement, with output offsets recorded after each. It does not capture output
// (the worker points fds 1 and 2 at capture files before calling it), enforce deadlines or check
// process state; it returns plain data, never a Python object.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runner/job.hpp"

struct _is;  // PyInterpreterState, kept opaque outside session.cpp

namespace snipcheck {

struct SessionReport {
  std::optional<int> exit_status;
  std::optional<PythonError> error;
  std::vector<StatementOutput> statements;
  std::string taint;           // non-empty: the interpreter could not be ended cleanly (threads left)
  std::string internal_error;  // the driver itself failed
};

class Interpreter {
 public:
  Interpreter();
  ~Interpreter();
  Interpreter(const Interpreter&) = delete;
  Interpreter& operator=(const Interpreter&) = delete;

  // Runs one job in a fresh sub-interpreter. The caller has set cwd, fds and limits.
  SessionReport run(const Job& job);

  // Writes the Python stack of every thread of the running job to `fd`; safe to call from a
  // signal handler in the job's thread (it is what faulthandler does). No-op between jobs.
  static void dump_running_stack(int fd);

 private:
  struct State;
  std::unique_ptr<State> m_state;
};

}  // namespace snipcheck
