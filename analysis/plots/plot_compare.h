// `pmoe-sim compare`: N* against one axis from several results folders
// (budget, online, converged protocols ...) overlaid in one log-log figure.
#pragma once

#include <string>
#include <vector>

#include "analysis/estimate/complexity.h"
#include "analysis/plots/plots.h"
#include "analysis/records/records.h"

namespace sim {

// One folder's cells at its own analysis options.
struct ComparedFolder {
  const ResultsSet* results = nullptr;
  std::vector<Cell> cells;
  ComplexityOptions options;
};

// Writes compare_nstar_vs_AXIS.{dat,gp,svg,png,pdf} into `dir`: one series
// per folder, model and other coordinates, N* with its 95% interval,
// censored cells as open triangles at their bound. Throws SpecError when
// a folder has no cell with two or more values of `axis`.
PlotFile PlotCompare(const std::vector<ComparedFolder>& folders,
                     const std::string& axis,
                     const std::string& dir);

}  // namespace sim
