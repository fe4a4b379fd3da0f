// Measured generalisation gaps of the sample-level top-k MoE beside the
// router term of Zhao et al.'s bound (zhao_bound.h), per model and grid
// point.
#pragma once

#include <string>
#include <vector>

#include "analysis/records.h"

namespace sim {

struct GapRow {
  std::string model;
  std::map<std::string, double> coords;  // every grid coordinate
  double N = 0, T = 0, k = 0, d = 0;
  int runs = 0;
  double error_gap = 0;  // mean test error - train error
  double loss_gap = 0;   // mean test loss - train loss
  double bound = 0;      // Zhao et al.'s router term, d_N = T d, delta 0.05
};

// One row per (moe_topk model, grid point), ok runs only.
std::vector<GapRow> GapRows(const ResultsSet& results);

}  // namespace sim
