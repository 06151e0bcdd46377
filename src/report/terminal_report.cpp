#include "report/terminal_report.hpp"

#include <fmt/format.h>

#include "util/text.hpp"

namespace snipcheck {

namespace {

const char* colour_of(Verdict verdict) {
  switch (verdict) {
    case Verdict::pass: return "32";
    case Verdict::no_claim:
    case Verdict::skipped:
    case Verdict::unverifiable: return "33";
    default: return "31";
  }
}

// A snippet's text, indented; its control characters made visible (visible_controls()).
std::string indent(const std::string& text, std::size_t max_lines = 40) {
  std::string out;
  std::vector<std::string> lines = split_lines(visible_controls(text));
  for (std::size_t i = 0; i < lines.size() && i < max_lines; ++i) out += "    " + lines[i] + "\n";
  if (lines.size() > max_lines) out += fmt::format("    ... {} more lines\n", lines.size() - max_lines);
  return out;
}

// The last `max_lines` lines of `text`, indented (what was printed just before a deadline).
std::string indent_tail(const std::string& text, std::size_t max_lines) {
  std::vector<std::string> lines = split_lines(visible_controls(text));
  std::string out;
  const std::size_t first = lines.size() > max_lines ? lines.size() - max_lines : 0;
  if (first > 0) out += fmt::format("    ... {} earlier lines\n", first);
  constexpr std::size_t k_line_bytes = 300;  // a flood's one long line stays readable
  for (std::size_t i = first; i < lines.size(); ++i) {
    std::string line = lines[i];
    if (line.size() > k_line_bytes) {
      std::size_t cut = k_line_bytes;
      while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
      line = fmt::format("{}... [{} more bytes]", line.substr(0, cut), line.size() - cut);
    }
    out += "    " + line + "\n";
  }
  return out;
}

// Stopped from outside (a deadline, the CPU or output limit), rather than ended by itself.
bool was_stopped(const Result& result) {
  const Verdict verdict = result.judgement.verdict;
  return verdict == Verdict::timeout || (verdict == Verdict::limit && result.outcome.ending != Ending::finished);
}

// "line 3: print(10 / divisor)", said as what the line did.
std::string failure_place(const Result& result) {
  const std::string text = visible_line(result.source_line);
  switch (result.judgement.verdict) {
    case Verdict::wrong: return fmt::format("line {} printed the first differing line: {}", result.line, text);
    default: return fmt::format("{} line {}: {}", was_stopped(result) ? "stopped at" : "at", result.line, text);
  }
}

// " (the last 20 lines of ...)" when the run kept only part of a stream.
std::string kept_note(const std::string& kept, std::uint64_t whole) {
  if (whole <= kept.size()) return {};
  return fmt::format(" (the first {} of {} bytes)", kept.size(), whole);
}

}  // namespace

TerminalReport::TerminalReport(std::ostream& out, std::size_t total, Color color, Detail detail)
    : m_out(out), m_results(total), m_color(color), m_detail(detail) {}

std::string TerminalReport::paint(const std::string& text, const char* code) const {
  if (m_color == Color::no) return text;
  return fmt::format("\033[{}m{}\033[0m", code, text);
}

void TerminalReport::add(std::size_t index, Result result) {
  m_results.at(index) = std::move(result);
  // A printed result is not needed again: only those waiting for an earlier one are kept.
  while (m_next < m_results.size() && m_results[m_next]) {
    print(*m_results[m_next]);
    *m_results[m_next++] = Result{};
  }
  m_out.flush();
}

void TerminalReport::print(const Result& result) {
  const Verdict verdict = result.judgement.verdict;
  if (m_detail == Detail::quiet && !is_failing(verdict)) return;
  std::string label = fmt::format("{:<12}", to_string(verdict));
  m_out << paint(label, colour_of(verdict)) << " " << fmt::format("{:<32}", visible_line(result.id))
        << fmt::format("{:>7} ms", result.outcome.duration_ms);
  if (!result.judgement.reason.empty() && verdict != Verdict::wrong) m_out << "  " << visible_line(result.judgement.reason);
  m_out << "\n";
  if (!result.outcome.tier.empty() && m_detail == Detail::verbose) {
    m_out << "    tier: " << visible_line(result.outcome.tier) << " (" << visible_line(result.outcome.tier_reason) << ")\n";
  }
  if (!result.outcome.taint.empty() && m_detail == Detail::verbose) {
    m_out << "    worker replaced: " << visible_line(result.outcome.taint) << "\n";
  }
  if (!is_failing(verdict) && m_detail != Detail::verbose) return;
  if (!result.source_line.empty()) m_out << "    " << failure_place(result) << "\n";
  if (!result.judgement.diff.empty()) m_out << indent(result.judgement.diff);
  if (result.outcome.error && !result.outcome.error->traceback.empty()) m_out << indent(result.outcome.error->traceback);
  if (!result.outcome.stack.empty()) m_out << "    Python stack when it was stopped:\n" << indent(result.outcome.stack);
  // What a question stopped at a deadline or a limit printed before it was stopped.
  if (was_stopped(result)) {
    if (!result.outcome.stdout_text.empty()) {
      m_out << "    stdout before it was stopped" << kept_note(result.outcome.stdout_text, result.outcome.stdout_bytes)
            << ":\n" << indent_tail(result.outcome.stdout_text, 20);
    } else {
      m_out << "    (nothing on stdout before it was stopped)\n";
    }
  }
  if (verdict == Verdict::crash && !result.outcome.stderr_text.empty()) {
    m_out << "    stderr:\n" << indent(result.outcome.stderr_text, 20);
  }
}

std::string format_summary_line(const Summary& summary) {
  std::string parts;
  for (int i = 0; i < k_verdict_count; ++i) {
    int count = summary.counts[static_cast<std::size_t>(i)];
    if (count == 0) continue;
    parts += fmt::format("{}{} {}", parts.empty() ? "" : ", ", count, to_string(static_cast<Verdict>(i)));
  }
  const int all = summary.total + summary.unfinished;
  std::string head = summary.interrupted
                         ? fmt::format("interrupted after {} of {} question{}", summary.total, all, all == 1 ? "" : "s")
                     : summary.stopped_after > 0
                         ? fmt::format("stopped after {} of {} question{}", summary.total, all, all == 1 ? "" : "s")
                         : fmt::format("{} question{}", summary.total, summary.total == 1 ? "" : "s");
  return fmt::format("{}: {}  ({:.2f} s, {} worker{})", head, parts.empty() ? "nothing run" : parts,
                     static_cast<double>(summary.duration_ms) / 1000.0, summary.workers,
                     summary.workers == 1 ? "" : "s");
}

void TerminalReport::finish(const Summary& summary) {
  if (summary.interrupted || summary.stopped_after > 0) {
    // What finished after a question that did not, still in bank order.
    for (std::size_t i = m_next; i < m_results.size(); ++i) {
      if (m_results[i]) print(*m_results[i]);
    }
    m_next = m_results.size();
    if (summary.unfinished > 0 && summary.interrupted) m_out << summary.unfinished << " not finished (interrupted)\n";
    else if (summary.unfinished > 0) {
      m_out << fmt::format("{} not run (stopped after {} failure{}: -x / --maxfail)\n", summary.unfinished,
                           summary.stopped_after, summary.stopped_after == 1 ? "" : "s");
    }
  }
  m_out << format_summary_line(summary) << "\n";
  m_out.flush();
}

}  // namespace snipcheck
