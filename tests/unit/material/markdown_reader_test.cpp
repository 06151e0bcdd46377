#include <string>

#include <catch2/catch.hpp>

#include "material/material.hpp"

using namespace snipcheck;
using namespace std::string_literals;

TEST_CASE("read_markdown", "[material]") {
  SECTION("a python fence under a heading is a question; its lines are the material's lines") {
    std::string text = "# Notes\n\n## 2. Sums\n\n```python\ntotal = 1 + 2\n\nprint(total)  # 3\n```\n";
    auto questions = read_markdown(text, "notes.md");
    REQUIRE(questions);
    REQUIRE(questions->size() == 1);
    const MaterialQuestion& question = questions->front();
    CHECK(question.number == 2);
    CHECK(question.title == "Sums");
    CHECK(question.source_line == 3);
    CHECK(question.code == "total = 1 + 2\n\nprint(total)  # 3\n");
    CHECK(question.code_lines == std::vector<int>{6, 7, 8});
    CHECK(question.language == Language::python);
  }

  SECTION("an untagged or text block after an example documents its output") {
    std::string text = "## Hello\n\n```python\nprint('hi')\n```\n\n```\nhi\n```\n";
    auto questions = read_markdown(text, "notes.md");
    REQUIRE(questions);
    REQUIRE(questions->size() == 1);
    REQUIRE(questions->front().outputs.size() == 1);
    CHECK(questions->front().outputs[0].text == "hi\n");
    CHECK(questions->front().outputs[0].after_line == 0);
    CHECK(questions->front().outputs[0].material_line == 8);
  }

  SECTION("an Output: paragraph, on its own line or with the value") {
    std::string text = "## A\n\n```python\nprint(1)\n```\n\nOutput:\n\n```\n1\n```\n\n## B\n\n```python\nprint(2)\n```\n\n"
                       "Output: 2\n";
    auto questions = read_markdown(text, "notes.md");
    REQUIRE(questions);
    REQUIRE(questions->size() == 2);
    REQUIRE((*questions)[0].outputs.size() == 1);
    CHECK((*questions)[0].outputs[0].text == "1\n");
    REQUIRE((*questions)[1].outputs.size() == 1);
    CHECK((*questions)[1].outputs[0].text == "2\n");
  }

  SECTION("the Python blocks under one heading are a session; a heading starts a new one") {
    std::string text = "Intro\n\n```python\nn = 0\n```\n\n## A\n\n```python\nx = 1\n```\n\n```bash\nls\n```\n\n"
                       "```\nfile\n```\n\n```pycon\n>>> x + 1\n2\n```\n\n```python\nprint(x)\n```\n\n"
                       "### B\n\n```python\nprint(x)\n```\n";
    auto questions = read_markdown(text, "notes.md");
    REQUIRE(questions);
    REQUIRE(questions->size() == 6);
    CHECK_FALSE((*questions)[0].continues);                                    // before any heading
    CHECK_FALSE((*questions)[1].continues);                                    // first of A
    CHECK_FALSE((*questions)[2].continues);                                    // shell: never part of a session
    CHECK((*questions)[3].continues == std::optional<std::size_t>{1});         // the transcript, after x = 1
    CHECK((*questions)[4].continues == std::optional<std::size_t>{3});
    CHECK_FALSE((*questions)[5].continues);                                    // under B: alone
    CHECK((*questions)[4].code_lines.front() == 27);
  }

  SECTION("a >>> transcript becomes code and the output of each line") {
    std::string text = "## REPL\n\n```pycon\n>>> n = 4\n>>> n * 2\n8\n>>> for i in range(2):\n...     print(i)\n0\n1\n```\n";
    auto questions = read_markdown(text, "notes.md");
    REQUIRE(questions);
    const MaterialQuestion& question = questions->front();
    CHECK(question.code == "n = 4\nn * 2\nfor i in range(2):\n    print(i)\n");
    REQUIRE(question.outputs.size() == 2);
    CHECK(question.outputs[0].after_line == 2);
    CHECK(question.outputs[0].text == "8\n");
    CHECK(question.outputs[1].after_line == 4);
    CHECK(question.outputs[1].text == "0\n1\n");
  }

  SECTION("a transcript is marked as one; a plain example is not") {
    std::string text = "## A\n\n```python\nx = 1\n```\n\n## B\n\n```pycon\n>>> x = 1\n```\n";
    auto questions = read_markdown(text, "notes.md");
    REQUIRE(questions);
    REQUIRE(questions->size() == 2);
    CHECK_FALSE((*questions)[0].transcript);
    CHECK((*questions)[1].transcript);
  }

  SECTION("`...` continues a prompt only right after one: after output it is output") {
    std::string text = "## T\n\n```pycon\n>>> def f():\n...     return {}['k']\n...\n>>> f()\n"
                       "Traceback (most recent call last):\n...\nKeyError: 'k'\n>>> print('a' * 40)\na...a\n```\n";
    auto questions = read_markdown(text, "notes.md");
    REQUIRE(questions);
    const MaterialQuestion& question = questions->front();
    CHECK(question.code == "def f():\n    return {}['k']\n\nf()\nprint('a' * 40)\n");
    CHECK(question.code_lines == std::vector<int>{4, 5, 6, 7, 11});
    REQUIRE(question.outputs.size() == 2);
    CHECK(question.outputs[0].after_line == 4);
    CHECK(question.outputs[0].text == "Traceback (most recent call last):\n...\nKeyError: 'k'\n");
    CHECK(question.outputs[1].after_line == 5);
    CHECK(question.outputs[1].text == "a...a\n");
  }

  SECTION("a blank line inside a prompt's output is output, <BLANKLINE> too; blank lines after it are not") {
    std::string text = "## T\n\n```pycon\n>>> print('a\\n\\nb')\na\n\nb\n\n>>> print('c\\n')\nc\n<BLANKLINE>\n\n```\n";
    auto questions = read_markdown(text, "notes.md");
    REQUIRE(questions);
    const MaterialQuestion& question = questions->front();
    REQUIRE(question.outputs.size() == 2);
    CHECK(question.outputs[0].text == "a\n\nb\n");
    CHECK(question.outputs[1].text == "c\n\n");
  }

  SECTION("other languages are kept and marked; numbering follows the order without numbered headings") {
    std::string text = "## Setup\n\n```bash\npip install rich\n```\n\n```dockerfile\nFROM python:3.11\n```\n";
    auto questions = read_markdown(text, "notes.md");
    REQUIRE(questions);
    REQUIRE(questions->size() == 2);
    CHECK((*questions)[0].language == Language::shell);
    CHECK((*questions)[0].number == 1);
    CHECK((*questions)[1].language == Language::dockerfile);
    CHECK((*questions)[1].title == "Setup (2)");
  }
}

