// A job's standard input (Job::stdin_text, a bank question's input case): the text in an
// anonymous memory file on fd 0, read from its start, as `python3 x.py < NAME.in` gives it. The
// run then sees a real file on fd 0 (input(), sys.stdin, os.read(0, ...)) and its end as EOF.
#pragma once

#include <string>


namespace snipcheck {

// Puts `text` on fd 0 of this process. Returns an empty string, or why it could not.
std::string place_stdin(const std::string& text);

// For a job run inside the worker (a sub-interpreter): fd 0 holds `text` while this lives, and
// is the worker's own stdin again (the same open file) once it is gone, so the worker's state
// check sees nothing changed. `error()` says why the text could not be placed.
class StdinSwap {
 public:
  explicit StdinSwap(const std::string& text);
  ~StdinSwap();
  StdinSwap(const StdinSwap&) = delete;
  StdinSwap& operator=(const StdinSwap&) = delete;
  const std::string& error() const { return m_error; }

 private:
  int m_saved = -1;
  std::string m_error;
};

}  // namespace snipcheck
