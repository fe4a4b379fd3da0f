// Expert-choice routing's selection: the l largest of n routing values,
// best first, ties to the lower patch index (a stable descending sort's
// first l).
#pragma once

namespace sim {

// By insertion into a sorted buffer: patches arrive in index order and an
// equal value never displaces an earlier one. Any n; the reference.
template <typename Scalar>
void TopLByInsertion(const Scalar* g, int n, int l, int* top) {
  int filled = 0;
  for (int j = 0; j < n; ++j) {
    if (filled == l && !(g[j] > g[top[l - 1]])) continue;
    int pos = filled < l ? filled++ : l - 1;
    while (pos > 0 && g[j] > g[top[pos - 1]]) {
      top[pos] = top[pos - 1];
      --pos;
    }
    top[pos] = j;
  }
}

// The same selection by rank (the values above it plus the equal ones
// before it), branch-free and vectorisable: insertion's branches are
// unpredictable on random values and cost more than the n^2 comparisons
// for the few patches of an image. Insertion above kMaxRankPatches, and
// where values that do not compare (NaN) leave the ranks incomplete.
template <typename Scalar>
void TopL(const Scalar* g, int n, int l, int* top) {
  constexpr int kMaxRankPatches = 64;
  if (n <= kMaxRankPatches) {
    int rank[kMaxRankPatches] = {};
    for (int i = 0; i < n; ++i) {
      const Scalar value = g[i];  // does it rank above patch j?
      for (int j = 0; j < n; ++j)
        rank[j] += int(value > g[j]) | (int(value == g[j]) & int(i < j));
    }
    for (int t = 0; t < l; ++t) top[t] = -1;
    int placed = 0, ranked = 0;  // slots filled, patches ranked below l
    for (int j = 0; j < n; ++j) {
      if (rank[j] < l) {
        placed += top[rank[j]] < 0;
        ++ranked;
        top[rank[j]] = j;
      }
    }
    if (placed == l && ranked == l) return;
  }
  TopLByInsertion(g, n, l, top);
}

}  // namespace sim