TEST_CASE("read_markdown keeps every byte of a code block", "[material][nul]") {
  SECTION("a NUL is in the snippet exactly once (md4c reports it twice)") {
    std::string text = "## N\n\n```python\nprint(1)\0\nprint(2)\0\0x\n\0\n```\n"s;
    auto questions = read_markdown(text, "nul.md");
    REQUIRE(questions);
    REQUIRE(questions->size() == 1);
    CHECK(questions->front().code == "print(1)\0\nprint(2)\0\0x\n\0\n"s);
    CHECK(questions->front().code_lines == std::vector<int>{4, 5, 6});
  }
  SECTION("a NUL in a heading or an output block") {
    std::string text = "## A\0B\n\n```python\nprint(1)\n```\n\n```\n1\0\n```\n"s;
    auto questions = read_markdown(text, "nul.md");
    REQUIRE(questions);
    REQUIRE(questions->size() == 1);
    CHECK(questions->front().title == "A\0B"s);
    REQUIRE(questions->front().outputs.size() == 1);
    CHECK(questions->front().outputs[0].text == "1\0\n"s);
  }
}

TEST_CASE("read_markdown on megabyte lines", "[material][long-line]") {
  const std::string mb(1 << 20, 'x');
  SECTION("a long string literal, a long comment, a long untagged block") {
    std::string text = "# Long\n\n```python\ns = \"" + mb + "\"  # " + mb + "\nprint(len(s))\n```\n\n```\n" + mb + "\n```\n";
    auto questions = read_markdown(text, "long.md");
    REQUIRE(questions);
    REQUIRE(questions->size() == 1);
    CHECK(questions->front().code_lines == std::vector<int>{4, 5});
    REQUIRE(questions->front().outputs.size() == 1);
    CHECK(questions->front().outputs[0].text.size() == mb.size() + 1);
  }
  SECTION("line numbers stay right deep in a large document") {
    std::string text;
    for (int i = 0; i < 500; ++i) text += "## Part " + std::to_string(i) + "\n\n" + std::string(2000, 'p') + "\n\n```python\nprint(1)\n```\n\n";
    auto questions = read_markdown(text, "many.md");
    REQUIRE(questions);
    REQUIRE(questions->size() == 500);
    CHECK(questions->back().source_line == 499 * 8 + 1);
    CHECK(questions->back().code_lines == std::vector<int>{499 * 8 + 6});
  }
}

