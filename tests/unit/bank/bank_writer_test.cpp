#include "bank/bank_writer.hpp"

#include <filesystem>

#include <catch2/catch.hpp>

#include "bank/bank.hpp"
#include "support/temp_dir.hpp"
#include "util/fs.hpp"

using namespace snipcheck;
namespace fs = std::filesystem;

namespace {

BankDraft two_questions() {
  BankDraft draft;
  draft.source = "notes.md";
  BankEntry first;
  first.id = "001-hello";
  first.code = "print('hello')\n";
  first.expected = "hello\n";
  first.title = "Say \"hello\"";
  first.source_line = 3;
  BankEntry second;
  second.id = "002-setup";
  second.code = "pip install x\n";
  second.title = "Set up";
  second.language = "shell";
  second.after = "001-hello";
  second.compare = CompareMode::ellipsis;
  draft.entries = {first, second};
  return draft;
}

}  // namespace

TEST_CASE("render_settings", "[bank]") {
  std::string text = render_settings(two_questions());
  CHECK(text.starts_with("# Written by `snipcheck import` from notes.md."));
  CHECK(text.find("[question.\"001-hello\"]\ntitle = \"Say \\\"hello\\\"\"\nsource_line = 3\nlanguage = \"python\"\n") !=
        std::string::npos);
  CHECK(text.find("after = \"001-hello\"\ncompare = \"ellipsis\"\n") != std::string::npos);
}

TEST_CASE("write_bank", "[bank]") {
  TempDir scratch("bank-writer-test");
  fs::path dir = scratch.path() / "bank";

  SECTION("writes a bank that loads, with its settings, and nothing for undocumented output") {
    REQUIRE(write_bank(dir, two_questions()));
    auto bank = load_bank(dir);
    REQUIRE(bank);
    REQUIRE(bank->questions.size() == 2);
    CHECK(bank->questions[0].expected == "hello\n");
    CHECK(bank->questions[0].settings.title == "Say \"hello\"");
    CHECK(bank->questions[0].settings.source_line == 3);
    CHECK_FALSE(bank->questions[1].expected);
    CHECK(bank->questions[1].settings.language == "shell");
    CHECK(bank->questions[1].settings.after == "001-hello");
  }
  SECTION("writing again removes what is no longer produced") {
    REQUIRE(write_bank(dir, two_questions()));
    BankDraft smaller = two_questions();
    smaller.entries.pop_back();
    smaller.entries[0].expected.reset();
    REQUIRE(write_bank(dir, smaller));
    CHECK_FALSE(fs::exists(dir / "snippets" / "002-setup.py"));
    CHECK_FALSE(fs::exists(dir / "expected" / "001-hello.out"));
  }
  SECTION("refuses a folder that holds something else") {
    testing::write_tree(dir, {{"notes.txt", "mine"}});
    auto written = write_bank(dir, two_questions());
    REQUIRE_FALSE(written);
    CHECK(written.error().message.find("not a bank") != std::string::npos);
  }
  SECTION("a chain must point back to an earlier question of the bank") {
    BankDraft draft = two_questions();
    draft.entries[1].after = "009-missing";
    REQUIRE(write_bank(dir, draft));
    auto bank = load_bank(dir);
    REQUIRE_FALSE(bank);
    CHECK(bank.error().line > 0);
    CHECK(bank.error().message.find("after") != std::string::npos);
  }
  SECTION("an unknown language is refused with its line") {
    REQUIRE(write_bank(dir, two_questions()));
    testing::write_tree(dir, {{"snipcheck.toml", "[question.\"001-hello\"]\nlanguage = \"cobol\"\n"}});
    auto bank = load_bank(dir);
    REQUIRE_FALSE(bank);
    CHECK(bank.error().line == 2);
  }
}
