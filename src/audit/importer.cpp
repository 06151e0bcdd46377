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

// A claim stated for another Python ("Output (< Python 3.7):", "# in 3.12: 1.0") says nothing
// of what this one prints: it is no expected output here.
bool claims_output(const Claim& claim) {
  return claim.scope != ClaimScope::namespace_ && covers_this_python(stated_python(claim)) &&
         (claim.kind == ClaimKind::output || claim.kind == ClaimKind::approximate || claim.kind == ClaimKind::example);
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
                                                bool& ellipsis) {
  ellipsis = false;
  for (const Claim& claim : claims) {
    if (claim.scope == ClaimScope::whole && claim.kind == ClaimKind::output && covers_this_python(stated_python(claim))) {
      return claim.value + "\n";
    }
  }
  std::map<int, const Claim*> by_line;
  for (const Claim& claim : claims) {
    if (claims_output(claim) && claim.line > 0 && !by_line.contains(claim.line)) by_line[claim.line] = &claim;
  }
  if (by_line.empty()) return std::nullopt;
  std::vector<PythonLine> lines = scan_python(code);
  std::string expected;
  auto placeholder = [&] {
    if (!expected.ends_with("...")) expected += "...";
    ellipsis = true;
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    int number = static_cast<int>(i) + 1;
    auto found = by_line.find(number);
    if (found == by_line.end()) {
      // Output nobody documented: print() lines without a claim.
      // (A print() in a def body prints when the function is called, under another line.)
      if (lines[i].code.find("print(") != std::string::npos && !inside_definition(lines, number)) placeholder();
      continue;
    }
    const Claim& claim = *found->second;
    if (claim.kind != ClaimKind::output) {
      placeholder();
      expected += "\n";
      continue;
    }
    expected += (claim.label.empty() ? claim.value : claim.label + ": " + claim.value) + "\n";
  }
  if (expected.find("...") != std::string::npos) ellipsis = true;
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
    bool ellipsis = false;
    if (imported.question.language == Language::python && imported.question.transcript) {
      entry.mode = RunMode::repl;
      entry.expected = expected_from_transcript(imported.question, ellipsis);
    } else if (imported.question.language == Language::python) {
      entry.expected = expected_from_claims(imported.question.code, imported.claims, ellipsis);
    }
    if (ellipsis) entry.compare = CompareMode::ellipsis;
    plan.draft.entries.push_back(std::move(entry));
  }
  return plan;
}

}  // namespace snipcheck
