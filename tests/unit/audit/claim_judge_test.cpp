#include <string>

#include <catch2/catch.hpp>

#include "audit/claim_judge.hpp"

using namespace snipcheck;

namespace {

Claim output_claim(const std::string& comment, const std::string& code) {
  Claim claim = classify_comment(comment, code, {});
  claim.line = 3;
  return claim;
}

Evidence ran_printing(const std::string& output, const std::string& line_code = "print(x)") {
  Evidence evidence;
  evidence.ran = true;
  evidence.output = output;
  evidence.whole_output = output;
  evidence.statement_line = 3;
  evidence.line_code = line_code;
  return evidence;
}

}  // namespace

TEST_CASE("judge_claim", "[compare][claims]") {
  SECTION("the same text is correct; addresses never count") {
    CHECK(judge_claim(output_claim(" [1, 2]", "print(x)"), ran_printing("[1, 2]\n")).verdict == ClaimVerdict::correct);
    CHECK(judge_claim(output_claim(" <Node at 0x1234abcd>", "print(n)"), ran_printing("<Node at 0x7f00aa>\n")).verdict ==
          ClaimVerdict::correct);
  }
  SECTION("a claim that elides part of the printed line with ...: format, not wrong") {
    ClaimResult result = judge_claim(output_claim(" [0, 1, 2, ..., 9]", "print(list(range(10)))"),
                                     ran_printing("[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]\n"));
    CHECK(result.verdict == ClaimVerdict::format);
    CHECK(judge_claim(output_claim(" [0, 1, ..., 9]", "print(xs)"), ran_printing("[0, 1, 2, 8]\n")).verdict ==
          ClaimVerdict::wrong);
  }
  SECTION("several printed lines joined by commas: format") {
    ClaimResult result = judge_claim(output_claim(" HI, 2", "print(shout('hi'))"), ran_printing("HI\n2\n"));
    CHECK(result.verdict == ClaimVerdict::format);
    CHECK(result.hint.find("joined by commas") != std::string::npos);
  }
  SECTION("a label in front: format") {
    ClaimResult result = judge_claim(output_claim(" Sorted: [1, 3]", "print(sorted(s))"), ran_printing("[1, 3]\n"));
    CHECK(result.verdict == ClaimVerdict::format);
  }
  SECTION("3. vs 3.0: format") {
    CHECK(judge_claim(output_claim(" [3.0]", "print(a)"), ran_printing("[3.]\n")).verdict == ClaimVerdict::format);
  }
  SECTION("a set printed in another order: format; a dict in another order: wrong") {
    CHECK(judge_claim(output_claim(" {3, 1}", "print(s)"), ran_printing("{1, 3}\n")).verdict == ClaimVerdict::format);
    ClaimResult dict = judge_claim(output_claim(" {'a': 1, 'b': 2}", "print(d)"), ran_printing("{'b': 2, 'a': 1}\n"));
    CHECK(dict.verdict == ClaimVerdict::wrong);
    CHECK(dict.hint.find("insertion order") != std::string::npos);
  }
  SECTION("approximate claims within a tolerance") {
    CHECK(judge_claim(output_claim(" Approx 4.0", "print(fit(d))"), ran_printing("3.98\n")).verdict == ClaimVerdict::correct);
    CHECK(judge_claim(output_claim(" ~ 4.0", "print(fit(d))"), ran_printing("5.0\n")).verdict == ClaimVerdict::wrong);
  }
  SECTION("example values match by shape and are never wrong") {
    Claim example = output_claim(" e.g. 3.12.1", "print(sys.version)");
    CHECK(judge_claim(example, ran_printing("3.11.2 (main)\n")).verdict == ClaimVerdict::correct);
    CHECK(judge_claim(example, ran_printing("unknown\n")).verdict == ClaimVerdict::unverifiable);
  }
  SECTION("descriptive comments are listed as such") {
    CHECK(judge_claim(output_claim(" Keep big rows", "rows = t[t.x > 1]"), ran_printing("")).verdict ==
          ClaimVerdict::descriptive);
  }
  SECTION("a claim in a with body matches the enclosing statement's output, or one of its lines") {
    Evidence evidence = ran_printing("open\n1\nclose\n");
    evidence.compound = true;
    evidence.statement_line = 2;
    ClaimResult all = judge_claim(output_claim(" open, 1, close", "    print(s)"), evidence);
    CHECK(all.verdict == ClaimVerdict::format);
    CHECK(all.matched == "the enclosing statement line 2");
    ClaimResult own = judge_claim(output_claim(" 1", "    print(s)"), evidence);
    CHECK(own.verdict == ClaimVerdict::correct);
    CHECK(own.matched == "its own line, inside the enclosing statement line 2");
  }
  SECTION("a claim in a def body matches part of the example's output") {
    Evidence evidence = ran_printing("");
    evidence.in_definition = true;
    evidence.whole_output = "start\n42\nend\n";
    ClaimResult result = judge_claim(output_claim(" 42", "    print(answer)"), evidence);
    CHECK(result.verdict == ClaimVerdict::correct);
    CHECK(result.matched == "part of the example's output");
  }
  SECTION("output that varies between runs: matching one run is nondeterministic") {
    Evidence evidence = ran_printing("['b', 'a']\n");
    evidence.second_output = "['a', 'b']\n";
    CHECK(judge_claim(output_claim(" ['a', 'b']", "print(list(s))"), evidence).verdict == ClaimVerdict::nondeterministic);
    Evidence neither = ran_printing("['b', 'a', 'c']\n");
    neither.second_output = "['c', 'a', 'b']\n";
    CHECK(judge_claim(output_claim(" ['a', 'b', 'c']", "print(list(s))"), neither).verdict ==
          ClaimVerdict::nondeterministic);
    Evidence other = ran_printing("1\n");
    other.second_output = "2\n";
    ClaimResult wrong = judge_claim(output_claim(" 3", "print(roll())"), other);
    CHECK(wrong.verdict == ClaimVerdict::wrong);
    CHECK(wrong.hint.find("varies between runs") != std::string::npos);
    CHECK(wrong.varies);  // --fix has no one output to write in its place
    CHECK_FALSE(judge_claim(output_claim(" 3", "print(x)"), ran_printing("2\n")).varies);
  }
  SECTION("a comment that lists possible outputs is never wrong") {
    ClaimResult one = judge_claim(output_claim(" True or False", "print(ok)"), ran_printing("False\n"));
    CHECK(one.verdict == ClaimVerdict::descriptive);
    CHECK(one.hint == "the comment lists possible outputs (True or False); it prints False, one of them");
    ClaimResult none = judge_claim(output_claim(" 1 / 2 / 3", "print(roll())"), ran_printing("6\n"));
    CHECK(none.verdict == ClaimVerdict::unsure);
    CHECK(none.confidence < 1.0);
    // "True, False" on a line that prints one of them: a list or joined lines, a guess.
    CHECK(judge_claim(output_claim(" True, False", "print(ok)"), ran_printing("True\n")).verdict == ClaimVerdict::unsure);
    CHECK(judge_claim(output_claim(" True, False", "print(ok)"), ran_printing("True\nFalse\n")).verdict ==
          ClaimVerdict::format);
    CHECK(judge_claim(output_claim(" 9, 10", "print(n)"), ran_printing("8\n")).verdict == ClaimVerdict::wrong);
  }
  SECTION("a statement that did not run: unverifiable with the reason") {
    Evidence evidence;
    evidence.unverifiable_reason = "module 'numpy' is not installed";
    ClaimResult result = judge_claim(output_claim(" 2.0", "print(m)"), evidence);
    CHECK(result.verdict == ClaimVerdict::unverifiable);
    CHECK(result.hint == "module 'numpy' is not installed");
  }
}

