#include "report/audit_report.hpp"

#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace snipcheck;

namespace {

std::vector<AuditQuestion> one_wrong() {
  AuditQuestion question;
  question.number = 4;
  question.id = "004-maps";
  question.title = "Maps";
  question.source_line = 10;
  question.code_lines = {12, 13};
  question.result.id = "004-maps";
  question.result.judgement = {Verdict::wrong, "1 wrong claim", {}, false};
  ClaimResult claim;
  claim.claim = classify_comment(" [2, 4]", "print(map(double, xs))", {});
  claim.claim.line = 2;
  claim.verdict = ClaimVerdict::wrong;
  claim.expected = "[2, 4]";
  claim.actual = "<map object at 0x7f0011223344>";
  claim.hint = "prints the iterator object, not its items";
  question.claims.push_back(claim);
  return {question};
}

}  // namespace

TEST_CASE("wrong_claim_line", "[report][audit]") {
  // Issue 11, finding 9: a claim is named by its material line (code_lines), as in the JSON.
  auto questions = one_wrong();
  CHECK(wrong_claim_line(questions[0], questions[0].claims[0]) ==
        "Q4 line 13: claims [2, 4], prints <map object at 0x...> — prints the iterator object, not its items");
}

TEST_CASE("wrong_claim_line: under a transcript's prompt", "[report][audit][repl]") {
  auto questions = one_wrong();
  ClaimResult& claim = questions[0].claims[0];
  claim.claim.echo = true;
  claim.expected = "None";
  claim.actual = "";
  claim.hint = "the REPL shows nothing: the value is None";
  CHECK(wrong_claim_line(questions[0], claim) ==
        "Q4 line 13: claims None, shows nothing — the REPL shows nothing: the value is None");
}

TEST_CASE("describe_wrong_claims", "[report][audit]") {
  auto questions = one_wrong();
  questions[0].claims.push_back(questions[0].claims[0]);
  questions[0].claims.back().verdict = ClaimVerdict::correct;
  AuditQuestion passing = questions[0];
  passing.result.judgement = {Verdict::pass, "", "", false};
  questions.push_back(passing);
  describe_wrong_claims(questions);
  // One line per wrong claim (its material line), where a run's failure shows its diff; nothing for a question that passed.
  CHECK(questions[0].result.judgement.diff ==
        "Q4 line 13: claims [2, 4], prints <map object at 0x...> — prints the iterator object, not its items\n");
  CHECK(questions[1].result.judgement.diff.empty());
}

TEST_CASE("print_audit", "[report][audit]") {
  auto questions = one_wrong();
  std::ostringstream out;
  print_audit(out, questions, summarize_audit(questions, 1200, 2), Detail::normal);
  CHECK(out.str().find("Q4    wrong") != std::string::npos);
  CHECK(out.str().find("    Q4 line 13: claims [2, 4]") != std::string::npos);
  CHECK(out.str().find("1 question, 1 wrong claim") != std::string::npos);
  questions[0].result.judgement = {Verdict::pass, {}, {}, false};
  questions[0].claims.clear();
  std::ostringstream quiet;
  print_audit(quiet, questions, summarize_audit(questions, 1200, 2), Detail::quiet);
  CHECK(quiet.str().find("Q4") == std::string::npos);
}

TEST_CASE("print_audit prints control characters visibly", "[report][audit]") {
  auto questions = one_wrong();
  questions[0].claims[0].actual = "\x1b]0;PWNED\x07\x1b[2J\r";
  questions[0].claims[0].hint = "\x9b" "1A";
  questions[0].result.judgement.reason = "error: ValueError: \x1b[2Jcleared";
  std::ostringstream out;
  print_audit(out, questions, summarize_audit(questions, 1200, 2), Detail::verbose);
  INFO(out.str());
  CHECK(out.str().find_first_of("\x1b\x07\r\x9b") == std::string::npos);
  CHECK_THAT(out.str(), Catch::Contains("ValueError: \\x1b[2Jcleared"));
  CHECK_THAT(out.str(), Catch::Contains("\\x1b]0;PWNED\\x07\\x1b[2J\\r"));
}

TEST_CASE("print_audit: the material's text never starts a line of its own", "[report][audit]") {
  // An exception's message, an id, a hint: each one field of a line, whatever newlines they hold.
  const std::string forged = "x\nQ9    pass          009-forged\n::warning::injected";
  auto questions = one_wrong();
  questions[0].id = "004-" + forged;
  questions[0].result.judgement.reason = "error: ValueError: " + forged;
  questions[0].claims[0].hint = forged;
  std::ostringstream out;
  print_audit(out, questions, summarize_audit(questions, 1200, 2), Detail::verbose);
  INFO(out.str());
  std::istringstream lines(out.str());
  for (std::string line; std::getline(lines, line);) {
    CHECK(line.rfind("Q9", 0) == std::string::npos);
    CHECK(line.rfind("::", 0) == std::string::npos);
  }
  CHECK_THAT(out.str(), Catch::Contains("ValueError: x\\nQ9    pass"));
}

TEST_CASE("render_audit_json", "[report][audit]") {
  auto questions = one_wrong();
  auto report = nlohmann::json::parse(render_audit_json(questions, summarize_audit(questions, 1, 1)));
  const auto& result = report["results"][0];
  CHECK(result["question"] == 4);
  CHECK(result["verdict"] == "wrong");
  const auto& claim = result["claims"][0];
  for (const char* key : {"line", "text", "kind", "verdict", "expected", "actual", "hint", "confidence"}) {
    CHECK(claim.contains(key));
  }
  CHECK(claim["material_line"] == 13);
  CHECK(report["summary"]["claims"]["wrong"] == 1);
}

TEST_CASE("render_audit_markdown", "[report][audit]") {
  auto questions = one_wrong();
  std::string text = render_audit_markdown(questions, summarize_audit(questions, 1, 1), "notes.md");
  CHECK(text.find("# snipcheck audit of `notes.md`") != std::string::npos);
  CHECK(text.find("| Q4 Maps (line 12) | 13 | `[2, 4]` | `<map object at 0x...>` |") != std::string::npos);
  CHECK(text.find("| Q4 Maps (line 12) | wrong |") != std::string::npos);
}

TEST_CASE("audit reports name each block by its material line", "[report][audit][sessions]") {
  // Two blocks under one heading: the same title, told apart by the line each starts at.
  auto questions = one_wrong();
  questions.push_back(questions[0]);
  questions[1].number = 5;
  questions[1].id = "005-maps-2";
  questions[1].code_lines = {20, 21};
  questions[1].result.judgement = {Verdict::unverifiable, "a fragment: it uses 'xs', which neither it nor an earlier "
                                                          "block of its session defines", {}, false};
  questions[1].claims.clear();
  CHECK(block_line(questions[1]) == 20);
  auto report = nlohmann::json::parse(render_audit_json(questions, summarize_audit(questions, 1, 1)));
  CHECK(report["results"][0]["block_line"] == 12);
  CHECK(report["results"][1]["block_line"] == 20);
  std::string markdown = render_audit_markdown(questions, summarize_audit(questions, 1, 1), "notes.md");
  CHECK(markdown.find("- Q5 Maps (line 20): a fragment") != std::string::npos);
  std::ostringstream out;
  print_audit(out, questions, summarize_audit(questions, 1, 1), Detail::normal);
  CHECK(out.str().find("004-maps") != std::string::npos);
  CHECK(out.str().find("line 12") != std::string::npos);
  CHECK(out.str().find("line 20") != std::string::npos);
}
