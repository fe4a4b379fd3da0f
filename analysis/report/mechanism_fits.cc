// Fits of the proofs' mechanisms: the routers' sample complexity N_r*
// against Lemma 4.1 (n^2 / (1 - delta_d)^3), the jointly trained routers'
// properness time T' (Assumption 4.4 states no order: "no theory"), and the
// cost to reach eps against Table 1.
#include <algorithm>
#include <cmath>

#include "analysis/estimate/router_samples.h"
#include "analysis/fits/theory_basis.h"
#include "analysis/records/separation_axis.h"
#include "analysis/report/report.h"

namespace sim {
namespace {

// One row per axis of a joint fit, each against its theory (TheoryFor).
void AddRows(const ResultsSet& results,
             const std::vector<Cell>& cells,
             const std::string& model,
             Quantity quantity,
             const std::vector<std::string>& axes,
             const Fit& fit,
             Analysis& a) {
  for (size_t i = 0; i < axes.size(); ++i) {
    const TheoryComparison theory =
        TheoryFor(results, model, axes[i], quantity);
    FitRow row;
    row.model = model;
    row.quantity = QuantityLabel(quantity);
    row.axis = axes[i];
    row.fit = fit;
    row.index = i;
    row.shape = ShapeOf(cells, model, axes, i, quantity, fit);
    row.theory = theory.exponent;
    row.theory_basis = theory.basis;
    JudgeAgainstTheory(row);
    a.fits.push_back(row);
  }
}

// Whether any of `model`'s cells has a usable-or-censored `quantity`.
bool Measured(const std::vector<Cell>& cells,
              const std::string& model,
              Quantity quantity) {
  return std::any_of(cells.begin(), cells.end(), [&](const Cell& c) {
    return c.model == model && !std::isnan(CellEstimate(c, quantity).value);
  });
}

}  // namespace

void AddMechanismFits(const ResultsSet& results, Analysis& a) {
  a.router_cells = SummariseRouterCells(results, a.options);
  std::vector<std::string> router_axes = results.axes;
  router_axes.push_back(kRouterGapAxis);
  // delta_d moves with its gap axis: fit the lemma's variable, not both.
  for (const char* moved : {"delta_d", kSeparationAxis})
    router_axes.erase(
        std::remove(router_axes.begin(), router_axes.end(), moved),
        router_axes.end());
  for (const std::string& model : results.models) {
    const std::vector<std::string> axes =
        VaryingAxes(router_axes, a.router_cells, model);
    if (axes.empty() || !Measured(a.router_cells, model, Quantity::kNStar))
      continue;
    AddRows(results, a.router_cells, model, Quantity::kRouterNStar, axes,
            FitCells(a.router_cells, model, axes, Quantity::kNStar), a);
  }
  for (const std::string& model : results.models) {
    const std::vector<std::string> axes =
        VaryingAxes(results.axes, a.cells, model);
    if (axes.empty()) continue;
    for (const Quantity quantity : {Quantity::kTPrime, Quantity::kCost}) {
      if (!Measured(a.cells, model, quantity)) continue;
      AddRows(results, a.cells, model, quantity, axes,
              FitCells(a.cells, model, axes, quantity), a);
    }
  }
}

}  // namespace sim
