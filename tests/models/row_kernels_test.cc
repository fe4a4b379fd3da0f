#include "sim/models/patch/row_kernels.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <vector>

#include "sim/core/rng.h"
#include "sim/data/dataset.h"
#include "sim/models/patch/top_l.h"

using namespace sim;

namespace {

template <typename Scalar>
RowMatrix<Scalar> Gaussian(int rows, int cols, Rng& rng) {
  RowMatrix<Scalar> m(rows, cols);
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) m(r, c) = Scalar(rng.Normal());
  return m;
}

// Rows of x in a scrambled order, as a routed expert reads them.
template <typename Scalar>
std::vector<const Scalar*> ScrambledRows(const RowMatrix<Scalar>& x,
                                         std::vector<int>& order) {
  order.resize(x.rows());
  for (int i = 0; i < int(x.rows()); ++i) order[i] = (7 * i + 3) % x.rows();
  std::vector<const Scalar*> rows;
  for (int i : order) rows.push_back(x.row(i).data());
  return rows;
}

template <typename Scalar>
void CheckKernels(int count, int num_w, int d, double tolerance) {
  Rng rng(uint64_t(count * 1000 + num_w * 10 + d));
  const RowMatrix<Scalar> x = Gaussian<Scalar>(count, d, rng);
  const RowMatrix<Scalar> w = Gaussian<Scalar>(num_w, d, rng);
  std::vector<int> order;
  const std::vector<const Scalar*> rows = ScrambledRows(x, order);
  // RowDots into a transposed layout (out_row 1, out_col count).
  RowMatrix<Scalar> dots(num_w, count);
  RowDots(rows.data(), count, w.data(), d, num_w, d, dots.data(), 1, count);
  for (int i = 0; i < count; ++i)
    for (int r = 0; r < num_w; ++r)
      REQUIRE(double(dots(r, i)) ==
              Approx(double(x.row(order[i]).dot(w.row(r))))
                  .margin(tolerance * std::sqrt(double(d))));
  // AddWeightedRows onto a nonzero start.
  const RowMatrix<Scalar> coef = Gaussian<Scalar>(count, num_w, rng);
  RowMatrix<Scalar> out = Gaussian<Scalar>(num_w, d, rng);
  RowMatrix<Scalar> expected = out;
  for (int i = 0; i < count; ++i)
    for (int r = 0; r < num_w; ++r)
      expected.row(r) += coef(i, r) * x.row(order[i]);
  std::vector<Scalar*> out_rows;
  for (int r = 0; r < num_w; ++r) out_rows.push_back(out.row(r).data());
  AddWeightedRows(coef.data(), num_w, num_w, count, rows.data(), d,
                  out_rows.data());
  REQUIRE((out - expected).cwiseAbs().maxCoeff() <=
          tolerance * std::sqrt(double(count)) * 4);
}

}  // namespace

TEST_CASE("Row kernels equal plain products on every tile shape and tail",
          "[row_kernels]") {
  // Counts that are and are not multiples of the tiles' rows, weight counts
  // across every tile split (1..6, 8 = 4 + 4, 20 = 5 x 4), widths with and
  // without a partial packet.
  for (int count : {1, 3, 4, 7, 8, 13, 120})
    for (int num_w : {1, 2, 3, 4, 5, 6, 7, 8, 20})
      for (int d : {1, 5, 16, 17, 64, 100, 784}) {
        CAPTURE(count, num_w, d);
        CheckKernels<float>(count, num_w, d, 1e-4);
        CheckKernels<double>(count, num_w, d, 1e-12);
      }
}

TEST_CASE("Row dots do not depend on the row's place in a tile",
          "[row_kernels]") {
  // The same row dotted alone and as the 3rd of 8: bit-identical, so a
  // sample's output does not depend on the batch it is in.
  Rng rng(5);
  const RowMatrix<float> x = Gaussian<float>(8, 784, rng);
  const RowMatrix<float> w = Gaussian<float>(2, 784, rng);
  std::vector<const float*> all, one = {x.row(2).data()};
  for (int i = 0; i < 8; ++i) all.push_back(x.row(i).data());
  float batch[16], alone[2];
  RowDots(all.data(), 8, w.data(), 784, 2, 784, batch, 2, 1);
  RowDots(one.data(), 1, w.data(), 784, 2, 784, alone, 2, 1);
  REQUIRE(batch[4] == alone[0]);
  REQUIRE(batch[5] == alone[1]);
}

TEST_CASE("Top-l by rank equals top-l by insertion", "[row_kernels]") {
  Rng rng(11);
  std::vector<float> g;
  for (int n : {1, 2, 5, 16, 33, 64, 65, 100}) {
    for (int trial = 0; trial < 50; ++trial) {
      g.resize(n);
      // Few distinct values, so ties are common.
      for (float& v : g) v = float(int(rng.Uniform() * 4)) - 1.5f;
      for (int l = 1; l <= n; l += std::max(1, n / 7)) {
        std::vector<int> by_rank(l), by_insertion(l);
        TopL(g.data(), n, l, by_rank.data());
        TopLByInsertion(g.data(), n, l, by_insertion.data());
        CAPTURE(n, l, trial);
        REQUIRE(by_rank == by_insertion);
      }
    }
  }
  SECTION("values that do not compare fall back to insertion") {
    g = {1, std::numeric_limits<float>::quiet_NaN(), 3, 2};
    std::vector<int> by_rank(2), by_insertion(2);
    TopL(g.data(), 4, 2, by_rank.data());
    TopLByInsertion(g.data(), 4, 2, by_insertion.data());
    REQUIRE(by_rank == by_insertion);
  }
}
