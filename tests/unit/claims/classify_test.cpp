#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "claims/claim.hpp"

using namespace snipcheck;

TEST_CASE("classify_comment", "[claims]") {
  const std::vector<std::string> literals = {"total: {n}", "Opened"};

  SECTION("a value is an output claim") {
    Claim claim = classify_comment(" [1, 4, 9]", "print(squares)", literals);
    CHECK(claim.kind == ClaimKind::output);
    CHECK(claim.value == "[1, 4, 9]");
    CHECK(claim.confidence == 1.0);
  }
  SECTION("a label in front is split off") {
    Claim claim = classify_comment(" Union: {1, 2}", "print(a | b)", literals);
    CHECK(claim.label == "Union");
    CHECK(claim.value == "{1, 2}");
  }
  SECTION("a trailing remark after a second # is a note") {
    Claim claim = classify_comment(" [0, 0]  # Changed too", "print(rows)", literals);
    CHECK(claim.value == "[0, 0]");
    CHECK(claim.note == "Changed too");
  }
  SECTION("markers: Output:, =>, approximate, example") {
    CHECK(classify_comment(" Output: 7", "print(x)", literals).value == "7");
    CHECK(classify_comment(" => 7", "print(x)", literals).value == "7");
    Claim approx = classify_comment(" ~ 0.33", "print(1 / 3)", literals);
    CHECK(approx.kind == ClaimKind::approximate);
    CHECK(approx.value == "0.33");
    CHECK(classify_comment(" about 2", "print(r)", literals).kind == ClaimKind::approximate);
    CHECK(classify_comment(" ≈ 1.4", "print(r)", literals).kind == ClaimKind::approximate);
    CHECK(classify_comment(" about page", "render(x)", literals).kind == ClaimKind::descriptive);
    Claim example = classify_comment(" e.g. Linux", "print(platform.system())", literals);
    CHECK(example.kind == ClaimKind::example);
    CHECK(example.value == "Linux");
    CHECK(classify_comment(" 3.11.4", "print(sys.version)", literals).kind == ClaimKind::example);
  }
  SECTION("prose about the code is descriptive, with a confidence") {
    Claim claim = classify_comment(" Keep big rows", "rows = table[table.x > 1]", literals);
    CHECK(claim.kind == ClaimKind::descriptive);
    CHECK(claim.confidence < 1.0);
    CHECK(classify_comment(" O(n) scan", "print(find(xs))", literals).kind == ClaimKind::descriptive);
    CHECK(classify_comment(" Frees memory", "print(gc.collect())", literals).kind == ClaimKind::descriptive);
  }
  SECTION("prose that shares words with the code's strings is output") {
    CHECK(classify_comment(" Opened, closed", "print(x)", literals).kind == ClaimKind::output);
  }
  SECTION("a single word on a print line is output, but a guess") {
    Claim claim = classify_comment(" racecar", "print(word[::-1])", literals);
    CHECK(claim.kind == ClaimKind::output);
    CHECK(claim.confidence < 1.0);
  }
  SECTION("commented-out code with the error it would raise") {
    Claim claim = classify_comment(" frozen.add(4)  # Error: frozensets are immutable", "", literals);
    CHECK(claim.kind == ClaimKind::error);
    CHECK(claim.scope == ClaimScope::namespace_);
    CHECK(claim.code == "frozen.add(4)");
  }
  SECTION("a question to the reader is no claim: output?, ???") {
    for (const std::string comment : {" output?", " Output: ?", " ???", " prints ?"}) {
      INFO(comment);
      Claim claim = classify_comment(comment, "grid", literals);
      CHECK(claim.kind == ClaimKind::descriptive);
      CHECK(classify_comment(comment, "print(grid)", literals).kind == ClaimKind::descriptive);
    }
    // A value that ends with a question mark is still a value.
    CHECK(classify_comment(" Ready?", "print(\"Ready?\")", {"Ready?"}).kind == ClaimKind::output);
  }
  SECTION("a comment alone on its line is a remark") {
    CHECK(classify_comment(" settings.py", "", literals).kind == ClaimKind::descriptive);
  }
}

