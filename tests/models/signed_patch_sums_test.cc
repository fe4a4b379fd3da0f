#include "sim/models/patch/signed_patch_sums.h"

#include <catch2/catch.hpp>
#include <numeric>

#include "sim/core/rng.h"
#include "sim/train/batch_io.h"

using namespace sim;

namespace {

template <typename Scalar>
Dataset<Scalar> RandomSet(int N, int n, int d, Rng& rng) {
  Dataset<Scalar> data;
  data.num_samples = N;
  data.num_patches = n;
  data.patch_dim = d;
  data.patches.resize(Eigen::Index(N) * n, d);
  for (Eigen::Index r = 0; r < data.patches.rows(); ++r)
    for (int c = 0; c < d; ++c) data.patches(r, c) = Scalar(rng.Normal());
  for (int i = 0; i < N; ++i) data.labels.push_back(rng.Sign());
  return data;
}

// The router phase as it was written: gather, then two Eigen products.
template <typename Scalar>
void GatheredUpdate(const Dataset<Scalar>& data,
                    const std::vector<int>& order,
                    int start,
                    int size,
                    Scalar step,
                    RowMatrix<Scalar>& router) {
  const int n = data.num_patches;
  RowMatrix<Scalar> x(size * n, data.patch_dim);
  Vector<Scalar> signs(size * n);
  std::vector<int> y(size);
  GatherBatch(data, order, start, size, x, y);
  for (int b = 0; b < size; ++b) signs.segment(b * n, n).setConstant(y[b]);
  router.row(0).noalias() += step * (signs.transpose() * x);
  router.row(1).noalias() -= step * (signs.transpose() * x);
}

template <typename Scalar>
void CheckShape(int N, int n, int d, int batch) {
  Rng rng(uint64_t(N * 1000003 + n * 1009 + d * 17 + batch));
  const Dataset<Scalar> data = RandomSet<Scalar>(N, n, d, rng);
  RowMatrix<Scalar> expected = RowMatrix<Scalar>::Zero(2, d), actual = expected;
  SignedPatchSums<Scalar> sums(data, N, batch);
  std::vector<int> order(N);
  std::iota(order.begin(), order.end(), 0);
  for (int epoch = 0; epoch < 3; ++epoch) {
    rng.Shuffle(order);
    for (int start = 0; start < N; start += batch) {
      const int size = std::min(batch, N - start);
      const Scalar step = Scalar(0.3 / size);
      GatheredUpdate(data, order, start, size, step, expected);
      sums.AddBatch(data, order.data() + start, size, step,
                    actual.row(0).data(), actual.row(1).data());
    }
  }
  INFO("N " << N << " n " << n << " d " << d << " batch " << batch);
  REQUIRE(actual == expected);  // bit for bit
}

}  // namespace

TEST_CASE("Router batch sums read in place equal the gathered products",
          "[models]") {
  for (const int d : {784, 64, 50, 37, 5}) {
    for (const int n : {16, 32, 8, 4, 3}) {
      for (const int batch : {20, 7, 1}) {
        CheckShape<float>(23, n, d, batch);
        CheckShape<double>(23, n, d, batch);
      }
    }
  }
  CheckShape<float>(9, 16, 9000, 10);  // blocks of 4 columns (long patches)
}
