#include "analysis/checks/expectations.h"

#include <cmath>
#include <cstdio>
#include <map>

#include "analysis/checks/bound_checks.h"
#include "analysis/checks/expectation_rules.h"
#include "analysis/checks/fit_checks.h"
#include "analysis/records/separation_axis.h"
#include "analysis/text/format_number.h"
#include "analysis/theory/theory.h"
#include "analysis/theory/zhao_bound.h"
#include "sim/experiment/grid/grid_spec.h"

namespace sim {
namespace {

std::string Num(double x) { return FormatNumber(x); }

bool Matches(const RunRecord& run, const Json& where) {
  for (auto it = where.begin(); it != where.end(); ++it) {
    const double want = it.value().get<double>();
    auto c = run.coords.find(it.key());
    if (c != run.coords.end()) {
      if (c->second != want) return false;
      continue;
    }
    auto p = run.params.find(it.key());
    if (p == run.params.end() || p->second != want) return false;
  }
  return true;
}

double RunMetric(const RunRecord& run, Metric metric, double target) {
  switch (metric) {
    case Metric::kTestError:
      return run.ok ? run.test_error : 1.0;
    case Metric::kSuccess:
      return run.ok && run.test_error <= target;
    case Metric::kRouterRecall:
      return run.router_recall;
    case Metric::kTopGated:
      return run.router_top_gated;
    case Metric::kDispatchEntropy:
      return run.dispatch_entropy;
    case Metric::kGeneralizationGap:
      return run.test_error - run.train_error;
    case Metric::kLossGap:
      return run.test_loss - run.train_loss;
    case Metric::kLocalAlignment:
      return run.local_alignment;
    case Metric::kGlobalAlignment:
      return run.global_alignment;
    case Metric::kGlobalAlignmentGain:
      // Over the random initialisation: the curve's first point records it
      // (test_error = 1 - global alignment).
      return run.curve_test_error.empty()
                 ? std::nan("")
                 : run.global_alignment - (1 - run.curve_test_error.front());
    case Metric::kRouterPurity:
      return run.router_purity;
  }
  return std::nan("");
}

// Gaps need both final metrics; a run without them is left out. Every other
// metric counts a failed run (test error 1, no success).
bool MetricMeasured(const RunRecord& run, Metric metric) {
  switch (metric) {
    case Metric::kLossGap:
      return run.ok && run.losses_measured;
    case Metric::kGlobalAlignmentGain:
      return !run.curve_test_error.empty();
    case Metric::kGeneralizationGap:
      return run.ok && run.test_error_measured && run.train_error_measured;
    default:
      return true;
  }
}

// The metric of every run of `model` at `where` that measured it, reduced
// by `statistic`; NaN without runs.
double ReducedMetric(const ResultsSet& results,
                     const std::string& model,
                     Metric metric,
                     const Json& where,
                     double target,
                     Statistic statistic,
                     int& count) {
  double sum = 0, lo = INFINITY, hi = -INFINITY;
  count = 0;
  for (const RunRecord& run : results.runs) {
    if (run.model != model || !Matches(run, where) ||
        !MetricMeasured(run, metric))
      continue;
    ++count;
    const double v = RunMetric(run, metric, target);
    sum += v;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  if (count == 0) return std::nan("");
  switch (statistic) {
    case Statistic::kMin:
      return lo;
    case Statistic::kMax:
      return hi;
    case Statistic::kMean:
      break;
  }
  return sum / count;
}

double MeanMetric(const ResultsSet& results,
                  const std::string& model,
                  Metric metric,
                  const Json& where,
                  double target,
                  int& count) {
  return ReducedMetric(results, model, metric, where, target, Statistic::kMean,
                       count);
}

// Least-squares slope of y on log x.
double LogSlope(const std::map<double, double>& y_by_x) {
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  const double n = double(y_by_x.size());
  for (const auto& [x, y] : y_by_x) {
    const double lx = std::log(x);
    sx += lx;
    sy += y;
    sxx += lx * lx;
    sxy += lx * y;
  }
  const double denom = n * sxx - sx * sx;
  return denom > 0 ? (n * sxy - sx * sy) / denom : std::nan("");
}

bool AxisValueOf(const RunRecord& run, const std::string& axis, double& v) {
  auto c = run.coords.find(axis);
  if (c != run.coords.end()) {
    v = c->second;
    return true;
  }
  auto p = run.params.find(axis);
  if (p == run.params.end()) return false;
  v = p->second;
  return true;
}

// Mean metric per axis value (over every other coordinate matching `where`),
// and the Zhao et al. router term at the same runs.
CheckRow EvaluateTrend(const Rule& rule,
                       const ResultsSet& results,
                       double target) {
  CheckRow row;
  std::map<double, std::pair<double, int>> metric_sum;
  std::map<double, double> bound_sum;
  for (const RunRecord& run : results.runs) {
    double v = 0;
    if (run.model != rule.model || !Matches(run, rule.where) ||
        !AxisValueOf(run, rule.axis, v) || v <= 0 ||
        !MetricMeasured(run, rule.metric)) {
      continue;
    }
    metric_sum[v].first += RunMetric(run, rule.metric, target);
    metric_sum[v].second++;
    const double T = run.params.count("k") ? run.params.at("k") : 1;
    const double k = run.params.count("top_k") ? run.params.at("top_k") : 1;
    const double d = run.params.count("d") ? run.params.at("d") : 1;
    bound_sum[v] += ZhaoRouterTerm(run.N(), T, k, T * d);
  }
  std::map<double, double> mean, bound;
  for (const auto& [v, sum] : metric_sum) {
    mean[v] = sum.first / sum.second;
    bound[v] = bound_sum[v] / sum.second;
  }
  const double slope = mean.size() >= 2 ? LogSlope(mean) : std::nan("");
  const double bound_slope = bound.size() >= 2 ? LogSlope(bound) : std::nan("");
  row.measured = slope;
  row.detail = "slope " + Num(slope);
  bool passed = false;
  if (rule.direction == TrendDirection::kAsZhaoBound) {
    row.detail += " (bound slope " + Num(bound_slope) + ")";
    passed = !std::isnan(slope) && !std::isnan(bound_slope) &&
             (slope > 0) == (bound_slope > 0);
  } else {
    passed =
        rule.direction == TrendDirection::kIncreasing ? slope > 0 : slope < 0;
  }
  row.rule = "mean " + std::string(MetricName(rule.metric)) + " of " +
             rule.model + " vs log " + rule.axis + " " +
             (rule.direction == TrendDirection::kAsZhaoBound
                  ? "moves as Zhao et al.'s bound"
                  : DirectionName(rule.direction));
  row.note = std::to_string(mean.size()) + " values of " + rule.axis;
  row.verdict = mean.size() < 2 ? Verdict::kInconclusive
                : passed        ? Verdict::kPass
                                : Verdict::kFail;
  return row;
}

CheckRow EvaluateErrorOrder(const Rule& rule,
                            const ResultsSet& results,
                            double target) {
  CheckRow row;
  double previous = -1;
  bool passed = true, missing = false;
  for (const std::string& model : rule.models) {
    int count = 0;
    const double err = MeanMetric(results, model, Metric::kTestError,
                                  rule.where, target, count);
    row.detail += (row.detail.empty() ? "" : " < ") + model + " " + Num(err);
    missing |= count == 0;
    passed = passed && count > 0 && err > previous;
    if (rule.bounds.has_lo && previous >= 0)
      passed = passed && err - previous >= rule.bounds.lo;
    previous = err;
  }
  row.rule = "mean test error ascends along the list" +
             (rule.where.empty() ? "" : " at " + rule.where.dump());
  if (missing) row.note = "a model has no runs there";
  row.verdict = missing  ? Verdict::kInconclusive
                : passed ? Verdict::kPass
                         : Verdict::kFail;
  return row;
}

CheckRow EvaluateValue(const Rule& rule,
                       const ResultsSet& results,
                       double target) {
  CheckRow row;
  int count = 0;
  row.measured = ReducedMetric(results, rule.model, rule.metric, rule.where,
                               target, rule.statistic, count);
  row.rule = std::string(StatisticName(rule.statistic)) + " " +
             MetricName(rule.metric) + " of " + rule.model +
             (rule.statistic == Statistic::kMean ? "" : " over its runs") +
             (rule.where.empty() ? "" : " at " + rule.where.dump()) + " " +
             rule.bounds.Text();
  row.note = std::to_string(count) + " runs";
  row.verdict = count == 0                        ? Verdict::kInconclusive
                : rule.bounds.Holds(row.measured) ? Verdict::kPass
                                                  : Verdict::kFail;
  return row;
}

}  // namespace

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
        row = EvaluateFitRule(rule, results, SummariseCells(results, opts));
        break;
      case RuleKind::kOptimised:
        row = EvaluateOptimisedRule(rule, SummariseCells(results, opts));
        break;
      case RuleKind::kTrend:
        row = EvaluateTrend(rule, results, opts.target);
        break;
      case RuleKind::kErrorOrder:
        row = EvaluateErrorOrder(rule, results, opts.target);
        break;
      case RuleKind::kValue:
        row = EvaluateValue(rule, results, opts.target);
        break;
      case RuleKind::kUpperBound:
        row = EvaluateUpperBound(rule, results, opts.seed);
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
