// Moving samples into a minibatch, and the logistic loss's scalar pieces.
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

#include "sim/data/dataset.h"

namespace sim {

// Samples per block when a whole set is evaluated.
constexpr int kEvalBatch = 250;

// log(1 + exp(z)) without overflow.
inline double Softplus(double z) {
  return std::max(z, 0.0) + std::log1p(std::exp(-std::abs(z)));
}

// 1 / (1 + exp(-z)).
inline double Sigmoid(double z) {
  if (z >= 0) return 1.0 / (1.0 + std::exp(-z));
  const double e = std::exp(z);
  return e / (1.0 + e);
}

// Samples order[start .. start + batch) of `data`: all n patches of each
// into the rows of x (batch * n, d), labels into y.
template <typename Scalar>
void GatherBatch(const Dataset<Scalar>& data,
                 const std::vector<int>& order,
                 int start,
                 int batch,
                 RowMatrix<Scalar>& x,
                 std::vector<int>& y) {
  const int n = data.num_patches;
  for (int b = 0; b < batch; ++b) {
    const int i = order[start + b];
    x.middleRows(b * n, n) = data.Sample(i);
    y[b] = data.labels[i];
  }
}

}  // namespace sim
