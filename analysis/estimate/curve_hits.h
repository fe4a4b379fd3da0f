// Iteration complexity read off a run's test-error curve: the step at which
// the error reaches a target eps (TStarRule: for good, or a first touch),
// interpolated between evaluations under the online protocol.
// With the online protocol every step draws B fresh samples, so one curve
// gives the sample complexity for every eps at once: N*(eps) = B T*(eps).
#pragma once

#include <string>
#include <vector>

#include "analysis/estimate/complexity.h"
#include "analysis/records/records.h"

namespace sim {

struct CurveHit {
  double step = 0;  // +inf if never reached
  Censor censor = Censor::kNone;
};

// The evaluation at which a curve reaches eps under `rule`: the first with
// errors[i] <= eps (kFirstTouch), or the first from which every later one is
// <= eps (kStays); -1 if none.
int ReachIndex(const std::vector<double>& errors, double eps, TStarRule rule);

// The step of ReachIndex, interpolated linearly in log(step) between
// evaluation i - 1 (above eps) and i. A hit at step 0 is {0, below}; a hit
// at the first evaluation after step 0 cannot be interpolated in log(step)
// and is censored below ("<= steps[1]"); a miss is {+inf, above}.
CurveHit ReachHit(const std::vector<double>& steps,
                  const std::vector<double>& errors,
                  double eps,
                  TStarRule rule);

// ReachHit of the first touch.
CurveHit FirstHit(const std::vector<double>& steps,
                  const std::vector<double>& errors,
                  double eps);

// A run of a fixed training set: the evaluation step (not interpolated) at
// which it reaches eps under `rule` (kFirstTouch: the record's
// first_hit_step), censored below at or before its first evaluation after
// step 0; {+inf, above} if never (a failed run never stays).
CurveHit RunReach(const RunRecord& run, double eps, TStarRule rule);

// The q-quantile of the hits' steps, censored below where it is a hit
// censored below, above where it is a miss.
Estimate QuantileHit(const std::vector<CurveHit>& hits, double q);

// The q-quantile of `hits` with a percentile-bootstrap interval over them
// (seeded by `options.seed` and `tag`), into `out`: replicates NaN where
// censored above, the interval where the estimate is usable.
void QuantileWithBootstrap(const std::vector<CurveHit>& hits,
                           const ComplexityOptions& options,
                           const std::string& tag,
                           CellQuantity& out);

// For a cell of online runs: T* is the q-quantile over repeats of FirstHit
// (a miss counts as +inf), N* = B T*, both with percentile-bootstrap
// intervals over repeats and censored where the quantile is.
void EstimateFromCurves(const std::vector<const RunRecord*>& runs,
                        const ComplexityOptions& options,
                        Cell& cell);

}  // namespace sim
