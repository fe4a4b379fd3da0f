// The saving N*_numerator / N*_denominator cell by cell: the two models'
// cells at one point of the grid (equal on every coordinate both carry; a
// CNN has no l, so its cell at n pairs with the pMoE's at (n, l) for every
// l), for savings' fits and collapse plots.
#pragma once

#include <string>
#include <vector>

#include "analysis/estimate/complexity.h"

namespace sim {

// Whether two cells sit at one point of the grid.
bool SamePoint(const Cell& a, const Cell& b);

// `b` with the coordinates only `a` carries: where both carry an axis the
// routed model's (b's) parameters and coordinates are the cell's.
Cell Joined(const Cell& a, const Cell& b);

struct SavingPoint {
  Cell joined;  // coordinates and parameters of both cells
  double value = 0;
  // 95% percentile interval over the replicates where both sides are
  // known (NaN without).
  double lo = std::nan(""), hi = std::nan("");
};

// The saving at every grid point where both models' N* are usable.
std::vector<SavingPoint> SavingPoints(const std::vector<Cell>& cells,
                                      const std::string& numerator,
                                      const std::string& denominator);

}  // namespace sim
