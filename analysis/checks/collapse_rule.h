// The collapse rule: does a quantity depend on a grid's axes only through a
// composite such as n/l? On a grid that moves the composite's factors
// separately, the quantity (a model's N* or T*, or the saving N*_a / N*_b)
// is fitted jointly in the factors, q = c * prod x_i^a_i; it is a function
// of prod x_i^p_i exactly when the exponents are proportional to the
// powers, so the rule measures a_1/p_1 - a_2/p_2 for the first two factors
// (for n/l: a_n + a_l; for k*l: a_k - a_l) with a bootstrap 95% interval
// from the fit's replicates. Pass: the interval contains 0 and its
// half-width is at most `tolerance` (default 0.5); fail: it excludes 0;
// inconclusive otherwise, or where the fit supports no verdict
// (fit_checks.h).
#pragma once

#include <string>
#include <vector>

#include "analysis/checks/expectation_rules.h"
#include "analysis/checks/expectations.h"
#include "analysis/fits/scaling_fit.h"

namespace sim {

// The collapse rule's keys besides "rule" and "name": "model" (or
// "numerator" and "denominator" for a saving), "quantity", "variable",
// "tolerance". Throws SpecError naming the key.
void ParseCollapseKeys(ObjectReader& r,
                       const std::vector<std::string>& models,
                       Rule& rule);

// Checks "variable" against the grid (two or more factors, each a grid
// axis) and sets the rule's fit_axes to its factors; refuses "axis" and
// "fit_axes", which the variable fixes.
void SetCollapseAxes(ObjectReader& r,
                     const std::vector<std::string>& grid_axes,
                     Rule& rule);

// a_1/p_1 - a_2/p_2 of a fit in the factors (`powers` p_i in fit order):
// the point value and its bootstrap 95% interval (NaN where none).
void CollapseDifference(const Fit& fit,
                        const std::vector<double>& powers,
                        double& value,
                        double& lo,
                        double& hi);

CheckRow EvaluateCollapseRule(const Rule& rule, const std::vector<Cell>& cells);

}  // namespace sim