TEST_CASE("judge_claim of an output block", "[compare][claims][blocks]") {
  auto block = [](const std::string& text) {
    Claim claim;
    claim.kind = ClaimKind::output;
    claim.scope = ClaimScope::whole;
    claim.value = text;
    return claim;
  };
  SECTION("notes after the values and blank lines between groups: the values are judged") {
    ClaimResult result = judge_claim(block("3    ← three\nABC  <- upper\n\nFalse  # empty\n"), ran_printing("3\nABC\nFalse\n"));
    CHECK(result.verdict == ClaimVerdict::format);
    CHECK(result.hint.find("notes") != std::string::npos);
    CHECK(judge_claim(block("1\n2\n\n3\n"), ran_printing("1\n2\n3\n")).verdict == ClaimVerdict::format);
  }
  SECTION("a wrong value among notes is wrong, named by its line of the block") {
    ClaimResult result = judge_claim(block("3    ← floor\n3    ← true\n"), ran_printing("3\n3.5\n"));
    CHECK(result.verdict == ClaimVerdict::wrong);
    CHECK(result.block_line == 2);
  }
  SECTION("a line whose note says it may vary is no grounds for wrong; a plain aside is") {
    CHECK(judge_claim(block("True\nFalse  (may vary)\n"), ran_printing("True\nTrue\n")).verdict ==
          ClaimVerdict::nondeterministic);
    ClaimResult aside = judge_claim(block("True\nFalse  (in most cases)\n"), ran_printing("True\nTrue\n"));
    CHECK(aside.verdict == ClaimVerdict::wrong);
    CHECK(aside.block_line == 2);
  }
  SECTION("an arrow that the example prints is output, not a note") {
    CHECK(judge_claim(block("a ← b\n"), ran_printing("a ← b\n")).verdict == ClaimVerdict::correct);
  }
  SECTION("the exception that ended the example is compared as the block's last line") {
    Evidence raised = ran_printing("1\n");
    raised.ran = false;
    raised.error = PythonError{};
    raised.error->type = "KeyError";
    raised.error->message = "'ink'";
    CHECK(judge_claim(block("1\nKeyError: 'ink'\n"), raised).verdict == ClaimVerdict::correct);
    ClaimResult older = judge_claim(block("1\nKeyError: ink\n"), raised);
    CHECK(older.verdict == ClaimVerdict::wrong);
    CHECK(older.hint.find("the example raised KeyError") != std::string::npos);
  }
}

