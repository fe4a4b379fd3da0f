#include "analysis/checks/expectations.h"

#include <cmath>
#include <cstdio>
#include <map>

#include "analysis/checks/bound_checks.h"
#include "analysis/checks/collapse_rule.h"
#include "analysis/checks/expectation_rules.h"
#include "analysis/checks/fit_checks.h"
#include "analysis/checks/metric_rules.h"
#include "analysis/estimate/router_samples.h"
#include "analysis/records/separation_axis.h"
#include "analysis/text/format_number.h"
#include "analysis/theory/theory.h"
#include "analysis/theory/zhao_bound.h"
#include "sim/experiment/grid/grid_spec.h"

namespace sim {

std::string TheoryParam(const std::string& axis) {
  if (axis == kSeparationAxis) return "delta";
  std::string path;
  try {
    path = AxisPath(axis, "");
  } catch (const SpecError&) {
    return "";
  }
  if (path == "data.num_patches") return "n";
  if (path == "model.top_l") return "l";
  if (path == "model.num_experts") return "k";
  if (path == "data.synthetic.num_sets") return "p";
  return "";
}

void ValidateRules(const Json& rules,
                   const std::vector<std::string>& models,
                   const std::vector<std::string>& axes) {
  if (!rules.is_array()) ThrowSpecError("expect", "expected an array of rules");
  for (size_t i = 0; i < rules.size(); ++i) {
    ParseRule(rules[i], "expect[" + std::to_string(i) + "]", models, axes);
  }
}

const char* VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kPass:
      return "pass";
    case Verdict::kFail:
      return "fail";
    case Verdict::kInconclusive:
      return "inconclusive";
  }
  return "fail";
}

std::string CheckRow::MeasuredText() const {
  return detail.empty() ? FormatNumber(measured) : detail;
}

std::string CheckRow::IntervalText() const {
  if (std::isnan(lo) || std::isnan(hi)) return "";
  return "[" + FormatNumber(lo) + ", " + FormatNumber(hi) + "]";
}

int CheckExitCode(const std::vector<CheckRow>& rows) {
  bool inconclusive = false;
  for (const CheckRow& row : rows) {
    if (row.verdict == Verdict::kFail) return 1;
    inconclusive |= row.verdict == Verdict::kInconclusive;
  }
  return inconclusive ? 3 : 0;
}

std::vector<CheckRow> EvaluateRules(const Json& rules,
                                    const ResultsSet& results,
                                    const ComplexityOptions& options) {
  std::vector<CheckRow> rows;
  for (size_t i = 0; i < rules.size(); ++i) {
    const Rule rule = ParseRule(rules[i], "expect[" + std::to_string(i) + "]",
                                results.models, results.axes);
    ComplexityOptions opts = options;
    if (!std::isnan(rule.target)) opts.target = rule.target;
    CheckRow row;
    switch (rule.kind) {
      case RuleKind::kSlope:
      case RuleKind::kTheoryBound:
      case RuleKind::kFlat:
      case RuleKind::kSavingSlope:
        row = EvaluateFitRule(rule, results,
                              CellsFor(results, opts, rule.quantity));
        break;
      case RuleKind::kOptimised:
        row = EvaluateOptimisedRule(rule, SummariseCells(results, opts));
        break;
      case RuleKind::kTrend:
        row = EvaluateTrend(rule, results, opts);
        break;
      case RuleKind::kErrorOrder:
        row = EvaluateErrorOrder(rule, results, opts);
        break;
      case RuleKind::kValue:
        row = EvaluateValue(rule, results, opts);
        break;
      case RuleKind::kUpperBound:
        row = EvaluateUpperBound(rule, results, opts.seed);
        break;
      case RuleKind::kCollapse:
        row =
            EvaluateCollapseRule(rule, CellsFor(results, opts, rule.quantity));
        break;
    }
    row.name = rule.name.empty()
                   ? RuleKindName(rule.kind) + (" #" + std::to_string(i))
                   : rule.name;
    rows.push_back(row);
  }
  return rows;
}

}  // namespace sim
