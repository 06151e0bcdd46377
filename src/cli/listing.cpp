#include "cli/listing.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "util/text.hpp"

namespace snipcheck {

std::string settings_differing(const Settings& settings) {
  const Settings defaults;
  std::vector<std::string> parts;
  auto quoted = [](const std::string& text) { return "\"" + visible_line(text) + "\""; };
  if (settings.timeout_s != defaults.timeout_s) parts.push_back(fmt::format("timeout = {}", settings.timeout_s));
  if (settings.compare != defaults.compare) parts.push_back("compare = " + quoted(to_string(settings.compare)));
  if (settings.output_limit != defaults.output_limit) parts.push_back("output_limit = " + quoted(format_size(settings.output_limit)));
  if (settings.memory_limit != defaults.memory_limit) parts.push_back("memory_limit = " + quoted(format_size(settings.memory_limit)));
  if (settings.file_size_limit != defaults.file_size_limit) {
    parts.push_back("file_size_limit = " + quoted(format_size(settings.file_size_limit)));
  }
  if (settings.skip) parts.push_back("skip = " + quoted(*settings.skip));
  if (settings.language != defaults.language) parts.push_back("language = " + quoted(settings.language));
  if (settings.after != defaults.after) parts.push_back("after = " + quoted(settings.after));
  if (settings.sandbox != defaults.sandbox) parts.push_back(fmt::format("sandbox = {}", settings.sandbox));
  if (settings.sandbox_subprocess != defaults.sandbox_subprocess) {
    parts.push_back(fmt::format("sandbox_subprocess = {}", settings.sandbox_subprocess));
  }
  if (settings.cpu_limit_s != defaults.cpu_limit_s) parts.push_back(fmt::format("cpu_limit = {}", settings.cpu_limit_s));
  if (settings.process_limit != defaults.process_limit) parts.push_back(fmt::format("process_limit = {}", settings.process_limit));
  if (settings.open_files_limit != defaults.open_files_limit) {
    parts.push_back(fmt::format("open_files_limit = {}", settings.open_files_limit));
  }
  if (!settings.sandbox_env.empty()) {
    std::string names;
    for (const std::string& name : settings.sandbox_env) names += (names.empty() ? "" : ", ") + quoted(name);
    parts.push_back("sandbox_env = [" + names + "]");
  }
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : ", ") + part;
  return out;
}

std::string render_question_list(const std::vector<Question>& questions) {
  std::size_t width = 0;
  for (const Question& question : questions) width = std::max(width, question.id.size());
  std::string out;
  for (const Question& question : questions) {
    std::string line = fmt::format("{:<{}}  {:<14}", visible_line(question.id), width,
                                   to_string(question.settings.isolation));
    if (!question.settings.title.empty()) line += "  " + visible_line(question.settings.title);
    if (!question.cases.empty()) {
      line += fmt::format("  ({} input case{})", question.cases.size(), question.cases.size() == 1 ? "" : "s");
    }
    if (std::string differing = settings_differing(question.settings); !differing.empty()) {
      line += "  [" + differing + "]";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  out += fmt::format("{} question{}\n", questions.size(), questions.size() == 1 ? "" : "s");
  return out;
}

std::string render_durations(const std::vector<Result>& results, int most) {
  std::vector<const Result*> ran;
  for (const Result& result : results) {
    const Verdict verdict = result.judgement.verdict;
    if (result.finished && verdict != Verdict::skipped && verdict != Verdict::unverifiable) ran.push_back(&result);
  }
  std::stable_sort(ran.begin(), ran.end(),
                   [](const Result* a, const Result* b) { return a->outcome.duration_ms > b->outcome.duration_ms; });
  if (most > 0 && ran.size() > static_cast<std::size_t>(most)) ran.resize(static_cast<std::size_t>(most));
  std::string out = fmt::format("slowest {} question{}:\n", ran.size(), ran.size() == 1 ? "" : "s");
  for (const Result* result : ran) {
    out += fmt::format("{:>9} ms  {}\n", result->outcome.duration_ms, visible_line(result->id));
  }
  return out;
}

}  // namespace snipcheck
