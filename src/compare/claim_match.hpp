// Claim matching: text comparisons between what a claim says and what was printed, with the
// presentation set aside where it does not matter: addresses and ids, trailing spaces, the order
// of a set's items, how a number is written, several lines joined by commas. Pure functions on
// text; claim_judge.cpp decides what a match means.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace snipcheck {

// What a claim is compared with is bounded by the claim's own size: every way an output can
// match a claim (addresses shortened, lines trimmed, a number written another way, lines joined
// by commas, another set order) keeps the two within a small factor of each other, so an output
// longer than four times the claim plus k_compared_slack bytes cannot match it and is not
// normalized or scanned at all (a 200,000-digit number printed next to "# 1.5"). The work per
// claim is then proportional to the claim, not to whatever the example printed.
constexpr std::size_t k_compared_slack = 4096;
bool comparable_size(std::string_view claim, std::string_view output);

// Lines trimmed, trailing blank lines dropped, addresses (0x...) made equal.
std::string normalize_claim_text(const std::string& text);

// True when `claim` (without markers) and `output` are the same text once addresses, ids and
// trailing spaces are set aside.
bool same_output(const std::string& claim, const std::string& output);

// Output lines joined by ", " (how material often writes several printed lines in one comment).
std::string joined_lines(const std::string& output);

// How the numbers of a claim relate to those of an output with the same text around them.
// Exact (tolerance 0): the same doubles, an int for an int and a float for a float; 8. and 8.0
// are the same number, 0.3 and 0.30000000000000004 are not, nor 2 and 2.0. With a tolerance
// (approximate claims), only the numbers count, each within it. A claim may group digits by
// thousands ("8,697,456" for 8697456).
enum class NumberMatch {
  same,           // the same numbers, perhaps written differently (8. vs 8.0)
  thousands,      // the same, the claim's digits grouped by thousands
  other_value,    // a number of the claim is another value (0.3 for 0.30000000000000004)
  int_for_float,  // an int claimed where a float is printed (2 for 2.0)
  float_for_int,  // a float claimed where an int is printed (2.0 for 2)
  different,      // other numbers, or other text around them
};
NumberMatch number_match(const std::string& claim, const std::string& output, double tolerance);

// number_match() is same or thousands.
bool same_numbers(const std::string& claim, const std::string& output, double tolerance);

// The claim with each "..." string written '...' (how Python's repr quotes a str without a
// single quote in it): material often quotes with ".
std::string with_single_quotes(const std::string& text);

// Top-level items of a bracketed collection: "{1, 'a', (2, 3)}" -> "1", "'a'", "(2, 3)".
std::vector<std::string> collection_items(const std::string& text);

enum class Order { same, set_order, dict_order, different };

// "{3, 1}" vs "{1, 3}": the same set in another order; the same for dicts (whose order counts).
Order compare_unordered(const std::string& claim, const std::string& output);

// The same items in a bracketed collection, in any order: "[1, 2]" and "[2, 1]".
bool same_elements(const std::string& claim, const std::string& output);

// An output block's lines with the notes written after their values taken off: "False   ← two
// lists", "3    <- bool is an int", "True  # same object", "False  (in most cases)" are a value
// and prose. `hedged` marks the lines whose note says the value is not fixed ("(may vary)").
struct BlockValues {
  std::string values;          // the block, each line without its note
  std::vector<bool> hedged;    // per line of `values`
  bool changed = false;        // some line had a note
};
BlockValues block_values(const std::string& block);

// The text without its blank lines: an output block often spaces its groups of lines apart.
std::string without_blank_lines(const std::string& text);

}  // namespace snipcheck
