// The theorems' conditions (conditions.h) at one cell of a results folder:
// its sizes from the records' params, its step size from the rates its runs
// used, delta_d, delta_r and l* from the records' data statistics, and the
// rest (p, the pattern sets' radius, N_r, the router initialisation) from
// the spec, where a grid axis can override them.
#pragma once

#include <string>
#include <vector>

#include "analysis/estimate/complexity.h"
#include "analysis/theory/conditions.h"

namespace sim {

// The settings of `cell` that the conditions read, at target `eps`.
ConditionInputs CellConditionInputs(const ResultsSet& results,
                                    const Cell& cell,
                                    double eps);

// Fills every cell's `conditions` (SummariseCells calls it).
void AttachTheoremConditions(const ResultsSet& results,
                             double eps,
                             std::vector<Cell>& cells);

// True only where a theorem covers the cell's model type and every
// condition computable from the records holds: a verdict on any other cell
// is "not refuted, outside the theorem's conditions" at best.
bool WithinTheoremConditions(const Cell& cell);

// The cell's one-line summary ("outside the theorem's conditions (Theorem
// 4.3 (CNN)): width 1e-35 of M_C, ...").
std::string TheoremConditionsSummary(const Cell& cell);

// What a verdict on `model`'s cells must add: "outside the theorem's
// conditions in 4 of 4 cells (Theorem 4.3 (CNN))", so that no reader takes
// "consistent" for "verified"; "" when every cell is within them, or when
// no theorem covers the model type.
std::string OutsideConditionsNote(const std::vector<Cell>& cells,
                                  const std::string& model);

}  // namespace sim
