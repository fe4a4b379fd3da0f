#include "analysis/checks/metric_rules.h"

#include <cmath>
#include <map>

#include "analysis/estimate/bootstrap_interval.h"
#include "analysis/text/format_number.h"
#include "analysis/theory/zhao_bound.h"

namespace sim {
namespace {

std::string Num(double x) { return FormatNumber(x); }

bool Matches(const RunRecord& run, const Json& where) {
  for (auto it = where.begin(); it != where.end(); ++it) {
    double v = 0;
    if (!RunAxisValue(run, it.key(), v) || v != it.value().get<double>())
      return false;
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
    case Metric::kSignChanged:
      // Lemma G.1's coupling at the run's last evaluation.
      return run.curve_sign_changed.empty() ? std::nan("")
                                            : run.curve_sign_changed.back();
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
    case Metric::kSignChanged:
      return run.ok && !run.curve_sign_changed.empty() &&
             std::isfinite(run.curve_sign_changed.back());
    case Metric::kGeneralizationGap:
      return run.ok && run.test_error_measured && run.train_error_measured;
    default:
      return true;
  }
}

// The metric of every run of `model` at `where` that measured it.
std::vector<double> MetricValues(const ResultsSet& results,
                                 const std::string& model,
                                 Metric metric,
                                 const Json& where,
                                 double target) {
  std::vector<double> values;
  for (const RunRecord& run : results.runs) {
    if (run.model != model || !Matches(run, where) ||
        !MetricMeasured(run, metric))
      continue;
    values.push_back(RunMetric(run, metric, target));
  }
  return values;
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

// A rule's own resampling stream, from the analysis seed and its name.
Rng RuleRng(const ComplexityOptions& options, const std::string& tag) {
  return Rng(DeriveSeed(options.seed, HashTag(tag)));
}

// The interval note of a rule judged on a point (one run per group).
std::string PointNote(const CheckRow& row) {
  return std::isnan(row.lo) ? "; one run per group: judged on the point" : "";
}

}  // namespace

CheckRow EvaluateValue(const Rule& rule,
                       const ResultsSet& results,
                       const ComplexityOptions& options) {
  CheckRow row;
  const std::vector<double> values = MetricValues(
      results, rule.model, rule.metric, rule.where, options.target);
  const bool mean = rule.statistic == Statistic::kMean;
  row.rule = std::string(StatisticName(rule.statistic)) + " " +
             MetricName(rule.metric) + " of " + rule.model +
             (mean ? "" : " over its runs") +
             (rule.where.empty() ? "" : " at " + rule.where.dump()) + " " +
             rule.bounds.Text() + (mean ? " on its 95% interval" : "");
  row.note = std::to_string(values.size()) + " runs";
  if (values.empty()) {
    row.verdict = Verdict::kInconclusive;
    return row;
  }
  switch (rule.statistic) {
    case Statistic::kMin:
      row.measured = *std::min_element(values.begin(), values.end());
      break;
    case Statistic::kMax:
      row.measured = *std::max_element(values.begin(), values.end());
      break;
    case Statistic::kMean: {
      row.measured = MeanOf(values);
      Rng rng = RuleRng(options, "value " + rule.name + rule.model);
      const Interval95 interval = BootstrapInterval(
          {values}, [](const Groups& g) { return MeanOf(g[0]); }, rng,
          options.bootstrap);
      row.lo = interval.lo;
      row.hi = interval.hi;
      row.note += PointNote(row);
      break;
    }
  }
  const bool point = std::isnan(row.lo);
  row.verdict = rule.bounds.Judge(point ? row.measured : row.lo,
                                  point ? row.measured : row.hi);
  if (row.verdict == Verdict::kInconclusive)
    row.note += "; the 95% interval straddles the threshold";
  return row;
}

CheckRow EvaluateTrend(const Rule& rule,
                       const ResultsSet& results,
                       const ComplexityOptions& options) {
  CheckRow row;
  std::map<double, std::vector<double>> by_value;
  std::map<double, double> bound_sum;
  for (const RunRecord& run : results.runs) {
    double v = 0;
    if (run.model != rule.model || !Matches(run, rule.where) ||
        !RunAxisValue(run, rule.axis, v) || v <= 0 ||
        !MetricMeasured(run, rule.metric)) {
      continue;
    }
    by_value[v].push_back(RunMetric(run, rule.metric, options.target));
    const double T = run.params.count("k") ? run.params.at("k") : 1;
    const double k = run.params.count("top_k") ? run.params.at("top_k") : 1;
    const double d = run.params.count("d") ? run.params.at("d") : 1;
    bound_sum[v] += ZhaoRouterTerm(run.N(), T, k, T * d);
  }
  std::vector<double> xs;
  Groups groups;
  std::map<double, double> bound;
  for (const auto& [v, values] : by_value) {
    xs.push_back(v);
    groups.push_back(values);
    bound[v] = bound_sum[v] / values.size();
  }
  // The slope of the per-value means on log(axis value).
  const auto slope_of = [&xs](const Groups& g) {
    std::map<double, double> mean;
    for (size_t i = 0; i < xs.size(); ++i) mean[xs[i]] = MeanOf(g[i]);
    return mean.size() >= 2 ? LogSlope(mean) : std::nan("");
  };
  row.measured = slope_of(groups);
  row.detail = "slope " + Num(row.measured);
  if (xs.size() >= 2) {
    Rng rng = RuleRng(options, "trend " + rule.name + rule.model + rule.axis);
    const Interval95 interval =
        BootstrapInterval(groups, slope_of, rng, options.bootstrap);
    row.lo = interval.lo;
    row.hi = interval.hi;
  }
  TrendDirection direction = rule.direction;
  if (direction == TrendDirection::kAsZhaoBound) {
    const double bound_slope =
        bound.size() >= 2 ? LogSlope(bound) : std::nan("");
    row.detail += " (bound slope " + Num(bound_slope) + ")";
    direction = bound_slope > 0   ? TrendDirection::kIncreasing
                : bound_slope < 0 ? TrendDirection::kDecreasing
                                  : TrendDirection::kAsZhaoBound;
  }
  row.rule = "mean " + std::string(MetricName(rule.metric)) + " of " +
             rule.model + " vs log " + rule.axis + " " +
             (rule.direction == TrendDirection::kAsZhaoBound
                  ? "moves as Zhao et al.'s bound"
                  : DirectionName(rule.direction)) +
             " on its 95% interval";
  row.note =
      std::to_string(xs.size()) + " values of " + rule.axis + PointNote(row);
  const bool point = std::isnan(row.lo);
  const double lo = point ? row.measured : row.lo,
               hi = point ? row.measured : row.hi;
  const double sign = direction == TrendDirection::kIncreasing   ? 1
                      : direction == TrendDirection::kDecreasing ? -1
                                                                 : 0;
  // Increasing: all of the interval above 0 passes, all below 0 fails.
  const double a = std::min(sign * lo, sign * hi),
               b = std::max(sign * lo, sign * hi);
  row.verdict = xs.size() < 2 || sign == 0 || std::isnan(a)
                    ? Verdict::kInconclusive
                : a > 0 ? Verdict::kPass
                : b < 0 ? Verdict::kFail
                        : Verdict::kInconclusive;
  if (row.verdict == Verdict::kInconclusive && xs.size() >= 2)
    row.note += "; the 95% interval contains 0";
  return row;
}

CheckRow EvaluateErrorOrder(const Rule& rule,
                            const ResultsSet& results,
                            const ComplexityOptions& options) {
  CheckRow row;
  // The smallest step up between neighbours: the rule's lower bound, or
  // any positive difference.
  const double step = rule.bounds.has_lo ? rule.bounds.lo : 0;
  Rng rng = RuleRng(options, "error_order " + rule.name);
  std::vector<double> previous;
  std::string previous_model;
  bool missing = false, failed = false, undecided = false;
  for (const std::string& model : rule.models) {
    const std::vector<double> errors = MetricValues(
        results, model, Metric::kTestError, rule.where, options.target);
    row.detail +=
        (row.detail.empty() ? "" : " < ") + model + " " + Num(MeanOf(errors));
    missing |= errors.empty();
    if (!errors.empty() && !previous.empty()) {
      const auto difference = [](const Groups& g) {
        return MeanOf(g[1]) - MeanOf(g[0]);
      };
      const double d = difference({previous, errors});
      Interval95 in = BootstrapInterval({previous, errors}, difference, rng,
                                        options.bootstrap);
      if (std::isnan(in.lo)) in.lo = in.hi = d;  // one run: the point
      failed |= in.hi <= 0 || in.hi < step;
      undecided |= !(in.lo > 0 && in.lo >= step);
      row.note += (row.note.empty() ? "" : "; ") + model + " - " +
                  previous_model + " in [" + Num(in.lo) + ", " + Num(in.hi) +
                  "]";
    }
    previous = errors;
    previous_model = model;
  }
  row.rule = "mean test error ascends along the list" +
             (rule.bounds.has_lo ? " by >= " + Num(step) : "") +
             (rule.where.empty() ? "" : " at " + rule.where.dump()) +
             ", on the 95% intervals of the differences";
  if (missing) row.note = "a model has no runs there";
  row.verdict = missing     ? Verdict::kInconclusive
                : failed    ? Verdict::kFail
                : undecided ? Verdict::kInconclusive
                            : Verdict::kPass;
  return row;
}

}  // namespace sim
