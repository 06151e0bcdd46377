// Filter: which questions of a bank `-k` selects, as people type it. A term is a number (`7`,
// `007`: the question with that number), a glob over the id (`0*-gen*`: `*` any run, `?` one
// character), or else a substring of the id (`generators`); letters compare case-blind.
// `not TERM` leaves out what TERM matches. A question is selected when some plain term matches
// it (or there is none) and no `not` term does. Pure functions on ids.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace snipcheck {

// Whether one term (without `not`) matches `id`.
bool filter_term_matches(std::string_view term, std::string_view id);

// Whether `filters` (every -k given; empty selects all) select `id`.
bool filter_selects(const std::vector<std::string>& filters, std::string_view id);

// The ids of `ids` nearest to what the plain terms of `filters` ask for (edit distance to the
// id and to its slug), at most `most`, nearest first: for "no question matches -k 'genrators'
// (closest: 007-generators)".
std::vector<std::string> closest_ids(const std::vector<std::string>& filters, const std::vector<std::string>& ids,
                                     std::size_t most = 3);

// "-k 'genrators' -k 'not slow'": the filters as typed, for messages.
std::string describe_filters(const std::vector<std::string>& filters);

}  // namespace snipcheck
