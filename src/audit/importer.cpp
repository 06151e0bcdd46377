#include "audit/importer.hpp"

#include <map>
#include <set>

#include "audit/claim_judge.hpp"
#include "compare/compare.hpp"
#include "util/regex.hpp"

namespace snipcheck {

namespace {

std::string three_digits(int number) {
  std::string text = std::to_string(number);
  return std::string(3 - std::min<std::size_t>(3, text.size()), '0') + text;
}

// A claim an expected file may hold: one about output (an example value only by its shape), not
// a guess (a comment read as a claim with a confidence below 1, which the audit never fails),
// and stated for no other Python than this one (a version-dependent claim the audit never fails).
bool expects_output(const Claim& claim) {
  if (claim.scope == ClaimScope::namespace_ || claim.confidence < 1.0) return false;
  if (claim.kind != ClaimKind::output && claim.kind != ClaimKind::approximate && claim.kind != ClaimKind::example) {
    return false;
  }
  const std::string stated = stated_python(claim);
  return stated.empty() || covers_this_python(stated);
}

bool guessed(const Claim& claim) {
  Claim sure = claim;
  sure.confidence = 1.0;
  return claim.confidence < 1.0 && expects_output(sure);
}

// A line that sets a value and prints nothing (`x = ...`, `lst.append(3)`): its comment states a
// value afterwards (the audit checks it by a probe and calls it descriptive), not output.
bool states_value(const std::string& line) {
  static const Regex assignment(R"(^\s*[A-Za-z_][\w.\[\]'"]*\s*(=|\+=|-=|\*=|/=)[^=].*$)");
  static const Regex method(
      R"(^\s*[A-Za-z_]\w*\.(append|extend|insert|remove|pop|sort|reverse|add|update|clear|discard|setdefault|appendleft|popleft|rotate)\(.*\)\s*$)");
  return line.find("print(") == std::string::npos && (assignment.matches_whole(line) || method.matches_whole(line));
}

// A line that prints an object id: its value changes every run, the audit never counts it.
bool prints_id(const std::string& line) {
  static const Regex call(R"((^|[^\w.])id\()");
  return call.found_in(line);
}

// The functions and classes the code defines (`def name`, `class Name`), whose calls may print.
std::set<std::string> defined_names(const std::vector<PythonLine>& lines) {
  static const Regex definition(R"(^\s*(?:async\s+)?(?:def|class)\s+([A-Za-z_]\w*))");
  std::set<std::string> names;
  for (const PythonLine& line : lines) {
    if (std::optional<RegexMatch> found = definition.search(line.code)) names.insert(found->str(1));
  }
  return names;
}

// A line whose calls may print: print() and other calls, not a definition, an import or a
// decorator; a line that sets a value only when it calls a function or class the code defines.
bool may_print(const std::string& line, const std::set<std::string>& defined) {
  static const Regex quiet(R"(^\s*(def|class|async\s+def|import|from|@|return|raise)\b)");
  if (line.find('(') == std::string::npos || quiet.found_in(line)) return false;
  if (line.find("print(") != std::string::npos || !states_value(line)) return true;
  static const Regex call(R"(([A-Za-z_]\w*)\s*\()");
  for (const RegexMatch& found : call.find_all(line)) {
    if (defined.contains(found.str(1))) return true;
  }
  return false;
}

// Files the code creates, by name: open(..., "w"), Path(...).write_text, makedirs, to_csv, and
// a database that it creates tables in.
enum class Scope { working_directory, anywhere };

std::set<std::string> created_files(const std::string& code, Scope scope) {
  static const std::pair<Regex, std::size_t> writes[] = {
      {Regex(R"re(open\(\s*["']([^"']+)["']\s*,\s*["'][wax])re"), 1},
      {Regex(R"re(["']([^"']+)["']\s*\)\s*\.(write_text|write_bytes|mkdir|touch))re"), 1},
      {Regex(R"re((makedirs|mkdir)\(\s*["']([^"']+)["'])re"), 2},
      {Regex(R"re(to_(csv|json|parquet)\(\s*["']([^"']+)["'])re"), 2},
  };
  std::set<std::string> files;
  for (const auto& [pattern, group] : writes) {
    for (const RegexMatch& found : pattern.find_all(code)) {
      // `folder / "name"` creates the name inside another folder: not in the working directory.
      std::size_t at = found.offset;
      bool joined = at >= 2 && code.compare(at - 2, 2, "/ ") == 0;
      if (!joined || scope == Scope::anywhere) files.insert(found.str(group));
    }
  }
  static const Regex database(R"re(connect\(\s*["']([^"']+)["'])re");
  if (code.find("CREATE TABLE") != std::string::npos) {
    for (const RegexMatch& found : database.find_all(code)) files.insert(found.str(1));
  }
  return files;
}

