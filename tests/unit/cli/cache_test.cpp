#include "cli/cache.hpp"

#include <filesystem>
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "support/temp_dir.hpp"
#include "util/fs.hpp"

using namespace snipcheck;
namespace fs = std::filesystem;

namespace {

Result ran(const std::string& id, Verdict verdict, bool finished = true) {
  Result result;
  result.id = id;
  result.judgement.verdict = verdict;
  result.finished = finished;
  return result;
}

}  // namespace

TEST_CASE("the last-failed cache file", "[cli][cache]") {
  SECTION("what it writes, it reads") {
    auto read = parse_last_failed(render_last_failed({"002-b", "007-g"}), "lastfailed.json");
    REQUIRE(read.has_value());
    CHECK(*read == std::set<std::string>{"002-b", "007-g"});
  }
  SECTION("malformed content is an Error naming the file, never a crash") {
    for (const char* text : {"", "not json", "[1, 2]", "{\"last_failed\": 3}", "{\"last_failed\": [1]}",
                             "{\"other\": []}", "{\"last_failed\": [\"a\""}) {
      INFO(text);
      auto read = parse_last_failed(text, "x/lastfailed.json");
      REQUIRE_FALSE(read.has_value());
      CHECK(read.error().file == "x/lastfailed.json");
    }
  }
}

TEST_CASE("merge_last_failed learns what ran", "[cli][cache]") {
  std::set<std::string> merged = merge_last_failed(
      {"001-a", "002-b", "003-c", "004-d"},
      {ran("001-a", Verdict::pass), ran("002-b", Verdict::wrong), ran("004-d", Verdict::error, /*finished=*/false),
       ran("005-e", Verdict::timeout), ran("003-c", Verdict::skipped)});
  // 001 passed now; 002 still fails; 003 was skipped and 004 did not finish: as before; 005 new.
  CHECK(merged == std::set<std::string>{"002-b", "003-c", "004-d", "005-e"});
}

TEST_CASE("the cache folder on disk", "[cli][cache]") {
  TempDir dir("snipcheck-unit");
  SECTION("no cache yet: nothing failed") {
    auto read = read_last_failed(dir.path());
    REQUIRE(read.has_value());
    CHECK(read->empty());
  }
  SECTION("written with a .gitignore that ignores everything in it") {
    REQUIRE(write_last_failed(dir.path(), {"002-b"}).has_value());
    auto ignore = read_file(dir.path() / ".snipcheck_cache" / ".gitignore", {1024, "file", ""});
    REQUIRE(ignore.has_value());
    CHECK_THAT(*ignore, Catch::Contains("\n*\n"));
    auto read = read_last_failed(dir.path());
    REQUIRE(read.has_value());
    CHECK(*read == std::set<std::string>{"002-b"});
  }
  SECTION("a cache that cannot be made is an Error, not a throw") {
    snipcheck::testing::write_tree(dir.path(), {{".snipcheck_cache", "a file, not a folder"}});
    CHECK_FALSE(write_last_failed(dir.path(), {"002-b"}).has_value());
    auto read = read_last_failed(dir.path());  // nothing to read there: nothing failed
    REQUIRE(read.has_value());
    CHECK(read->empty());
  }
}