TEST_CASE("extract_claims", "[claims]") {
  MaterialQuestion question;
  question.code =
      "names = ['b', 'a']  # Two names\n"
      "print(sorted(names))  # ['a', 'b']\n"
      "print(len(names))\n"
      "#> 2\n"
      "# names.upper()  # AttributeError\n";
  question.outputs.push_back({0, "['a', 'b']\n2\n", 9, ""});
  question.verification = "Check len(names) == 2.";
  std::vector<Claim> claims = extract_claims(question);
  REQUIRE(claims.size() == 6);
  CHECK(claims[0].kind == ClaimKind::descriptive);
  CHECK(claims[1].line == 2);
  CHECK(claims[1].value == "['a', 'b']");
  CHECK(claims[2].line == 3);  // "#> 2" is the output of the statement above it
  CHECK(claims[2].value == "2");
  CHECK(claims[3].kind == ClaimKind::error);
  CHECK(claims[4].scope == ClaimScope::whole);
  CHECK(claims[4].value == "['a', 'b']\n2");
  CHECK(claims[5].kind == ClaimKind::verification);
  CHECK(claims[5].code == "len(names) == 2");
}

TEST_CASE("extract_claims: the Python each claim is stated for", "[claims][version]") {
  MaterialQuestion question;
  question.python = "2";  // "In Python 2, the comments below show what it prints."
  question.code =
      "print(type(1))  # <type 'int'>\n"
      "# Python 3.8+\n"
      "print(f'{n=}')  # n=1\n"
      "print(sum(xs))  # in 3.12: 1.0\n"
      "print(sorted(d))  # ['a', 'b']  # Python 3.7+\n"
      "print(f'{n=}')  # Python 3.8+\n";
  question.outputs.push_back({0, "x\n", 9, "< 3.7"});
  question.outputs.push_back({0, "y\n", 12, ""});
  std::vector<Claim> claims = extract_claims(question);
  REQUIRE(claims.size() == 8);
  CHECK(claims[0].python == "2");  // the prose before the block
  CHECK(claims[1].kind == ClaimKind::descriptive);  // "# Python 3.8+" heads the lines under it
  CHECK(claims[2].python == "3.8+");
  CHECK(claims[3].python == "3.12");  // "in 3.12:" before the value
  CHECK(claims[3].value == "1.0");
  CHECK(claims[4].python == "3.7+");  // after it, as a remark
  CHECK(claims[4].value == "['a', 'b']");
  CHECK(claims[5].kind == ClaimKind::descriptive);  // what the line needs, no claim
  CHECK(claims[5].python == "3.8+");
  CHECK(claims[6].python == "< 3.7");  // the output label's
  CHECK(claims[7].python == "2");      // no label: the block's
}

TEST_CASE("classify_comment: a list of the outputs a line may print", "[claims][alternatives]") {
  using Items = std::vector<std::string>;
  CHECK(classify_comment(" True or False", "print(ok)", {}).alternatives == Items{"True", "False"});
  CHECK(classify_comment(" 1 / 2 / 3", "print(roll())", {}).alternatives == Items{"1", "2", "3"});
  CHECK(classify_comment(" heads | tails", "print(flip())", {}).alternatives == Items{"heads", "tails"});
  CHECK(classify_comment(" 'a', 'b' or 'c'", "print(pick())", {}).alternatives == Items{"'a'", "'b'", "'c'"});
  Claim listed = classify_comment(" True or False", "print(ok)", {});
  CHECK(listed.kind == ClaimKind::output);
  CHECK(listed.value == "True or False");
  // Commas alone may be printed lines joined; words after a value are a remark; no list on a
  // line that prints nothing itself.
  CHECK(classify_comment(" True, False", "print(ok)", {}).alternatives.empty());
  CHECK(classify_comment(" 2 duplicates removed", "print(len(seen))", {}).alternatives.empty());
  CHECK(classify_comment(" True (or False when empty)", "print(ok)", {}).alternatives.empty());
  CHECK(classify_comment(" 0 or 1", "flag = pick()", {}).alternatives.empty());
}

