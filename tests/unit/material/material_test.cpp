#include <string>

#include <catch2/catch.hpp>

#include "material/material.hpp"

using namespace snipcheck;

TEST_CASE("detect_format", "[material]") {
  SECTION("fences mean Markdown") { CHECK(detect_format("# T\n\n```python\nx = 1\n```\n") == MaterialFormat::markdown); }
  SECTION("numbered headings with Example: and Verification: mean the article format") {
    CHECK(detect_format("1. Why?\nExample:\nx = 1\nVerification: none\n") == MaterialFormat::article);
  }
  SECTION("anything else is no format") { CHECK_FALSE(detect_format("eggs\nmilk\n")); }
  SECTION("fences inside list items and blockquotes, however indented, mean Markdown") {
    CHECK(detect_format("### 1. Loops\n* **Example:**\n    ```python\n    x = 1\n    ```\n") == MaterialFormat::markdown);
    CHECK(detect_format("1. Try:\n\n\t```python\n\tx = 1\n\t```\n") == MaterialFormat::markdown);
    CHECK(detect_format("- ```python\n  x = 1\n  ```\n") == MaterialFormat::markdown);
    CHECK(detect_format("> > ```python\n> > x = 1\n> > ```\n") == MaterialFormat::markdown);
    CHECK_FALSE(detect_format("Use three backticks (```) around code.\n"));
  }
  SECTION("headings and indented code blocks, without a fence, mean Markdown") {
    CHECK(detect_format("# Reverse\n\n          s = 'ab'\n          print(s[::-1])\n") == MaterialFormat::markdown);
    CHECK(detect_format("## Tabs\n\n\tprint(1)\n") == MaterialFormat::markdown);
    CHECK_FALSE(detect_format("# Notes\n\nNo code here.\n    an indented line right after text\n"));
    CHECK_FALSE(detect_format("Reverse\n\n    s = 'ab'\n"));
    // The article format's own forms stay the article format.
    CHECK(detect_format("1. Why?\n\n    Example:\n# a comment\nx = 1\nVerification: none\n") == MaterialFormat::article);
  }
}

TEST_CASE("parse_material", "[material]") {
  SECTION("an unknown format names the file") {
    auto material = parse_material("eggs\nmilk\n", "list.txt");
    REQUIRE_FALSE(material);
    CHECK(material.error().file == "list.txt");
    CHECK(material.error().message.find("not a material") != std::string::npos);
  }
  SECTION("invalid UTF-8 names the line") {
    auto material = parse_material("1. Q?\nExample:\nx = '\xff'\nVerification: v\n", "bad.txt");
    REQUIRE_FALSE(material);
    CHECK(material.error().line == 3);
  }
  SECTION("a material without any code is an error") {
    auto material = parse_material("# Only prose\n\n```\n```\n", "empty.md");
    CHECK_FALSE(material);
  }
}

TEST_CASE("slug_of", "[material]") {
  CHECK(slug_of("What are generators, and why are they useful?") == "generators-they-useful");
  CHECK(slug_of("How does Python 3.12 improve speed?") == "python-3-12-improve-speed");
  CHECK(slug_of("?!") == "question");
  CHECK(slug_of("Why the café’s menu?") == "caf-menu");
}

TEST_CASE("detect_language", "[material]") {
  SECTION("python stays python") {
    CHECK(detect_language("import os\nprint(os.sep)\n") == Language::python);
    CHECK(detect_language("match command:\n    case 'go':\n        pass\n") == Language::python);
    CHECK(detect_language("x = 1\n") == Language::python);
  }
  SECTION("commands are shell") {
    CHECK(detect_language("pip install -r requirements.txt\n") == Language::shell);
    CHECK(detect_language("gunicorn -w 2 app:app\n") == Language::shell);
  }
  SECTION("Dockerfile instructions") {
    CHECK(detect_language("FROM python:3.11\nRUN pip install x\nCMD [\"python\", \"a.py\"]\n") == Language::dockerfile);
  }
  SECTION("Cython") { CHECK(detect_language("def add(int a, int b):\n    return a + b\n") == Language::cython); }
}

// Issue 9: std::regex overflowed the stack (SIGSEGV) on a line of some 26,000 characters.
TEST_CASE("parse_material on megabyte lines", "[material][long-line]") {
  const std::string spaces(1 << 20, ' ');
  const std::string mb(1 << 20, 'x');
  SECTION("whitespace after an article heading") {
    auto material = parse_material("1. Why?" + spaces + "\nExample:" + spaces + "\nprint(1)  # 1\nVerification: x" +
                                       spaces + "\n",
                                   "long.txt");
    REQUIRE(material);
    CHECK(material->format == MaterialFormat::article);
    REQUIRE(material->questions.size() == 1);
    CHECK(material->questions[0].code == "print(1)  # 1\n");
  }
  SECTION("an untagged Markdown block, a string literal and a comment") {
    auto material = parse_material("# T\n\n```\n" + mb + "\n```\n\n```python\ns = '" + mb + "'  # " + mb + "\n```\n",
                                   "long.md");
    REQUIRE(material);
    REQUIRE(material->questions.size() == 2);
    CHECK(material->questions[0].code.size() == mb.size() + 1);
    CHECK(material->questions[1].code_lines == std::vector<int>{8});
  }
  SECTION("a megabyte line of shell-like words, as detect_language sees it") {
    CHECK(detect_language("pip install " + mb + "\n") == Language::shell);
    CHECK(detect_language("x = '" + mb + "'\n") == Language::python);
  }
}

TEST_CASE("parse_material refuses material over the size limit", "[material]") {
  std::string text = "# T\n\n```python\nprint(1)\n```\n";
  text += std::string(k_max_material_bytes + 1 - text.size(), '\n');
  auto material = parse_material(text, "big.md");
  REQUIRE_FALSE(material);
  CHECK(material.error().file == "big.md");
  CHECK(material.error().message.find("material too large") != std::string::npos);
  CHECK(material.error().message.find("16 MiB") != std::string::npos);
  text.pop_back();
  CHECK(parse_material(text, "big.md"));
}
