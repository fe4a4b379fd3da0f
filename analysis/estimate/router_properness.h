// Assumption 4.4, measured: the jointly trained pMoE's routers are "proper"
// at an evaluation when, for every class, one expert gives the class's
// discriminative patch its largest routing value (top-gates it) on at least
// 1 - eps_r of the class's test samples (eps_r = analysis.router_target).
// A run's T' is the first evaluation step after which its routers stay
// proper to the end (null if never); a cell's T' is the q-quantile over its
// runs (the runs at its largest N on an N grid), with a percentile-bootstrap
// interval over repeats, censored as T* is: below when at or before the
// first evaluation after step 0, above when not reached.
#pragma once

#include <string>
#include <vector>

#include "analysis/estimate/complexity.h"
#include "analysis/estimate/curve_hits.h"
#include "analysis/records/records.h"

namespace sim {

// Whether a run's routers are proper at each of its evaluations (empty
// without a router curve).
std::vector<bool> ProperAt(const RunRecord& run, double router_target);

// A run's T' (an evaluation step, not interpolated); {+inf, above} if its
// routers are not proper at the end, or it has no router curve.
CurveHit ProperTime(const RunRecord& run, double router_target);

// The cell's T' from `runs`, where they record a router curve.
void EstimateProperTime(const std::vector<const RunRecord*>& runs,
                        const ComplexityOptions& options,
                        Cell& cell);

}  // namespace sim