// Issue 9: std::regex overflowed the stack (SIGSEGV) on a line of some 26,000 characters.
TEST_CASE("extract_claims on megabyte lines", "[claims][long-line]") {
  const std::string mb(1 << 20, 'x');
  const std::string words = [] {
    std::string text;
    while (text.size() < (1U << 20)) text += "word ";
    return text;
  }();
  MaterialQuestion question;
  question.code = "s = \"" + mb + "\"  # " + mb + "\nprint(s)  # Output: " + mb + "\n#" + words + "\nprint(1)  # " + words +
                  "\n";
  question.verification = "Check that " + words + "(True)";
  std::vector<Claim> claims = extract_claims(question);
  REQUIRE(claims.size() == 4);
  CHECK(claims[1].line == 2);
  CHECK(claims[1].value == mb);
  CHECK(claims[2].kind == ClaimKind::descriptive);
  CHECK(claims[3].kind == ClaimKind::descriptive);
  CHECK(verification_claims("Inspect " + words + "out.log").size() == 1);
  CHECK(verification_claims("x == 1 returns " + mb).size() == 1);
}

// Issue 11, false alarm 1: a comment that explains the code is no claim.
TEST_CASE("classify_comment: commentary on lines that print nothing", "[claims][commentary]") {
  const std::vector<std::string> literals = {"the total is {t}", "d"};
  for (const auto& [comment, code] : std::vector<std::pair<std::string, std::string>>{
           {" row-major", "grid = [[0] * 3]"},
           {" 'd' = double", "data = array(\"d\", xs)"},
           {" 5 minutes", "x = 300"},
           {" the edge case", "if not values:"},
           {" 1000 sorted even numbers", "data = list(range(0, 2000, 2))"},
           {" the total is kept here", "total = sum(xs)"},
           {" True swallows the exception", "    return True"},
           {" noqa: E402", "import django"},
           {" optimizer.step()", "w = step(w)"},
           {" loss.backward()", "loss.backward()"},
       }) {
    INFO(comment << " on " << code);
    CHECK(classify_comment(comment, code, literals).kind == ClaimKind::descriptive);
  }
  SECTION("a bare value on an assignment may state what it computes: a guess") {
    Claim claim = classify_comment(" [1, 2]", "ys = sorted(xs)", literals);
    CHECK(claim.kind == ClaimKind::output);
    CHECK(claim.confidence < 1.0);
  }
  SECTION("a value after an explicit marker on a call still claims output") {
    CHECK(classify_comment(" 0.333", "ratio(1, 3)", literals).confidence == 1.0);
    CHECK(classify_comment(" prints: hi", "x = greet()", literals).confidence == 1.0);
  }
  SECTION("a value and words on a call that is not print(): a guess") {
    CHECK(classify_comment(" 5 minutes", "cache.set(k, v, timeout=300)", literals).confidence < 1.0);
  }
}

// Issue 11, false alarm 2: the claim is the value; the words after it are a note.
TEST_CASE("classify_comment: a value followed by words", "[claims][value-part]") {
  const std::vector<std::string> literals = {"{n} items", "apples"};
  struct Case {
    std::string comment;
    std::string value;
    std::string note;
  };
  for (const Case& c : std::vector<Case>{
           {" 10 — the first item", "10", "the first item"},
           {" 2 duplicates removed", "2", "duplicates removed"},
           {" True (because both are small ints)", "True", "because both are small ints"},
           {" True, because a and b are equal", "True", "because a and b are equal"},
           {" [1, 2, 3, 4] (changed in place)", "[1, 2, 3, 4]", "changed in place"},
           {" Output: ['x'] (expected ['y'])", "['x']", "expected ['y']"},
           {" 3.5 seconds", "3.5", "seconds"},
       }) {
    Claim claim = classify_comment(c.comment, "print(x)", literals);
    INFO(c.comment);
    CHECK(claim.kind == ClaimKind::output);
    CHECK(claim.value == c.value);
    CHECK(claim.note == c.note);
    CHECK(claim.confidence == 1.0);
  }
  SECTION("words the code prints stay in the value") {
    CHECK(classify_comment(" 3 items", "print(f\"{n} items\")", literals).value == "3 items");
    CHECK(classify_comment(" 2 apples", "print(n, \"apples\")", literals).value == "2 apples");
  }
  SECTION("values side by side are one value") {
    CHECK(classify_comment(" 1 2 3", "print(*xs)", literals).value == "1 2 3");
    CHECK(classify_comment(" 3.0 <class 'float'>", "print(x, type(x))", literals).value == "3.0 <class 'float'>");
    CHECK(classify_comment(" HI, 2", "print(shout('hi'))", literals).value == "HI, 2");
    CHECK(classify_comment(" range(0, 3)", "print(r)", literals).value == "range(0, 3)");
  }
}

