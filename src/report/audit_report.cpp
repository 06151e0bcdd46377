#include "report/audit_report.hpp"

#include <cstdio>
#include <sstream>

#include <nlohmann/json.hpp>

#include "compare/compare.hpp"
#include "report/json_report.hpp"
#include "util/regex.hpp"
#include "util/text.hpp"

namespace snipcheck {

namespace {

// One line for a report: several lines joined by ", ", addresses kept short.
std::string one_line(const std::string& text) {
  static const Regex address(R"(0x[0-9a-fA-F]{6,})");
  std::string joined;
  for (const std::string& line : split_lines(text)) {
    if (!joined.empty()) joined += ", ";
    joined += line;
  }
  joined = address.replace_all(joined, "0x...");
  if (joined.size() > 160) joined = joined.substr(0, 157) + "...";
  return joined;
}

std::string printed(const ClaimResult& claim) { return claim.actual.empty() ? "nothing" : one_line(claim.actual); }

// Left-aligned in `width` columns, and always followed by a space.
std::string pad(std::string text, std::size_t width) {
  text += std::string(text.size() + 1 < width ? width - text.size() : 1, ' ');
  return text;
}

int material_line(const AuditQuestion& question, const ClaimResult& claim) {
  if (claim.material_line > 0) return claim.material_line;
  if (claim.claim.kind == ClaimKind::verification) return question.verification_line;
  int line = claim.claim.line;
  if (line < 1 || line > static_cast<int>(question.code_lines.size())) return 0;
  return question.code_lines[static_cast<std::size_t>(line - 1)];
}

std::string claims_summary(const AuditQuestion& question) {
  std::array<int, k_claim_verdict_count> counts{};
  for (const ClaimResult& claim : question.claims) ++counts[static_cast<std::size_t>(claim.verdict)];
  std::string text;
  for (int i = 0; i < k_claim_verdict_count; ++i) {
    if (counts[static_cast<std::size_t>(i)] == 0) continue;
    if (!text.empty()) text += ", ";
    text += std::to_string(counts[static_cast<std::size_t>(i)]) + " " + to_string(static_cast<ClaimVerdict>(i));
  }
  return text.empty() ? "" : "claims: " + text;
}

// "Maps (line 12)": the question's title and the material line of its block.
std::string title_with_line(const AuditQuestion& question) {
  int line = block_line(question);
  return line > 0 ? question.title + " (line " + std::to_string(line) + ")" : question.title;
}

}  // namespace

std::string wrong_claim_line(const AuditQuestion& question, const ClaimResult& claim) {
  const Claim& said = claim.claim;
  std::string where = "Q" + std::to_string(question.number) + " ";
  if (said.line > 0) {
    // The material's line, as the JSON's material_line and the Markdown report give it.
    where += "line " + std::to_string(material_line(question, claim));
  } else if (said.kind == ClaimKind::verification) {
    where += "verification";
  } else {
    where += "output block (material line " + std::to_string(material_line(question, claim)) + ")";
  }
  std::string line;
  if (said.scope == ClaimScope::namespace_) {
    // Evaluated in the example's namespace: commented-out code, a verification expression.
    std::string what = said.kind == ClaimKind::error ? "an error (" + said.value + ")" : said.code + " is " + claim.expected;
    if (!said.file.empty()) {
      line = where + ": claims the example writes " + visible_line(said.file) + " (\"" + one_line(said.text) + "\"), it does not";
    } else {
      line = where + ": claims " + one_line(what) + ", gives " + printed(claim);
    }
  } else {
    // Under a transcript's prompt, the claim is what the REPL shows (echoes, tracebacks).
    line = where + ": claims " + one_line(claim.expected) + (said.echo ? ", shows " : ", prints ") + printed(claim);
  }
  if (!claim.hint.empty()) line += " — " + visible_line(claim.hint);
  return line;
}

void describe_wrong_claims(std::vector<AuditQuestion>& questions) {
  for (AuditQuestion& question : questions) {
    if (question.result.judgement.verdict != Verdict::wrong) continue;
    question.result.judgement.diff.clear();
    for (const ClaimResult& claim : question.claims) {
      if (claim.verdict == ClaimVerdict::wrong) question.result.judgement.diff += wrong_claim_line(question, claim) + "\n";
    }
  }
}

std::string unsure_claim_line(const AuditQuestion& question, const ClaimResult& claim) {
  char confidence[16];
  std::snprintf(confidence, sizeof confidence, "%.2g", claim.confidence);
  std::string line = "Q" + std::to_string(question.number) + " line " + std::to_string(material_line(question, claim)) +
                     " (confidence " + confidence + "): claims " + one_line(claim.expected) + ", prints " + printed(claim);
  if (!claim.hint.empty()) line += " — " + visible_line(claim.hint);
  return line;
}

void print_audit(std::ostream& terminal, const std::vector<AuditQuestion>& questions, const AuditSummary& summary,
                 Detail detail) {
  // Rendered whole, then printed with every control character made visible: the claims, what
  // the examples printed and the reasons all come from the material and its code.
  std::ostringstream out;
  const bool verbose = detail == Detail::verbose;
  for (const AuditQuestion& question : questions) {
    if (!question.result.finished) continue;
    const Judgement& judgement = question.result.judgement;
    if (detail == Detail::quiet && judgement.verdict != Verdict::wrong && !is_failing(judgement.verdict)) continue;
    std::string head = pad("Q" + std::to_string(question.number), 6) + pad(to_string(judgement.verdict), 14) +
                       pad(visible_line(question.id), 44) + pad(block_line(question) > 0 ? "line " + std::to_string(block_line(question)) : "", 11);
    std::string text = judgement.reason.empty() ? claims_summary(question) : judgement.reason;
    out << head << visible_line(text) << "\n";
    for (const ClaimResult& claim : question.claims) {
      if (claim.verdict == ClaimVerdict::wrong) {
        out << "    " << wrong_claim_line(question, claim) << "\n";
      } else if (verbose || claim.verdict == ClaimVerdict::nondeterministic ||
                 claim.verdict == ClaimVerdict::version_dependent) {
        out << "    line " << material_line(question, claim) << " " << to_string(claim.claim.kind) << " " << to_string(claim.verdict)
            << ": " << one_line(claim.claim.text) << (claim.matched.empty() ? "" : " [" + visible_line(claim.matched) + "]")
            << (claim.hint.empty() ? "" : " — " + visible_line(claim.hint)) << "\n";
      }
    }
  }
  bool any_unsure = false;
  for (const AuditQuestion& question : questions) {
    if (!question.result.finished) continue;
    for (const ClaimResult& claim : question.claims) {
      if (claim.verdict != ClaimVerdict::unsure) continue;
      if (!any_unsure) out << "\nunsure (that these are claims is a guess; not failing):\n";
      any_unsure = true;
      out << "    " << unsure_claim_line(question, claim) << "\n";
    }
  }
  out << "\n" << pad("verdict", 18) << "questions\n";
  for (int i = 0; i < k_verdict_count; ++i) {
    int count = summary.questions.count(static_cast<Verdict>(i));
    if (count > 0) out << pad(to_string(static_cast<Verdict>(i)), 18) << count << "\n";
  }
  out << pad("claim", 18) << "claims\n";
  for (int i = 0; i < k_claim_verdict_count; ++i) {
    out << pad(to_string(static_cast<ClaimVerdict>(i)), 18) << summary.count(static_cast<ClaimVerdict>(i)) << "\n";
  }
  if (summary.questions.interrupted) {
    out << "interrupted: " << summary.questions.unfinished << " of "
        << summary.questions.total + summary.questions.unfinished << " questions not finished\n";
  }
  out << counted(summary.questions.total, "question") << ", "
      << counted(static_cast<std::uint64_t>(summary.count(ClaimVerdict::wrong)), "wrong claim") << " ("
      << (static_cast<double>(summary.questions.duration_ms) / 1000.0) << " s, "
      << counted(static_cast<std::uint64_t>(summary.questions.workers), "worker") << ")\n";
  terminal << visible_controls(out.str());
  terminal.flush();
}

std::string render_audit_json(const std::vector<AuditQuestion>& questions, const AuditSummary& summary) {
  nlohmann::json items = nlohmann::json::array();
  nlohmann::json unfinished = nlohmann::json::array();
  nlohmann::json unsure = nlohmann::json::array();  // claims whose classification is a guess, not failing
  for (const AuditQuestion& question : questions) {
    if (!question.result.finished) {
      unfinished.push_back(question.id);
      continue;
    }
    nlohmann::json item = result_to_json(question.result);
    item["question"] = question.number;
    item["title"] = question.title;
    item["source_line"] = question.source_line;
    item["block_line"] = block_line(question);
    nlohmann::json claims = nlohmann::json::array();
    for (const ClaimResult& claim : question.claims) {
      claims.push_back({{"line", claim.claim.line},
                        {"material_line", material_line(question, claim)},
                        {"text", claim.claim.text},
                        {"kind", to_string(claim.claim.kind)},
                        {"verdict", to_string(claim.verdict)},
                        {"expected", claim.expected},
                        {"actual", claim.actual},
                        {"matched", claim.matched},
                        {"hint", claim.hint},
                        {"confidence", claim.confidence}});
    }
    item["claims"] = claims;
    for (const ClaimResult& claim : question.claims) {
      if (claim.verdict != ClaimVerdict::unsure) continue;
      unsure.push_back({{"question", question.number},
                        {"line", claim.claim.line},
                        {"material_line", material_line(question, claim)},
                        {"text", claim.claim.text},
                        {"actual", claim.actual},
                        {"hint", claim.hint},
                        {"confidence", claim.confidence}});
    }
    items.push_back(item);
  }
  nlohmann::json counts = {{"total", summary.questions.total},
                           {"duration_ms", summary.questions.duration_ms},
                           {"workers", summary.questions.workers}};
  for (int i = 0; i < k_verdict_count; ++i) {
    counts[to_string(static_cast<Verdict>(i))] = summary.questions.count(static_cast<Verdict>(i));
  }
  nlohmann::json claim_counts;
  for (int i = 0; i < k_claim_verdict_count; ++i) {
    claim_counts[to_string(static_cast<ClaimVerdict>(i))] = summary.count(static_cast<ClaimVerdict>(i));
  }
  counts["claims"] = claim_counts;
  counts["failed"] = summary.failing() ? 1 : 0;
  counts["unfinished"] = summary.questions.unfinished;
  nlohmann::json report = {
      {"summary", counts},   {"interrupted", summary.questions.interrupted}, {"unfinished", unfinished},
      {"unsure", unsure},    {"results", items}};
  return report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string render_audit_markdown(const std::vector<AuditQuestion>& questions, const AuditSummary& summary,
                                  const std::string& material_name) {
  auto cell = [](const std::string& text) {
    std::string out;
    for (char c : one_line(text)) {
      if (c == '|') out += "\\|";
      else if (c == '`') out += "'";
      else out += c;
    }
    return out;
  };
  std::ostringstream out;
  out << "# snipcheck audit of `" << material_name << "`\n\n";
  if (summary.questions.interrupted) {
    out << "**Interrupted**: " << summary.questions.unfinished << " of "
        << summary.questions.total + summary.questions.unfinished << " questions not finished, left out below.\n\n";
  }
  out << "| verdict | questions |\n| --- | --- |\n";
  for (int i = 0; i < k_verdict_count; ++i) {
    int count = summary.questions.count(static_cast<Verdict>(i));
    if (count > 0) out << "| " << to_string(static_cast<Verdict>(i)) << " | " << count << " |\n";
  }
  out << "\n| claim verdict | claims |\n| --- | --- |\n";
  for (int i = 0; i < k_claim_verdict_count; ++i) {
    out << "| " << to_string(static_cast<ClaimVerdict>(i)) << " | " << summary.count(static_cast<ClaimVerdict>(i)) << " |\n";
  }
  out << "\n## Wrong claims\n\n";
  bool any = false;
  for (const AuditQuestion& question : questions) {
    for (const ClaimResult& claim : question.claims) {
      if (claim.verdict != ClaimVerdict::wrong) continue;
      if (!any) out << "| question | material line | claims | prints | why |\n| --- | --- | --- | --- | --- |\n";
      any = true;
      out << "| Q" << question.number << " " << cell(title_with_line(question)) << " | " << material_line(question, claim) << " | `"
          << cell(claim.expected) << "` | `" << cell(printed(claim)) << "` | " << cell(claim.hint) << " |\n";
    }
  }
  if (!any) out << "None.\n";
  out << "\n## Unsure claims (a guess, not failing)\n\n";
  any = false;
  for (const AuditQuestion& question : questions) {
    for (const ClaimResult& claim : question.claims) {
      if (claim.verdict != ClaimVerdict::unsure) continue;
      if (!any) out << "| question | material line | claims | prints | confidence | why |\n| --- | --- | --- | --- | --- | --- |\n";
      any = true;
      char confidence[16];
      std::snprintf(confidence, sizeof confidence, "%.2g", claim.confidence);
      out << "| Q" << question.number << " " << cell(question.title) << " | " << material_line(question, claim) << " | `"
          << cell(claim.expected) << "` | `" << cell(printed(claim)) << "` | " << confidence << " | " << cell(claim.hint)
          << " |\n";
    }
  }
  if (!any) out << "None.\n";
  out << "\n## Not verifiable on this machine\n\n";
  any = false;
  for (const AuditQuestion& question : questions) {
    if (question.result.judgement.verdict != Verdict::unverifiable) continue;
    any = true;
    out << "- Q" << question.number << " " << cell(title_with_line(question)) << ": "
        << cell(question.result.judgement.reason) << "\n";
  }
  if (!any) out << "None.\n";
  out << "\n## Every question\n\n| question | verdict | details |\n| --- | --- | --- |\n";
  for (const AuditQuestion& question : questions) {
    if (!question.result.finished) continue;
    const Judgement& judgement = question.result.judgement;
    out << "| Q" << question.number << " " << cell(title_with_line(question)) << " | " << to_string(judgement.verdict) << " | "
        << cell(judgement.reason.empty() ? claims_summary(question) : judgement.reason) << " |\n";
  }
  return out.str();
}

}  // namespace snipcheck
