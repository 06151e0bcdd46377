#include "audit/audit_question.hpp"

#include <catch2/catch.hpp>

using namespace snipcheck;

namespace {

AuditQuestion judged(Verdict verdict, std::vector<ClaimVerdict> claims, bool finished = true) {
  AuditQuestion question;
  question.result.judgement.verdict = verdict;
  question.result.finished = finished;
  for (ClaimVerdict claim : claims) {
    question.claims.emplace_back();
    question.claims.back().verdict = claim;
  }
  return question;
}

}  // namespace

TEST_CASE("summarize_audit", "[audit]") {
  SECTION("counts the questions' verdicts and every claim's") {
    AuditSummary summary = summarize_audit({judged(Verdict::pass, {ClaimVerdict::correct, ClaimVerdict::format}),
                                            judged(Verdict::wrong, {ClaimVerdict::wrong, ClaimVerdict::correct})},
                                           1200, 2);
    CHECK(summary.questions.total == 2);
    CHECK(summary.questions.count(Verdict::wrong) == 1);
    CHECK(summary.count(ClaimVerdict::correct) == 2);
    CHECK(summary.count(ClaimVerdict::format) == 1);
    CHECK(summary.count(ClaimVerdict::wrong) == 1);
    CHECK(summary.questions.workers == 2);
    CHECK(summary.failing());
  }

  SECTION("unsure and unverifiable claims fail nothing") {
    AuditSummary summary = summarize_audit(
        {judged(Verdict::pass, {ClaimVerdict::unsure, ClaimVerdict::unverifiable, ClaimVerdict::version_dependent})}, 1, 1);
    CHECK_FALSE(summary.failing());
  }

  SECTION("an unfinished question is counted as such") {
    AuditSummary summary = summarize_audit({judged(Verdict::pass, {}), judged(Verdict::pass, {}, false)}, 1, 1);
    CHECK(summary.questions.total == 1);
    CHECK(summary.questions.unfinished == 1);
  }
}

TEST_CASE("block_line", "[audit]") {
  AuditQuestion question;
  CHECK(block_line(question) == 0);
  question.code_lines = {12, 13};
  CHECK(block_line(question) == 12);
}