// Issue 11, miss 1: a claim after a descriptive prefix; "# Output:" lines under a statement.
TEST_CASE("classify_comment: a value after a descriptive prefix is a guess", "[claims][prefix]") {
  Claim is = classify_comment(" Count is 2 (the name and the argument)", "print(sys.getrefcount(a))", {});
  CHECK(is.kind == ClaimKind::output);
  CHECK(is.value == "2");
  CHECK(is.confidence < 1.0);
  Claim to = classify_comment(" Count increases to 3", "print(sys.getrefcount(a))", {});
  CHECK(to.value == "3");
  CHECK(to.confidence < 1.0);
  CHECK(classify_comment(" Count grows because b points to a", "print(n)", {}).kind == ClaimKind::descriptive);
  Claim sorted = classify_comment(" sorted copy: [1, 2, 3]", "print(sorted(xs))", {});
  CHECK(sorted.label == "sorted copy");
  CHECK(sorted.value == "[1, 2, 3]");
  // The print's own label left out of the claim: the claim shows the value part only.
  CHECK(classify_comment(" 42", "print(\"Answer:\", n)", {"Answer:"}).confidence < 1.0);
  CHECK(classify_comment(" output ()()", "print(\"Kept:\", s)", {"Kept:"}).confidence < 1.0);
  CHECK(classify_comment(" output ()()", "print(s)", {}).confidence == 1.0);
}

TEST_CASE("extract_claims: # Output lines after a statement", "[claims][output-comments]") {
  MaterialQuestion question;
  question.code =
      "xs = [3, 1]\n"
      "print(len(xs))\n"
      "# Output: 2\n"
      "print(sorted(xs))\n"
      "print(xs[0])\n"
      "# Output\n"
      "# [1, 3]\n"
      "# 3\n"
      "total = sum(xs)\n"
      "# Output: 4\n";
  std::vector<Claim> claims = extract_claims(question);
  REQUIRE(claims.size() == 3);
  CHECK(claims[0].line == 2);
  CHECK(claims[0].scope == ClaimScope::statement);
  CHECK(claims[0].value == "2");
  CHECK(claims[1].line == 6);
  CHECK(claims[1].scope == ClaimScope::whole);
  CHECK(claims[1].value == "[1, 3]\n3");
  // Under a line that prints nothing itself: what the example printed.
  CHECK(claims[2].scope == ClaimScope::whole);
  CHECK(claims[2].line == 10);
  CHECK(claims[2].value == "4");
}

TEST_CASE("extract_claims: remarks around # Output lines", "[claims][output-comments]") {
  SECTION("a Note line under the printed lines ends them") {
    MaterialQuestion question;
    question.code = "print(1)\nprint(2)\n# Output:\n# 1\n# 2\n# Note: one a line\n";
    std::vector<Claim> claims = extract_claims(question);
    REQUIRE_FALSE(claims.empty());
    CHECK(claims[0].scope == ClaimScope::whole);
    CHECK(claims[0].value == "1\n2");
  }
  SECTION("# Output: after a def body's return is a guess: what a call left out would give") {
    MaterialQuestion question;
    question.code = "def twice(xs):\n    return [x * 2 for x in xs]\n# Output: [2, 4]\n";
    std::vector<Claim> claims = extract_claims(question);
    REQUIRE(claims.size() == 1);
    CHECK(claims[0].confidence < 1.0);
  }
}