TEST_CASE("judge_claim of printed text in double quotes", "[compare][claims][quoted]") {
  CHECK(judge_claim(output_claim(" \"3.1\"", "print(f'{x:.1f}')"), ran_printing("3.1\n")).verdict == ClaimVerdict::format);
  CHECK(judge_claim(output_claim(" \"'ab'\"", "print(repr(s))"), ran_printing("'ab'\n")).verdict == ClaimVerdict::format);
  CHECK(judge_claim(output_claim(" \"3\"", "print(f'{x:.0f}')"), ran_printing("2\n")).verdict == ClaimVerdict::wrong);
  CHECK(judge_claim(output_claim(" \"\"", "print('' and 'x')"), ran_printing("\n")).verdict == ClaimVerdict::format);
}

TEST_CASE("judge_claim of values written with commas where print() puts spaces", "[compare][claims]") {
  CHECK(judge_claim(output_claim(" 3, 2", "print(q, r)"), ran_printing("3 2\n")).verdict == ClaimVerdict::format);
  CHECK(judge_claim(output_claim(" 3, 4", "print(q, r)"), ran_printing("3 2\n")).verdict == ClaimVerdict::wrong);
}

TEST_CASE("judge_claim hints", "[compare][claims]") {
  SECTION("an iterator printed instead of its items, checked by list(...)") {
    Claim claim = output_claim(" [1, 4]", "print(map(sq, [1, 2]))");
    Evidence evidence = ran_printing("<map object at 0x7f12ab34>\n", "print(map(sq, [1, 2]))");
    ClaimResult first = judge_claim(claim, evidence);
    REQUIRE(first.verdict == ClaimVerdict::wrong);
    ProbePlan plan = plan_probe(claim, evidence.line_code, first);
    CHECK(plan.intent == ProbeIntent::items);
    CHECK(plan.request.source == "list(map(sq, [1, 2]))");
    evidence.probe = plan;
    evidence.probe_result = ProbeResult{true, "[1, 4]", "[1, 4]", "", ""};
    ClaimResult final = judge_claim(claim, evidence);
    CHECK(final.verdict == ClaimVerdict::wrong);
    CHECK(final.hint == "prints the iterator object, not its items; list(map(sq, [1, 2])) gives the claimed [1, 4] (checked)");
  }
  SECTION("a value never printed") {
    Claim claim = output_claim(" 0.333", "ratio(1, 3)");
    Evidence evidence = ran_printing("", "ratio(1, 3)");
    ProbePlan plan = plan_probe(claim, evidence.line_code, judge_claim(claim, evidence));
    CHECK(plan.intent == ProbeIntent::value);
    evidence.probe = plan;
    evidence.probe_result = ProbeResult{true, "0.333", "0.333", "", ""};
    CHECK(judge_claim(claim, evidence).hint == "the value is 0.333 (checked), but a script does not echo values: print() it");
  }
  SECTION("a comment that states a variable's new value is descriptive") {
    Claim claim = output_claim(" Now: [1, 2]", "items.append(2)");
    Evidence evidence = ran_printing("", "items.append(2)");
    ProbePlan plan = plan_probe(claim, evidence.line_code, judge_claim(claim, evidence));
    CHECK(plan.intent == ProbeIntent::state);
    CHECK(plan.subject == "items");
    evidence.probe = plan;
    evidence.probe_result = ProbeResult{true, "[1, 2]", "[1, 2]", "", ""};
    CHECK(judge_claim(claim, evidence).verdict == ClaimVerdict::descriptive);
  }
  SECTION("a coroutine never awaited") {
    Claim claim = output_claim(" done", "print(work())");
    Evidence evidence = ran_printing("<coroutine object work at 0x7f00>\n", "print(work())");
    ClaimResult first = judge_claim(claim, evidence);
    CHECK(first.hint.find("never awaited") != std::string::npos);
    CHECK(plan_probe(claim, evidence.line_code, first).intent == ProbeIntent::awaited);
  }
  SECTION("repr vs str") {
    ClaimResult result = judge_claim(output_claim(" 'ok'", "print(status)"), ran_printing("ok\n"));
    CHECK(result.verdict == ClaimVerdict::wrong);
    CHECK(result.hint.find("str() vs repr()") != std::string::npos);
    Claim unquoted = output_claim(" ok", "print(repr(status))");
    unquoted.confidence = 1.0;  // "ok" is a string literal of the example
    ClaimResult bare = judge_claim(unquoted, ran_printing("'ok'\n"));
    CHECK(bare.verdict == ClaimVerdict::wrong);
    CHECK(bare.hint.find("prints a repr() (with its quotes)") != std::string::npos);
  }
}

namespace {

// A claim documented under a transcript's prompt, and what that prompt showed.
Claim shown_claim(const std::string& value) {
  Claim claim;
  claim.line = 3;
  claim.value = value;
  claim.echo = true;
  return claim;
}

Evidence prompt_showed(const std::string& shown, const std::string& line_code) {
  Evidence evidence = ran_printing(shown, line_code);
  evidence.transcript = true;
  return evidence;
}

}  // namespace

