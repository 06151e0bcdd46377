#include "util/regex.hpp"

#include <re2/re2.h>

#include <cassert>

namespace snipcheck {

namespace {

re2::RE2::Options options_for(RegexCase letters) {
  re2::RE2::Options options;
  options.set_encoding(re2::RE2::Options::EncodingLatin1);
  options.set_case_sensitive(letters == RegexCase::sensitive);
  options.set_log_errors(false);
  return options;
}

}  // namespace

Regex::Regex(std::string_view pattern, RegexCase letters, Unchecked)
    : m_re(std::make_unique<re2::RE2>(re2::StringPiece(pattern.data(), pattern.size()), options_for(letters))) {}

Regex::Regex(std::string_view pattern, RegexCase letters) : Regex(pattern, letters, Unchecked{}) {
  assert(m_re->ok() && "a regular expression of ours does not compile");
}

std::optional<Regex> Regex::compile(std::string_view pattern) {
  Regex regex(pattern, RegexCase::sensitive, Unchecked{});
  if (!regex.m_re->ok()) return std::nullopt;
  return regex;
}

Regex::~Regex() = default;
Regex::Regex(Regex&&) noexcept = default;
Regex& Regex::operator=(Regex&&) noexcept = default;

std::optional<RegexMatch> Regex::match_at(std::string_view text, std::size_t start, bool whole) const {
  if (!m_re->ok() || start > text.size()) return std::nullopt;
  std::vector<re2::StringPiece> pieces(static_cast<std::size_t>(m_re->NumberOfCapturingGroups()) + 1);
  re2::StringPiece subject(text.data(), text.size());
  auto anchor = whole ? re2::RE2::ANCHOR_BOTH : re2::RE2::UNANCHORED;
  if (!m_re->Match(subject, start, text.size(), anchor, pieces.data(), static_cast<int>(pieces.size()))) {
    return std::nullopt;
  }
  RegexMatch match;
  match.groups.reserve(pieces.size());
  for (const re2::StringPiece& piece : pieces) {
    match.groups.emplace_back(piece.data() == nullptr ? std::string_view() : std::string_view(piece.data(), piece.size()));
  }
  match.offset = static_cast<std::size_t>(pieces[0].data() - text.data());
  return match;
}

std::optional<RegexMatch> Regex::search(std::string_view text) const { return match_at(text, 0, false); }

bool Regex::found_in(std::string_view text) const {
  return m_re->ok() && re2::RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *m_re);
}

std::optional<RegexMatch> Regex::match_whole(std::string_view text) const { return match_at(text, 0, true); }

bool Regex::matches_whole(std::string_view text) const {
  return m_re->ok() && re2::RE2::FullMatch(re2::StringPiece(text.data(), text.size()), *m_re);
}

std::vector<RegexMatch> Regex::find_all(std::string_view text) const {
  std::vector<RegexMatch> matches;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::optional<RegexMatch> found = match_at(text, start, false);
    if (!found) break;
    std::size_t end = found->offset + found->length();
    start = found->length() == 0 ? end + 1 : end;
    matches.push_back(std::move(*found));
  }
  return matches;
}

std::string Regex::replace_all(std::string_view text, std::string_view replacement) const {
  std::string out;
  out.reserve(text.size());
  std::size_t copied = 0;
  for (const RegexMatch& match : find_all(text)) {
    out.append(text.substr(copied, match.offset - copied));
    out.append(replacement);
    copied = match.offset + match.length();
  }
  out.append(text.substr(copied));
  return out;
}

std::string Regex::quote(std::string_view text) { return re2::RE2::QuoteMeta(re2::StringPiece(text.data(), text.size())); }

}  // namespace snipcheck
