#include "sim/experiment/spec/did_you_mean.h"

#include <algorithm>
#include <cctype>

namespace sim {

int EditDistance(const std::string& a, const std::string& b) {
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1));
  for (size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
  const auto same = [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  };
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      d[i][j] =
          std::min({d[i - 1][j] + 1, d[i][j - 1] + 1,
                    d[i - 1][j - 1] + (same(a[i - 1], b[j - 1]) ? 0 : 1)});
      if (i > 1 && j > 1 && same(a[i - 1], b[j - 2]) &&
          same(a[i - 2], b[j - 1]))
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[n][m];
}

std::string DidYouMean(const std::string& word,
                       const std::vector<std::string>& names) {
  const std::string* best = nullptr;
  int best_distance = 0;
  for (const std::string& name : names) {
    const int distance = EditDistance(word, name);
    if (!best || distance < best_distance) {
      best = &name;
      best_distance = distance;
    }
  }
  if (!best || best_distance == 0) return "";
  const int longer = static_cast<int>(std::max(word.size(), best->size()));
  if (best_distance > 3 || 3 * best_distance > longer) return "";
  return "; did you mean \"" + *best + "\"?";
}

}  // namespace sim
