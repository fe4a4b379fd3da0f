// Expectations ("expect" in a spec): rules that a results folder must
// satisfy, so that CI fails when a change breaks the science. Rule kinds
// (schema in docs/analysis.md, "Checking the theory"):
//   slope         fitted exponent of N* or T* in an axis, for one model
//   saving_slope  exponent of N*_a / N*_b in an axis
//   theory_bound  fitted exponent not above the theory's beyond its interval
//   flat          fitted exponent 0: its interval contains 0 and is narrow
//   optimised     no cell of the model(s) optimisation-limited
//   error_order   mean final test error ascending along a list of models
//   value         a metric (rule_terms.h lists them) reduced by a statistic
//                 (mean, min, max) over the runs matching `where`
//   trend         a metric's direction along an axis
//   upper_bound   a measured gap below a theory's bound, cell by cell
// Bounds: "within": [lo, hi], "at_least": v, "at_most": v, judged on the
// measurement's 95% interval where it has one (Bounds::Judge): pass when
// the whole interval clears them, fail when the whole interval violates
// them, inconclusive when it straddles a threshold.
// Every rule has three verdicts: a rule without the data it needs (too few
// usable cells, no interval, no matching runs) is inconclusive, never a
// pass.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "analysis/checks/rule_terms.h"
#include "analysis/estimate/complexity.h"
#include "analysis/records/records.h"

namespace sim {

// "pass", "fail", "inconclusive".
const char* VerdictName(Verdict verdict);

struct CheckRow {
  std::string name;
  std::string rule;                // human-readable statement
  double measured = std::nan("");  // the number judged (NaN: not one)
  double lo = std::nan(""), hi = std::nan("");  // its 95% interval
  std::string detail;  // the measurement as text where not one number
  Verdict verdict = Verdict::kFail;
  std::string note;
  bool Passed() const { return verdict == Verdict::kPass; }
  std::string MeasuredText() const;  // detail, else the number
  std::string IntervalText() const;  // "[lo, hi]" or ""
};

// Exit status of `pmoe-sim check`: 1 if any rule fails, else 3 if any is
// inconclusive, else 0 (2 is bad input).
int CheckExitCode(const std::vector<CheckRow>& rows);

// Throws SpecError naming the path (expect[i].key) for malformed rules.
void ValidateRules(const Json& rules,
                   const std::vector<std::string>& models,
                   const std::vector<std::string>& axes);

std::vector<CheckRow> EvaluateRules(const Json& rules,
                                    const ResultsSet& results,
                                    const ComplexityOptions& options);

}  // namespace sim