TEST_CASE("judge_claim on a transcript", "[compare][claims][repl]") {
  SECTION("an echoed value is correct, held to the prompt's output") {
    ClaimResult result = judge_claim(shown_claim("3"), prompt_showed("3\n", "len(x)"));
    CHECK(result.verdict == ClaimVerdict::correct);
    CHECK(result.matched == "prompt line 3");
  }
  SECTION("a claimed None where the REPL shows nothing is wrong, and no probe is planned") {
    Claim claim = shown_claim("None");
    Evidence evidence = prompt_showed("", "[].append(1)");
    ClaimResult result = judge_claim(claim, evidence);
    CHECK(result.verdict == ClaimVerdict::wrong);
    CHECK(result.hint == "the REPL shows nothing: the value is None");
    CHECK(result.hint.find("script") == std::string::npos);
    CHECK(plan_probe(claim, evidence.line_code, result).intent == ProbeIntent::none);
  }
  SECTION("a traceback is held to the prompt's by its last line") {
    Evidence evidence = prompt_showed("Traceback (most recent call last):\n  File \"/b/snippets/001-t.py\", line 3, in "
                                      "<module>\n    d['k']\n    ~^^^^^\nKeyError: 'k'\n",
                                      "d['k']");
    evidence.error = PythonError{"KeyError", "'k'", "", 3, "", true, 0};
    Claim claim = shown_claim("Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\nKeyError: 'k'");
    ClaimResult result = judge_claim(claim, evidence);
    CHECK(result.verdict == ClaimVerdict::correct);
    CHECK(result.claim.value == claim.value);
    CHECK(judge_claim(shown_claim("KeyError: 'k'"), evidence).verdict == ClaimVerdict::correct);
    Claim other = shown_claim("Traceback (most recent call last):\n  ...\nKeyError: 'j'");
    ClaimResult wrong = judge_claim(other, evidence);
    CHECK(wrong.verdict == ClaimVerdict::wrong);
    CHECK(wrong.hint == "the prompt raised KeyError: 'k'");
  }
  SECTION("the same claim on a script still gets the script's hint") {
    ClaimResult result = judge_claim(shown_claim("None"), ran_printing("", "[].append(1)"));
    CHECK(result.verdict == ClaimVerdict::wrong);
    CHECK(result.hint == "prints nothing: a script does not echo values; print() it");
  }
}

TEST_CASE("judge_claim of numbers", "[compare][claims][numbers]") {
  SECTION("a float that is not the claimed number is wrong, with why") {
    ClaimResult result = judge_claim(output_claim(" 0.3", "print(0.1 + 0.2)"), ran_printing("0.30000000000000004\n"));
    CHECK(result.verdict == ClaimVerdict::wrong);
    CHECK(result.hint.find("a float prints every digit its value needs (0.30000000000000004)") != std::string::npos);
    CHECK(judge_claim(output_claim(" [0.3, 1.0]", "print(xs)"), ran_printing("[0.30000000000000004, 1.0]\n")).verdict ==
          ClaimVerdict::wrong);
  }
  SECTION("another int, or a float with as many digits as the claim, is another number, not a rounding") {
    ClaimResult ints = judge_claim(output_claim(" 3", "print(len(xs))"), ran_printing("2\n"));
    CHECK(ints.verdict == ClaimVerdict::wrong);
    CHECK(ints.hint.empty());  // "claims 3, prints 2" says it all
    ClaimResult floats = judge_claim(output_claim(" 2.5", "print(x)"), ran_printing("3.5\n"));
    CHECK(floats.verdict == ClaimVerdict::wrong);
    CHECK(floats.hint.empty());
  }
  SECTION("an approximate claim keeps its tolerance") {
    CHECK(judge_claim(output_claim(" ~0.3", "print(0.1 + 0.2)"), ran_printing("0.30000000000000004\n")).verdict ==
          ClaimVerdict::correct);
  }
  SECTION("an int claimed for a float is wrong: true division returns a float") {
    ClaimResult result = judge_claim(output_claim(" 2", "print(6 / 3)"), ran_printing("2.0\n", "print(6 / 3)"));
    CHECK(result.verdict == ClaimVerdict::wrong);
    CHECK(result.hint.find("true division (/) returns a float") != std::string::npos);
    ClaimResult labelled = judge_claim(output_claim(" Mean: 4", "print(mean(xs))"), ran_printing("4.0\n", "print(mean(xs))"));
    CHECK(labelled.verdict == ClaimVerdict::wrong);
    CHECK(labelled.hint.find("an int claimed for a float") != std::string::npos);
    CHECK(judge_claim(output_claim(" 3.0", "print(7 // 2)"), ran_printing("3\n")).verdict == ClaimVerdict::wrong);
  }
  SECTION("the same value in another presentation stays format") {
    CHECK(judge_claim(output_claim(" [8.0]", "print(model.predict(x))"), ran_printing("[8.]\n")).verdict ==
          ClaimVerdict::format);
    CHECK(judge_claim(output_claim(" 2.50", "print(x)"), ran_printing("2.5\n")).verdict == ClaimVerdict::format);
    ClaimResult grouped = judge_claim(output_claim(" ~8,697,456", "print(total)"), ran_printing("8697456.25\n"));
    CHECK(grouped.verdict == ClaimVerdict::correct);
    ClaimResult thousands = judge_claim(output_claim(" 1,250,000", "print(total)"), ran_printing("1250000\n"));
    CHECK(thousands.verdict == ClaimVerdict::format);
    CHECK(thousands.hint.find("grouped by thousands") != std::string::npos);
    CHECK(judge_claim(output_claim(" Total: 12.0", "print(t)"), ran_printing("12.0\n")).verdict == ClaimVerdict::format);
  }
  SECTION("strings quoted with \" where the repr uses ': format") {
    ClaimResult result = judge_claim(output_claim(" [\"a\", \"b\"]", "print(xs)"), ran_printing("['a', 'b']\n"));
    CHECK(result.verdict == ClaimVerdict::format);
    CHECK(judge_claim(output_claim(" [\"it's\"]", "print(xs)"), ran_printing("[\"it's\"]\n")).verdict ==
          ClaimVerdict::correct);
  }
  SECTION("number_match tells the ways numbers differ") {
    CHECK(number_match("0.3", "0.30000000000000004", 0.0) == NumberMatch::other_value);
    CHECK(number_match("2", "2.0", 0.0) == NumberMatch::int_for_float);
    CHECK(number_match("2.0", "2", 0.0) == NumberMatch::float_for_int);
    CHECK(number_match("8.", "8.0", 0.0) == NumberMatch::same);
    CHECK(number_match("1,000", "1000", 0.0) == NumberMatch::thousands);
    CHECK(number_match("[1, 2]", "(1, 2)", 0.0) == NumberMatch::different);
  }
}

