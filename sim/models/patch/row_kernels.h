// The two products of a routed patch model, on rows read in place through a
// table of pointers (the selected patches of one expert, or every patch of a
// batch), so nothing is gathered or packed:
//
//   RowDots:         out(i, r)  = <x_i, w_r>          (forward, routing)
//   AddWeightedRows: out_r     += sum_i c(i, r) x_i   (weight gradients)
//
// Both keep a register tile of SIMD accumulators (Eigen's packet layer, so
// the widest vectors the build targets, FMA where it has it): RowDots 4 to 8
// rows x up to 6 weight rows, each x and w packet loaded once per tile;
// AddWeightedRows up to 6 outputs x 4 packets of columns, each x packet
// loaded once per tile. Every sum has a fixed order (lane-wise over the
// columns, then Eigen's reduction of the lanes, then the columns past the
// last whole packet), whatever the batch, the thread or the caller.
#pragma once

#include <Eigen/Core>
#include <algorithm>
#include <type_traits>

// GCC 12 reports _mm256_undefined_pd's self-initialisation, inlined into
// Eigen's AVX-512 reduction, as uninitialised (a false positive).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"

namespace sim {
namespace row_kernels {

template <typename Scalar>
using Packet = typename Eigen::internal::packet_traits<Scalar>::type;
template <typename Scalar>
inline constexpr int kLanes =
    Eigen::internal::unpacket_traits<Packet<Scalar>>::size;
inline constexpr int kMaxTile = 6;  // weight rows or outputs per tile

inline constexpr int kMaxRows = 8;  // rows x per RowDots tile
// Rows per RowDots tile for R weight rows: at most 24 accumulators, so the
// tile and its operands stay in 32 vector registers.
constexpr int DotsRows(int r) { return r <= 3 ? 8 : r == 4 ? 6 : 4; }

// Rows x R weights, rows = DotsRows(R); rows past the caller's count repeat
// its last (results unused).
template <typename Scalar, int R>
void DotsTile(const Scalar* const* x,
              const Scalar* const* w,
              int d,
              Scalar out[kMaxRows][kMaxTile]) {
  using namespace Eigen::internal;
  using P = Packet<Scalar>;
  constexpr int L = kLanes<Scalar>;
  constexpr int kRows = DotsRows(R);
  P acc[kRows][R];
  for (int p = 0; p < kRows; ++p)
    for (int r = 0; r < R; ++r) acc[p][r] = pset1<P>(Scalar(0));
  int c = 0;
  for (; c + L <= d; c += L) {
    P xp[kRows];
    for (int p = 0; p < kRows; ++p) xp[p] = ploadu<P>(x[p] + c);
    for (int r = 0; r < R; ++r) {
      const P wp = ploadu<P>(w[r] + c);
      for (int p = 0; p < kRows; ++p) acc[p][r] = pmadd(xp[p], wp, acc[p][r]);
    }
  }
  for (int p = 0; p < kRows; ++p) {
    for (int r = 0; r < R; ++r) {
      Scalar sum = predux(acc[p][r]);
      for (int cc = c; cc < d; ++cc) sum += x[p][cc] * w[r][cc];
      out[p][r] = sum;
    }
  }
}

// Up to 4 packets of columns [c, c + C*L) of R outputs, over every row.
template <typename Scalar, int R, int C>
void WeightedRowsTile(const Scalar* coef,
                      int coef_stride,
                      int count,
                      const Scalar* const* rows,
                      int c,
                      Scalar* const* out) {
  using namespace Eigen::internal;
  using P = Packet<Scalar>;
  constexpr int L = kLanes<Scalar>;
  P acc[R][C];
  for (int r = 0; r < R; ++r)
    for (int q = 0; q < C; ++q) acc[r][q] = pset1<P>(Scalar(0));
  for (int i = 0; i < count; ++i) {
    P xp[C];
    for (int q = 0; q < C; ++q) xp[q] = ploadu<P>(rows[i] + c + q * L);
    const Scalar* ci = coef + long(i) * coef_stride;
    for (int r = 0; r < R; ++r) {
      const P cr = pset1<P>(ci[r]);
      for (int q = 0; q < C; ++q) acc[r][q] = pmadd(xp[q], cr, acc[r][q]);
    }
  }
  for (int r = 0; r < R; ++r) {
    for (int q = 0; q < C; ++q) {
      Scalar* o = out[r] + c + q * L;
      pstoreu(o, padd(ploadu<P>(o), acc[r][q]));
    }
  }
}

template <typename Scalar, int R>
void WeightedRowsOutputs(const Scalar* coef,
                         int coef_stride,
                         int count,
                         const Scalar* const* rows,
                         int d,
                         Scalar* const* out) {
  constexpr int L = kLanes<Scalar>;
  int c = 0;
  for (; c + 4 * L <= d; c += 4 * L)
    WeightedRowsTile<Scalar, R, 4>(coef, coef_stride, count, rows, c, out);
  for (; c + L <= d; c += L)
    WeightedRowsTile<Scalar, R, 1>(coef, coef_stride, count, rows, c, out);
  for (; c < d; ++c) {
    for (int r = 0; r < R; ++r) {
      Scalar sum = 0;
      for (int i = 0; i < count; ++i)
        sum += coef[long(i) * coef_stride + r] * rows[i][c];
      out[r][c] += sum;
    }
  }
}

template <int R>
using TileSize = std::integral_constant<int, R>;

// Splits n items into tiles of at most kMaxTile, as even as possible (8 ->
// 4 + 4, 20 -> 5 x 4), and calls fn(first, TileSize<size>) for each, the
// size a compile-time constant for the kernels' register tiles.
template <typename Fn>
void ForEachTile(int n, Fn fn) {
  static_assert(kMaxTile == 6, "one case per tile size below");
  const int tiles = (n + kMaxTile - 1) / kMaxTile;
  for (int t = 0, first = 0; t < tiles; ++t) {
    const int size = (n - first) / (tiles - t);
    switch (size) {
      case 1:
        fn(first, TileSize<1>{});
        break;
      case 2:
        fn(first, TileSize<2>{});
        break;
      case 3:
        fn(first, TileSize<3>{});
        break;
      case 4:
        fn(first, TileSize<4>{});
        break;
      case 5:
        fn(first, TileSize<5>{});
        break;
      default:
        fn(first, TileSize<6>{});
        break;
    }
    first += size;
  }
}

}  // namespace row_kernels

// out[i * out_row + r * out_col] = <rows[i], w_r> for i < count, r < num_w,
// with w_r = w + r * w_stride (d values each).
template <typename Scalar>
void RowDots(const Scalar* const* rows,
             int count,
             const Scalar* w,
             long w_stride,
             int num_w,
             int d,
             Scalar* out,
             long out_row,
             long out_col) {
  using namespace row_kernels;
  row_kernels::ForEachTile(num_w, [&](int r0, auto tile_size) {
    constexpr int R = decltype(tile_size)::value;
    constexpr int kRows = DotsRows(R);
    const Scalar* wr[kMaxTile];
    for (int r = 0; r < R; ++r) wr[r] = w + (r0 + r) * w_stride;
    Scalar tile[kMaxRows][kMaxTile];
    for (int i = 0; i < count; i += kRows) {
      const Scalar* x[kMaxRows];
      for (int p = 0; p < kRows; ++p) x[p] = rows[std::min(i + p, count - 1)];
      DotsTile<Scalar, R>(x, wr, d, tile);
      for (int p = 0; p < std::min(kRows, count - i); ++p)
        for (int r = 0; r < R; ++r)
          out[(i + p) * out_row + (r0 + r) * out_col] = tile[p][r];
    }
  });
}

// out[r][c] += sum_i coef[i * coef_stride + r] * rows[i][c] for r < num_out,
// c < d: sums of rank-1 updates (weight gradients) on rows read in place.
template <typename Scalar>
void AddWeightedRows(const Scalar* coef,
                     int coef_stride,
                     int num_out,
                     int count,
                     const Scalar* const* rows,
                     int d,
                     Scalar* const* out) {
  using namespace row_kernels;
  row_kernels::ForEachTile(num_out, [&](int r0, auto tile_size) {
    WeightedRowsOutputs<Scalar, decltype(tile_size)::value>(
        coef + r0, coef_stride, count, rows, d, out + r0);
  });
}

}  // namespace sim

#pragma GCC diagnostic pop
