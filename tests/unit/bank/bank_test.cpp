#include "bank/bank.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "support/temp_dir.hpp"

using namespace snipcheck;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> ids_of(const Bank& bank) {
  std::vector<std::string> ids;
  for (const Question& question : bank.questions) ids.push_back(question.id);
  return ids;
}

// A small valid bank: three questions written out of order, two with expected output.
void write_valid_bank(const fs::path& root) {
  testing::write_tree(root, {
                                {"snippets/002-beta.py", "print('beta')\n"},
                                {"snippets/001-alpha.py", "print('alpha')\n"},
                                {"snippets/010-gamma-ray.py", "print('gamma')\n"},
                                {"expected/001-alpha.out", "alpha\n"},
                                {"expected/010-gamma-ray.out", "gamma\n"},
                                {"snipcheck.toml",
                                 "[defaults]\ntimeout = 4\n\n[question.\"002-beta\"]\ncompare = \"ellipsis\"\n"},
                            });
}

Error rejected(const fs::path& root, const std::vector<std::string>& filters = {}) {
  auto bank = load_bank(root, filters);
  REQUIRE_FALSE(bank.has_value());
  return bank.error();
}

}  // namespace

TEST_CASE("load_bank", "[bank]") {
  TempDir dir("snipcheck-unit");
  const fs::path root = dir.path() / "bank";

  SECTION("questions are sorted by id, with their code, paths and expected output") {
    write_valid_bank(root);
    auto bank = load_bank(root);
    REQUIRE(bank.has_value());
    CHECK(bank->root == root);
    CHECK(ids_of(*bank) == std::vector<std::string>{"001-alpha", "002-beta", "010-gamma-ray"});
    const Question& alpha = bank->questions[0];
    CHECK(alpha.code == "print('alpha')\n");
    CHECK(alpha.display_path == "snippets/001-alpha.py");
    CHECK(alpha.snippet.is_absolute());
    CHECK(fs::equivalent(alpha.snippet, root / "snippets" / "001-alpha.py"));
    REQUIRE(alpha.expected.has_value());
    CHECK(*alpha.expected == "alpha\n");
  }
  SECTION("a question without an expected file has no expected output") {
    write_valid_bank(root);
    auto bank = load_bank(root);
    REQUIRE(bank.has_value());
    CHECK_FALSE(bank->questions[1].expected.has_value());
    CHECK(bank->questions[2].expected == std::optional<std::string>("gamma\n"));
  }
  SECTION("an empty expected file is an expected empty output, not a missing one") {
    testing::write_tree(root, {{"snippets/001-quiet.py", "pass\n"}, {"expected/001-quiet.out", ""}});
    auto bank = load_bank(root);
    REQUIRE(bank.has_value());
    CHECK(bank->questions[0].expected == std::optional<std::string>(""));
  }
  SECTION("a bank with an empty expected/ and no snipcheck.toml is valid: nothing documented") {
    testing::write_tree(root, {{"snippets/001-only.py", "print(1)\n"}, {"expected/.keep", ""}});
    auto bank = load_bank(root);
    REQUIRE(bank.has_value());
    REQUIRE(bank->questions.size() == 1);
    CHECK_FALSE(bank->questions[0].expected.has_value());
    CHECK(bank->questions[0].settings.timeout_s == 10.0);
  }
  SECTION("a relative path is made absolute") {
    write_valid_bank(root);
    const fs::path old = fs::current_path();
    fs::current_path(dir.path());
    auto bank = load_bank("bank");
    fs::current_path(old);
    REQUIRE(bank.has_value());
    CHECK(bank->root.is_absolute());
    CHECK(bank->questions[0].snippet.is_absolute());
    CHECK(fs::equivalent(bank->root, root));
  }
  SECTION("settings are merged per question") {
    write_valid_bank(root);
    auto bank = load_bank(root);
    REQUIRE(bank.has_value());
    CHECK(bank->questions[0].settings.compare == CompareMode::exact);
    CHECK(bank->questions[0].settings.timeout_s == 4.0);
    CHECK(bank->questions[1].settings.compare == CompareMode::ellipsis);
    CHECK(bank->questions[1].settings.timeout_s == 4.0);
  }
  SECTION("filters keep the questions whose id matches any glob") {
    write_valid_bank(root);
    auto one = load_bank(root, {"002-*"});
    REQUIRE(one.has_value());
    CHECK(ids_of(*one) == std::vector<std::string>{"002-beta"});
    auto two = load_bank(root, {"*gamma*", "001-?lpha"});
    REQUIRE(two.has_value());
    CHECK(ids_of(*two) == std::vector<std::string>{"001-alpha", "010-gamma-ray"});
    auto none = load_bank(root, {"9*"});
    REQUIRE(none.has_value());
    CHECK(none->questions.empty());
  }
  SECTION("hidden files are ignored") {
    write_valid_bank(root);
    testing::write_tree(root, {{"snippets/.001-alpha.py.swp", "junk"}, {"expected/.keep", ""}});
    auto bank = load_bank(root);
    REQUIRE(bank.has_value());
    CHECK(bank->questions.size() == 3);
  }
  SECTION("a missing directory") {
    Error error = rejected(root);
    CHECK(error.file == root.string());
    CHECK_FALSE(error.message.empty());
  }
  SECTION("a file instead of a directory") {
    testing::write_tree(dir.path(), {{"bank", "not a dir"}});
    Error error = rejected(root);
    CHECK(error.file == root.string());
  }
  SECTION("a bank without snippets/") {
    testing::write_tree(root, {{"expected/001-a.out", "a\n"}});
    Error error = rejected(root);
    CHECK(error.file == (root / "snippets").string());
  }
  SECTION("a badly named snippet") {
    for (const char* name : {"bad name.py", "01-short.py", "001-Upper.py", "001_under.py", "001-a.txt", "001-a-.py",
                             "001--a.py", "001-a_b.py", "001-.py"}) {
      INFO(name);
      TempDir other("snipcheck-unit");
      testing::write_tree(other.path(), {{"expected/.keep", ""}, {"snippets/001-ok.py", "pass\n"}, {std::string("snippets/") + name, "pass\n"}});
      Error error = rejected(other.path());
      CHECK(error.file == (other.path() / "snippets" / name).string());
    }
  }
  SECTION("a directory among the snippets") {
    testing::write_tree(root, {{"expected/.keep", ""}, {"snippets/001-ok.py", "pass\n"}});
    fs::create_directories(root / "snippets" / "002-dir.py");
    Error error = rejected(root);
    CHECK_THAT(error.file, Catch::EndsWith("002-dir.py"));
  }
  SECTION("a badly named expected file") {
    testing::write_tree(root, {{"snippets/001-ok.py", "pass\n"}, {"expected/001-ok.txt", "x\n"}});
    Error error = rejected(root);
    CHECK(error.file == (root / "expected" / "001-ok.txt").string());
  }
  SECTION("an expected file without a snippet") {
    testing::write_tree(root, {{"snippets/001-ok.py", "pass\n"}, {"expected/001-ok.out", ""}, {"expected/009-x.out", "x\n"}});
    Error error = rejected(root);
    CHECK(error.file == (root / "expected" / "009-x.out").string());
    CHECK_THAT(error.message, Catch::Contains("009-x"));
  }
  SECTION("an orphan expected file is an error even when filtered out") {
    testing::write_tree(root, {{"snippets/001-ok.py", "pass\n"}, {"expected/009-x.out", "x\n"}});
    Error error = rejected(root, {"001-*"});
    CHECK_THAT(error.file, Catch::EndsWith("009-x.out"));
  }
  SECTION("settings for an unknown question name the line of its table") {
    testing::write_tree(root, {{"expected/.keep", ""}, {"snippets/001-ok.py", "pass\n"},
                               {"snipcheck.toml",
                                "[defaults]\ntimeout = 3\n\n[question.\"001-ok\"]\ntimeout = 1\n\n"
                                "[question.\"005-nope\"]\ntimeout = 2\n"}});
    Error error = rejected(root);
    CHECK(error.file == (root / "snipcheck.toml").string());
    CHECK(error.line == 7);
    CHECK_THAT(error.message, Catch::Contains("005-nope"));
  }
  SECTION("a malformed settings file names the bank's snipcheck.toml and the line") {
    testing::write_tree(root, {{"expected/.keep", ""}, {"snippets/001-ok.py", "pass\n"}, {"snipcheck.toml", "[defaults]\ncompare = \"fuzzy\"\n"}});
    Error error = rejected(root);
    CHECK(error.file == (root / "snipcheck.toml").string());
    CHECK(error.line == 2);
  }
  SECTION("the workers' settings of snipcheck.toml") {
    testing::write_tree(root, {{"expected/.keep", ""}, {"snippets/001-ok.py", "pass\n"},
                               {"snipcheck.toml", "[defaults]\npreload = [\"json\"]\nprocess_modules = [\"mylib\"]\n"}});
    auto bank = load_bank(root);
    REQUIRE(bank.has_value());
    CHECK(bank->workers.preload == std::vector<std::string>{"json"});
    CHECK(bank->workers.process_modules == std::vector<std::string>{"mylib"});
  }
  SECTION("after may name an earlier question") {
    testing::write_tree(root, {{"expected/.keep", ""}, {"snippets/001-setup.py", "x = 1\n"},
                               {"snippets/002-use.py", "print(1)\n"},
                               {"snipcheck.toml", "[question.\"002-use\"]\nafter = \"001-setup\"\n"}});
    auto bank = load_bank(root);
    REQUIRE(bank.has_value());
    CHECK(bank->questions[1].settings.after == "001-setup");
  }
  SECTION("after naming a later, the same or an unknown question names the line") {
    for (const char* after : {"003-later", "002-use", "009-none"}) {
      INFO(after);
      TempDir other("snipcheck-unit");
      testing::write_tree(other.path(), {{"expected/.keep", ""}, {"snippets/001-setup.py", "x = 1\n"},
                                         {"snippets/002-use.py", "print(1)\n"},
                                         {"snippets/003-later.py", "print(3)\n"},
                                         {"snipcheck.toml", std::string("[defaults]\ntimeout = 2\n\n[question.\"002-use\"]\n"
                                                                        "after = \"") + after + "\"\n"}});
      Error error = rejected(other.path());
      CHECK(error.file == (other.path() / "snipcheck.toml").string());
      CHECK(error.line == 4);
      CHECK_THAT(error.message, Catch::Contains(after));
    }
  }
  SECTION("continues: each question carries the code of its session's earlier questions, oldest first") {
    testing::write_tree(root, {{"expected/.keep", ""}, {"snippets/001-setup.py", "x = 1\n"},
                               {"snippets/002-more.py", "y = x + 1\n"}, {"snippets/003-use.py", "print(x, y)\n"},
                               {"snippets/004-alone.py", "print(4)\n"},
                               {"snipcheck.toml", "[question.\"002-more\"]\ncontinues = \"001-setup\"\n\n"
                                                  "[question.\"003-use\"]\ncontinues = \"002-more\"\n"}});
    auto bank = load_bank(root);
    REQUIRE(bank.has_value());
    REQUIRE(bank->questions.size() == 4);
    CHECK(bank->questions[0].before.empty());
    REQUIRE(bank->questions[1].before.size() == 1);
    CHECK(bank->questions[1].before[0].id == "001-setup");
    const Question& use = bank->questions[2];
    REQUIRE(use.before.size() == 2);
    CHECK(use.before[0].id == "001-setup");
    CHECK(use.before[0].code == "x = 1\n");
    CHECK(use.before[0].snippet == root / "snippets" / "001-setup.py");
    CHECK(use.before[0].mode == "script");
    CHECK(use.before[1].id == "002-more");
    CHECK(use.before[1].code == "y = x + 1\n");
    CHECK(bank->questions[3].before.empty());
    SECTION("a filter that leaves the earlier questions out still gives their code") {
      auto only = load_bank(root, {"003-*"});
      REQUIRE(only.has_value());
      REQUIRE(only->questions.size() == 1);
      CHECK(only->questions[0].before.size() == 2);
    }
  }
  SECTION("continues naming an unknown, a later question, itself or a loop names snipcheck.toml and its line") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"[question.\"002-use\"]\ntitle = \"t\"\ncontinues = \"009-none\"\n", "names no question"},
        {"[question.\"002-use\"]\ntitle = \"t\"\ncontinues = \"003-later\"\n", "later question"},
        {"[question.\"002-use\"]\ntitle = \"t\"\ncontinues = \"002-use\"\n", "itself"},
        {"[question.\"002-use\"]\ntitle = \"t\"\ncontinues = \"003-later\"\n\n[question.\"003-later\"]\n"
         "continues = \"002-use\"\n", "loop"},
    };
    for (const auto& [toml, why] : cases) {
      INFO(toml);
      TempDir other("snipcheck-unit");
      testing::write_tree(other.path(), {{"expected/.keep", ""}, {"snippets/001-setup.py", "x = 1\n"},
                                         {"snippets/002-use.py", "print(1)\n"}, {"snippets/003-later.py", "print(3)\n"},
                                         {"snipcheck.toml", toml}});
      Error error = rejected(other.path());
      CHECK(error.file == (other.path() / "snipcheck.toml").string());
      CHECK(error.line == 3);
      CHECK_THAT(error.message, Catch::Contains("continues") && Catch::Contains(why));
    }
  }
  SECTION("after naming a question of its own session is refused: its code would run twice in one directory") {
    testing::write_tree(root, {{"expected/.keep", ""}, {"snippets/001-setup.py", "x = 1\n"},
                               {"snippets/002-use.py", "print(x)\n"},
                               {"snipcheck.toml", "[question.\"002-use\"]\ncontinues = \"001-setup\"\nafter = \"001-setup\"\n"}});
    Error error = rejected(root);
    CHECK(error.line == 1);
    CHECK_THAT(error.message, Catch::Contains("own session"));
  }
  SECTION("a snippet that is not UTF-8 names the file and the line of the bad byte") {
    testing::write_tree(root, {{"expected/.keep", ""}, {"snippets/001-ok.py", "pass\n"},
                               {"snippets/002-latin1.py", "print(1)\nprint(2)\nname = 'Jos\xe9'\nprint(name)\n"}});
    Error error = rejected(root);
    CHECK(error.file == (root / "snippets" / "002-latin1.py").string());
    CHECK(error.line == 3);
    CHECK_THAT(error.message, Catch::Contains("UTF-8"));
  }
  SECTION("a UTF-8 snippet with multibyte characters loads") {
    testing::write_tree(root, {{"expected/.keep", ""}, {"snippets/001-utf8.py", "print('h\xc3\xa9llo \xe6\x97\xa5')\n"}});
    auto bank = load_bank(root);
    REQUIRE(bank.has_value());
    CHECK(bank->questions[0].code == "print('h\xc3\xa9llo \xe6\x97\xa5')\n");
  }
}

