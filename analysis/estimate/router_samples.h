// Lemma 4.1, measured: the separate pMoE's routers' sample complexity N_r*.
// A run's routers succeed when they route the discriminative patch into
// the top l for at least 1 - eps_r of the test samples (its router.recall,
// the mean over classes of that fraction, >= 1 - eps_r; eps_r =
// analysis.router_target). On a grid with an N_r axis, N_r* is estimated
// exactly as N* is on an N grid, with N_r in place of N and the routers'
// miss rate 1 - recall in place of the test error: per cell of the other
// axes, the smallest N_r at which a fraction q of runs succeed, interpolated
// in log N_r, censored at the grid's ends, with a bootstrap over repeats.
// Runs at every N of the experts pool as repeats at their N_r (the router
// phase does not read the experts' samples when it has its own).
//
// The lemma's own quantities: its batch B_r ~ n^2 / (1 - delta_d)^2 and
// iterations T_r ~ 1 / (1 - delta_d) make N_r* ~ n^2 / (1 - delta_d)^3.
#pragma once

#include <vector>

#include "analysis/estimate/complexity.h"
#include "analysis/records/records.h"

namespace sim {

// The derived axis gap_d = 1 / (1 - delta_d) of Lemma 4.1 (AddSeparationCoords'
// sibling), present on router cells whose grid moves delta_d.
constexpr const char* kRouterGapAxis = "gap_d";

// Cells of every model with a router phase, over every grid axis but N
// and N_r, carrying N_r* as n_star (Quantity::kRouterNStar); empty if the
// grid has no N_r axis.
std::vector<Cell> SummariseRouterCells(const ResultsSet& results,
                                       const ComplexityOptions& options);

// The cells a quantity is estimated on: router cells for N_r*, else
// SummariseCells.
std::vector<Cell> CellsFor(const ResultsSet& results,
                           const ComplexityOptions& options,
                           Quantity quantity);

// The l a run's routers need: the smallest l at which the discriminative
// patch is in the top l for at least 1 - eps_r of every class's test
// samples, under the router that serves the class (the separate pMoE:
// expert c for class c; jointly trained routers: the best expert). NaN
// without router.signal_rank.
double RankNeeded(const RunRecord& run, double router_target);

}  // namespace sim
