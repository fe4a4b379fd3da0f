// The router phase's batch sums, sum_b y_b sum_j x_b^(j), read in place and
// bit-identical to the Eigen expression on a gathered batch X (B n, d) that
// they replace,
//   router.row(0).noalias() += step * (signs.transpose() * X);
//   router.row(1).noalias() -= step * (signs.transpose() * X);
// (signs: each patch's label). Eigen evaluates that product as a
// column-major matrix-vector product (Eigen/src/Core/products/
// GeneralMatrixVector.h, Eigen 3.4): the columns (patches) in blocks of
// BlockColumns(), each block summed from zero in column order with fused
// multiply-adds, c = fma(x_j, s_j, c), then res = fma(c, alpha, res). Here
// each block sum is formed once for both rows; where blocks never span two
// samples (the block size divides n) every sample's block sums are formed
// once per phase, so an epoch reads n / block rows per sample instead of n
// (tests/models/signed_patch_sums_test.cc checks the equality).
#pragma once

#include "sim/data/dataset.h"

namespace sim {

template <typename Scalar>
class SignedPatchSums {
 public:
  // For batches of at most `batch` of the first `samples` samples of `data`.
  SignedPatchSums(const Dataset<Scalar>& data, int samples, int batch);
  // row0 += step * sum and row1 -= step * sum, the sum over the samples
  // order[0 .. size) of `data` (the set given to the constructor).
  void AddBatch(const Dataset<Scalar>& data,
                const int* order,
                int size,
                Scalar step,
                Scalar* row0,
                Scalar* row1);
  // Eigen's block of columns for a product of `cols` columns of length d.
  static int BlockColumns(int cols, int d) {
    return cols < 128 ? cols : (d * int(sizeof(Scalar)) < 32000 ? 16 : 4);
  }

 private:
  int block_ = 0;           // block size of the stored sums (0: none)
  RowMatrix<Scalar> sums_;  // (samples * n / block_, d)
  Vector<Scalar> c_;        // (d) one block's sum
};

}  // namespace sim
