// The orders the proofs' mechanisms are compared with: Lemma 4.1's router
// samples N_r* = B_r T_r ~ n^2 / (1 - delta_d)^3, none for the jointly
// trained routers' T' (Assumption 4.4 assumes it, states no order), and
// Table 1's cost to reach eps (table1_cost.h) with the batch's own growth
// along the axis added (Table 1 keeps B as a factor).
#pragma once

#include <string>

#include "analysis/fits/theory_basis.h"

namespace sim {

// The comparison for a mechanism quantity (kRouterNStar, kTPrime, kCost)
// of `model` in `axis`.
TheoryComparison MechanismTheory(const ResultsSet& results,
                                 const std::string& model,
                                 const std::string& axis,
                                 Quantity quantity);

}  // namespace sim
