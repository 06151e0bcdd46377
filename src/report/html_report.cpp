#include "report/html_report.hpp"

#include <set>

#include <fmt/format.h>

#include "compare/verdict.hpp"
#include "util/text.hpp"

namespace snipcheck {

namespace {

constexpr const char* k_style = R"(
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d1f21;background:#f6f7f9}
header{background:#24292f;color:#fff;padding:14px 24px}header h1{margin:0;font-size:18px}
main{padding:16px 24px}#summary{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:12px 16px}
#summary table{border-collapse:collapse;margin-top:8px}#summary td{padding:2px 12px 2px 0}
#filters{margin:14px 0}#filters button{margin:0 6px 6px 0;padding:4px 10px;border:1px solid #d0d7de;border-radius:14px;background:#fff;cursor:pointer}
#filters button.on{background:#0969da;color:#fff;border-color:#0969da}
section.q{background:#fff;border:1px solid #d0d7de;border-left:6px solid #2da44e;border-radius:6px;margin:10px 0;padding:8px 14px}
section.q.failing{border-left-color:#cf222e}section.q h2{font-size:15px;margin:4px 0}
.verdict{display:inline-block;min-width:86px;font-weight:600}.failing .verdict{color:#cf222e}.reason{color:#57606a}
pre{margin:4px 0;white-space:pre-wrap;word-break:break-all;font:12.5px/1.4 ui-monospace,monospace}
table.code{border-collapse:collapse;width:100%;background:#f6f8fa}table.code pre{margin:0}table.code td{vertical-align:top;padding:0 8px}
td.ln{color:#8c959f;text-align:right;user-select:none;width:1%;white-space:nowrap;font:12.5px/1.4 ui-monospace,monospace}
tr.hit{background:#ffebe9}tr.claim td{padding:2px 8px 4px 8px}.claim .cv{font-weight:600}
tr.claim.bad{background:#fff1f0}tr.claim.bad .cv{color:#cf222e}tr.claim.good .cv{color:#1a7f37}
.diff .add{color:#1a7f37;background:#e6ffec}.diff .del{color:#cf222e;background:#ffebe9}.diff .hunk{color:#8250df}
h3{font-size:13px;margin:10px 0 2px;color:#57606a}
)";

// Shows the sections whose verdict the pressed button names ("all", "failing", a verdict); the
// address keeps it (REPORT.html#filter=failing opens filtered).
constexpr const char* k_script = R"(
(function(){
  var buttons=document.querySelectorAll('#filters button');
  function show(filter){
    document.querySelectorAll('section.q').forEach(function(s){
      s.hidden=!(filter==='all'||(filter==='failing'&&s.classList.contains('failing'))||s.dataset.verdict===filter);
    });
    buttons.forEach(function(b){b.classList.toggle('on',b.dataset.filter===filter);});
  }
  buttons.forEach(function(b){b.addEventListener('click',function(){show(b.dataset.filter);location.hash='filter='+b.dataset.filter;});});
  var asked=/^#filter=([a-z_]+)$/.exec(location.hash);
  if(asked)show(asked[1]);
})();
)";

std::string pre(const std::string& css_class, const std::string& text) {
  return "<pre class=\"" + css_class + "\">" + html_escape(text) + "</pre>\n";
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::string render_diff(const std::string& diff) {
  std::string out = "<pre class=\"diff\">";
  for (const std::string& line : split_lines(diff)) {
    const char* css = "";
    if (line.starts_with("+++") || line.starts_with("---")) css = "head";
    else if (line.starts_with("+")) css = "add";
    else if (line.starts_with("-")) css = "del";
    else if (line.starts_with("@@")) css = "hunk";
    out += fmt::format("<span class=\"{}\">{}</span>\n", css, html_escape(line));
  }
  return out + "</pre>\n";
}

// The code, a row per line with its number; `marked` (as shown) highlighted; each claim in a
// row under its line.
std::string render_code(const HtmlEntry& entry, int marked, const std::string& anchor) {
  std::vector<std::string> lines = split_lines(entry.code);
  std::string out = "<table class=\"code\">\n";
  std::set<std::size_t> placed;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const int number = i < entry.line_numbers.size() ? entry.line_numbers[i] : static_cast<int>(i) + 1;
    out += fmt::format("<tr id=\"{}-L{}\"{}><td class=\"ln\">{}</td><td><pre>{}</pre></td></tr>\n", anchor, number,
                       number == marked ? " class=\"hit\"" : "", number, html_escape(lines[i]));
    for (std::size_t c = 0; c < entry.claims.size(); ++c) {
      const HtmlClaim& claim = entry.claims[c];
      if (claim.line != number) continue;
      placed.insert(c);
      out += fmt::format("<tr class=\"claim {}\"><td class=\"ln\"></td><td><span class=\"cv\">{}</span> {}{}</td></tr>\n",
                         claim.failing ? "bad" : "good", html_escape(claim.verdict), html_escape(claim.text),
                         claim.hint.empty() ? "" : " &mdash; " + html_escape(claim.hint));
    }
  }
  out += "</table>\n";
  // A claim whose line is not a code line (in prose, a Verification: text) follows the code.
  for (std::size_t c = 0; c < entry.claims.size(); ++c) {
    if (placed.contains(c)) continue;
    const HtmlClaim& claim = entry.claims[c];
    out += fmt::format("<p class=\"claim {}\">{}<span class=\"cv\">{}</span> {}{}</p>\n",
                       claim.failing ? "bad" : "good", claim.line > 0 ? fmt::format("line {}: ", claim.line) : "", html_escape(claim.verdict), html_escape(claim.text),
                       claim.hint.empty() ? "" : " &mdash; " + html_escape(claim.hint));
  }
  return out;
}

std::string render_entry(const HtmlEntry& entry, std::size_t index) {
  const Result& result = *entry.result;
  const Outcome& outcome = result.outcome;
  const std::string verdict = to_string(result.judgement.verdict);
  const std::string anchor = "q" + std::to_string(index);
  int marked = outcome.error ? outcome.error->line : 0;
  if (marked == 0 && !outcome.stack.empty()) marked = line_in_stack(outcome.stack, result.path);
  // The code's own numbers are 1, 2, ...; an audit shows the material's for the same lines.
  if (marked > 0 && !entry.line_numbers.empty() && static_cast<std::size_t>(marked) <= entry.line_numbers.size()) {
    marked = entry.line_numbers[static_cast<std::size_t>(marked) - 1];
  }
  std::string out = fmt::format("<section class=\"q{}\" id=\"{}\" data-verdict=\"{}\" data-id=\"{}\">\n",
                                entry.failing ? " failing" : "", anchor, html_escape(verdict), html_escape(result.id));
  out += fmt::format("<h2><span class=\"verdict\">{}</span> <span class=\"id\">{}</span> <span class=\"reason\">{} &middot; {} ms</span></h2>\n",
                     html_escape(verdict), html_escape(result.id),
                     html_escape(result.judgement.reason.empty() ? result.file : result.judgement.reason),
                     outcome.duration_ms);
  if (!entry.title.empty()) out += "<p class=\"title\">" + html_escape(entry.title) + "</p>\n";
  out += "<details" + std::string(entry.failing ? " open" : "") + "><summary>" + html_escape(result.file) +
         "</summary>\n";
  if (!entry.code.empty()) out += render_code(entry, marked, anchor);
  // An audit's "diff" lists its wrong claims, which are shown under their lines already.
  if (!result.judgement.diff.empty() && entry.claims.empty()) out += "<h3>diff</h3>\n" + render_diff(result.judgement.diff);
  if (outcome.error && !outcome.error->traceback.empty()) out += "<h3>traceback</h3>\n" + pre("traceback", outcome.error->traceback);
  if (!outcome.stack.empty()) out += "<h3>Python stack when it was stopped</h3>\n" + pre("stack", outcome.stack);
  if (!outcome.stderr_text.empty() && !(outcome.error && outcome.stderr_text.find(outcome.error->traceback) != std::string::npos)) {
    out += "<h3>stderr</h3>\n" + pre("stderr", outcome.stderr_text);
  }
  if (!outcome.stdout_text.empty() && result.judgement.diff.empty() && entry.failing) {
    out += "<h3>stdout</h3>\n" + pre("stdout", outcome.stdout_text);
  }
  return out + "</details>\n</section>\n";
}

}  // namespace

std::string html_escape(std::string_view text) {
  const std::string visible = visible_controls(text);
  std::string out;
  out.reserve(visible.size());
  for (char c : visible) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string render_html_report(const HtmlReport& report) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  // Nothing from the network, ever: the page is opened from CI artefacts and mail.
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
         "script-src 'unsafe-inline'; img-src data:\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + html_escape(report.title) + "</title>\n<style>" + k_style + "</style>\n</head>\n<body>\n";
  out += "<header><h1>" + html_escape(report.title) + "</h1></header>\n<main>\n";
  out += "<section id=\"summary\">\n<p class=\"line\">" + html_escape(report.summary_line) + "</p>\n<table>\n";
  for (const auto& [name, count] : report.counts) {
    out += fmt::format("<tr data-count=\"{}\"><td>{}</td><td>{}</td></tr>\n", html_escape(name), html_escape(name), count);
  }
  out += "</table>\n</section>\n";
  // The filter: every verdict that occurs, in the order of the verdicts.
  std::vector<std::string> verdicts;
  for (int i = 0; i < k_verdict_count; ++i) {
    const std::string name = to_string(static_cast<Verdict>(i));
    for (const HtmlEntry& entry : report.entries) {
      if (to_string(entry.result->judgement.verdict) != name) continue;
      verdicts.push_back(name);
      break;
    }
  }
  out += "<nav id=\"filters\"><button data-filter=\"all\" class=\"on\">all</button><button data-filter=\"failing\">failing</button>";
  for (const std::string& verdict : verdicts) {
    out += fmt::format("<button data-filter=\"{}\">{}</button>", html_escape(verdict), html_escape(verdict));
  }
  out += "</nav>\n<div id=\"questions\">\n";
  for (std::size_t i = 0; i < report.entries.size(); ++i) out += render_entry(report.entries[i], i);
  out += "</div>\n</main>\n<script>" + std::string(k_script) + "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace snipcheck
