#include "audit/importer.hpp"

#include <catch2/catch.hpp>

using namespace snipcheck;

namespace {

ImportedQuestion imported(const std::string& id, const std::string& code) {
  ImportedQuestion question;
  question.id = id;
  question.question.code = code;
  return question;
}

}  // namespace

TEST_CASE("expected_from_claims", "[cli][import]") {
  CompareMode mode = CompareMode::exact;
  SECTION("claims in line order, held as the audit holds them; nothing when nothing is claimed") {
    MaterialQuestion question;
    question.code = "print(1)  # 1\nx = 2  # Keep it\nprint(x)  # Value: 2\n";
    CHECK(expected_from_claims(question.code, extract_claims(question), mode) == "1\nValue: 2\n");
    CHECK(mode == CompareMode::claims);
    question.code = "x = 1  # Store one\n";
    CHECK_FALSE(expected_from_claims(question.code, extract_claims(question), mode));
  }
  SECTION("example values and undocumented prints and calls become ...") {
    MaterialQuestion question;
    question.code = "print('start')\nprint(sys.version)  # e.g. 3.12.0\ndef f():\n    print('inside')\nf()\nprint(f())  # None\n";
    CHECK(expected_from_claims(question.code, extract_claims(question), mode) == "...\nNone\n");
    CHECK(mode == CompareMode::claims);
    question.code = "print(sys.version)  # e.g. 3.12.0\n";
    CHECK(expected_from_claims(question.code, extract_claims(question), mode) == "...\n");
    CHECK(mode == CompareMode::ellipsis);
  }
  SECTION("a comment on a line that only sets a value, an id, a Python of its own: no expected line") {
    MaterialQuestion question;
    question.code = "lst = [1]\nlst.append(2)  # [1, 2]\ny = len(lst)  # 2\n";
    CHECK_FALSE(expected_from_claims(question.code, extract_claims(question), mode));
    question.code = "x = object()\nprint(id(x))  # 140230123456789\nprint(1)  # 1\n";
    CHECK(expected_from_claims(question.code, extract_claims(question), mode) == "...\n1\n");
  }
  SECTION("an approximate claim is ~ value; a claim in a loop's body one line among others") {
    MaterialQuestion question;
    question.code = "print(22 / 7)  # approx 3.14\nfor i in range(3):\n    print(i)  # 0\n";
    CHECK(expected_from_claims(question.code, extract_claims(question), mode) == "~ 3.14\n...\n0\n...\n");
  }
  SECTION("an output block documents the whole stdout") {
    MaterialQuestion question;
    question.code = "print(1)  # 1\nprint(2)\n";
    question.outputs.push_back({0, "1\n2\n", 5, ""});
    CHECK(expected_from_claims(question.code, extract_claims(question), mode) == "1\n2\n");
    CHECK(mode == CompareMode::claims);
  }
  SECTION("a claim stated for another Python is no expected output here") {
    MaterialQuestion question;
    question.code = "print(list(d))\n";
    question.outputs.push_back({0, "['a', 'b']\n", 5, "< 3.7"});
    question.outputs.push_back({0, "['b', 'a']\n", 9, "3.7+"});
    CHECK(expected_from_claims(question.code, extract_claims(question), mode) == "['b', 'a']\n");
    MaterialQuestion inline_claims;
    inline_claims.code = "print(sum(xs))  # in 3.12: 1.0\nprint(len(xs))  # 10\n";
    CHECK(expected_from_claims(inline_claims.code, extract_claims(inline_claims), mode) == "...\n10\n");
    CHECK(mode == CompareMode::claims);
  }
}

TEST_CASE("propose_chains", "[cli][import]") {
  std::vector<ImportedQuestion> questions = {
      imported("001-write", "with open('notes.txt', 'w') as f:\n    f.write('x')\n"),
      imported("002-alone", "print(1)\n"),
      imported("003-rename", "import os\nos.rename('notes.txt', 'old.txt')\n"),
      imported("004-read", "print(open('notes.txt').read())\n"),
      imported("005-own", "open('notes.txt', 'w').write('y')\nprint(open('notes.txt').read())\n"),
  };
  std::vector<std::string> after = propose_chains(questions);
  CHECK(after == std::vector<std::string>{"", "", "001-write", "003-rename", ""});
}

TEST_CASE("plan_import", "[cli][import]") {
  Material material;
  material.file = "/some/where/notes.md";
  MaterialQuestion with_code;
  with_code.number = 7;
  with_code.title = "What are sets?";
  with_code.code = "print({1})  # {1}\n";
  with_code.source_line = 12;
  MaterialQuestion without_code;
  without_code.number = 8;
  without_code.title = "Tips";
  MaterialQuestion shell;
  shell.number = 9;
  shell.title = "Install";
  shell.code = "pip install x\n";
  shell.language = Language::shell;
  material.questions = {with_code, without_code, shell};
  ImportPlan plan = plan_import(material);
  REQUIRE(plan.draft.entries.size() == 2);
  CHECK(plan.draft.source == "notes.md");
  CHECK(plan.draft.entries[0].id == "007-sets");
  CHECK(plan.draft.entries[0].expected == "{1}\n");
  CHECK(plan.draft.entries[0].source_line == 12);
  CHECK(plan.draft.entries[1].id == "009-install");
  CHECK(plan.draft.entries[1].language == "shell");
  CHECK_FALSE(plan.draft.entries[1].expected);
}

