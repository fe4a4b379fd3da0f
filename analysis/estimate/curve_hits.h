// Iteration complexity read off a run's test-error curve: the first step at
// which the error reaches a target eps, interpolated between evaluations.
// With the online protocol every step draws B fresh samples, so one curve
// gives the sample complexity for every eps at once: N*(eps) = B T*(eps).
#pragma once

#include <vector>

#include "analysis/estimate/complexity.h"
#include "analysis/records/records.h"

namespace sim {

struct CurveHit {
  double step = 0;  // +inf if never reached
  Censor censor = Censor::kNone;
};

// The first evaluation i with errors[i] <= eps, interpolated linearly in
// log(step) between evaluation i - 1 (above eps) and i. A hit at step 0 is
// {0, below}; a hit at the first evaluation after step 0 cannot be
// interpolated in log(step) and is censored below ("<= steps[1]"); a miss
// is {+inf, above}.
CurveHit FirstHit(const std::vector<double>& steps,
                  const std::vector<double>& errors,
                  double eps);

// For a cell of online runs: T* is the q-quantile over repeats of FirstHit
// (a miss counts as +inf), N* = B T*, both with percentile-bootstrap
// intervals over repeats and censored where the quantile is.
void EstimateFromCurves(const std::vector<const RunRecord*>& runs,
                        const ComplexityOptions& options,
                        Cell& cell);

}  // namespace sim