TEST_CASE("is_question_id", "[bank]") {
  SECTION("three digits, a dash and lower-case words joined by dashes") {
    CHECK(is_question_id("007-generators"));
    CHECK(is_question_id("000-a"));
    CHECK(is_question_id("123-a1-b2-c3"));
    CHECK(is_question_id("999-42"));
  }
  SECTION("the number") {
    CHECK_FALSE(is_question_id("07-generators"));
    CHECK_FALSE(is_question_id("0007-generators"));
    CHECK_FALSE(is_question_id("abc-generators"));
    CHECK_FALSE(is_question_id("007_generators"));
  }
  SECTION("the slug") {
    CHECK_FALSE(is_question_id("007-"));
    CHECK_FALSE(is_question_id("007"));
    CHECK_FALSE(is_question_id(""));
    CHECK_FALSE(is_question_id("007--a"));
    CHECK_FALSE(is_question_id("007-a-"));
    CHECK_FALSE(is_question_id("007-a--b"));
    CHECK_FALSE(is_question_id("007-Generators"));
    CHECK_FALSE(is_question_id("007-a_b"));
    CHECK_FALSE(is_question_id("007-a.b"));
    CHECK_FALSE(is_question_id("007-a b"));
    CHECK_FALSE(is_question_id("007-\xc3\xa9t\xc3\xa9"));
  }
}

