#include "cli/shard.hpp"

#include <algorithm>
#include <cstdio>
#include <numeric>

#include <nlohmann/json.hpp>

#include "bank/cases.hpp"
#include "util/fs.hpp"
#include "util/parse.hpp"

namespace snipcheck {

namespace {

// A chain's first question, within the selection (a filter may have left out the rest).
std::size_t chain_root(const std::vector<Question>& questions, std::size_t index) {
  std::size_t current = index;
  for (std::size_t steps = 0; steps <= questions.size() && !questions[current].settings.after.empty(); ++steps) {
    auto found = std::find_if(questions.begin(), questions.end(),
                              [&](const Question& other) { return other.id == questions[current].settings.after; });
    if (found == questions.end()) break;
    current = static_cast<std::size_t>(found - questions.begin());
  }
  return current;
}

// What is placed: a chain (or a question alone), its questions in bank order.
struct Unit {
  std::vector<std::size_t> members;
  std::int64_t weight = 1;
};

std::vector<Unit> units_of(const std::vector<Question>& questions) {
  std::vector<Unit> units;
  std::map<std::size_t, std::size_t> unit_of_root;
  for (std::size_t i = 0; i < questions.size(); ++i) {
    const std::size_t root = chain_root(questions, i);
    auto [it, added] = unit_of_root.try_emplace(root, units.size());
    if (added) units.emplace_back();
    units[it->second].members.push_back(i);
  }
  return units;  // in the order of their first question: id order
}

}  // namespace

Expected<ShardSpec> parse_shard(std::string_view text) {
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) {
    return fail("", 0, "expected K/N (this job's part K of N parts, such as 2/3), got '" + std::string(text) + "'");
  }
  auto count = parse_int(text.substr(slash + 1), 1, 10000);
  if (!count) return fail("", 0, "N of K/N: " + count.error());
  auto index = parse_int(text.substr(0, slash), 1, *count);
  if (!index) {
    return fail("", 0, "K of K/N must be a part from 1 to " + std::to_string(*count) + ", got '" +
                           std::string(text) + "'");
  }
  return ShardSpec{static_cast<int>(*index), static_cast<int>(*count)};
}

Expected<std::map<std::string, std::int64_t>> read_durations(const std::string& path) {
  auto text = read_file(path, ReadLimit{1024ULL * 1024 * 1024, "report", "a JSON report of snipcheck run"});
  if (!text) return tl::unexpected(text.error());
  nlohmann::json report = nlohmann::json::parse(*text, nullptr, false);
  if (report.is_discarded()) return fail(path, 0, "not JSON (--durations-file takes a report of `snipcheck run --json`)");
  if (!report.is_object() || !report.contains("results") || !report["results"].is_array()) {
    return fail(path, 0, "not a report of `snipcheck run --json` (no \"results\" list)");
  }
  std::map<std::string, std::int64_t> durations;
  for (const nlohmann::json& result : report["results"]) {
    if (!result.is_object() || !result.contains("id") || !result["id"].is_string() ||
        !result.contains("duration_ms") || !result["duration_ms"].is_number_integer()) {
      return fail(path, 0, "a result without an \"id\" and a whole \"duration_ms\"");
    }
    // A question with input cases took the time of all its runs ("007-sums", "007-sums[small]").
    durations[std::string(question_of_run(result["id"].get<std::string>()))] +=
        std::max<std::int64_t>(0, result["duration_ms"].get<std::int64_t>());
  }
  return durations;
}

std::vector<std::size_t> shard_partition(const std::vector<Question>& questions, ShardSpec spec,
                                         const std::map<std::string, std::int64_t>& durations) {
  std::vector<Unit> units = units_of(questions);
  const auto parts = static_cast<std::size_t>(spec.count);
  std::vector<std::size_t> part_of(units.size(), 0);
  if (durations.empty()) {
    // Consecutive runs by count: a unit goes to the part its middle question falls in.
    std::int64_t before = 0;
    const auto total = static_cast<std::int64_t>(questions.size());
    for (std::size_t u = 0; u < units.size(); ++u) {
      const auto size = static_cast<std::int64_t>(units[u].members.size());
      // floor((before + size / 2) * N / total), in whole numbers: (2 * before + size) * N / (2 * total).
      part_of[u] = static_cast<std::size_t>((2 * before + size) * static_cast<std::int64_t>(parts) / (2 * total));
      before += size;
    }
  } else {
    // Longest first, each to the lightest part (the lowest-numbered on a tie).
    std::int64_t known_sum = 0, known = 0;
    for (const Question& question : questions) {
      if (auto found = durations.find(question.id); found != durations.end()) known_sum += found->second, ++known;
    }
    const std::int64_t unknown = known > 0 ? std::max<std::int64_t>(1, known_sum / known) : 1;
    for (Unit& unit : units) {
      unit.weight = 0;
      for (std::size_t member : unit.members) {
        auto found = durations.find(questions[member].id);
        // At least 1 ms each, so that questions that took no time still spread by count.
        unit.weight += std::max<std::int64_t>(1, found == durations.end() ? unknown : found->second);
      }
    }
    std::vector<std::size_t> order(units.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return units[a].weight > units[b].weight; });
    std::vector<std::int64_t> load(parts, 0);
    for (std::size_t u : order) {
      const auto lightest = static_cast<std::size_t>(std::min_element(load.begin(), load.end()) - load.begin());
      part_of[u] = lightest;
      load[lightest] += units[u].weight;
    }
  }
  std::vector<std::size_t> chosen;
  for (std::size_t u = 0; u < units.size(); ++u) {
    if (part_of[u] + 1 == static_cast<std::size_t>(spec.index)) {
      chosen.insert(chosen.end(), units[u].members.begin(), units[u].members.end());
    }
  }
  std::sort(chosen.begin(), chosen.end());
  return chosen;
}

Expected<std::optional<ShardInfo>> select_shard(std::vector<Question>& questions, const std::string& shard,
                                                const std::string& durations_file) {
  if (shard.empty()) {
    if (!durations_file.empty()) return fail(durations_file, 0, "--durations-file balances the parts of --shard K/N: give --shard too");
    return std::optional<ShardInfo>();
  }
  auto spec = parse_shard(shard);
  if (!spec) return fail("", 0, "--shard: " + spec.error().message);
  std::map<std::string, std::int64_t> durations;
  if (!durations_file.empty()) {
    auto read = read_durations(durations_file);
    if (!read) return tl::unexpected(read.error());
    durations = std::move(*read);
  }
  ShardInfo info{spec->index, spec->count, static_cast<int>(questions.size()), selection_digest(questions)};
  std::vector<Question> part;
  for (std::size_t index : shard_partition(questions, *spec, durations)) part.push_back(std::move(questions[index]));
  questions = std::move(part);
  return std::optional<ShardInfo>(info);
}

std::string selection_digest(const std::vector<Question>& questions) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const Question& question : questions) {
    for (char c : question.id + "\n") {
      hash ^= static_cast<unsigned char>(c);
      hash *= 1099511628211ULL;
    }
  }
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
  return text;
}

}  // namespace snipcheck
