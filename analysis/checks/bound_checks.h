// upper_bound rules: a measured generalisation gap checked against a
// theory's upper bound cell by cell (Zhao et al. 2024), as an upper bound
// can be checked: with the constants it states, or with constants fitted
// once on calibration cells and then held fixed on the held-out cells.
#pragma once

#include <cstdint>

#include "analysis/checks/expectation_rules.h"
#include "analysis/checks/expectations.h"
#include "analysis/records/records.h"

namespace sim {

CheckRow EvaluateUpperBound(const Rule& rule,
                            const ResultsSet& results,
                            uint64_t seed);

}  // namespace sim