// Quoted names that look like files ("data.txt", "sqlite:///app.db" -> "app.db").
std::set<std::string> used_files(const std::string& code) {
  static const Regex quoted(R"re(["'](?:sqlite:///)?([\w./-]+\.[A-Za-z]\w{0,4})["'])re");
  std::set<std::string> files;
  for (const RegexMatch& found : quoted.find_all(code)) files.insert(found.str(1));
  return files;
}

}  // namespace

std::optional<std::string> expected_from_claims(const std::string& code, const std::vector<Claim>& claims,
                                                CompareMode& mode) {
  mode = CompareMode::exact;
  for (const Claim& claim : claims) {
    // An output block after the code (a `# Output` comment block inside it is in line order, below).
    if (claim.scope != ClaimScope::whole || claim.line > 0 || !expects_output(claim)) continue;
    // The block is the whole output, as written (a bank rendered as Markdown imports back to
    // the same expected files); its lines held as the audit holds them.
    mode = CompareMode::claims;
    return claim.value + "\n";
  }
  std::vector<PythonLine> lines = scan_python(code);
  const std::set<std::string> defined = defined_names(lines);
  std::map<int, const Claim*> by_line;
  for (const Claim& claim : claims) {
    if (claim.scope != ClaimScope::namespace_ && claim.line > 0 && claim.line <= static_cast<int>(lines.size()) &&
        !by_line.contains(claim.line)) {
      by_line[claim.line] = &claim;
    }
  }
  bool claimed = false, example = false;
  std::string expected;
  auto placeholder = [&] {
    if (!expected.ends_with("...\n")) expected += "...\n";
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    int number = static_cast<int>(i) + 1;
    const std::string& line = lines[i].code;
    auto found = by_line.find(number);
    // A guess (a comment read as a claim with a confidence below 1) is documented output the audit
    // never fails: `...`, as an example value.
    if (found != by_line.end() && guessed(*found->second) && !states_value(line)) {
      placeholder();
      example = true;
      continue;
    }
    if (found == by_line.end() || !expects_output(*found->second) || states_value(line) || prints_id(line)) {
      // Output nobody documented (or a comment that documents none): print() and other calls.
      // (A def body prints when the function is called, under another line.)
      if (may_print(line, defined) && !inside_definition(lines, number)) placeholder();
      continue;
    }
    const Claim& claim = *found->second;
    if (claim.kind == ClaimKind::example) {  // a shape the audit finds or leaves unverifiable: never wrong
      placeholder();
      example = true;
      continue;
    }
    // In the body of a loop or a with, the claim may be one iteration's line of the statement's
    // output, as the audit holds it: what the other iterations print is not documented.
    const bool in_body = !line.empty() && top_level_line(lines, number) != number && !inside_definition(lines, number);
    if (in_body) placeholder();
    std::string text = claim.label.empty() ? claim.value : claim.label + ": " + claim.value;
    expected += (claim.kind == ClaimKind::approximate ? "~ " + text : text) + "\n";
    if (in_body) placeholder();
    claimed = true;
  }
  if (!claimed && !example) return std::nullopt;
  mode = claimed ? CompareMode::claims : CompareMode::ellipsis;
  return expected;
}

std::string expected_from_transcript(const MaterialQuestion& question, bool& ellipsis) {
  std::string expected;
  for (const DocumentedOutput& output : question.outputs) {
    if (output.after_line > 0) expected += output.text;
  }
  ellipsis = collapse_tracebacks(expected).find("...") != std::string::npos;  // a traceback's `...` is no ellipsis
  return expected;
}

