// Measured generalisation gaps of the sample-level top-k MoE beside Zhao et
// al.'s bound (zhao_bound.h), per model and grid point, and the bound
// checked as an upper bound: with its stated constants (the router term),
// or with constants fitted once on calibration cells and held fixed on the
// others.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "analysis/records/records.h"

namespace sim {

struct GapRow {
  std::string model;
  std::map<std::string, double> coords;  // every grid coordinate
  double N = 0, T = 0, k = 0, d = 0;
  int runs = 0;          // runs with both final errors and losses
  int excluded = 0;      // failed, diverged or unmeasured runs: left out,
                         // never read as a gap of 0
  double error_gap = 0;  // mean test error - train error
  double error_gap_lo = std::nan(""), error_gap_hi = std::nan("");  // 95%
  double loss_gap = 0;  // mean test loss - train loss (logistic: unbounded,
                        // so the bound does not apply to it)
  double bound = 0;     // Zhao et al.'s router term, d_N = T d, delta 0.05
  // The router term alone is at least the largest possible 0-1 gap.
  bool Vacuous() const { return bound >= 1; }
  double Slack() const { return bound - error_gap; }
};

// One row per (gap-bounded model, grid point); the interval is a bootstrap
// over the cell's runs (`replicates` resamples, seeded).
std::vector<GapRow> GapRows(const ResultsSet& results,
                            uint64_t seed = 1,
                            int replicates = 200);

// gap <= A / sqrt(N) + B * router term, A, B >= 0 the least (in their sum
// over the cells) that hold every cell's upper interval end: a linear
// program in two variables, solved on its vertices.
struct FittedBound {
  bool ok = false;
  double A = 0, B = 0;
  double At(const GapRow& row) const;
};
FittedBound FitBound(const std::vector<GapRow>& calibration);

}  // namespace sim