TEST_CASE("judge_claim never flags what changes every run", "[compare][claims][ids]") {
  SECTION("an address written with dots, a repr without __main__.") {
    CHECK(judge_claim(output_claim(" <Node object at 0x7f...>", "print(n)"),
                      ran_printing("<__main__.Node object at 0x7f3b2c1d9e50>\n"))
              .verdict == ClaimVerdict::correct);
    CHECK(judge_claim(output_claim(" <__main__.Node object at 0x000001E…>", "print(n)"),
                      ran_printing("<__main__.Node object at 0x7f3b2c1d9e50>\n"))
              .verdict == ClaimVerdict::correct);
  }
  SECTION("an address left out altogether, as doctest's ELLIPSIS writes it") {
    CHECK(judge_claim(output_claim(" <Node object at ...>", "print(n)"),
                      ran_printing("<__main__.Node object at 0x7f3b2c1d9e50>\n"))
              .verdict == ClaimVerdict::correct);
    CHECK(judge_claim(output_claim(" <Leaf object at ...>", "print(n)"),
                      ran_printing("<__main__.Node object at 0x7f3b2c1d9e50>\n"))
              .verdict == ClaimVerdict::wrong);
  }
  SECTION("a hex number is a value, not an address") {
    CHECK(judge_claim(output_claim(" 0xfe", "print(hex(255))"), ran_printing("0xff\n")).verdict == ClaimVerdict::wrong);
    CHECK(judge_claim(output_claim(" 0xff", "print(hex(255))"), ran_printing("0xff\n")).verdict == ClaimVerdict::correct);
  }
  SECTION("an object id is nondeterministic, never wrong") {
    ClaimResult result = judge_claim(output_claim(" 140230457", "print(id(x))"), ran_printing("139872001234\n", "print(id(x))"));
    CHECK(result.verdict == ClaimVerdict::nondeterministic);
    CHECK(result.hint.find("changes every run") != std::string::npos);
    CHECK(judge_claim(output_claim(" 140230...", "print(id(a), id(b))"),
                      ran_printing("139872001234\n", "print(id(a) == id(b))"))
              .verdict == ClaimVerdict::nondeterministic);
    // Not an id line: a different long number is wrong.
    CHECK(judge_claim(output_claim(" 1234567", "print(n)"), ran_printing("7654321\n")).verdict == ClaimVerdict::wrong);
  }
}

