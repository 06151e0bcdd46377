#include "cli/bless.hpp"

#include <filesystem>
#include <string>

#include <catch2/catch.hpp>

#include "support/temp_dir.hpp"
#include "util/fs.hpp"

using namespace snipcheck;

namespace {

Result judged(Verdict verdict, std::optional<std::string> expected, std::string printed) {
  Result result;
  result.id = "007-generators";
  result.file = "snippets/007-generators.py";
  result.expected = std::move(expected);
  result.outcome.stdout_text = std::move(printed);
  result.judgement.verdict = verdict;
  return result;
}

}  // namespace

TEST_CASE("should_bless: only questions that ran clean", "[cli][bless]") {
  CHECK(should_bless(judged(Verdict::wrong, "a\n", "b\n"), UpdateMode::wrong));
  CHECK(should_bless(judged(Verdict::wrong, "a\n", "b\n"), UpdateMode::all));
  CHECK_FALSE(should_bless(judged(Verdict::no_claim, std::nullopt, "b\n"), UpdateMode::wrong));
  CHECK(should_bless(judged(Verdict::no_claim, std::nullopt, "b\n"), UpdateMode::all));
  for (Verdict verdict : {Verdict::pass, Verdict::error, Verdict::timeout, Verdict::crash, Verdict::limit,
                          Verdict::unverifiable, Verdict::skipped}) {
    INFO(to_string(verdict));
    CHECK_FALSE(should_bless(judged(verdict, "a\n", "b\n"), UpdateMode::all));
  }
  SECTION("output that was cut, or a question that did not finish, is never blessed") {
    Result cut = judged(Verdict::wrong, "a\n", "b\n");
    cut.outcome.stdout_truncated = true;
    CHECK_FALSE(should_bless(cut, UpdateMode::all));
    Result unfinished = judged(Verdict::wrong, "a\n", "b\n");
    unfinished.finished = false;
    CHECK_FALSE(should_bless(unfinished, UpdateMode::all));
  }
  SECTION("the blessing names the expected file of the question") {
    Blessing blessing = blessing_of(judged(Verdict::wrong, "a\n", "b\n"));
    CHECK(blessing.path == "expected/007-generators.out");
    CHECK(blessing.before == "a\n");
    CHECK(blessing.after == "b\n");
  }
}

TEST_CASE("file_patch: a patch git apply takes", "[cli][bless]") {
  SECTION("a changed line, with its context") {
    CHECK(file_patch({"expected/001-a.out", "1\n2\n3\n", "1\nTWO\n3\n"}) ==
          "diff --git a/expected/001-a.out b/expected/001-a.out\n"
          "--- a/expected/001-a.out\n"
          "+++ b/expected/001-a.out\n"
          "@@ -1,3 +1,3 @@\n"
          " 1\n"
          "-2\n"
          "+TWO\n"
          " 3\n");
  }
  SECTION("a new file") {
    CHECK(file_patch({"expected/002-b.out", std::nullopt, "x\ny\n"}) ==
          "diff --git a/expected/002-b.out b/expected/002-b.out\n"
          "new file mode 100644\n"
          "--- /dev/null\n"
          "+++ b/expected/002-b.out\n"
          "@@ -0,0 +1,2 @@\n"
          "+x\n"
          "+y\n");
  }
  SECTION("a missing final newline is a line of its own") {
    CHECK(file_patch({"expected/003-c.out", "x\n", "x"}) ==
          "diff --git a/expected/003-c.out b/expected/003-c.out\n"
          "--- a/expected/003-c.out\n"
          "+++ b/expected/003-c.out\n"
          "@@ -1,1 +1,1 @@\n"
          "-x\n"
          "+x\n"
          "\\ No newline at end of file\n");
  }
  SECTION("a question that now prints nothing") {
    CHECK(file_patch({"expected/004-d.out", "x\n", ""}) ==
          "diff --git a/expected/004-d.out b/expected/004-d.out\n"
          "--- a/expected/004-d.out\n"
          "+++ b/expected/004-d.out\n"
          "@@ -1,1 +0,0 @@\n"
          "-x\n");
  }
  SECTION("changes far apart are two hunks, with the right line numbers") {
    std::string before, after;
    for (int i = 1; i <= 20; ++i) {
      before += std::to_string(i) + "\n";
      after += (i == 2 || i == 18 ? "changed" : std::to_string(i)) + "\n";
    }
    std::string patch = file_patch({"expected/005-e.out", before, after});
    CHECK_THAT(patch, Catch::Contains("@@ -1,5 +1,5 @@\n 1\n-2\n+changed\n 3\n 4\n 5\n"));
    CHECK_THAT(patch, Catch::Contains("@@ -15,6 +15,6 @@\n 15\n 16\n 17\n-18\n+changed\n 19\n 20\n"));
  }
  SECTION("nothing changes: no patch") {
    CHECK(file_patch({"expected/006-f.out", "same\n", "same\n"}).empty());
  }
}

TEST_CASE("write_blessings writes each file whole", "[cli][bless]") {
  TempDir dir("snipcheck-unit");
  std::filesystem::create_directories(dir.path() / "expected");
  REQUIRE(write_blessings(dir.path(), {{"expected/001-a.out", std::nullopt, "new\n"}}).has_value());
  auto text = read_file(dir.path() / "expected/001-a.out", {1024, "expected output", ""});
  REQUIRE(text.has_value());
  CHECK(*text == "new\n");
  SECTION("a symbolic link stays, the file it names is rewritten") {
    snipcheck::testing::write_tree(dir.path(), {{"expected/shared.txt", "old\n"}});
    std::filesystem::create_symlink("shared.txt", dir.path() / "expected/002-b.out");
    REQUIRE(write_blessings(dir.path(), {{"expected/002-b.out", "old\n", "blessed\n"}}).has_value());
    CHECK(std::filesystem::is_symlink(dir.path() / "expected/002-b.out"));
    CHECK(read_file(dir.path() / "expected/shared.txt", {1024, "file", ""}).value_or("") == "blessed\n");
  }
  auto refused = write_blessings(dir.path(), {{"missing/001-a.out", std::nullopt, "new\n"}});
  REQUIRE_FALSE(refused.has_value());
  CHECK_THAT(refused.error().file, Catch::Contains("missing/001-a.out"));
}

TEST_CASE("blessed_text: what the next run passes, in the expected file's words", "[cli][bless]") {
  SECTION("exact: what was printed") {
    CHECK(blessed_text(judged(Verdict::wrong, "a\nc\n", "a\nb\n")) == "a\nb\n");
  }
  SECTION("ellipsis: the lines that still match stay, a lone ... keeps standing for its lines") {
    Result result = judged(Verdict::wrong, "<object at ...>\nstart\n...\nend\n", "<object at 0x7f>\nbegin\n0\n1\nend\n");
    result.settings.compare = CompareMode::ellipsis;
    CHECK(blessed_text(result) == "<object at ...>\nbegin\n...\nend\n");
  }
  SECTION("ellipsis: a pattern that no longer holds gives the output") {
    Result result = judged(Verdict::wrong, "id ...\n", "name 7\n");
    result.settings.compare = CompareMode::ellipsis;
    CHECK(blessed_text(result) == "name 7\n");
  }
  SECTION("normalize: a matching line keeps its trailing spaces") {
    Result result = judged(Verdict::wrong, "a  \nc\n", "a\nb\n");
    result.settings.compare = CompareMode::normalize;
    CHECK(blessed_text(result) == "a  \nb\n");
  }
}
