// Budget sensitivity: does a measured N* or exponent survive twice the SGD
// steps and another step size? Compares the analysis of a spec's results
// with the analyses of its budget variants (budget_variants.h). An exponent
// is robust when every variant's point estimate lies inside the base fit's
// 95% interval, budget-dependent when one lies outside, and inconclusive
// when the base fit has no interval or a variant has no fit. A cell's N*
// moved when a variant's estimate lies outside the base cell's interval or
// is censored on the other side.
#pragma once

#include <string>
#include <vector>

#include "analysis/report/report.h"

namespace sim {

enum class Robustness { kRobust, kBudgetDependent, kInconclusive };
const char* RobustnessName(Robustness r);

struct SensitivityFit {
  std::string model, quantity, axis;
  double slope = 0, lo = 0, hi = 0;    // the base fit
  std::vector<double> variant_slopes;  // per variant, NaN = no fit
  Robustness verdict = Robustness::kInconclusive;
};

struct SensitivityCell {
  std::string label;
  std::string base;                   // N* as text
  std::vector<std::string> variants;  // per variant
  bool moved = false;
};

struct Sensitivity {
  std::vector<std::string> labels;  // variant labels
  std::vector<SensitivityFit> fits;
  std::vector<SensitivityCell> cells;
  Robustness overall = Robustness::kRobust;
};

Sensitivity CompareBudgets(const Analysis& base,
                           const std::vector<std::string>& labels,
                           const std::vector<Analysis>& variants);

std::string SensitivityTable(const Sensitivity& s);
Json SensitivityToJson(const Sensitivity& s);

}  // namespace sim
