// Rules judged on the runs' metrics: value (a metric reduced over runs),
// trend (its direction along an axis) and error_order (models ordered by
// mean test error). Each is judged on a 95% bootstrap interval over runs
// (bootstrap_interval.h; resampled within each axis value or model): it
// passes only when the whole interval clears its threshold, fails when the
// whole interval violates it, and is inconclusive when the interval
// straddles it. A min or max over every run is exact, not estimated.
#pragma once

#include "analysis/checks/expectation_rules.h"
#include "analysis/checks/expectations.h"
#include "analysis/estimate/complexity.h"
#include "analysis/records/records.h"

namespace sim {

CheckRow EvaluateValue(const Rule& rule,
                       const ResultsSet& results,
                       const ComplexityOptions& options);

CheckRow EvaluateTrend(const Rule& rule,
                       const ResultsSet& results,
                       const ComplexityOptions& options);

CheckRow EvaluateErrorOrder(const Rule& rule,
                            const ResultsSet& results,
                            const ComplexityOptions& options);

}  // namespace sim
