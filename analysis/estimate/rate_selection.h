// A validity note on learning-rate selection: a model that keeps choosing
// the largest (or smallest) candidate may do better beyond the list, so its
// N* is limited by the list, not by the samples.
#pragma once

#include <string>
#include <vector>

#include "analysis/estimate/complexity.h"
#include "analysis/records/records.h"

namespace sim {

struct RateEdge {
  std::string model;
  int runs = 0;     // runs with a selection
  int highest = 0;  // chose the largest candidate
  int lowest = 0;   // chose the smallest candidate
  // Cells (coordinates except N) where more than half of the runs chose
  // the largest or the smallest candidate.
  std::vector<std::string> cells_highest, cells_lowest;
};

std::vector<RateEdge> RateEdges(const ResultsSet& results);

// "largest" or "smallest" where more than half of `runs` (one cell's)
// selected that edge of their learning-rate candidates; "" otherwise.
std::string RateEdgeOf(const std::vector<const RunRecord*>& runs);

// A cell whose runs chose an edge rate: a rate beyond the candidates might
// have done better, so its N* and T* (point and every bootstrap replicate)
// are upper limits, censored below at the measured value; sets
// cell.rate_edge. One censored above stays so (unknown either way).
void CensorAtRateEdge(const std::vector<const RunRecord*>& runs, Cell& cell);

// One warning line per model whose choices sit at an edge of the
// candidates in at least `fraction` of its runs, or in most runs of one of
// its cells (named in the line); "" if none.
std::string RateEdgeWarnings(const std::vector<RateEdge>& edges,
                             double fraction = 0.25);

}  // namespace sim
