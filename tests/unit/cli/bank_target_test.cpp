#include "cli/bank_target.hpp"

#include <filesystem>
#include <string>

#include <catch2/catch.hpp>

#include "support/temp_dir.hpp"
#include "util/fs.hpp"

using namespace snipcheck;
namespace fs = std::filesystem;

TEST_CASE("find_bank: what run points at", "[cli][bank_target]") {
  TempDir dir("snipcheck-unit");
  const fs::path bank = dir.path() / "bank";
  snipcheck::testing::write_tree(bank, {{"snippets/007-gen.py", "print(1)\n"},
                                        {"expected/007-gen.out", "1\n"},
                                        {"notes/deep/er/readme.txt", "x"},
                                        {"snippets/notes.txt", "x"}});
  snipcheck::testing::write_tree(dir.path(), {{"elsewhere/file.txt", "x"}});
  SECTION("the bank itself") {
    auto target = find_bank(bank.string());
    REQUIRE(target.has_value());
    CHECK(fs::equivalent(target->root, bank));
    CHECK_FALSE(target->question);
  }
  SECTION("a folder inside it: walks up, as a path relative to the one given") {
    auto target = find_bank((bank / "notes" / "deep" / "er").string());
    REQUIRE(target.has_value());
    CHECK(fs::equivalent(target->root, bank));
    CHECK(target->root == (bank / "notes" / "deep" / "er" / ".." / ".." / "..").lexically_normal().string());
    auto trailing = find_bank((bank / "notes").string() + "/");
    REQUIRE(trailing.has_value());
    CHECK(fs::equivalent(trailing->root, bank));
  }
  SECTION("a question's snippet or expected file: its bank and its id") {
    for (const fs::path& file : {bank / "snippets" / "007-gen.py", bank / "expected" / "007-gen.out"}) {
      auto target = find_bank(file.string());
      REQUIRE(target.has_value());
      CHECK(fs::equivalent(target->root, bank));
      CHECK(target->question == "007-gen");
    }
  }
  SECTION("a file that is no question's is refused, naming it") {
    for (const fs::path& file : {bank / "snippets" / "notes.txt", bank / "notes" / "deep" / "er" / "readme.txt"}) {
      auto target = find_bank(file.string());
      REQUIRE_FALSE(target.has_value());
      CHECK(target.error().file == file.string());
    }
  }
  SECTION("a folder outside any bank is refused") {
    auto target = find_bank((dir.path() / "elsewhere").string());
    REQUIRE_FALSE(target.has_value());
    CHECK_THAT(target.error().message, Catch::Contains("not inside a question bank"));
  }
  SECTION("a bank without snippets/ is not walked past: load_bank says what is missing") {
    snipcheck::testing::write_tree(bank / "inner", {{"expected/001-a.out", "1\n"}});
    auto target = find_bank((bank / "inner").string());
    REQUIRE(target.has_value());
    CHECK(target->root == (bank / "inner").string());
  }
}
