// Regular expressions for text from outside: RE2, which matches in time linear in the text and
// without recursion (libstdc++'s std::regex recurses once per character and overflows the stack
// on a line of some 26,000 characters). RE2 has no backreferences or lookaround: write those as
// code. Patterns are byte-oriented (Latin-1 mode), as std::regex was: `.` and `[^']` match any
// byte, and a UTF-8 character in a pattern matches its bytes in sequence (keep multi-byte
// characters out of character classes). `^` and `$` are the text's ends, `.` is never '\n'.
// A pattern that does not compile is a bug in our code (an assert), never a user's error.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace snipcheck {

// One match: group 0 is the whole match, then each capturing group (empty when it took no part).
// The views point into the searched text.
struct RegexMatch {
  std::vector<std::string_view> groups;
  std::size_t offset = 0;  // where group 0 starts in the searched text

  std::string str(std::size_t group) const { return group < groups.size() ? std::string(groups[group]) : std::string(); }
  std::size_t length() const { return groups.empty() ? 0 : groups[0].size(); }
};

enum class RegexCase { sensitive, insensitive };

class Regex {
 public:
  explicit Regex(std::string_view pattern, RegexCase letters = RegexCase::sensitive);
  // A pattern built from text from outside (a claim's shape): nullopt when RE2 refuses it (too
  // large for its memory budget) instead of an assert.
  static std::optional<Regex> compile(std::string_view pattern);
  ~Regex();
  Regex(Regex&&) noexcept;
  Regex& operator=(Regex&&) noexcept;
  Regex(const Regex&) = delete;
  Regex& operator=(const Regex&) = delete;

  // The first (leftmost) match anywhere in `text`.
  std::optional<RegexMatch> search(std::string_view text) const;
  bool found_in(std::string_view text) const;
  // A match of the whole of `text`.
  std::optional<RegexMatch> match_whole(std::string_view text) const;
  bool matches_whole(std::string_view text) const;
  // Every match, left to right, none overlapping (an empty match moves on by one byte).
  std::vector<RegexMatch> find_all(std::string_view text) const;
  // `text` with every match replaced by `replacement`, taken literally.
  std::string replace_all(std::string_view text, std::string_view replacement) const;

  // `text` as a pattern that matches exactly it.
  static std::string quote(std::string_view text);

 private:
  struct Unchecked {};
  Regex(std::string_view pattern, RegexCase letters, Unchecked);
  std::optional<RegexMatch> match_at(std::string_view text, std::size_t start, bool whole) const;

  std::unique_ptr<re2::RE2> m_re;
};

}  // namespace snipcheck