namespace {

// Through parse_material(), which picks the format from the content, as import and audit do.
std::vector<MaterialQuestion> read_material_text(const std::string& text) {
  auto material = parse_material(text, "notes.md");
  REQUIRE(material);
  CHECK(material->format == MaterialFormat::markdown);
  return material->questions;
}

}  // namespace

// Issue 10 item 5: the forms real documents showed, in examples written here. Each section
// asserts the code as Python sees it and the material line of every line of it.
TEST_CASE("read_markdown dedents a code block by the indentation its lines share", "[material][dedent]") {
  auto only = [](const std::string& text) {
    auto questions = read_markdown(text, "notes.md");
    REQUIRE(questions);
    REQUIRE(questions->size() == 1);
    return questions->front();
  };

  SECTION("a fence in a list item whose lines sit further right than the fence") {
    MaterialQuestion question = only("# Loops\n\n1. Count:\n   ```python\n       n = 0\n       while n < 2:\n"
                                     "           n += 1\n\n       print(n)  # 2\n   ```\n");
    CHECK(question.code == "n = 0\nwhile n < 2:\n    n += 1\n\nprint(n)  # 2\n");
    CHECK(question.code_lines == std::vector<int>{5, 6, 7, 8, 9});
  }

  SECTION("a fence indented past its list item's text, four columns deep, as md4c reads it") {
    auto questions = read_material_text("### 1. Max\n* **Example:**\n    ```python\n    print(max(4, 9))  # 9\n"
                                        "      # two more columns\n    ```\n");
    REQUIRE(questions.size() == 1);
    CHECK(questions[0].code == "print(max(4, 9))  # 9\n  # two more columns\n");
    CHECK(questions[0].code_lines == std::vector<int>{4, 5});
  }

  SECTION("lines less indented than their fence keep no indentation (md4c), the others theirs") {
    MaterialQuestion question = only("## F\n\n  ```python\n  a = 1\n print(a)  # 1\n  ```\n");
    CHECK(question.code == "a = 1\nprint(a)  # 1\n");
    CHECK(question.code_lines == std::vector<int>{4, 5});
  }

  SECTION("a fence in a nested list item, a blank line inside it keeping its spaces") {
    MaterialQuestion question = only("## Sets\n\n- Unions\n  - of two sets\n\n    ```python\n      a = {1} | {2}\n"
                                     "      \n      print(len(a))  # 2\n    ```\n");
    CHECK(question.code == "a = {1} | {2}\n\nprint(len(a))  # 2\n");
    CHECK(question.code_lines == std::vector<int>{7, 8, 9});
  }

  SECTION("a fence in a blockquote") {
    MaterialQuestion question = only("## Quote\n\n> ```python\n>   word = 'ab'\n>   print(word * 2)  # abab\n> ```\n");
    CHECK(question.code == "word = 'ab'\nprint(word * 2)  # abab\n");
    CHECK(question.code_lines == std::vector<int>{4, 5});
  }

  SECTION("an indented code block indented by eight spaces") {
    MaterialQuestion question = only("# Flags\n\nText.\n\n        flag = True\n        if flag:\n"
                                     "            print('on')  # on\n\nMore text.\n");
    CHECK(question.code == "flag = True\nif flag:\n    print('on')  # on\n");
    CHECK(question.code_lines == std::vector<int>{5, 6, 7});
  }

  SECTION("a document of indented code blocks only, ten columns deep, whitespace on a blank line") {
    auto questions = read_material_text("# Reverse\n\n          s = 'ab'\n          \n          print(s[::-1])  # ba\n\n"
                                        "# Double\n\n          print(2 * 2)  # 4\n");
    REQUIRE(questions.size() == 2);
    CHECK(questions[0].code == "s = 'ab'\n\nprint(s[::-1])  # ba\n");
    CHECK(questions[0].code_lines == std::vector<int>{3, 4, 5});
    CHECK(questions[1].code == "print(2 * 2)  # 4\n");
    CHECK(questions[1].code_lines == std::vector<int>{9});
  }

  SECTION("lines indented by tabs, which md4c expands to the next multiple of four columns") {
    MaterialQuestion question = only("## Tabs\n\n```python\n\tdef f():\n\t\treturn 3\n\tprint(f())  # 3\n```\n");
    CHECK(question.code == "def f():\n    return 3\nprint(f())  # 3\n");
    CHECK(question.code_lines == std::vector<int>{4, 5, 6});
    MaterialQuestion listed = only("## Listed\n\n-\tItem\n\n\t```python\n\t  if True:\n\t  \tprint(4)\n\t```\n");
    CHECK(listed.code == "if True:\n  print(4)\n");  // the inner tab ends at column 8
    CHECK(listed.code_lines == std::vector<int>{6, 7});
  }

  SECTION("a comment less indented than the code loses what it has; a line of code less indented keeps the block") {
    MaterialQuestion comment = only("## C\n\n```python\n# the sum\n    s = 1 + 1\n    print(s)  # 2\n```\n");
    CHECK(comment.code == "# the sum\ns = 1 + 1\nprint(s)  # 2\n");
    CHECK(comment.code_lines == std::vector<int>{4, 5, 6});
    MaterialQuestion code = only("## D\n\n```python\n  t = 1\nprint(t)\n```\n");
    CHECK(code.code == "  t = 1\nprint(t)\n");
    CHECK(code.code_lines == std::vector<int>{4, 5});
  }

  SECTION("a transcript indented in a list item is still a transcript") {
    MaterialQuestion question = only("## R\n\n* Try it:\n  ```pycon\n    >>> 6 * 7\n    42\n  ```\n");
    CHECK(question.code == "6 * 7\n");
    CHECK(question.code_lines == std::vector<int>{5});
    REQUIRE(question.outputs.size() == 1);
    CHECK(question.outputs[0].text == "42\n");
    CHECK(question.outputs[0].material_line == 6);
  }
}

