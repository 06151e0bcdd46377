// The claim extractor on arbitrary bytes, as the importer and the auditor call it: the first line
// is the question's verification sentence, the rest its example code; a line "---" starts a
// documented output block. Each claim is then judged against the code's text as the output, so
// the claim matcher sees the same bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "claims/claim.hpp"
#include "audit/claim_judge.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  snipcheck::MaterialQuestion question;
  std::size_t newline = text.find('\n');
  question.verification = std::string(text.substr(0, newline));
  std::string_view rest = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
  std::size_t separator = rest.find("\n---\n");
  question.code = std::string(rest.substr(0, separator));
  if (separator != std::string_view::npos) question.outputs.push_back({0, std::string(rest.substr(separator + 5)), 1, ""});
  for (std::size_t i = 0; i < question.code.size(); ++i) {
    if (question.code[i] == '\n') question.code_lines.push_back(static_cast<int>(question.code_lines.size()) + 1);
  }
  std::vector<snipcheck::Claim> claims = snipcheck::extract_claims(question);
  snipcheck::Evidence evidence;
  evidence.ran = true;
  evidence.output = question.code;
  evidence.whole_output = question.code;
  for (const snipcheck::Claim& claim : claims) {
    snipcheck::ClaimResult first = snipcheck::judge_claim(claim, evidence);
    (void)snipcheck::plan_probe(claim, question.verification, first);
  }
  return 0;
}