TEST_CASE("judge_claim of guesses and stated versions", "[compare][claims][unsure]") {
  SECTION("a guessed claim that does not hold is unsure, with its confidence") {
    Claim claim = output_claim(" olleh", "print(word)");
    REQUIRE(claim.confidence < 1.0);
    ClaimResult result = judge_claim(claim, ran_printing("hello\n"));
    CHECK(result.verdict == ClaimVerdict::unsure);
    CHECK(result.confidence == claim.confidence);
    CHECK(judge_claim(claim, ran_printing("olleh\n")).verdict == ClaimVerdict::correct);
  }
  SECTION("a claim stated for another Python is version-dependent, with what 3.11 prints") {
    Claim claim = output_claim(" {'b': 2, 'a': 1}  # Python < 3.7", "print(d)");
    ClaimResult result = judge_claim(claim, ran_printing("{'a': 1, 'b': 2}\n"));
    CHECK(result.verdict == ClaimVerdict::version_dependent);
    CHECK(result.hint.find("stated for Python < 3.7; Python 3.11 prints {'a': 1, 'b': 2}") != std::string::npos);
    Claim python2 = output_claim(" 2  # in Python 2", "print(5 / 2)");
    CHECK(judge_claim(python2, ran_printing("2.5\n")).verdict == ClaimVerdict::version_dependent);
    Claim block;
    block.scope = ClaimScope::whole;
    block.value = "1\n2";
    block.python = "2";
    CHECK(judge_claim(block, ran_printing("1\n3\n")).verdict == ClaimVerdict::version_dependent);
    // Stated for a Python that 3.11 is: a wrong claim stays wrong.
    Claim later = output_claim(" [1, 2]  # Python 3.8+", "print(xs)");
    CHECK(judge_claim(later, ran_printing("[2, 1]\n")).verdict == ClaimVerdict::wrong);
  }
  SECTION("stated_python and covers_this_python") {
    Claim claim;
    claim.text = "Output (< Python 3.7):";
    CHECK(stated_python(claim) == "< 3.7");
    claim.text = "in Python 2 this prints 2";
    CHECK(stated_python(claim) == "2");
    claim.text = "Python 3.8+";
    CHECK(stated_python(claim) == "3.8+");
    claim.text = "python 3.9 or later";
    CHECK(stated_python(claim) == "3.9+");
    claim.text = "[1, 2]";
    CHECK(stated_python(claim).empty());
    CHECK(covers_this_python("3.8+"));
    CHECK(covers_this_python("3"));
    CHECK(covers_this_python("3.11"));
    CHECK_FALSE(covers_this_python("< 3.7"));
    CHECK_FALSE(covers_this_python("2"));
    CHECK_FALSE(covers_this_python("3.12"));
    CHECK_FALSE(covers_this_python("3.12+"));
  }
  SECTION("a multi-line output block names its first wrong line and the statement that printed it") {
    Claim block;
    block.scope = ClaimScope::whole;
    block.value = "a\nb\nc";
    Evidence evidence = ran_printing("a\nb\nd\n");
    evidence.statement_outputs = {{1, "a\n"}, {2, "b\n"}, {4, "d\n"}};
    ClaimResult result = judge_claim(block, evidence);
    CHECK(result.verdict == ClaimVerdict::wrong);
    CHECK(result.block_line == 3);
    CHECK(result.hint.find("line 3 of the output block claims c, the example prints d (printed by the statement at line 4)") !=
          std::string::npos);
    CHECK(result.hint.find("prints nothing") == std::string::npos);
  }
}

TEST_CASE("judge_claim of a line claimed to raise inside a try", "[compare][claims][raises]") {
  std::vector<PythonLine> lines = scan_python(
      "t = (1, 2)\ntry:\n    t[0] = 1  # TypeError\nexcept (TypeError, ValueError) as e:\n    print(e)\n"
      "try:\n    x = 1\nexcept:\n    pass\n");
  CHECK(caught_around(lines, 3) == std::vector<std::string>{"TypeError", "ValueError"});
  CHECK(caught_around(lines, 7) == std::vector<std::string>{""});
  CHECK(caught_around(lines, 1).empty());
  Claim claim = output_claim(" TypeError", "    t[0] = 1");
  REQUIRE(claim.kind == ClaimKind::error);
  Evidence evidence = ran_printing("'tuple' object does not support item assignment\n", "    t[0] = 1");
  evidence.caught = caught_around(lines, 3);
  ClaimResult first = judge_claim(claim, evidence);
  CHECK(first.verdict == ClaimVerdict::unsure);
  evidence.probe = plan_probe(claim, evidence.line_code, first);
  REQUIRE(evidence.probe.intent == ProbeIntent::raises);
  CHECK(evidence.probe.request.source == "t[0] = 1");
  ProbeResult raised;
  raised.ok = false;
  raised.error = "TypeError: 'tuple' object does not support item assignment";
  evidence.probe_result = raised;
  ClaimResult result = judge_claim(claim, evidence);
  CHECK(result.verdict == ClaimVerdict::correct);
  CHECK(result.matched.find("inside the try that catches it") != std::string::npos);
  // Outside any try, a line that does not raise is wrong as before.
  Evidence plain = ran_printing("", "x = 1");
  CHECK(judge_claim(output_claim(" TypeError", "x = 1"), plain).verdict == ClaimVerdict::wrong);
}

