// Whether the test set resolves the target error: the error estimated on n
// test samples has standard error sqrt(eps (1 - eps) / n), which stays
// below eps / 5 when n >= 25 (1 - eps) / eps (225 at eps = 0.1, 475 at
// 0.05). Curves are not smoothed, so a smaller set makes first hits noisy.
#pragma once

#include <string>

#include "analysis/records/records.h"

namespace sim {

// The test samples eps needs (25 (1 - eps) / eps, rounded up).
int TestSamplesFor(double eps);

// A warning line (empty if none) when the spec's test set is too small
// for `eps`.
std::string TestSetWarning(const ResultsSet& results, double eps);

}  // namespace sim