TEST_CASE("plan_import follows the material's sessions", "[cli][import][sessions]") {
  Material material;
  material.file = "notes.md";
  auto block = [](int number, const std::string& title, const std::string& code, std::optional<std::size_t> continues) {
    MaterialQuestion question;
    question.number = number;
    question.title = title;
    question.code = code;
    question.continues = continues;
    return question;
  };
  MaterialQuestion empty = block(2, "Setup (2)", "", std::nullopt);
  material.questions = {block(1, "Setup", "with open('t.txt', 'w') as f:\n    f.write('x')\nn = 1\n", std::nullopt), empty,
                        block(3, "Setup (3)", "print(open('t.txt').read(), n)\n", 0),
                        block(4, "Setup (4)", "print(n + 1)\n", 2), block(5, "Other", "print(open('t.txt').read())\n", std::nullopt)};
  SECTION("each block continues the one before it; the file of its own session needs no chain") {
    ImportPlan plan = plan_import(material);
    REQUIRE(plan.questions.size() == 4);
    CHECK_FALSE(plan.questions[0].continues);
    CHECK(plan.questions[1].continues == std::optional<std::size_t>{0});
    CHECK(plan.questions[2].continues == std::optional<std::size_t>{1});
    CHECK(session_of(plan.questions, 2) == std::vector<std::size_t>{0, 1});
    CHECK(plan.questions[2].session_code == plan.questions[0].question.code + "\n" + plan.questions[1].question.code + "\n");
    CHECK(plan.draft.entries[1].continues == "001-setup");
    CHECK(plan.draft.entries[1].after.empty());
    CHECK(plan.draft.entries[2].continues == "003-setup-3");
    CHECK(plan.draft.entries[3].continues.empty());
    // Another heading: a file chain, as before, to the end of the chain, whose directory holds
    // the file (its session made it there again).
    CHECK(plan.draft.entries[3].after == "003-setup-3");
    CHECK(render_settings(plan.draft).find("continues = \"001-setup\"\n") != std::string::npos);
  }
  SECTION("Sessions::alone keeps every block alone") {
    ImportPlan plan = plan_import(material, Sessions::alone);
    for (const ImportedQuestion& question : plan.questions) {
      CHECK_FALSE(question.continues);
      CHECK(question.session_code.empty());
    }
    for (const BankEntry& entry : plan.draft.entries) CHECK(entry.continues.empty());
    CHECK(plan.draft.entries[1].after == "001-setup");
    CHECK(render_settings(plan.draft).find("continues") == std::string::npos);
  }
}

TEST_CASE("expected_from_transcript", "[cli][import][repl]") {
  bool ellipsis = true;
  MaterialQuestion question;
  question.transcript = true;
  question.code = "d = {}\nd['k']\nlen(d)\n[].append(1)\n";
  SECTION("every prompt's documented output in order, tracebacks included") {
    question.outputs = {{2, "Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\nKeyError: 'k'\n", 5, ""},
                        {3, "0\n", 8, ""}};
    CHECK(expected_from_transcript(question, ellipsis) ==
          "Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\nKeyError: 'k'\n0\n");
    CHECK_FALSE(ellipsis);
  }
  SECTION("a transcript that shows nothing expects nothing; `...` in a traceback is no ellipsis, elsewhere it is") {
    CHECK(expected_from_transcript(question, ellipsis).empty());
    CHECK_FALSE(ellipsis);
    question.outputs = {{2, "Traceback (most recent call last):\n    ...\nKeyError: 'k'\n", 5, ""}};
    expected_from_transcript(question, ellipsis);
    CHECK_FALSE(ellipsis);
    question.outputs = {{3, "[0, 1, ..., 9]\n", 5, ""}};
    expected_from_transcript(question, ellipsis);
    CHECK(ellipsis);
  }
}

TEST_CASE("plan_import: a transcript", "[cli][import][repl]") {
  Material material;
  material.file = "notes.md";
  MaterialQuestion transcript;
  transcript.number = 3;
  transcript.title = "In the REPL";
  transcript.transcript = true;
  transcript.code = "x = [1]\nx\nprint(x)\n";
  transcript.outputs = {{2, "[1]\n", 4, ""}, {3, "[1]\n", 6, ""}};
  material.questions = {transcript};
  ImportPlan plan = plan_import(material);
  REQUIRE(plan.draft.entries.size() == 1);
  CHECK(plan.draft.entries[0].mode == RunMode::repl);
  CHECK(plan.draft.entries[0].expected == "[1]\n[1]\n");
  CHECK(plan.draft.entries[0].compare == CompareMode::claims);  // each prompt's echo held as the audit holds it
  CHECK(render_settings(plan.draft).find("mode = \"repl\"\n") != std::string::npos);
}