std::vector<std::string> propose_chains(const std::vector<ImportedQuestion>& questions) {
  std::vector<std::string> after(questions.size());
  std::map<std::string, std::size_t> creator;     // file -> latest question that creates it
  std::map<std::size_t, std::size_t> chain_tail;  // first of a chain -> its last question
  std::vector<std::size_t> chain_of(questions.size());
  for (std::size_t i = 0; i < questions.size(); ++i) {
    chain_of[i] = i;
    const std::string& code = questions[i].question.code;
    if (questions[i].question.language != Language::python) continue;
    std::set<std::string> creates = created_files(code, Scope::working_directory);
    std::set<std::string> own = created_files(code, Scope::anywhere);
    for (const std::string& file : used_files(code)) {
      if (own.contains(file)) continue;
      auto found = creator.find(file);
      if (found == creator.end()) continue;
      // Join the end of the creator's chain, so that one chain runs as a line, in order.
      std::size_t root = chain_of[found->second];
      std::size_t tail = chain_tail.contains(root) ? chain_tail[root] : root;
      after[i] = questions[tail].id;
      chain_of[i] = root;
      chain_tail[root] = i;
      break;
    }
    for (const std::string& file : creates) creator[file] = i;
  }
  return after;
}

std::vector<std::size_t> session_of(const std::vector<ImportedQuestion>& questions, std::size_t index) {
  std::vector<std::size_t> chain;
  for (std::optional<std::size_t> at = questions[index].continues; at && *at < index && chain.size() < questions.size();
       at = questions[*at].continues) {
    chain.push_back(*at);
    index = *at;
  }
  return {chain.rbegin(), chain.rend()};
}

ImportPlan plan_import(const Material& material, Sessions sessions) {
  ImportPlan plan;
  plan.draft.source = std::filesystem::path(material.file).filename().string();
  std::vector<std::optional<std::size_t>> planned(material.questions.size());  // material index -> plan index
  for (std::size_t m = 0; m < material.questions.size(); ++m) {
    const MaterialQuestion& question = material.questions[m];
    if (!question.has_code()) continue;
    ImportedQuestion imported;
    imported.question = question;
    imported.id = three_digits(question.number) + "-" + slug_of(question.title);
    imported.claims = extract_claims(question);
    // The reader names the block it continues among all of its questions; the plan has only
    // those with code (and the reader links only to those).
    if (sessions == Sessions::follow && question.continues && *question.continues < m) {
      imported.continues = planned[*question.continues];
    }
    planned[m] = plan.questions.size();
    plan.questions.push_back(std::move(imported));
  }
  std::vector<std::string> chains = propose_chains(plan.questions);
  for (std::size_t i = 0; i < plan.questions.size(); ++i) {
    // A file an earlier block of its own session makes is made again when that block runs
    // first, in this question's directory: no chain then.
    for (std::size_t earlier : session_of(plan.questions, i)) {
      if (plan.questions[earlier].id == chains[i]) chains[i].clear();
      plan.questions[i].session_code += plan.questions[earlier].question.code + "\n";
    }
  }
  for (std::size_t i = 0; i < plan.questions.size(); ++i) {
    const ImportedQuestion& imported = plan.questions[i];
    BankEntry entry;
    entry.id = imported.id;
    entry.code = imported.question.code;
    entry.title = imported.question.title;
    entry.source_line = imported.question.source_line;
    entry.language = to_string(imported.question.language);
    entry.after = chains[i];
    if (imported.continues) entry.continues = plan.questions[*imported.continues].id;
    if (imported.question.language == Language::python && imported.question.transcript) {
      bool ellipsis = false;
      entry.mode = RunMode::repl;
      entry.expected = expected_from_transcript(imported.question, ellipsis);
      // What each prompt shows is held as the audit holds its echo: addresses aside, a value
      // written another way (' for "), doctest's `...` (claims_match() reads it too).
      entry.compare = CompareMode::claims;
    } else if (imported.question.language == Language::python) {
      entry.expected = expected_from_claims(imported.question.code, imported.claims, entry.compare);
    }
    plan.draft.entries.push_back(std::move(entry));
  }
  return plan;
}

}  // namespace snipcheck
