#include "analysis/fits/mechanism_theory.h"

#include <cmath>

#include "analysis/estimate/router_samples.h"
#include "analysis/theory/table1_cost.h"

namespace sim {
namespace {

TheoryComparison RouterTheory(const std::string& axis) {
  TheoryComparison out;
  out.basis = "Lemma 4.1 (N_r = B_r T_r)";
  if (axis == "n") out.exponent = 2;
  if (axis == kRouterGapAxis) out.exponent = 3;
  if (axis == "l" || axis == "k" || axis == "m" || axis == "N")
    out.exponent = 0;
  return out;
}

TheoryComparison CostTheory(const ResultsSet& results,
                            const std::string& model,
                            const std::string& axis) {
  TheoryComparison out;
  const std::optional<double> table =
      Table1CostExponent(results.ModelType(model), axis);
  if (!table) return out;
  const std::optional<double> batch = axis == "1/eps"
                                          ? std::optional<double>(0.0)
                                          : BatchExponent(results, model, axis);
  if (!batch) {
    out.basis = "Table 1 (B varies, not as a power of " + axis + ")";
    return out;
  }
  const bool fixed = axis == "B" || std::fabs(*batch) < 1e-9;
  out.exponent = *table + (fixed ? 0.0 : *batch);
  out.basis =
      fixed ? "Table 1 (B fixed)" : "Table 1 (B grows with " + axis + ")";
  return out;
}

}  // namespace

TheoryComparison MechanismTheory(const ResultsSet& results,
                                 const std::string& model,
                                 const std::string& axis,
                                 Quantity quantity) {
  switch (quantity) {
    case Quantity::kRouterNStar:
      return RouterTheory(axis);
    case Quantity::kCost:
      return CostTheory(results, model, axis);
    case Quantity::kTPrime:
      return {std::nan(""), "Assumption 4.4 (no order)"};
    default:
      return {};
  }
}

}  // namespace sim
