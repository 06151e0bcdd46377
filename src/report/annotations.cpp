#include "report/annotations.hpp"

#include "util/text.hpp"

namespace snipcheck {

namespace {

std::string escape(std::string_view text, bool property) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': out += property ? "%3A" : ":"; break;
      case ',': out += property ? "%2C" : ","; break;
      default: out += c;
    }
  }
  return out;
}

// The evidence under the reason: the diff, the traceback, or what a stopped question printed last.
std::string evidence(const Result& result) {
  if (!result.judgement.diff.empty()) return result.judgement.diff;
  if (result.outcome.error && !result.outcome.error->traceback.empty()) return result.outcome.error->traceback;
  return {};
}

// At most `max_lines` lines and 4 KiB: an annotation is a pointer, the log has the rest.
std::string cut(const std::string& text, std::size_t max_lines = 30) {
  std::vector<std::string> lines = split_lines(text);
  std::string out;
  for (std::size_t i = 0; i < lines.size() && i < max_lines && out.size() < 4096; ++i) out += lines[i] + "\n";
  if (out.size() < text.size()) out += "[...]\n";
  return out;
}

}  // namespace

std::string escape_annotation_data(std::string_view text) { return escape(text, false); }

std::string escape_annotation_property(std::string_view text) { return escape(text, true); }

std::string github_annotation(const Result& result, const std::string& file) {
  if (!result.finished || !is_failing(result.judgement.verdict)) return {};
  std::string properties;
  if (!file.empty()) properties += "file=" + escape_annotation_property(file);
  if (!file.empty() && result.line > 0) properties += ",line=" + std::to_string(result.line);
  properties += std::string(properties.empty() ? "" : ",") + "title=" +
                escape_annotation_property("snipcheck: " + result.id + " " + to_string(result.judgement.verdict));
  std::string message = result.judgement.reason.empty() ? to_string(result.judgement.verdict) : result.judgement.reason;
  if (const std::string more = evidence(result); !more.empty()) message += "\n" + cut(more);
  while (!message.empty() && message.back() == '\n') message.pop_back();
  return "::error " + properties + "::" + escape_annotation_data(visible_controls(message)) + "\n";
}

std::string stop_commands_line(const std::string& token) { return "::stop-commands::" + token + "\n"; }

std::string resume_commands_line(const std::string& token) { return "::" + token + "::\n"; }

}  // namespace snipcheck
