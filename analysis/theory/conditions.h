// The conditions under which the paper's theorems hold (Chowdhury et al.,
// ICML 2023, Thms 4.2, 4.3, 4.5 and Lemma 4.1), evaluated at one cell's
// settings with constants 1 and log factors dropped, so that a measured
// exponent can be read as "not refuted, outside the theorem's conditions"
// rather than as verified. Definitions in docs/analysis.md ("Theorem
// conditions"). Pure arithmetic: the inputs come from cell_conditions.h.
#pragma once

#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace sim {

struct Condition {
  std::string name;  // "log10_width_ratio", the analysis.json key
  double value = std::numeric_limits<double>::quiet_NaN();  // measured
  // The theorem's bound on `value` (NaN where the rule is not a number).
  double required = std::numeric_limits<double>::quiet_NaN();
  std::string rule;    // ">= 0", "<= 3.1e-09", "finite"
  std::string source;  // "Theorem 4.3", "Lemma 4.1"
  // nullopt: not computable from the records and the spec.
  std::optional<bool> holds;
  std::string failure;  // the summary's phrase when it fails
};

struct TheoremConditions {
  std::string theorem;  // "Theorem 4.3 (CNN)"; "" for other model types
  std::vector<Condition> conditions;
  // Every computable condition holds (nullopt: no theorem, or none
  // computable).
  std::optional<bool> within;
  std::string summary;  // one line: "outside the theorem's conditions: ..."
  const Condition* Find(const std::string& name) const;
};

// A cell's settings; NaN where unknown.
struct ConditionInputs {
  static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  double eps = kNaN;  // the analysis target epsilon
  double n = kNaN, d = kNaN, m = kNaN, k = kNaN, l = kNaN, B = kNaN;
  double eta = kNaN;  // the largest step size of the cell's runs
  double p = kNaN;    // pattern sets
  double delta_d = kNaN, delta_r = kNaN, l_star = kNaN;  // data statistics
  double router_samples = kNaN;                          // N_r
  double set_diameter = kNaN;     // largest diameter of a set S_j
  double router_init_std = kNaN;  // sigma_r of w_s^(0)
};

// The separation delta = 1 / (1 - max(delta_d^2, delta_r^2)) (eq. 9);
// +inf when max(...) >= 1, NaN when unknown.
double SeparationDelta(double delta_d, double delta_r);

// Diameter of the synthetic data's pattern set S_j (sim/data/synthetic):
// plain patterns s g v + sqrt(1 - g^2) c with g = delta_r / sqrt((1 +
// delta_d) / 2) and c = unit(e_j + r z), r <= radius; with confusers
// (confusers > 0) also t alpha u + sqrt(1 - alpha^2) c around the same
// centre.
double SyntheticSetDiameter(
    double delta_d, double delta_r, double radius, int confusers, double alpha);

// The conditions of the theorem that covers model `type`, as its registry
// entry states it (ModelTraits::theorem: Thm 4.3 for the CNN, Thm 4.2 with
// Lemma 4.1 for the separate pMoE, Thm 4.5 for the joint pMoE); a type no
// theorem covers has none, said in the summary.
TheoremConditions EvaluateConditions(const std::string& type,
                                     const ConditionInputs& in);

}  // namespace sim
