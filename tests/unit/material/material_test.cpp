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
