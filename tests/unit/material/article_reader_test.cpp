#include <string>

#include <catch2/catch.hpp>

#include "material/material.hpp"

using namespace snipcheck;

namespace {

// An article in the format of the interview material, with examples written here.
const std::string k_article =
    "Everyday Python\n"
    "\n"
    "1. How do you add two numbers?\n"
    "\n"
    "Use the + operator.\n"
    "Example:\n"
    "a = 2\n"
    "print(a + 3)  # 5\n"
    "\n"
    "Verification: Check a + 3 == 5.\n"
    "\n"
    "2. How do you count words?\n"
    "\n"
    "  • Split: str.split() on whitespace.\n"
    "    Why It Matters: counting is everywhere.\n"
    "    Example: For a short sentence:\n"
    "words = \"to be or not\".split()\n"
    "\n"
    "print(len(words))  # 4\n"
    "\n"
    "\n"
    "Verification: Try an empty string.\n"
    "\n"
    "3. Which steps matter?\n"
    "\n"
    "  1. Read the question.\n"
    "  2. Answer it.\n"
    "Verification: Practise.\n"
    "\n"
    "4. How do you install a package?\n"
    "Example:\n"
    "\n"
    "pip install requests\n"
    "\n"
    "Verification: Run pip list.\n";

}  // namespace

TEST_CASE("read_article", "[material]") {
  auto questions = read_article(k_article, "notes.txt");
  REQUIRE(questions);
  REQUIRE(questions->size() == 4);

  SECTION("numbered headings give number, title and source line") {
    CHECK((*questions)[0].number == 1);
    CHECK((*questions)[0].title == "How do you add two numbers?");
    CHECK((*questions)[0].source_line == 3);
    CHECK((*questions)[3].number == 4);
  }

  SECTION("the code runs from the line after Example: to the Verification: line, exactly") {
    CHECK((*questions)[0].code == "a = 2\nprint(a + 3)  # 5\n");
    CHECK((*questions)[0].code_lines == std::vector<int>{7, 8});
    CHECK((*questions)[0].verification == "Check a + 3 == 5.");
    CHECK((*questions)[0].verification_line == 10);
  }

  SECTION("an Example: line inside a bullet, with text after it, and blank lines inside the code") {
    CHECK((*questions)[1].code == "words = \"to be or not\".split()\n\nprint(len(words))  # 4\n");
    CHECK((*questions)[1].code_lines == std::vector<int>{17, 18, 19});
  }

  SECTION("indented numbered steps are no headings; a question without an example has no code") {
    CHECK((*questions)[2].title == "Which steps matter?");
    CHECK_FALSE((*questions)[2].has_code());
  }

  SECTION("a block of shell commands is kept and marked") {
    CHECK((*questions)[3].code == "pip install requests\n");
    CHECK((*questions)[3].language == Language::shell);
  }
}

TEST_CASE("read_article: two questions with one number", "[material]") {
  const std::string text =
      "Intro\n"
      "\n"
      "1. What does print do?\n"
      "Example:\n"
      "print(1)\n"
      "Verification: Run it.\n"
      "\n"
      "1. What does len do?\n"
      "Example:\n"
      "print(len('ab'))\n"
      "Verification: Run it.\n";
  auto questions = read_article(text, "notes.txt");
  REQUIRE_FALSE(questions);
  CHECK(questions.error().file == "notes.txt");
  CHECK(questions.error().line == 8);
  CHECK_THAT(questions.error().message, Catch::Contains("question 1 again") && Catch::Contains("line 3"));
}

// Issue 9: std::regex overflowed the stack (SIGSEGV) on a line of some 26,000 characters.
TEST_CASE("read_article on megabyte lines", "[material][long-line]") {
  const std::string mb(1 << 20, 'x');
  const std::string spaces(1 << 20, ' ');
  std::string text = "1. A long literal?" + spaces + "\n\nExample:\ns = \"" + mb + "\"  # " + mb +
                     "\nprint(len(s))\n\nVerification: len(s) == 1048576" + spaces + "\n\n2. Next\n";
  auto questions = read_article(text, "long.txt");
  REQUIRE(questions);
  REQUIRE(questions->size() == 2);
  CHECK((*questions)[0].title == "A long literal?");
  CHECK((*questions)[0].code_lines == std::vector<int>{4, 5});
  CHECK((*questions)[0].verification == "len(s) == 1048576");
  CHECK((*questions)[1].number == 2);
}

TEST_CASE("read_article dedents an example indented as a whole", "[material][dedent]") {
  // An Example: line inside a bullet with the code indented like the bullet's text.
  std::string text = "1. How do you square?\n\n  • Power:\n    Example:\n    def square(n):\n        return n * n\n"
                     "\n    print(square(3))  # 9\n\nVerification: Try 0.\n";
  auto questions = read_article(text, "notes.txt");
  REQUIRE(questions);
  REQUIRE(questions->size() == 1);
  CHECK((*questions)[0].code == "def square(n):\n    return n * n\n\nprint(square(3))  # 9\n");
  CHECK((*questions)[0].code_lines == std::vector<int>{5, 6, 7, 8});
}
