// The exponent in 1/eps. The theorems' orders have more factors than n, l
// and k: N ~ l^8 p^12 delta^6 / eps^16 and T ~ l^4 p^6 delta^3 / eps^8
// (separate pMoE; the CNN and joint pMoE alike). Under the online protocol
// one curve gives N*(eps) for every eps at once, so the exponent in 1/eps
// is fitted over the targets at no extra cost: log N* on log(1/eps) and the
// model's varying axes together, one point per cell and target.
#pragma once

#include <string>
#include <vector>

#include "analysis/estimate/complexity.h"
#include "analysis/fits/scaling_fit.h"

namespace sim {

// N* (or T*) of `model`'s online cells at each eps in `targets`, fitted
// against {"1/eps"} + `axes`. Not ok (with a note) with fewer than two
// targets or too few uncensored points.
Fit FitEpsilon(const ResultsSet& results,
               const ComplexityOptions& options,
               const std::vector<double>& targets,
               const std::string& model,
               const std::vector<std::string>& axes,
               Quantity quantity);

// Whether every run of `model` trained online.
bool TrainedOnline(const ResultsSet& results, const std::string& model);

}  // namespace sim