TEST_CASE("load_bank: every entry is a regular file inside the bank", "[bank]") {
  TempDir dir("snipcheck-unit");
  const fs::path root = dir.path() / "bank";
  testing::write_tree(root, {{"snippets/001-ok.py", "print(1)\n"}, {"expected/001-ok.out", "1\n"}});
  testing::write_tree(dir.path(), {{"outside/secret.txt", "secret\n"}, {"outside/code.py", "print('outside')\n"}});

  SECTION("a snippet linked to a file outside the bank is refused, naming the entry") {
    fs::create_symlink(dir.path() / "outside" / "code.py", root / "snippets" / "002-link.py");
    Error error = rejected(root);
    CHECK(error.file == (root / "snippets" / "002-link.py").string());
    CHECK_THAT(error.message, Catch::Contains("outside the bank"));
  }
  SECTION("an expected file linked outside the bank is refused, even through a relative link") {
    fs::remove(root / "expected" / "001-ok.out");
    fs::create_symlink("../../outside/secret.txt", root / "expected" / "001-ok.out");
    Error error = rejected(root);
    CHECK(error.file == (root / "expected" / "001-ok.out").string());
    CHECK_THAT(error.message, Catch::Contains("outside the bank"));
  }
  SECTION("snipcheck.toml and the snippets/ folder linked outside are refused") {
    fs::create_symlink(dir.path() / "outside" / "secret.txt", root / "snipcheck.toml");
    CHECK(rejected(root).file == (root / "snipcheck.toml").string());
    fs::remove(root / "snipcheck.toml");
    fs::rename(root / "snippets", dir.path() / "outside" / "snippets");
    fs::create_symlink(dir.path() / "outside" / "snippets", root / "snippets");
    CHECK(rejected(root).file == (root / "snippets").string());
  }
  SECTION("a link that stays inside the bank is followed") {
    testing::write_tree(root, {{"shared/common.py", "print('shared')\n"}, {"expected/002-shared.out", "shared\n"}});
    fs::create_symlink("../shared/common.py", root / "snippets" / "002-shared.py");
    fs::create_symlink("001-ok.out", root / "expected" / "003-same.out");
    fs::create_symlink("001-ok.py", root / "snippets" / "003-same.py");
    auto bank = load_bank(root);
    REQUIRE(bank.has_value());
    REQUIRE(bank->questions.size() == 3);
    CHECK(bank->questions[1].code == "print('shared')\n");
    CHECK(bank->questions[1].display_path == "snippets/002-shared.py");
    CHECK(bank->questions[2].expected == std::optional<std::string>("1\n"));
  }
  SECTION("a FIFO named like a snippet is refused without opening it") {
    REQUIRE(::mkfifo((root / "snippets" / "002-fifo.py").c_str(), 0600) == 0);
    Error error = rejected(root);
    CHECK(error.file == (root / "snippets" / "002-fifo.py").string());
    CHECK_THAT(error.message, Catch::Contains("FIFO"));
  }
  SECTION("a directory named like an expected file is refused") {
    testing::write_tree(root, {{"snippets/002-two.py", "print(2)\n"}});
    fs::create_directories(root / "expected" / "002-two.out");
    Error error = rejected(root);
    CHECK(error.file == (root / "expected" / "002-two.out").string());
    CHECK_THAT(error.message, Catch::Contains("directory"));
  }
  SECTION("a loop of symbolic links is refused, naming an entry of the loop") {
    fs::create_symlink("003-b.py", root / "snippets" / "002-a.py");
    fs::create_symlink("002-a.py", root / "snippets" / "003-b.py");
    Error error = rejected(root);
    CHECK_THAT(error.file, Catch::EndsWith("-a.py") || Catch::EndsWith("-b.py"));
    CHECK_THAT(error.message, Catch::Contains("loop"));
  }
  SECTION("a link to nothing is refused") {
    fs::create_symlink("gone.py", root / "snippets" / "002-gone.py");
    CHECK(rejected(root).file == (root / "snippets" / "002-gone.py").string());
  }
}

