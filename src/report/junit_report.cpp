#include "report/junit_report.hpp"

#include <sstream>

#include <pugixml.hpp>

#include "util/text.hpp"

namespace snipcheck {

namespace {

// A stream the run kept only the start of (clip_output) says so.
std::string cut_note(const std::string& kept, std::uint64_t whole) {
  if (whole <= kept.size()) return {};
  return "\n[snipcheck: only the first " + std::to_string(kept.size()) + " of " + std::to_string(whole) + " bytes kept]\n";
}

// XML 1.0 cannot carry most C0 control characters, even escaped, nor U+FFFE and U+FFFF, nor
// surrogates or other invalid UTF-8 in a document declared UTF-8; a snippet may print any of
// them. Controls and the two noncharacters are made visible (`\x01`, `\uffff`), invalid UTF-8
// becomes U+FFFD (which also takes surrogates, encoded on their own).
std::string xml_safe(const std::string& raw) {
  std::string text = valid_utf8(raw);
  std::string out;
  out.reserve(text.size());
  const char* hex = "0123456789abcdef";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 && c != '\n' && c != '\t' && c != '\r') {
      out += "\\x";
      out += hex[byte >> 4];
      out += hex[byte & 0xF];
    } else if (byte == 0xEF && i + 2 < text.size() && text[i + 1] == '\xBF' &&
               (text[i + 2] == '\xBE' || text[i + 2] == '\xBF')) {
      out += text[i + 2] == '\xBE' ? "\\ufffe" : "\\uffff";
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string seconds(std::int64_t ms) {
  std::ostringstream out;
  out << static_cast<double>(ms) / 1000.0;
  return out.str();
}

}  // namespace

std::string render_junit_report(const std::vector<Result>& results, const Summary& summary, const std::string& suite) {
  pugi::xml_document document;
  auto declaration = document.append_child(pugi::node_declaration);
  declaration.append_attribute("version") = "1.0";
  declaration.append_attribute("encoding") = "UTF-8";
  auto suites = document.append_child("testsuites");
  auto node = suites.append_child("testsuite");
  node.append_attribute("name") = xml_safe(suite).c_str();
  node.append_attribute("tests") = summary.total + summary.unfinished;
  node.append_attribute("failures") = summary.count(Verdict::wrong);
  node.append_attribute("errors") = summary.failing() - summary.count(Verdict::wrong);
  node.append_attribute("skipped") =
      summary.count(Verdict::skipped) + summary.count(Verdict::unverifiable) + summary.unfinished;
  node.append_attribute("time") = seconds(summary.duration_ms).c_str();
  for (const Result& result : results) {
    auto testcase = node.append_child("testcase");
    testcase.append_attribute("classname") = xml_safe(suite).c_str();
    testcase.append_attribute("name") = xml_safe(result.id).c_str();
    testcase.append_attribute("file") = xml_safe(result.file).c_str();
    testcase.append_attribute("time") = seconds(result.outcome.duration_ms).c_str();
    if (!result.finished) {
      testcase.append_child("skipped").append_attribute("message") =
          summary.stopped_after > 0 && !summary.interrupted ? "not run: the run stopped at its failure limit (-x / --maxfail)"
                                                            : "not finished: the run was interrupted";
      continue;
    }
    const Verdict verdict = result.judgement.verdict;
    if (verdict == Verdict::skipped || verdict == Verdict::unverifiable) {
      testcase.append_child("skipped").append_attribute("message") = xml_safe(result.judgement.reason).c_str();
    } else if (is_failing(verdict)) {
      auto failure = testcase.append_child(verdict == Verdict::wrong ? "failure" : "error");
      failure.append_attribute("type") = to_string(verdict).c_str();
      failure.append_attribute("message") = xml_safe(result.judgement.reason).c_str();
      std::string body = result.judgement.diff;
      if (result.outcome.error) body += result.outcome.error->traceback;
      if (!result.outcome.stack.empty()) body += result.outcome.stack;
      failure.text().set(xml_safe(body).c_str());
    }
    if (!result.outcome.stdout_text.empty()) {
      testcase.append_child("system-out").text().set(
          xml_safe(result.outcome.stdout_text + cut_note(result.outcome.stdout_text, result.outcome.stdout_bytes)).c_str());
    }
    if (!result.outcome.stderr_text.empty()) {
      testcase.append_child("system-err").text().set(
          xml_safe(result.outcome.stderr_text + cut_note(result.outcome.stderr_text, result.outcome.stderr_bytes)).c_str());
    }
  }
  std::ostringstream out;
  document.save(out, "  ");
  return out.str();
}

}  // namespace snipcheck