// Issue 11, miss 1 and false alarm 5: output in the forms real material writes it.
TEST_CASE("read_markdown reads output labels, headings and output written in the block", "[material][output-forms]") {
  auto outputs_of = [](const std::string& text) {
    auto questions = read_markdown(text, "notes.md");
    REQUIRE(questions);
    REQUIRE(questions->size() == 1);
    return questions->front();
  };
  SECTION("**Output:** then a fence tagged python, console, text or nothing") {
    for (const std::string tag : {"python", "py", "console", "text", ""}) {
      MaterialQuestion question = outputs_of("## A\n\n```python\nprint(1)\n```\n\n**Output:**\n\n```" + tag + "\n1\n```\n");
      INFO(tag);
      REQUIRE(question.outputs.size() == 1);
      CHECK(question.outputs[0].text == "1\n");
      CHECK(question.outputs[0].material_line == 10);
    }
  }
  SECTION("Output (Python 3.8): and an Output heading announce the block under them") {
    MaterialQuestion labelled = outputs_of("## A\n\n```python\nprint(2)\n```\n\nOutput (Python 3.8):\n\n```py\n2\n```\n");
    REQUIRE(labelled.outputs.size() == 1);
    CHECK(labelled.outputs[0].text == "2\n");
    MaterialQuestion headed = outputs_of("## A\n\n```python\nprint(3)\n```\n\n#### Output\n\n```python\n3\n```\n");
    CHECK(headed.title == "A");
    REQUIRE(headed.outputs.size() == 1);
    CHECK(headed.outputs[0].text == "3\n");
  }
  SECTION("**Answer:** then an untagged fence is output; a python fence under it is code") {
    MaterialQuestion answered = outputs_of("## A\n\n```python\nprint(1)\n```\n\nSome words.\n\n**Answer:**\n```\n1\n```\n");
    REQUIRE(answered.outputs.size() == 1);
    CHECK(answered.outputs[0].text == "1\n");
    CHECK(answered.outputs[0].material_line == 11);
    auto solved = read_markdown("## A\n\n```python\nprint(1)\n```\n\n**Answer:**\n```python\nprint(2)\n```\n", "notes.md");
    REQUIRE(solved);
    CHECK(solved->size() == 2);
    CHECK(solved->front().outputs.empty());
  }
  SECTION("**Answer:** under a heading with no example of its own documents no earlier example") {
    auto questions = read_markdown("## A\n\n```python\nprint(1)\n```\n\n## B\n\n**Answer:**\n```\nx = 1\n```\n", "notes.md");
    REQUIRE(questions);
    REQUIRE(questions->size() == 2);
    CHECK(questions->front().outputs.empty());
  }
  SECTION("the Python an output label, an Output heading or the prose before a block states") {
    CHECK(outputs_of("## A\n\n```python\nprint(2)\n```\n\nOutput (Python 3.8):\n\n```py\n2\n```\n").outputs[0].python == "3.8");
    CHECK(outputs_of("## A\n\n```python\nprint(2)\n```\n\nOutput (< Python 3.7):\n\n```\n2\n```\n").outputs[0].python == "< 3.7");
    MaterialQuestion in_two = outputs_of("## A\n\n```python\nprint(2)\n```\n\nOutput in Python 2:\n\n```\n2\n```\n");
    REQUIRE(in_two.outputs.size() == 1);
    CHECK(in_two.outputs[0].python == "2");
    CHECK(outputs_of("## A\n\n```python\nprint(2)\n```\n\n#### Output (Python 2)\n\n```\n2\n```\n").outputs[0].python == "2");
    CHECK(outputs_of("## A\n\n```python\nprint(2)\n```\n\nOutput (Python 3.8): 2\n").outputs[0].python == "3.8");
    // "In Python 2 this prints:" announces an output block too; an untagged one is that output.
    MaterialQuestion prose = outputs_of("## A\n\n```python\nprint(7 / 2)\n```\n\nIn Python 2 this prints:\n\n```\n3\n```\n");
    REQUIRE(prose.outputs.size() == 1);
    CHECK(prose.outputs[0].python == "2");
    CHECK(prose.python.empty());
    // Prose before an example states it for its claims; prose that names no output states nothing.
    CHECK(outputs_of("## A\n\nOn Python 3.6 and earlier the comments show what it prints.\n\n```python\nprint(1)  # 1\n```\n")
              .python == "<= 3.6");
    CHECK(outputs_of("## A\n\nPython 3.8 added the walrus operator.\n\n```python\nprint(1)  # 1\n```\n").python.empty());
    CHECK(outputs_of("## A\n\n```python\nprint(2)\n```\n\nOutput:\n\n```\n2\n```\n").outputs[0].python.empty());
  }
  SECTION("without a label, a python fence after an example is another example") {
    auto questions = read_markdown("## A\n\n```python\nprint(1)\n```\n\n```python\nprint(2)\n```\n", "notes.md");
    REQUIRE(questions);
    CHECK(questions->size() == 2);
  }
  SECTION("an untagged block after an example that reads as code is another example, not its output") {
    // A definition, an import or a print( call; prose with an import in it; an assignment with a
    // method call or a comment after code.
    for (const std::string next : {"def twice(n):\n    return 2 * n\n", "import os\nos.getcwd()\n",
                                   "print(3)\n", "Patching replaces a function:\n\nimport math\nmath.pi = 3\n",
                                   "grid = [[0] * 2] * 2\ngrid[0].append(1)\n",
                                   "left = 1  # the first\nright = 2\n", "for n in range(2):\n    n\n"}) {
      INFO(next);
      auto questions = read_markdown("## A\n\n```python\nprint(1)\n```\n\n```\n" + next + "```\n", "notes.md");
      REQUIRE(questions);
      CHECK(questions->size() == 2);
      CHECK(questions->front().outputs.empty());
    }
    // What output shows stays output: values, a name = value line, a repr with a dot.
    for (const std::string shown : {"1\n", "total = 3\n", "datetime.date(2024, 1, 2)\n", "[1, 2]\nTrue\n",
                                    "x = 1\ny = 2\n"}) {
      INFO(shown);
      MaterialQuestion question = outputs_of("## A\n\n```python\nprint(1)\n```\n\n```\n" + shown + "```\n");
      REQUIRE(question.outputs.size() == 1);
      CHECK(question.outputs[0].text == shown);
    }
  }
  SECTION("prose after Output: on its line is no output: a list number and words, a sentence") {
    CHECK(outputs_of("## A\n\n```python\nprint(1)\n```\n\n**Output:** 1. The loop stops at one.\n").outputs.empty());
    CHECK(outputs_of("## A\n\n```python\nprint(1)\n```\n\nOutput: the loop stops early here.\n").outputs.empty());
    MaterialQuestion value = outputs_of("## A\n\n```python\nprint([1])\n```\n\nOutput: [1]\n");
    REQUIRE(value.outputs.size() == 1);
    CHECK(value.outputs[0].text == "[1]\n");
  }
  SECTION("lines after an # Output line in the block leave the code and are its output") {
    MaterialQuestion question = outputs_of("## A\n\n```python\nprint(7)\nprint(8)\n# Output:\n7\n8\n```\n");
    CHECK(question.code == "print(7)\nprint(8)\n# Output:\n");
    CHECK(question.code_lines == std::vector<int>{4, 5, 6});
    REQUIRE(question.outputs.size() == 1);
    CHECK(question.outputs[0].text == "7\n8\n");
    CHECK(question.outputs[0].material_line == 7);
    MaterialQuestion bare = outputs_of("## A\n\n```python\nprint(9)\nOutput:\n9\n```\n");
    CHECK(bare.code == "print(9)\n");
    REQUIRE(bare.outputs.size() == 1);
    CHECK(bare.outputs[0].text == "9\n");
    // "# Output" over code is a section comment: the code stays.
    MaterialQuestion section = outputs_of("## A\n\n```python\nreport = [1]\n# Output\nprint(report)\n```\n");
    CHECK(section.code == "report = [1]\n# Output\nprint(report)\n");
    CHECK(section.outputs.empty());
    // Commented output lines stay in the code (claims/ reads them).
    MaterialQuestion commented = outputs_of("## A\n\n```python\nprint(9)\n# Output:\n# 9\n```\n");
    CHECK(commented.code == "print(9)\n# Output:\n# 9\n");
    CHECK(commented.outputs.empty());
  }
}
