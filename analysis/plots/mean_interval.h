// The 95% interval of a mean over repeats, as figures draw it wherever
// they draw a mean: mean +- t(0.975, n - 1) sd / sqrt(n), with sd the
// sample standard deviation (n - 1). Zero width for a single repeat (no
// spread measured), which the how-to-read texts say.
#pragma once

#include <cmath>

namespace sim {

// The 97.5% quantile of Student's t with `df` degrees of freedom (exact to
// 3 decimals up to 10, within 1% above).
inline double StudentT975(int df) {
  static const double kTable[] = {12.706, 4.303, 3.182, 2.776, 2.571,
                                  2.447,  2.365, 2.306, 2.262, 2.228};
  if (df < 1) return 0;
  if (df <= 10) return kTable[df - 1];
  return 1.96 + 2.4 / df;
}

// Half the width of the 95% interval of a mean of `n` values with sample
// standard deviation `sd`.
inline double MeanHalfWidth95(double sd, int n) {
  return n > 1 ? StudentT975(n - 1) * sd / std::sqrt(double(n)) : 0;
}

}  // namespace sim
