// Percentile bootstrap intervals of a statistic of grouped values (runs
// grouped by a cell, an axis value or a model): each replicate resamples
// every group with replacement within itself, so group sizes are kept.
#pragma once

#include <cmath>
#include <vector>

#include "analysis/estimate/complexity.h"
#include "sim/core/rng.h"

namespace sim {

using Groups = std::vector<std::vector<double>>;

struct Interval95 {
  double lo = std::nan(""), hi = std::nan("");
};

// The 2.5% and 97.5% percentiles of statistic(resample) over `replicates`
// resamples; NaN when a group has fewer than two values (one run: no
// interval) or no replicate gives a number.
template <typename Statistic>
Interval95 BootstrapInterval(const Groups& groups,
                             Statistic statistic,
                             Rng& rng,
                             int replicates) {
  Interval95 out;
  for (const std::vector<double>& g : groups)
    if (g.size() < 2) return out;
  std::vector<double> values;
  Groups resample = groups;
  for (int b = 0; b < replicates; ++b) {
    for (size_t i = 0; i < groups.size(); ++i)
      for (double& v : resample[i])
        v = groups[i][rng.UniformInt(groups[i].size())];
    const double s = statistic(resample);
    if (!std::isnan(s)) values.push_back(s);
  }
  if (values.empty()) return out;
  out.lo = Percentile(values, 0.025);
  out.hi = Percentile(values, 0.975);
  return out;
}

// The mean of one group.
inline double MeanOf(const std::vector<double>& values) {
  double sum = 0;
  for (double v : values) sum += v;
  return values.empty() ? std::nan("") : sum / values.size();
}

}  // namespace sim