TEST_CASE("judge_claim of evaluated claims", "[compare][claims]") {
  Claim error = classify_comment(" t.append(1)  # Error: immutable", "", {});
  Evidence evidence;
  evidence.probe_result = ProbeResult{false, "", "", "AttributeError: no append", ""};
  CHECK(judge_claim(error, evidence).verdict == ClaimVerdict::correct);
  evidence.probe_result = ProbeResult{true, "None", "None", "", ""};
  CHECK(judge_claim(error, evidence).verdict == ClaimVerdict::wrong);

  Claim check = verification_claims("Check len(xs) == 2.").front();
  evidence.probe_result = ProbeResult{true, "False", "False", "", ""};
  CHECK(judge_claim(check, evidence).verdict == ClaimVerdict::wrong);
  evidence.probe_result = ProbeResult{false, "", "", "NameError: xs", ""};
  CHECK(judge_claim(check, evidence).verdict == ClaimVerdict::unverifiable);
  evidence.probe_result.reset();
  CHECK(judge_claim(check, evidence).verdict == ClaimVerdict::unverifiable);

  Claim file = verification_claims("Check the totals in totals.csv.").front();
  evidence.probe_result = ProbeResult{true, "True", "True", "", ""};
  CHECK(judge_claim(file, evidence).verdict == ClaimVerdict::correct);
  evidence.probe_result = ProbeResult{true, "False", "False", "", ""};
  evidence.stderr_text = "WARNING:root:totals not written\n";
  ClaimResult missing = judge_claim(file, evidence);
  CHECK(missing.verdict == ClaimVerdict::wrong);
  CHECK(missing.actual == "no totals.csv");
  CHECK_THAT(missing.hint, Catch::Contains("leaves no file totals.csv"));
  CHECK_THAT(missing.hint, Catch::Contains("WARNING:root:totals not written"));
}

TEST_CASE("same_numbers, joined_lines, print_argument", "[compare][claims]") {
  CHECK(same_numbers("[8.0]", "[8.]", 0.0));
  CHECK_FALSE(same_numbers("[8.0]", "[[8.]]", 0.0));
  CHECK(same_numbers("[8]", "[[7.9]]", 0.05));
  CHECK(joined_lines("a\nb\n") == "a, b");
  CHECK(print_argument("print(f(x, y))") == "f(x, y)");
  CHECK(print_argument("print(a, b)").empty());
}

// Issue 9: a 200,000-digit number printed next to a claim crashed the matcher (std::regex), and
// print(2**2000)  # 1.5 ended the audit with exit 3 (std::stod out of range).
TEST_CASE("judge_claim on huge output", "[compare][claims][long-line]") {
  SECTION("a 200,000-digit number next to a short claim is wrong, not a crash") {
    std::string digits(200000, '7');
    ClaimResult result = judge_claim(output_claim(" 1.5", "print(10 ** 200000)"), ran_printing(digits + "\n"));
    CHECK(result.verdict == ClaimVerdict::wrong);
    CHECK(result.actual == digits);
  }
  SECTION("a number too large for a double is compared, not thrown on") {
    std::string big = "1" + std::string(602, '0');
    CHECK(judge_claim(output_claim(" 1.5", "print(2**2000)"), ran_printing(big + "\n")).verdict == ClaimVerdict::wrong);
    CHECK(judge_claim(output_claim(" " + big + ".", "print(x)"), ran_printing(big + ".0\n")).verdict == ClaimVerdict::format);
    CHECK(judge_claim(output_claim(" " + big, "print(x)"), ran_printing(big + ".0\n")).verdict == ClaimVerdict::wrong);
    CHECK(same_numbers("[" + big + "]", "[" + big + "]", 0.0));
  }
  SECTION("a megabyte claim against a megabyte output: the same text is correct") {
    std::string mb(1 << 20, '9');
    CHECK(judge_claim(output_claim(" " + mb, "print(x)"), ran_printing(mb + "\n")).verdict == ClaimVerdict::correct);
  }
  SECTION("an example value's shape is found in a long output") {
    Claim claim = classify_comment(" e.g. <map object at 0x7f00>", "print(m)", {});
    claim.line = 3;
    REQUIRE(claim.kind == ClaimKind::example);
    std::string output = std::string(1 << 20, ' ') + "<map object at 0x55aa12>\n";
    CHECK(judge_claim(claim, ran_printing(output)).verdict == ClaimVerdict::correct);
  }
  SECTION("a claim in a def body still finds its line in a long output") {
    Evidence evidence = ran_printing("");
    evidence.in_definition = true;
    for (int i = 0; i < 20000; ++i) evidence.whole_output += std::string(100, 'x') + "\n";
    evidence.whole_output += "42\n" + std::string(1 << 20, 'y') + "\n";
    ClaimResult result = judge_claim(output_claim(" 42", "print(x)"), evidence);
    CHECK(result.verdict == ClaimVerdict::correct);
    CHECK(result.matched == "part of the example's output");
  }
  SECTION("an output much longer than the claim is not compared") {
    CHECK_FALSE(comparable_size("1.5", std::string(4 * 3 + k_compared_slack + 1, '1')));
    CHECK(comparable_size("1.5", std::string(4 * 3 + k_compared_slack, '1')));
  }
}

