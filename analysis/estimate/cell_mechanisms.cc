#include "analysis/estimate/cell_mechanisms.h"

#include <cmath>

#include "analysis/estimate/cost_to_target.h"
#include "analysis/estimate/router_properness.h"
#include "analysis/estimate/router_samples.h"

namespace sim {

void EstimateMechanisms(const std::vector<const RunRecord*>& runs,
                        const ComplexityOptions& options,
                        Cell& cell) {
  EstimateProperTime(runs, options, cell);
  EstimateCost(runs, cell);
  std::vector<double> needed;
  for (const RunRecord* r : runs) {
    const double l = RankNeeded(*r, options.router_target);
    if (!std::isnan(l)) needed.push_back(l);
  }
  if (!needed.empty()) cell.router_l_needed = Quantile(needed, 0.5);
  for (const RunRecord* r : runs)
    cell.data_l_star = std::fmax(cell.data_l_star, r->data_l_star);
}

}  // namespace sim
