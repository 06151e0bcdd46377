#include "cli/shard.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "support/temp_dir.hpp"

using namespace snipcheck;

namespace {

std::vector<Question> bank_of(int count) {
  std::vector<Question> questions;
  for (int i = 1; i <= count; ++i) {
    Question question;
    char id[16];
    std::snprintf(id, sizeof id, "%03d-q", i);
    question.id = id;
    questions.push_back(question);
  }
  return questions;
}

std::vector<std::string> ids(const std::vector<Question>& questions, const std::vector<std::size_t>& indices) {
  std::vector<std::string> out;
  for (std::size_t index : indices) out.push_back(questions[index].id);
  return out;
}

}  // namespace

TEST_CASE("parse_shard", "[cli][shard]") {
  auto spec = parse_shard("2/3");
  REQUIRE(spec);
  CHECK(spec->index == 2);
  CHECK(spec->count == 3);
  CHECK(parse_shard("1/1"));
  for (const char* bad : {"0/2", "3/2", "x", "1/0", "/2", "2/", "-1/2", "1/2/3", "1.5/2", ""}) {
    INFO(bad);
    auto refused = parse_shard(bad);
    REQUIRE_FALSE(refused);
    CHECK_FALSE(refused.error().message.empty());
  }
  CHECK_THAT(parse_shard("3/2").error().message, Catch::Contains("from 1 to 2"));
  CHECK_THAT(parse_shard("x").error().message, Catch::Contains("K/N"));
}

TEST_CASE("shard_partition by count", "[cli][shard]") {
  const std::vector<Question> questions = bank_of(10);
  std::set<std::string> seen;
  std::vector<std::size_t> sizes;
  for (int k = 1; k <= 3; ++k) {
    const std::vector<std::size_t> part = shard_partition(questions, {k, 3});
    sizes.push_back(part.size());
    CHECK(std::is_sorted(part.begin(), part.end()));
    // Consecutive ids.
    if (!part.empty()) CHECK(part.back() - part.front() + 1 == part.size());
    for (const std::string& id : ids(questions, part)) CHECK(seen.insert(id).second);
  }
  CHECK(seen.size() == 10);
  CHECK(sizes == std::vector<std::size_t>{3, 4, 3});
  // The same input, the same parts.
  CHECK(shard_partition(questions, {2, 3}) == shard_partition(questions, {2, 3}));
  // More parts than questions: some parts are empty, none holds a question twice.
  std::size_t total = 0;
  for (int k = 1; k <= 5; ++k) total += shard_partition(bank_of(2), {k, 5}).size();
  CHECK(total == 2);
}

TEST_CASE("shard_partition keeps a chain whole", "[cli][shard]") {
  std::vector<Question> questions = bank_of(6);
  questions[3].settings.after = "003-q";  // 004 after 003
  questions[4].settings.after = "004-q";  // 005 after 004
  for (int parts = 2; parts <= 6; ++parts) {
    for (int k = 1; k <= parts; ++k) {
      const std::vector<std::string> part = ids(questions, shard_partition(questions, {k, parts}));
      const auto has = [&](const char* id) { return std::find(part.begin(), part.end(), id) != part.end(); };
      INFO(k << "/" << parts);
      CHECK(has("003-q") == has("004-q"));
      CHECK(has("004-q") == has("005-q"));
    }
  }
}

TEST_CASE("shard_partition by durations", "[cli][shard]") {
  const std::vector<Question> questions = bank_of(5);
  // The longest first, each to the lightest part (the first on a tie): 005 (50) to 1, 004 (40) to
  // 2, 001 to 2 (50 each), 002 to 1, 003 to 2.
  const std::map<std::string, std::int64_t> durations = {
      {"001-q", 10}, {"002-q", 10}, {"003-q", 10}, {"004-q", 40}, {"005-q", 50}};
  CHECK(ids(questions, shard_partition(questions, {1, 2}, durations)) == std::vector<std::string>{"002-q", "005-q"});
  CHECK(ids(questions, shard_partition(questions, {2, 2}, durations)) ==
        std::vector<std::string>{"001-q", "003-q", "004-q"});
  // A question the durations do not know counts as their mean.
  const std::map<std::string, std::int64_t> partial = {{"001-q", 100}, {"002-q", 100}};
  std::size_t total = 0;
  for (int k = 1; k <= 2; ++k) total += shard_partition(questions, {k, 2}, partial).size();
  CHECK(total == 5);
}

TEST_CASE("read_durations", "[cli][shard]") {
  TempDir tmp("snipcheck-shard-test");
  testing::write_tree(tmp.path(), {{"ok.json", R"({"results": [{"id": "001-a", "duration_ms": 12}]})"},
                                   {"junk.json", "not json"},
                                   {"other.json", R"({"claims": []})"}});
  auto ok = read_durations((tmp.path() / "ok.json").string());
  REQUIRE(ok);
  CHECK(ok->at("001-a") == 12);
  auto junk = read_durations((tmp.path() / "junk.json").string());
  REQUIRE_FALSE(junk);
  CHECK_THAT(junk.error().describe(), Catch::Contains("junk.json"));
  CHECK_FALSE(read_durations((tmp.path() / "other.json").string()));
  CHECK_FALSE(read_durations((tmp.path() / "missing.json").string()));
}

TEST_CASE("selection_digest", "[cli][shard]") {
  CHECK(selection_digest(bank_of(3)) == selection_digest(bank_of(3)));
  CHECK(selection_digest(bank_of(3)) != selection_digest(bank_of(4)));
  CHECK(selection_digest(bank_of(3)).size() == 16);
}
