// "Did you mean" for a misspelt key or name: the closest of the allowed
// names by edit distance, offered only when it is close (at most a third
// of the longer word's letters, and at most 3, differ).
#pragma once

#include <string>
#include <vector>

namespace sim {

// Optimal string alignment distance (insertions, deletions,
// substitutions, adjacent transpositions), case-insensitive.
int EditDistance(const std::string& a, const std::string& b);

// "; did you mean \"top_l\"?" for the closest name, or "" when none is
// close enough.
std::string DidYouMean(const std::string& word,
                       const std::vector<std::string>& names);

}  // namespace sim