TEST_CASE("load_bank: folders and question numbers", "[bank]") {
  TempDir dir("snipcheck-unit");
  const fs::path root = dir.path() / "bank";
  testing::write_tree(root, {{"snippets/001-ok.py", "print(1)\n"}});

  SECTION("a bank without expected/ is refused: it would run green with nothing checked") {
    Error error = rejected(root);
    CHECK(error.file == (root / "expected").string() + "/");
    CHECK_THAT(error.message, Catch::Contains("expected/NNN-slug.out"));
  }
  SECTION("a folder named like a slip of expected/ or snippets/ is refused, naming it") {
    for (const char* name : {"expect", "Expected", "expcted", "exepcted", "snippet", "snipets", "Snippets"}) {
      INFO(name);
      TempDir other("snipcheck-unit");
      testing::write_tree(other.path(), {{"snippets/001-ok.py", "print(1)\n"},
                                         {"expected/001-ok.out", "1\n"},
                                         {std::string(name) + "/001-ok.out", "1\n"}});
      Error error = rejected(other.path());
      CHECK(error.file == (other.path() / name).string() + "/");
      CHECK_THAT(error.message, Catch::Contains("misspelt"));
    }
  }
  SECTION("other folders are the bank's own business") {
    testing::write_tree(root, {{"expected/001-ok.out", "1\n"}, {"src/x.cpp", ""}, {"tests/t.cpp", ""},
                               {"docs/a.md", ""}, {"scripts/s.sh", ""}, {"expected-old.txt", ""},
                               {".expected-cache/x", ""}});
    CHECK(load_bank(root).has_value());
  }
  SECTION("a file where expected/ should be is refused") {
    testing::write_tree(root, {{"expected", "not a folder"}});
    Error error = rejected(root);
    CHECK(error.file == (root / "expected").string());
    CHECK(error.message == "a file, expected a directory");
  }
  SECTION("two snippets with one number are refused, naming both") {
    testing::write_tree(root, {{"expected/.keep", ""}, {"snippets/001-other.py", "print(2)\n"}});
    Error error = rejected(root);
    CHECK_THAT(error.file, Catch::EndsWith("001-other.py") || Catch::EndsWith("001-ok.py"));
    CHECK_THAT(error.message, Catch::Contains("001-ok.py") && Catch::Contains("001-other.py"));
  }
}
