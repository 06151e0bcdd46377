#include "bank/bank_writer.hpp"

#include <filesystem>
#include <map>
#include <string>

#include <catch2/catch.hpp>

#include "bank/bank.hpp"
#include "support/temp_dir.hpp"
#include "util/fs.hpp"

using namespace snipcheck;

namespace {
const ReadLimit k_any_size{1 << 20, "file", ""};
}  // namespace
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

TEST_CASE("render_settings: a transcript", "[bank][repl]") {
  BankDraft draft = two_questions();
  draft.entries[0].mode = RunMode::repl;
  std::string text = render_settings(draft);
  CHECK(text.find("language = \"python\"\nmode = \"repl\"\n") != std::string::npos);
  CHECK(text.find("mode = \"script\"") == std::string::npos);
  auto parsed = parse_settings(text, "snipcheck.toml");
  REQUIRE(parsed);
  CHECK(parsed->questions.at("001-hello").mode == RunMode::repl);
  CHECK(parsed->questions.at("002-setup").mode == RunMode::script);
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
  SECTION("refuses a folder that holds something else, and leaves it alone") {
    testing::write_tree(dir, {{"notes.txt", "mine"}});
    auto written = write_bank(dir, two_questions());
    REQUIRE_FALSE(written);
    CHECK(written.error().file == dir.string());
    CHECK(written.error().message.find("not a bank") != std::string::npos);
    CHECK(read_file(dir / "notes.txt", k_any_size) == std::string("mine"));
    CHECK_FALSE(fs::exists(dir / "snippets"));
  }
  SECTION("leaves a marker naming the material, and replaces a bank that carries it") {
    REQUIRE(write_bank(dir, two_questions()));
    auto marker = read_file(dir / k_import_marker, k_any_size);
    REQUIRE(marker);
    CHECK(marker->find("notes.md") != std::string::npos);
    BankDraft other = two_questions();
    other.source = "other.md";
    other.entries.pop_back();
    REQUIRE(write_bank(dir, other));
    CHECK_FALSE(fs::exists(dir / "snippets" / "002-setup.py"));
    CHECK(read_file(dir / k_import_marker, k_any_size)->find("other.md") != std::string::npos);
  }
  SECTION("an empty folder is written into") {
    fs::create_directories(dir);
    REQUIRE(write_bank(dir, two_questions()));
    CHECK(fs::exists(dir / k_import_marker));
  }
  SECTION("refuses a hand-made bank (no marker) and changes none of its bytes") {
    const std::map<std::string, std::string> mine = {{"snippets/001-hello.py", "print('mine')\n"},
                                                      {"snippets/007-extra.py", "print(7)\n"},
                                                      {"expected/007-extra.out", "7\n"},
                                                      {"snipcheck.toml", "[defaults]\ntimeout = 3\n"}};
    testing::write_tree(dir, mine);
    auto written = write_bank(dir, two_questions());
    REQUIRE_FALSE(written);
    CHECK(written.error().message.find("did not write") != std::string::npos);
    std::size_t files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) files += entry.is_regular_file() ? 1 : 0;
    CHECK(files == mine.size());
    for (const auto& [path, content] : mine) {
      INFO(path);
      CHECK(read_file(dir / path, k_any_size) == content);
    }
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
