// Parsed form of one "expect" rule; the same parser validates a spec and
// drives evaluation, so a rule that validates is one that evaluates.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "analysis/checks/rule_terms.h"
#include "sim/experiment/spec/json_reader.h"

namespace sim {

struct Bounds {
  bool has_lo = false, has_hi = false;
  double lo = 0, hi = 0;
  std::string Text() const;
  bool Holds(double x) const;
  // On an interval [lo, hi] (a point when lo == hi): pass when all of it
  // holds, fail when none of it does, inconclusive when it straddles a
  // threshold or is unknown.
  Verdict Judge(double lo, double hi) const;
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
  kCollapse,     // exponents in the ratio of a composite (collapse_rule.h)
};

// "slope", "saving_slope", ... (the spec's "rule" key).
const char* RuleKindName(RuleKind kind);

struct Rule {
  RuleKind kind = RuleKind::kSlope;
  std::string name, model, model_b, axis;
  Quantity quantity = Quantity::kNStar;  // slope, theory_bound, flat
  Metric metric = Metric::kTestError;    // value, trend
  TrendDirection direction = TrendDirection::kIncreasing;  // trend
  std::vector<std::string> models, fit_axes;
  Json where = Json::object();
  Bounds bounds;
  double target = std::nan("");
  double max_width = 1.0;     // flat: widest interval that can pass
  double max_fraction = 0.0;  // optimised: tolerated limited fraction
  // upper_bound: the bound's router term as stated, or its form with
  // constants fitted on the cells matching calibrate_where, {axis:
  // [values]}, and held fixed on the others.
  GapBound bound = GapBound::kZhaoStated;
  // value: the mean over the runs (default), or min / max (every run).
  Statistic statistic = Statistic::kMean;
  Json calibrate_where = Json::object();
  // collapse: the composite ("n/l") and the widest half-interval that passes.
  std::string variable;
  double tolerance = 0.5;
};

// Throws SpecError naming `path` and the key for a malformed rule, or a
// rule naming a model or axis that is not in the grid.
Rule ParseRule(const Json& json,
               const std::string& path,
               const std::vector<std::string>& models,
               const std::vector<std::string>& grid_axes);

}  // namespace sim
