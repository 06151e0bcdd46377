#include "audit/auditor.hpp"

#include <algorithm>
#include <set>

#include "audit/environment.hpp"
#include "compare/verdict.hpp"
#include "util/regex.hpp"

namespace snipcheck {

namespace {

std::string slice(const std::string& text, std::uint64_t begin, std::uint64_t end) {
  if (begin >= text.size()) return {};
  return text.substr(begin, std::min<std::uint64_t>(end, text.size()) - begin);
}

// A transcript's claim (its documented output follows the prompt's last line, or the blank `...`
// line that ends it) belongs to the last prompt that starts at or before its line, or -1.
int prompt_of(const Outcome& outcome, int line) {
  int found = -1;
  for (std::size_t i = 0; i < outcome.statements.size() && outcome.statements[i].line <= line; ++i) {
    found = static_cast<int>(i);
  }
  return found;
}

// What a statement showed: its stdout, and for a transcript's prompt its stderr too (the REPL
// shows both: an exception's traceback is there).
std::string shown_by(const Outcome& outcome, const StatementOutput& statement, bool transcript) {
  std::string shown = slice(outcome.stdout_text, statement.stdout_begin, statement.stdout_end);
  if (transcript) shown += slice(outcome.stderr_text, statement.stderr_begin, statement.stderr_end);
  return shown;
}

// The index of the top-level statement whose lines hold `line`, or -1.
int statement_of(const Outcome& outcome, int line) {
  for (std::size_t i = 0; i < outcome.statements.size(); ++i) {
    const StatementOutput& statement = outcome.statements[i];
    if (statement.line <= line && line <= statement.end_line) return static_cast<int>(i);
  }
  return -1;
}

std::string environment_of(const ImportedQuestion& imported, const Result& result) {
  if (imported.question.language != Language::python) return "not Python (" + to_string(imported.question.language) + ")";
  if (auto reason = environment_reason(result.outcome, imported.question.code, result.path, imported.session_code)) {
    return *reason;
  }
  if (!imported.question.transcript || result.outcome.error) return "";
  // A transcript goes on after a prompt's exception: one that says this machine lacks something
  // (a module not installed) makes what follows unverifiable all the same.
  for (const StatementOutput& prompt : result.outcome.statements) {
    if (!prompt.error) continue;
    Outcome failed = result.outcome;
    failed.error = prompt.error;
    if (auto reason = environment_reason(failed, imported.question.code, result.path, imported.session_code)) return *reason;
  }
  return "";
}

Evidence evidence_for(const Claim& claim, const ImportedQuestion& imported, const std::vector<PythonLine>& lines,
                      const Result& first, const std::optional<Result>& second) {
  Evidence evidence;
  const Outcome& outcome = first.outcome;
  evidence.unverifiable_reason = environment_of(imported, first);
  const bool transcript = imported.question.transcript;
  evidence.transcript = transcript;
  evidence.example_unverifiable = is_python2(outcome, imported.question.code);
  evidence.whole_output = transcript ? transcript_output(outcome) : outcome.stdout_text;
  evidence.material_lines = imported.question.code_lines;
  for (const StatementOutput& statement : outcome.statements) {
    evidence.statement_outputs.emplace_back(statement.line,
                                            slice(outcome.stdout_text, statement.stdout_begin, statement.stdout_end));
  }
  if (claim.line >= 1 && claim.line <= static_cast<int>(lines.size())) {
    evidence.line_code = lines[static_cast<std::size_t>(claim.line - 1)].code;
    evidence.in_definition = inside_definition(lines, claim.line);
    if (claim.kind == ClaimKind::error) evidence.caught = caught_around(lines, claim.line);
  }
  bool python = imported.question.language == Language::python;
  bool clean_end = python && outcome.ending == Ending::finished && !outcome.error;
  if (claim.scope != ClaimScope::statement || claim.line == 0) {
    evidence.ran = clean_end;
    evidence.stderr_text = outcome.stderr_text;  // the whole example's: where a missing file's text went
    // An example that ran and raised at its end: a block under it may show that exception.
    if (python && outcome.ending == Ending::finished && outcome.error && !outcome.statements.empty() &&
        claim.scope == ClaimScope::whole && !transcript) {
      evidence.error = outcome.error;
    }
  } else if (int index = transcript ? prompt_of(outcome, claim.line) : statement_of(outcome, claim.line);
             index >= 0 && python) {
    const StatementOutput& statement = outcome.statements[static_cast<std::size_t>(index)];
    bool raised = outcome.error && index + 1 == static_cast<int>(outcome.statements.size());
    evidence.ran = !raised;
    if (raised) evidence.error = outcome.error;
    if (statement.error) {  // a prompt's: the transcript went on
      evidence.error = statement.error;
      // After what this machine lacks (a module), a prompt that fails proves nothing of its claim.
      if (!evidence.unverifiable_reason.empty()) evidence.ran = false;
    }
    evidence.output = shown_by(outcome, statement, transcript);
    evidence.stderr_text = slice(outcome.stderr_text, statement.stderr_begin, statement.stderr_end);
    evidence.statement_line = statement.line;
    // What a transcript documents under a prompt is the whole prompt's output.
    evidence.compound = claim.line != statement.line && (!transcript || claim.line < statement.end_line);
    if (second && static_cast<std::size_t>(index) < second->outcome.statements.size()) {
      const StatementOutput& again = second->outcome.statements[static_cast<std::size_t>(index)];
      if (again.line == statement.line) {
        evidence.second_output = shown_by(second->outcome, again, transcript);
      }
    }
  }
  // An example that does not compile ran nothing: a claim that its line raises SyntaxError holds;
  // the others are not judged (running the rest without that line would be another program than
  // the one the reader copies), and say why.
  if (python && outcome.ending == Ending::finished && outcome.error && outcome.statements.empty() &&
      (outcome.error->type == "SyntaxError" || outcome.error->type == "IndentationError" ||
       outcome.error->type == "TabError")) {
    if (claim.kind == ClaimKind::error && claim.scope == ClaimScope::statement && claim.line == outcome.error->line) {
      evidence.error = outcome.error;
    } else if (evidence.unverifiable_reason.empty()) {
      evidence.unverifiable_reason = "not judged: the example does not compile on Python 3.11 (line " +
                                     std::to_string(outcome.error->line) + ": " + outcome.error->type + ": " +
                                     outcome.error->message + ")";
    }
  }
  if (second) evidence.second_whole = second->outcome.stdout_text;
  if (evidence.in_definition) evidence.ran = clean_end;
  return evidence;
}

// Where a claim's probe is evaluated (ProbeRequest::line): right after the statement its line is
// on, or where a commented-out line stands; 0 (after the last statement) for a claim about the
// whole example and one in a def or class body (the body runs when called, not where it stands).
int probe_line(const Claim& claim, const Evidence& evidence) {
  if (claim.scope == ClaimScope::whole || claim.line <= 0 || evidence.in_definition) return 0;
  return claim.line;
}

// Where a claim is in the material: the line it is written on (a transcript's output: the
// output's own; "# Output: 3" under a statement: that comment's), an output block's own line
// (the block's wrong line when one is named), the verification text's; the question's heading
// when nothing else says.
int claim_material_line(const ImportedQuestion& imported, const ClaimResult& result) {
  const MaterialQuestion& question = imported.question;
  const Claim& claim = result.claim;
  if (claim.kind == ClaimKind::verification && question.verification_line > 0) return question.verification_line;
  if (claim.line == 0 && claim.material_line > 0) return claim.material_line + std::max(result.block_line - 1, 0);
  // A transcript's output: where the output is written, not its prompt.
  if (claim.echo && claim.material_line > 0) return claim.material_line;
  int written = claim.text_line > 0 ? claim.text_line : claim.line;
  if (written >= 1 && written <= static_cast<int>(question.code_lines.size())) {
    return question.code_lines[static_cast<std::size_t>(written - 1)];
  }
  return question.source_line;
}

Judgement audit_judgement(const ImportedQuestion& imported, const Result& result, const std::vector<ClaimResult>& claims) {
  std::string environment = environment_of(imported, result);
  if (!environment.empty()) return {Verdict::unverifiable, environment, {}, false};
  if (result.judgement.verdict == Verdict::skipped) return result.judgement;
  // An error the material documents on the line that raised it ("# SyntaxError") is no failure.
  const std::optional<PythonError>& error = result.outcome.error;
  // So is one an output block under the example shows after its output (a whole-example claim
  // that holds and names the exception's type).
  bool documented = error && std::any_of(claims.begin(), claims.end(), [&](const ClaimResult& claim) {
                      return documents_error(claim, *error);
                    });
  if (result.outcome.ending != Ending::finished || (error && !documented) || result.judgement.internal ||
      result.judgement.verdict == Verdict::limit) {
    return result.judgement;
  }
  int wrong = 0, holding = 0;
  for (const ClaimResult& claim : claims) {
    wrong += claim.verdict == ClaimVerdict::wrong ? 1 : 0;
    holding += claim.verdict == ClaimVerdict::correct || claim.verdict == ClaimVerdict::format ||
                       claim.verdict == ClaimVerdict::nondeterministic
                   ? 1
                   : 0;
  }
  if (wrong > 0) return {Verdict::wrong, std::to_string(wrong) + (wrong == 1 ? " wrong claim" : " wrong claims"), {}, false};
  if (holding > 0) return {Verdict::pass, {}, {}, false};
  return {Verdict::no_claim, {}, {}, false};
}

}  // namespace

std::vector<std::string> observed_chains(const std::vector<Question>& questions, const std::vector<Result>& results,
                                         const std::vector<std::vector<std::string>>& files_left) {
  static const Regex missing(R"(No such file or directory: '([^'/][^']*)')");
  std::vector<std::string> after(questions.size());
  std::set<std::string> continued;  // questions that another one runs after
  for (const Question& question : questions) continued.insert(question.settings.after);
  for (std::size_t q = 0; q < questions.size() && q < results.size(); ++q) {
    const std::optional<PythonError>& error = results[q].outcome.error;
    if (!questions[q].settings.after.empty() || !error || error->type != "FileNotFoundError" ||
        error->traceback.find("subprocess.py") != std::string::npos) {
      continue;
    }
    std::optional<RegexMatch> found = missing.search(error->message);
    if (!found) continue;
    std::string file = found->str(1);
    if (file.starts_with("./")) file.erase(0, 2);
    for (std::size_t p = q; p-- > 0;) {
      if (p >= files_left.size() || !std::binary_search(files_left[p].begin(), files_left[p].end(), file)) continue;
      // A block of its own session already ran first, in its directory: no chain to it.
      const std::vector<SessionPart>& session = questions[q].before;
      if (std::any_of(session.begin(), session.end(), [&](const SessionPart& part) { return part.id == questions[p].id; })) {
        break;
      }
      if (!continued.contains(questions[p].id)) after[q] = questions[p].id;
      break;
    }
  }
  return after;
}

SecondRunPlan plan_second_run(const std::vector<ImportedQuestion>& imported, const std::vector<Result>& first) {
  SecondRunPlan plan;
  plan.probes.resize(imported.size());
  plan.needed.resize(imported.size(), false);
  for (std::size_t q = 0; q < imported.size(); ++q) {
    std::vector<PythonLine> lines = scan_python(imported[q].question.code);
    for (const Claim& claim : imported[q].claims) {
      Evidence evidence = evidence_for(claim, imported[q], lines, first[q], std::nullopt);
      ClaimResult result = judge_claim(claim, evidence);
      plan.probes[q].push_back(plan_probe(claim, evidence.line_code, result));
      plan.probes[q].back().request.line = probe_line(claim, evidence);
      if (plan.probes[q].back().intent != ProbeIntent::none || result.verdict == ClaimVerdict::wrong ||
          result.verdict == ClaimVerdict::unsure) {
        plan.needed[q] = true;
      }
    }
  }
  return plan;
}

std::vector<ProbeRequest> planned_probes(const std::vector<ProbePlan>& plans) {
  std::vector<ProbeRequest> requests;
  for (const ProbePlan& plan : plans) {
    if (plan.intent != ProbeIntent::none) requests.push_back(plan.request);
  }
  return requests;
}

std::vector<AuditQuestion> audit_results(const std::vector<ImportedQuestion>& imported, const std::vector<Result>& first,
                                         const std::vector<std::optional<Result>>& second, const ProbePlans& plans) {
  std::vector<AuditQuestion> questions;
  for (std::size_t q = 0; q < imported.size(); ++q) {
    const ImportedQuestion& item = imported[q];
    AuditQuestion question;
    question.number = item.question.number;
    question.id = item.id;
    question.title = item.question.title;
    question.source_line = item.question.source_line;
    question.code_lines = item.question.code_lines;
    question.verification_line = item.question.verification_line;
    question.result = first[q];
    if (!question.result.finished) {  // interrupted: nothing to judge its claims by
      questions.push_back(std::move(question));
      continue;
    }
    const std::vector<std::optional<ProbeResult>> no_probes;
    const std::vector<std::optional<ProbeResult>>& probes = second[q] ? second[q]->outcome.probes : no_probes;
    std::vector<PythonLine> lines = scan_python(item.question.code);
    std::size_t probe_index = 0;
    for (std::size_t c = 0; c < item.claims.size(); ++c) {
      Evidence evidence = evidence_for(item.claims[c], item, lines, first[q], second[q]);
      evidence.probe = plans[q][c];
      if (evidence.probe.intent != ProbeIntent::none) {
        if (probe_index < probes.size()) evidence.probe_result = probes[probe_index];
        ++probe_index;
      }
      question.claims.push_back(judge_claim(item.claims[c], evidence));
      question.claims.back().material_line = claim_material_line(item, question.claims.back());
    }
    question.result.judgement = audit_judgement(item, first[q], question.claims);
    questions.push_back(std::move(question));
  }
  return questions;
}

}  // namespace snipcheck
