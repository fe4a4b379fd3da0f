// Rules judged on scaling fits (slope, saving_slope, theory_bound, flat) and
// on the validity of the cells that enter them (optimised).
//
// A fit-based verdict needs one more uncensored cell than the fit has
// coefficients (so that its residual variance, and an interval, exist), a
// finite 95% interval (bootstrap; else +-2 standard errors) and at most
// kMaxDroppedFraction of its bootstrap replicates dropped, and an interval
// that has not collapsed to a point around cells off a line (N* quantised by
// a coarse N grid). Without any of them the verdict is inconclusive.
#pragma once

#include <string>
#include <vector>

#include "analysis/checks/expectation_rules.h"
#include "analysis/checks/expectations.h"
#include "analysis/estimate/complexity.h"
#include "analysis/fits/scaling_fit.h"

namespace sim {

// The 95% interval of slope `a`: the bootstrap's, else +-2 standard errors,
// else NaN.
void SlopeInterval(const Fit& fit, size_t a, double& lo, double& hi);

// Why the fit cannot support a verdict on an interval [lo, hi]; "" if it can.
std::string FitInconclusiveReason(const Fit& fit, double lo, double hi);

CheckRow EvaluateFitRule(const Rule& rule,
                         const ResultsSet& results,
                         const std::vector<Cell>& cells);

CheckRow EvaluateOptimisedRule(const Rule& rule,
                               const std::vector<Cell>& cells);

}  // namespace sim
