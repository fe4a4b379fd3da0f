#include "sim/core/philox.h"

#include <cmath>
#include <cstring>

namespace sim {
namespace {

constexpr int kLanes = 16;  // counters per vectorised block

// log(x) for 0 < x < 1 normal floats: x = m 2^e, m in [sqrt(1/2), sqrt(2)),
// log m = 2 atanh(s) with s = (m - 1) / (m + 1), |s| <= 0.1716, by its
// series to s^9 (truncation below 1e-9).
inline float LogUnit(float x) {
  uint32_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  int e = int(bits >> 23) - 127;
  bits = (bits & 0x007FFFFFu) | 0x3F800000u;  // m in [1, 2)
  float m;
  std::memcpy(&m, &bits, sizeof m);
  const bool high = m > 1.41421356f;
  m = high ? 0.5f * m : m;
  e += high ? 1 : 0;
  const float s = (m - 1.0f) / (m + 1.0f), s2 = s * s;
  const float series =
      1.0f + s2 * (1.0f / 3 + s2 * (1.0f / 5 + s2 * (1.0f / 7 + s2 / 9)));
  return float(e) * 0.693147181f + 2.0f * s * series;
}

// sin and cos of t in [0, pi/2] by their Taylor series to t^13 and t^14
// (truncation below 1e-9).
inline void SinCosQuarter(float t, float& s, float& c) {
  const float t2 = t * t;
  s = t *
      (1 + t2 * (-1.0f / 6 +
                 t2 * (1.0f / 120 + t2 * (-1.0f / 5040 +
                                          t2 * (1.0f / 362880 +
                                                t2 * (-1.0f / 39916800 +
                                                      t2 / 6227020800.0f))))));
  c = 1 + t2 * (-0.5f + t2 * (1.0f / 24 +
                              t2 * (-1.0f / 720 +
                                    t2 * (1.0f / 40320 +
                                          t2 * (-1.0f / 3628800 +
                                                t2 * (1.0f / 479001600 -
                                                      t2 / 87178291200.0f))))));
}

// Box-Muller: the pair r (cos a, sin a), r = sqrt(-2 log u1), from two
// words w1, w2; the angle a = (q + f) pi / 2 takes its quadrant q from the
// top two bits of w2 and f from the next 24. Sets rr = r^2 and (x, y) =
// (cos a, sin a).
inline void BoxMullerParts(
    uint32_t w1, uint32_t w2, float& rr, float& x, float& y) {
  const float u1 = (float(w1 >> 8) + 0.5f) * 0x1.0p-24f;  // (0, 1)
  rr = -2.0f * LogUnit(u1);
  const uint32_t q = w2 >> 30;
  const float f = float((w2 >> 6) & 0x00FFFFFFu) * 0x1.0p-24f;  // [0, 1)
  float s, c;
  SinCosQuarter(f * 1.57079633f, s, c);
  // Rotation by q quarter turns: (c, s) -> (-s, c) -> (-c, -s) -> (s, -c).
  const float sign = (q & 2) ? -1.0f : 1.0f;
  x = sign * ((q & 1) ? -s : c);
  y = sign * ((q & 1) ? c : s);
}

// 4 * kLanes normals from the blocks with counters first .. first + kLanes
// (pairs (w0, w1) and (w2, w3) of each block).
void NormalBlocks(const uint32_t key[2], uint32_t first, float* out) {
  uint32_t w[4][kLanes];
  for (int lane = 0; lane < kLanes; ++lane) {
    const uint32_t counter[4] = {first + uint32_t(lane), 0, 0, 0};
    uint32_t words[4];
    Philox4x32(counter, key, words);
    for (int j = 0; j < 4; ++j) w[j][lane] = words[j];
  }
  // Pair h of each lane from words 2h, 2h + 1 (this file is built with
  // -fno-math-errno, so that std::sqrt needs no scalar errno path).
  float rr[2][kLanes], x[2][kLanes], y[2][kLanes];
  for (int h = 0; h < 2; ++h) {
    for (int lane = 0; lane < kLanes; ++lane) {
      BoxMullerParts(w[2 * h][lane], w[2 * h + 1][lane], rr[h][lane],
                     x[h][lane], y[h][lane]);
      rr[h][lane] = std::sqrt(rr[h][lane]);
    }
  }
  for (int lane = 0; lane < kLanes; ++lane) {
    for (int h = 0; h < 2; ++h) {
      out[4 * lane + 2 * h] = rr[h][lane] * x[h][lane];
      out[4 * lane + 2 * h + 1] = rr[h][lane] * y[h][lane];
    }
  }
}

}  // namespace

void PhiloxNormals(uint64_t key, float* out, size_t count) {
  const uint32_t k[2] = {uint32_t(key), uint32_t(key >> 32)};
  constexpr size_t kChunk = 4 * kLanes;
  size_t i = 0;
  for (; i + kChunk <= count; i += kChunk) {
    NormalBlocks(k, uint32_t(i / 4), out + i);
  }
  if (i < count) {
    float tail[kChunk];
    NormalBlocks(k, uint32_t(i / 4), tail);
    std::memcpy(out + i, tail, sizeof(float) * (count - i));
  }
}

}  // namespace sim
