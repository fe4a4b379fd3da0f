#include "analysis/fits/total_samples.h"

#include <cmath>

namespace sim {

double RouterSamplesOf(const Cell& cell, const ResultsSet& results) {
  if (!results.OwnRouterSamples(cell.model)) return std::nan("");
  for (const char* axis : {"N_r", "training.router_samples"}) {
    const auto it = cell.coords.find(axis);
    if (it != cell.coords.end()) return it->second;
  }
  const auto it = results.router_samples.find(cell.model);
  // Independent routers with N_r 0 draw as many as the experts' N.
  return it != results.router_samples.end() && it->second > 0 ? it->second
                                                              : std::nan("");
}

std::vector<Cell> WithRouterSamples(const std::vector<Cell>& cells,
                                    const ResultsSet& results) {
  std::vector<Cell> out = cells;
  for (Cell& cell : out) {
    const double n_r = RouterSamplesOf(cell, results);
    if (std::isnan(n_r)) continue;
    Estimate& e = cell.n_star;
    for (double* v : {&e.value, &e.lo, &e.hi, &e.bound}) *v += n_r;
    for (double& v : cell.n_star_boot) v += n_r;
    for (GridPoint& p : cell.points) p.N += n_r;
  }
  return out;
}

bool CountsRouterSamples(const std::vector<Cell>& cells,
                         const ResultsSet& results,
                         const std::string& model) {
  for (const Cell& cell : cells)
    if (cell.model == model && !std::isnan(RouterSamplesOf(cell, results)))
      return true;
  return false;
}

}  // namespace sim
