// A generated data set: N samples of n patches of dimension d, stored
// contiguously so a minibatch is a block of rows [pmoe-paper.md §1.1].
#pragma once

#include <Eigen/Core>
#include <vector>

namespace sim {

template <typename Scalar>
using RowMatrix =
    Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <typename Scalar>
using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

template <typename Scalar>
struct Dataset {
  int num_samples = 0;  // N
  int num_patches = 0;  // n
  int patch_dim = 0;    // d
  // (N * n, d): rows i*n .. i*n+n-1 are the patches x^(1..n) of sample i.
  RowMatrix<Scalar> patches;
  std::vector<int> labels;           // (N), y in {+1, -1}
  std::vector<int> signal_position;  // (N), index j with x^(j) = o1 or o2
  std::vector<int> num_close;        // (N), delta'-closer irrelevant patches
  std::vector<int> cluster;          // (N), cluster k (cluster data only)
  std::vector<double> targets;       // (N), real y (regression data only)

  auto Sample(int i) const {
    return patches.middleRows(static_cast<Eigen::Index>(i) * num_patches,
                              num_patches);
  }
};

// What the generator achieved, measured on the generated patches.
struct DataStats {
  double delta_d = 0.0;  // <o1, o2> (synthetic: exact)
  double delta_r = 0.0;  // max |<o_i, q>| over irrelevant patches
  int l_star = 1;        // 1 + max_i num_close[i] (Def. D.3)
  double positive_fraction = 0.0;
};

}  // namespace sim