TEST_CASE("classify_comment: a rough figure on a line that prints nothing is a guess", "[claims][commentary]") {
  Claim rough = classify_comment(" ~8KB in memory", "squares = [n * n for n in range(1000)]", {});
  CHECK(rough.kind == ClaimKind::approximate);
  CHECK(rough.confidence < 1.0);
  CHECK(classify_comment(" ~8.0", "print(total)", {}).confidence == 1.0);
}

TEST_CASE("classify_comment: notes set apart by two spaces or after a '!'", "[claims][value-part]") {
  Claim division = classify_comment(" 3.4  True division", "print(a / b)", {});
  CHECK(division.value == "3.4");
  CHECK(division.note == "True division");
  CHECK(classify_comment(" 3 2", "print(q, r)", {}).value == "3 2");
  Claim exclaimed = classify_comment(" False! (outside the cache)", "print(a is b)", {});
  CHECK(exclaimed.kind == ClaimKind::output);
  CHECK(exclaimed.value == "False");
}

TEST_CASE("extract_claims: a bare value on the comment line under a print()", "[claims][output-comments]") {
  MaterialQuestion question;
  question.code = "print(kinds)\n# (1, 2)\n\nprint(n)\n# [3] is the count\nprint(m)\n# 4\n# 5\n";
  std::vector<Claim> claims = extract_claims(question);
  REQUIRE(claims.size() == 4);
  CHECK(claims[0].line == 1);
  CHECK(claims[0].kind == ClaimKind::output);
  CHECK(claims[0].value == "(1, 2)");
  CHECK(claims[1].confidence < 1.0);  // words after the value: perhaps a remark, a guess
  // Two comment lines under print(m): its output, line by line, each at its own line.
  CHECK(claims[2].kind == ClaimKind::output);
  CHECK(claims[2].output_line == 1);
  CHECK(claims[3].output_line == 2);
}

TEST_CASE("classify_comment: arrows and verbs before a value", "[claims][arrows]") {
  const std::vector<std::string> literals;
  for (const char* comment : {" → 5", " ⇒ 5", " gives 5", " returns 5", " should be 5", " evaluates to 5"}) {
    INFO(comment);
    Claim claim = classify_comment(comment, "print(2 + 3)", literals);
    CHECK(claim.kind == ClaimKind::output);
    CHECK(claim.value == "5");
    CHECK(claim.confidence == 1.0);
  }
  // A verb on a line that prints nothing states a value, not output; prose after it is a remark.
  CHECK(classify_comment(" returns 5", "n = add(2, 3)", literals).confidence < 1.0);
  CHECK(classify_comment(" gives the total", "print(total)", literals).value != "the total");
}

TEST_CASE("extract_claims: words in brackets under a print() are a remark, not a line of its output", "[claims][output-comments]") {
  MaterialQuestion question;
  question.code = "print(a is b)  # False\n# (may be True in the REPL)\nprint(flags)\n# [ True False]\nprint(pair)\n# ('a b', <C object at 0x1>)\n";
  std::vector<Claim> claims = extract_claims(question);
  auto at = [&](int line) {
    return std::find_if(claims.begin(), claims.end(), [&](const Claim& claim) { return claim.text_line == line || claim.line == line; });
  };
  for (const Claim& claim : claims) {
    if (claim.text.find("may be True") != std::string::npos) CHECK(claim.kind == ClaimKind::descriptive);
  }
  REQUIRE(at(4) != claims.end());  // numpy's bool array: values side by side
  CHECK(at(4)->kind == ClaimKind::output);
  REQUIRE(at(6) != claims.end());  // words inside quotes and angle brackets: a repr
  CHECK(at(6)->kind == ClaimKind::output);
}