TEST_CASE("judge_claim of a print() line whose argument raises", "[compare][claims][raises]") {
  // Issue 11, finding 1: print(table["k"]) raises before it prints; a comment naming that
  // exception states what the line does, as it does on a bare expression.
  Evidence evidence = ran_printing("", "print(table['k'])");
  evidence.ran = false;
  evidence.error = PythonError{"KeyError", "'k'", "", 3, "", true, 0};
  SECTION("the exception, with or without its message, holds; the example failing there is documented") {
    for (const char* comment : {" KeyError: 'k'", " KeyError", " raises KeyError", " KeyError  # no such key"}) {
      INFO(comment);
      ClaimResult result = judge_claim(output_claim(comment, "print(table['k'])"), evidence);
      CHECK(result.verdict == ClaimVerdict::correct);
      CHECK(result.confidence == 1.0);
      CHECK(documents_error(result, *evidence.error));
    }
  }
  SECTION("another exception or another message is wrong, and documents nothing") {
    for (const char* comment : {" IndexError", " KeyError: 'j'", " 'k'"}) {
      INFO(comment);
      ClaimResult result = judge_claim(output_claim(comment, "print(table['k'])"), evidence);
      CHECK(result.verdict != ClaimVerdict::correct);
      CHECK_FALSE(documents_error(result, *evidence.error));
    }
  }
  SECTION("on another line than the one that raised, a holding claim documents nothing") {
    Claim claim = output_claim(" KeyError", "print(table['k'])");
    claim.line = 2;
    CHECK_FALSE(documents_error(judge_claim(claim, evidence), *evidence.error));
  }
}

TEST_CASE("judge_claim of approximate claims at their own precision", "[compare][claims][numbers]") {
  // Issue 11, finding 4c: the value rounded to the claim's decimals (or its trailing zeros)
  // is the claim, or it is within 5 %.
  auto verdict = [](const char* comment, const char* printed) {
    return judge_claim(output_claim(comment, "print(x)"), ran_printing(printed)).verdict;
  };
  CHECK(verdict(" ~3", "3.3333333333333335\n") == ClaimVerdict::correct);
  CHECK(verdict(" about 3", "3.49\n") == ClaimVerdict::correct);
  CHECK(verdict(" ≈ 100", "123\n") == ClaimVerdict::correct);
  CHECK(verdict(" ~0.0001", "0.00014\n") == ClaimVerdict::correct);
  CHECK(verdict(" ~3.0", "3.3333333333333335\n") == ClaimVerdict::wrong);
  CHECK(verdict(" ~3", "3.5\n") == ClaimVerdict::wrong);
  CHECK(verdict(" ~0.5", "0.3333333333333333\n") == ClaimVerdict::wrong);
}

TEST_CASE("judge_claim of output blocks line by line", "[compare][claims]") {
  Claim block;
  block.scope = ClaimScope::whole;
  auto verdict = [&](const std::string& claimed, const std::string& printed) {
    block.value = claimed;
    return judge_claim(block, ran_printing(printed)).verdict;
  };
  CHECK(verdict("{3, 1, 2}\nend", "{1, 2, 3}\nend\n") == ClaimVerdict::format);
  CHECK(verdict("a\n...\nz", "a\nb\nc\nz\n") == ClaimVerdict::correct);
  CHECK(verdict("a\n...\nz", "a\nz\n") == ClaimVerdict::correct);
  CHECK(verdict("a\n…\nc\n...\nz", "a\nb\nc\nd\nz\n") == ClaimVerdict::correct);
  CHECK(verdict("a\n...\ny", "a\nb\nz\n") == ClaimVerdict::wrong);
  CHECK(verdict("...\n...", "a\nb\n") == ClaimVerdict::wrong);
  CHECK(verdict("b\n...\nz", "a\nb\nc\n") == ClaimVerdict::wrong);
}

TEST_CASE("judge_claim hints fit the mismatch", "[compare][claims]") {
  // Issue 11, finding 8.
  auto hint = [](const Claim& claim, const std::string& printed) { return judge_claim(claim, ran_printing(printed)).hint; };
  SECTION("the float hint only where the claim is the printed decimal cut short or rounded") {
    CHECK(hint(output_claim(" 0.3", "print(x)"), "0.30000000000000004\n").find("every digit") != std::string::npos);
    CHECK(hint(output_claim(" 11", "print(len(s))"), "12\n").empty());
    CHECK(hint(output_claim(" 0.33", "print(x)"), "0.6666666666666666\n").find("every digit") == std::string::npos);
    CHECK(hint(output_claim(" Unique: 2", "print('Unique:', n)"), "Unique: 3\n").find("float") == std::string::npos);
  }
  Claim block;
  block.scope = ClaimScope::whole;
  SECTION("a block's hint speaks of its first wrong line, on one line") {
    block.value = "2\n['tea']";
    std::string text = hint(block, "3\n['tea']\n");
    CHECK(text.find('\n') == std::string::npos);
    CHECK(text.find("float") == std::string::npos);
  }
  SECTION("the iterator hint only for an iterator's repr") {
    block.value = "<map object at 0x...>\n[1, 4]\n[1, 4]";
    CHECK(hint(block, "<map object at 0x7f01>\n[1, 4]\n[]\n").find("iterator") == std::string::npos);
    block.value = "[1, 4]";
    CHECK(hint(block, "<map object at 0x7f01>\n").find("iterator object") != std::string::npos);
  }
}
