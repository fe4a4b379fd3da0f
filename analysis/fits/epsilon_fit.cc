#include "analysis/fits/epsilon_fit.h"

namespace sim {

bool TrainedOnline(const ResultsSet& results, const std::string& model) {
  bool any = false;
  for (const RunRecord& r : results.runs) {
    if (r.model != model) continue;
    if (r.protocol != "online") return false;
    any = true;
  }
  return any;
}

Fit FitEpsilon(const ResultsSet& results,
               const ComplexityOptions& options,
               const std::vector<double>& targets,
               const std::string& model,
               const std::vector<std::string>& axes,
               Quantity quantity) {
  std::vector<std::string> columns = {"1/eps"};
  columns.insert(columns.end(), axes.begin(), axes.end());
  FitInput input;
  int censored = 0;
  for (double eps : targets) {
    if (!(eps > 0)) continue;
    ComplexityOptions at = options;
    at.target = eps;
    for (const Cell& cell : SummariseCells(results, at)) {
      if (cell.model != model) continue;
      const Estimate& e = CellEstimate(cell, quantity);
      if (!e.usable() || !(e.value > 0)) {
        ++censored;
        continue;
      }
      std::vector<double> x = {1 / eps};
      for (const std::string& axis : axes) {
        const auto c = cell.coords.find(axis);
        const auto p = cell.params.find(axis);
        x.push_back(c != cell.coords.end()   ? c->second
                    : p != cell.params.end() ? p->second
                                             : 0);
      }
      input.x.push_back(x);
      input.y.push_back(e.value);
      const bool samples = quantity == Quantity::kNStar;
      input.y_boot.push_back(samples ? cell.n_star_boot : cell.t_star_boot);
      // Censored replicates (a bound) enter as intervals, NaN ones drop.
      input.censor_boot.push_back(samples ? cell.n_star_boot_censor
                                          : cell.t_star_boot_censor);
    }
  }
  Fit fit = FitPowerLaw(input, columns);
  fit.censored = censored;
  return fit;
}

}  // namespace sim
