// The computation to reach eps [P Table 1]: the training FLOPs a run spends
// until T*, the router phase counted (the separate pMoE's Algorithm 1),
//   cost = F_router + T* F_step,
// with F_step the analytic FLOPs of one SGD step on a full minibatch
// (records' flops.step) and F_router the router phase's (flops.router).
// A cell's cost applies its T* and T*'s bootstrap replicates to the mean
// F_step and F_router of its runs, so it is censored where T* is. Learning-
// rate selection's other candidates are not counted: the cost is that of
// the run that reaches eps, as Table 1's.
#pragma once

#include <vector>

#include "analysis/estimate/complexity.h"
#include "analysis/records/records.h"

namespace sim {

// Fills cell.cost from cell.t_star (and its replicates); left NaN where
// the runs do not record flops.step.
void EstimateCost(const std::vector<const RunRecord*>& runs, Cell& cell);

}  // namespace sim
