#include "sim/models/patch/signed_patch_sums.h"

#include <algorithm>
#include <cmath>

namespace sim {
namespace {

// c = fma(x, s, c) over the d values, then the two rows updated.
template <typename Scalar>
void AddPatch(const Scalar* x, Scalar s, int d, Scalar* c) {
  for (int i = 0; i < d; ++i) c[i] = std::fma(x[i], s, c[i]);
}

template <typename Scalar>
void AddBlock(const Scalar* c, int d, Scalar step, Scalar* row0, Scalar* row1) {
  for (int i = 0; i < d; ++i) {
    row0[i] = std::fma(c[i], step, row0[i]);
    row1[i] = std::fma(c[i], -step, row1[i]);
  }
}

}  // namespace

template <typename Scalar>
SignedPatchSums<Scalar>::SignedPatchSums(const Dataset<Scalar>& data,
                                         int samples,
                                         int batch)
    : c_(data.patch_dim) {
  const int n = data.num_patches, d = data.patch_dim;
  const int block = BlockColumns(batch * n, d);
  if (n % block != 0) return;
  block_ = block;
  const int per = n / block;
  sums_.setZero(Eigen::Index(samples) * per, d);
  for (int i = 0; i < samples; ++i) {
    const Scalar s = Scalar(data.labels[i]);
    for (int j = 0; j < n; ++j) {
      AddPatch(data.patches.row(Eigen::Index(i) * n + j).data(), s, d,
               sums_.row(Eigen::Index(i) * per + j / block).data());
    }
  }
}

template <typename Scalar>
void SignedPatchSums<Scalar>::AddBatch(const Dataset<Scalar>& data,
                                       const int* order,
                                       int size,
                                       Scalar step,
                                       Scalar* row0,
                                       Scalar* row1) {
  const int n = data.num_patches, d = data.patch_dim, cols = size * n;
  const int block = BlockColumns(cols, d);
  if (block == block_) {
    const int per = n / block;
    for (int b = 0; b < size; ++b) {
      for (int t = 0; t < per; ++t) {
        AddBlock(sums_.row(Eigen::Index(order[b]) * per + t).data(), d, step,
                 row0, row1);
      }
    }
    return;
  }
  for (int first = 0; first < cols; first += block) {
    c_.setZero();
    for (int j = first; j < std::min(first + block, cols); ++j) {
      const int i = order[j / n];
      AddPatch(data.patches.row(Eigen::Index(i) * n + j % n).data(),
               Scalar(data.labels[i]), d, c_.data());
    }
    AddBlock(c_.data(), d, step, row0, row1);
  }
}

template class SignedPatchSums<float>;
template class SignedPatchSums<double>;

}  // namespace sim
