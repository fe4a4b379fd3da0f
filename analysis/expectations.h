// Expectations ("expect" in a spec): rules that a results folder must
// satisfy, so that CI fails when a change breaks the science. Rule kinds
// (schema in README.md, "Checking the theory"):
//   slope         fitted exponent of N* or T* in an axis, for one model
//   saving_slope  exponent of N*_a / N*_b in an axis
//   theory_bound  fitted exponent not above the theory's beyond its interval
//   error_order   mean final test error ascending along a list of models
//   value         a mean metric (test_error, success, router_recall,
//                 top_gated) over the runs matching `where`
// Bounds: "within": [lo, hi], "at_least": v, "at_most": v (point estimate).
#pragma once

#include <string>
#include <vector>

#include "analysis/complexity.h"
#include "analysis/records.h"

namespace sim {

struct CheckRow {
  std::string name;
  std::string rule;      // human-readable statement
  std::string measured;  // value as text
  std::string interval;  // 95% interval as text, or ""
  bool passed = false;
  std::string note;
};

// Throws SpecError naming the path (expect[i].key) for malformed rules.
void ValidateRules(const Json& rules,
                   const std::vector<std::string>& models,
                   const std::vector<std::string>& axes);

std::vector<CheckRow> EvaluateRules(const Json& rules,
                                    const ResultsSet& results,
                                    const ComplexityOptions& options);

}  // namespace sim
