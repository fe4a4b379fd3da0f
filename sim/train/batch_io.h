// Moving samples into a minibatch, and the logistic loss's scalar pieces.
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

#include "sim/data/dataset.h"
#include "sim/models/patch_model.h"

namespace sim {

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

// Samples index(0 .. size) of `data` with their cached routes (N, k, l):
// the selection into ws.selected and the selected patches into ws.gathered,
// as PatchModel::ForwardSelected expects them.
template <typename Scalar, typename Index>
void LoadRoutedBatch(const Dataset<Scalar>& data,
                     const std::vector<int>& routes,
                     int k,
                     int l,
                     Index index,
                     int size,
                     Workspace<Scalar>& ws) {
  for (int b = 0; b < size; ++b) {
    const int i = index(b);
    const int* route = routes.data() + size_t(i) * k * l;
    std::copy_n(route, k * l, ws.selected.begin() + size_t(b) * k * l);
    for (int s = 0; s < k; ++s) {
      for (int t = 0; t < l; ++t) {
        ws.gathered[s].row(b * l + t) = data.patches.row(
            Eigen::Index(i) * data.num_patches + route[s * l + t]);
      }
    }
  }
}

}  // namespace sim
