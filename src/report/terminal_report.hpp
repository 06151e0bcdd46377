// The terminal report: one line per question in bank order as results arrive (a result that
// finishes early waits for those before it), details under failures (diff, traceback, the stack
// where a timeout was stuck), and a summary line. Colour only when asked (a TTY without NO_COLOR).
// An interrupted run's summary says so, after whatever finished behind a question that did not.
#pragma once

#include <cstddef>
#include <ostream>
#include <vector>

#include "compare/result.hpp"

namespace snipcheck {

enum class Color { no, yes };
enum class Detail { quiet, normal, verbose };

class TerminalReport {
 public:
  TerminalReport(std::ostream& out, std::size_t total, Color color, Detail detail);

  // Records result `index`; prints it and any following results that are now in order.
  void add(std::size_t index, Result result);
  void finish(const Summary& summary);

 private:
  void print(const Result& result);
  std::string paint(const std::string& text, const char* code) const;

  std::ostream& m_out;
  std::vector<std::optional<Result>> m_results;
  std::size_t m_next = 0;
  Color m_color;
  Detail m_detail;
};

std::string format_summary_line(const Summary& summary);

}  // namespace snipcheck
