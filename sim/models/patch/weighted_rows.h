// out.row(r) += sum_t w(t, r) x_t for r < num_out: the weight gradients of
// direct mode, sums of rank-1 updates whose rows x_t are read in place from
// the batch. Four rows x_t per pass over `out`, so each row of `out` is
// loaded and stored once per four updates instead of once per update.
#pragma once

#include <algorithm>

namespace sim {

// w(t, r) = w[t * w_stride + r]; row(t) returns a pointer to d values; out
// has rows of d values, out_stride apart.
template <typename Scalar, typename RowFn>
void AddWeightedRows(const Scalar* w,
                     int w_stride,
                     int num_out,
                     int count,
                     int d,
                     RowFn row,
                     Scalar* out,
                     int out_stride) {
  int t = 0;
  for (; t + 4 <= count; t += 4) {
    const Scalar* __restrict x0 = row(t);
    const Scalar* __restrict x1 = row(t + 1);
    const Scalar* __restrict x2 = row(t + 2);
    const Scalar* __restrict x3 = row(t + 3);
    for (int r = 0; r < num_out; ++r) {
      const Scalar c0 = w[t * w_stride + r], c1 = w[(t + 1) * w_stride + r],
                   c2 = w[(t + 2) * w_stride + r],
                   c3 = w[(t + 3) * w_stride + r];
      Scalar* __restrict o = out + static_cast<long>(r) * out_stride;
      for (int c = 0; c < d; ++c)
        o[c] += c0 * x0[c] + c1 * x1[c] + c2 * x2[c] + c3 * x3[c];
    }
  }
  for (; t < count; ++t) {
    const Scalar* __restrict x0 = row(t);
    for (int r = 0; r < num_out; ++r) {
      const Scalar c0 = w[t * w_stride + r];
      Scalar* __restrict o = out + static_cast<long>(r) * out_stride;
      for (int c = 0; c < d; ++c) o[c] += c0 * x0[c];
    }
  }
}

}  // namespace sim
