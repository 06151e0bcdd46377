// Import: turns material into a bank draft. Each question with code becomes NNN-slug (its number
// and title), its code written exactly, its expected output derived from its claims (`...` for
// an example value or output nobody documented; no file when nothing is claimed), its title,
// source line and language as settings, a chain (`after`) where it uses a file that an
// earlier example creates, and `continues` for a block that continues its session (Markdown: the
// Python blocks under one heading). Shared by `import` (which writes the draft) and `audit`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bank/bank_writer.hpp"
#include "claims/claim.hpp"
#include "material/material.hpp"

namespace snipcheck {

struct ImportedQuestion {
  MaterialQuestion question;
  std::string id;               // "007-generators"
  std::vector<Claim> claims;
  // The index in ImportPlan::questions of the earlier question whose session this one continues
  // (its `continues` setting); nullopt: it runs alone.
  std::optional<std::size_t> continues;
  std::string session_code;     // the code of the earlier blocks of its session, joined, oldest first
};

// Whether import follows the material's sessions (Markdown blocks under one heading) or keeps
// every block alone (`import --no-sessions`, `audit --no-sessions`).
enum class Sessions { follow, alone };

struct ImportPlan {
  std::vector<ImportedQuestion> questions;  // those with code, in material order
  BankDraft draft;                          // entries in the same order
};

ImportPlan plan_import(const Material& material, Sessions sessions = Sessions::follow);

// The earlier questions of question `index`'s session (ImportedQuestion::continues followed
// back), oldest first, as indexes into `questions`.
std::vector<std::size_t> session_of(const std::vector<ImportedQuestion>& questions, std::size_t index);

// The documented stdout of a question, or nullopt when it claims no output, and the compare mode
// it is held to: `claims` (compare.hpp claims_match(), the audit's tolerances) when a claim about
// output is in it, `ellipsis` when only placeholders are. It holds only the claims the audit
// would fail: about output, not a guess, not stated for another Python, not a comment on a line
// that only sets a value; `...` stands for what is not documented (example values, the print()s
// and calls without a claim, an object id); an approximate claim is `~ value`, a label stays in
// front of its value.
std::optional<std::string> expected_from_claims(const std::string& code, const std::vector<Claim>& claims,
                                                CompareMode& mode);

// What the REPL shows for a transcript (MaterialQuestion::transcript): every prompt's documented
// output, in order (empty when no prompt shows anything: that too is what it shows); `ellipsis`
// is set when that text holds `...` outside its tracebacks (doctest's ELLIPSIS).
std::string expected_from_transcript(const MaterialQuestion& question, bool& ellipsis);

// For each question (same order), the id it should run after, or "": a later example that uses
// a file (by name) that an earlier one creates runs after it, in its working directory.
std::vector<std::string> propose_chains(const std::vector<ImportedQuestion>& questions);

}  // namespace snipcheck
