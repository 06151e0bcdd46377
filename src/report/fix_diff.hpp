// audit --fix: a unified diff against the material that corrects each wrong claim where the
// material writes it, in the claim's own words: a trailing comment or an `# Output: 3` line gets
// its value replaced and keeps its marker (`=>`, `->`, `Output:`), its label (once), its
// approximation (`~`, `about`), its quotes and the note after the value; an Output block has its
// wrong lines replaced and keeps the others; a transcript's echo under a `>>>` prompt is replaced
// whole. Only `wrong` claims are touched. A wrong claim it cannot correct so that the next audit
// finds it correct (its value spans several lines in a one-line comment, the line prints
// nothing, the claim is prose) is listed with the reason instead. Pure text work: it decides no
// verdict and runs nothing.
#pragma once

#include <string>
#include <vector>

#include "report/audit_report.hpp"

namespace snipcheck {

struct FixDiff {
  std::string diff;                   // empty when nothing was corrected
  std::vector<std::string> unfixed;   // "Q3 material line 12: claims 3 — prints 2 lines; ..."
};

// The corrections for every wrong claim of `questions` to `material_text` (the material as
// read), as a patch naming `material_name` (applies with `patch -p1` and `git apply`).
FixDiff render_fix_diff(const std::string& material_text, const std::string& material_name,
                        const std::vector<AuditQuestion>& questions);

// One comment claim rewritten to say `actual` (what its statement printed, one line) in its own
// style: `claim.text` with its value replaced. On failure, why it cannot be.
struct CommentFix {
  std::string text;     // the corrected comment, as claim.text is written (without the '#')
  std::string why_not;  // set when there is no correction
};
CommentFix fix_comment(const Claim& claim, const std::string& actual);

}  // namespace snipcheck
