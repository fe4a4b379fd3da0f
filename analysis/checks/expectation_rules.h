// Parsed form of one "expect" rule; the same parser validates a spec and
// drives evaluation, so a rule that validates is one that evaluates.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "sim/experiment/spec/json_reader.h"

namespace sim {

struct Bounds {
  bool has_lo = false, has_hi = false;
  double lo = 0, hi = 0;
  std::string Text() const;
  bool Holds(double x) const;
};

enum class RuleKind {
  kSlope,        // a fitted exponent within bounds
  kSavingSlope,  // the exponent of N*_a / N*_b within bounds
  kTheoryBound,  // a fitted exponent not above the theory's
  kFlat,         // a fitted exponent of 0, two-sided
  kOptimised,    // no fitted cell optimisation-limited
  kErrorOrder,   // models ordered by error at every point
  kValue,        // a metric within bounds
  kTrend,        // a metric moving one way along an axis
  kUpperBound,   // a measured gap below a theory's bound, cell by cell
};

// "slope", "saving_slope", ... (the spec's "rule" key).
const char* RuleKindName(RuleKind kind);

struct Rule {
  RuleKind kind = RuleKind::kSlope;
  std::string name, model, model_b, axis, quantity = "N_star",
                                          metric = "test_error", direction;
  std::vector<std::string> models, fit_axes;
  Json where = Json::object();
  Bounds bounds;
  double target = std::nan("");
  double max_width = 1.0;     // flat: widest interval that can pass
  double max_fraction = 0.0;  // optimised: tolerated limited fraction
  // upper_bound: "zhao_stated" (the bound's router term as stated) or
  // "zhao_fitted" (its form with constants fitted on the cells matching
  // calibrate_where, {axis: [values]}, and held fixed on the others).
  std::string bound;
  // value: "mean" over the runs (default), or "min" / "max" (every run).
  std::string statistic = "mean";
  Json calibrate_where = Json::object();
};

// Throws SpecError naming `path` and the key for a malformed rule, or a
// rule naming a model or axis that is not in the grid.
Rule ParseRule(const Json& json,
               const std::string& path,
               const std::vector<std::string>& models,
               const std::vector<std::string>& grid_axes);

// Metrics of `value` and `trend` rules.
bool KnownMetric(const std::string& metric);

}  // namespace sim
