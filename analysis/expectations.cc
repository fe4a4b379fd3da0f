#include "analysis/expectations.h"

#include <cmath>
#include <cstdio>
#include <map>

#include "analysis/format_number.h"
#include "analysis/scaling_fit.h"
#include "analysis/theory.h"
#include "analysis/zhao_bound.h"
#include "sim/experiment/grid_spec.h"

namespace sim {
namespace {

std::string Num(double x) { return FormatNumber(x); }

struct Bounds {
  bool has_lo = false, has_hi = false;
  double lo = 0, hi = 0;
  std::string Text() const {
    if (has_lo && has_hi) return "in [" + Num(lo) + ", " + Num(hi) + "]";
    if (has_lo) return ">= " + Num(lo);
    return "<= " + Num(hi);
  }
  bool Holds(double x) const {
    return !std::isnan(x) && (!has_lo || x >= lo) && (!has_hi || x <= hi);
  }
};

Bounds ReadBounds(ObjectReader& r) {
  Bounds b;
  if (const Json* w = r.Member("within")) {
    if (!w->is_array() || w->size() != 2 || !(*w)[0].is_number() ||
        !(*w)[1].is_number() || (*w)[0].get<double>() > (*w)[1].get<double>()) {
      ThrowSpecError(r.PathOf("within"), "expected [lo, hi] with lo <= hi");
    }
    b.has_lo = b.has_hi = true;
    b.lo = (*w)[0].get<double>();
    b.hi = (*w)[1].get<double>();
  }
  if (r.Has("at_least")) {
    b.has_lo = true;
    b.lo = r.Number("at_least", 0);
  } else {
    r.Member("at_least");
  }
  if (r.Has("at_most")) {
    b.has_hi = true;
    b.hi = r.Number("at_most", 0);
  } else {
    r.Member("at_most");
  }
  return b;
}

std::string RequireModel(ObjectReader& r,
                         const char* key,
                         const std::vector<std::string>& models) {
  const std::string model = r.String(key, "");
  if (std::find(models.begin(), models.end(), model) == models.end()) {
    std::string known;
    for (const auto& m : models) known += (known.empty() ? "" : ", ") + m;
    ThrowSpecError(r.PathOf(key), "must name a model of the spec (" + known +
                                      "), got \"" + model + "\"");
  }
  return model;
}

// Parsed form of one rule; the same code validates and evaluates.
constexpr const char* kMetricRule =
    "must be one of test_error, success, router_recall, top_gated, "
    "dispatch_entropy, generalization_gap, loss_gap, local_alignment, "
    "global_alignment, router_purity";

bool KnownMetric(const std::string& m) {
  return m == "test_error" || m == "success" || m == "router_recall" ||
         m == "top_gated" || m == "dispatch_entropy" ||
         m == "generalization_gap" || m == "loss_gap" ||
         m == "local_alignment" || m == "global_alignment" ||
         m == "router_purity";
}

struct Rule {
  std::string name, kind, model, model_b, axis,
      quantity = "N_star", metric = "test_error", direction;
  std::vector<std::string> models, fit_axes;
  Json where = Json::object();
  Bounds bounds;
  double target = std::nan("");
};

Rule ParseRule(const Json& json,
               const std::string& path,
               const std::vector<std::string>& models,
               const std::vector<std::string>& grid_axes) {
  ObjectReader r(json, path);
  Rule rule;
  rule.kind = r.String("rule", "");
  rule.name = r.String("name", "");
  rule.target = r.Number("target", std::nan(""));
  if (rule.kind == "slope" || rule.kind == "theory_bound") {
    rule.model = RequireModel(r, "model", models);
    rule.axis = r.String("axis", "");
    rule.quantity = r.String("quantity", "N_star");
    if (rule.quantity != "N_star" && rule.quantity != "T_star") {
      ThrowSpecError(r.PathOf("quantity"), "must be \"N_star\" or \"T_star\"");
    }
  } else if (rule.kind == "saving_slope") {
    rule.model = RequireModel(r, "numerator", models);
    rule.model_b = RequireModel(r, "denominator", models);
    rule.axis = r.String("axis", "");
  } else if (rule.kind == "error_order") {
    const Json* list = r.Member("models");
    if (list == nullptr || !list->is_array() || list->size() < 2) {
      ThrowSpecError(r.PathOf("models"),
                     "expected a list of at least two model names");
    }
    for (const Json& m : *list) {
      if (!m.is_string() || std::find(models.begin(), models.end(),
                                      m.get<std::string>()) == models.end()) {
        ThrowSpecError(r.PathOf("models"), "unknown model " + DescribeJson(m));
      }
      rule.models.push_back(m.get<std::string>());
    }
  } else if (rule.kind == "trend") {
    rule.model = RequireModel(r, "model", models);
    rule.metric = r.String("metric", "generalization_gap");
    if (!KnownMetric(rule.metric)) {
      ThrowSpecError(r.PathOf("metric"), kMetricRule);
    }
    rule.axis = r.String("axis", "");
    rule.direction = r.String("direction", "");
    if (rule.direction != "increasing" && rule.direction != "decreasing" &&
        rule.direction != "as_zhao_bound") {
      ThrowSpecError(
          r.PathOf("direction"),
          "must be \"increasing\", \"decreasing\" or \"as_zhao_bound\"");
    }
  } else if (rule.kind == "value") {
    rule.model = RequireModel(r, "model", models);
    rule.metric = r.String("metric", "test_error");
    if (!KnownMetric(rule.metric)) {
      ThrowSpecError(r.PathOf("metric"), kMetricRule);
    }
  } else {
    ThrowSpecError(
        r.PathOf("rule"),
        "must be one of \"slope\", \"saving_slope\", \"theory_bound\", "
        "\"error_order\", \"value\", \"trend\"");
  }
  if (!rule.axis.empty() || r.Has("axis")) {
    if (rule.axis.empty()) ThrowSpecError(r.PathOf("axis"), "is required");
    RequireGridAxis(rule.axis, r.PathOf("axis"), grid_axes);
  } else if (rule.kind == "slope" || rule.kind == "theory_bound" ||
             rule.kind == "saving_slope" || rule.kind == "trend") {
    ThrowSpecError(r.PathOf("axis"), "is required");
  }
  if (const Json* axes = r.Member("fit_axes")) {
    if (!axes->is_array())
      ThrowSpecError(r.PathOf("fit_axes"), "expected a list of axis names");
    for (const Json& a : *axes) {
      if (!a.is_string())
        ThrowSpecError(r.PathOf("fit_axes"), "expected axis names");
      RequireGridAxis(a.get<std::string>(), r.PathOf("fit_axes"), grid_axes);
      rule.fit_axes.push_back(a.get<std::string>());
    }
  }
  if (rule.fit_axes.empty() && !rule.axis.empty()) rule.fit_axes = {rule.axis};
  if (const Json* where = r.Member("where")) {
    if (!where->is_object())
      ThrowSpecError(r.PathOf("where"), "expected {axis: value}");
    for (auto it = where->begin(); it != where->end(); ++it) {
      if (!it.value().is_number())
        ThrowSpecError(r.PathOf("where") + "." + it.key(), "expected a number");
    }
    rule.where = *where;
  }
  rule.bounds = ReadBounds(r);
  if (rule.kind != "theory_bound" && rule.kind != "error_order" &&
      rule.kind != "trend" && !rule.bounds.has_lo && !rule.bounds.has_hi) {
    ThrowSpecError(path, "needs \"within\", \"at_least\" or \"at_most\"");
  }
  if (rule.kind == "theory_bound") {
    const std::string param = TheoryParam(rule.axis);
    if (param.empty())
      ThrowSpecError(r.PathOf("axis"),
                     "the theory states exponents in n, l and k only");
  }
  r.Finish();
  return rule;
}

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

double RunMetric(const RunRecord& run,
                 const std::string& metric,
                 double target) {
  if (metric == "test_error") return run.ok ? run.test_error : 1.0;
  if (metric == "success") return run.ok && run.test_error <= target;
  if (metric == "router_recall") return run.router_recall;
  if (metric == "top_gated") return run.router_top_gated;
  if (metric == "dispatch_entropy") return run.dispatch_entropy;
  if (metric == "generalization_gap") return run.test_error - run.train_error;
  if (metric == "local_alignment") return run.local_alignment;
  if (metric == "global_alignment") return run.global_alignment;
  if (metric == "router_purity") return run.router_purity;
  return run.test_loss - run.train_loss;  // loss_gap
}

double MeanMetric(const ResultsSet& results,
                  const std::string& model,
                  const std::string& metric,
                  const Json& where,
                  double target,
                  int& count) {
  double sum = 0;
  count = 0;
  for (const RunRecord& run : results.runs) {
    if (run.model != model || !Matches(run, where)) continue;
    ++count;
    sum += RunMetric(run, metric, target);
  }
  return count ? sum / count : std::nan("");
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

}  // namespace

std::string TheoryParam(const std::string& axis) {
  std::string path;
  try {
    path = AxisPath(axis, "");
  } catch (const SpecError&) {
    return "";
  }
  if (path == "data.num_patches") return "n";
  if (path == "model.top_l") return "l";
  if (path == "model.num_experts") return "k";
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
    row.name =
        rule.name.empty() ? rule.kind + " #" + std::to_string(i) : rule.name;
    if (rule.kind == "slope" || rule.kind == "theory_bound" ||
        rule.kind == "saving_slope") {
      const std::vector<Cell> cells = SummariseCells(results, opts);
      Fit fit;
      std::string what;
      if (rule.kind == "saving_slope") {
        fit = FitSaving(cells, rule.model, rule.model_b, rule.fit_axes);
        what = "slope of log(N*_" + rule.model + " / N*_" + rule.model_b +
               ") in log " + rule.axis;
      } else {
        const Quantity q =
            rule.quantity == "T_star" ? Quantity::kTStar : Quantity::kNStar;
        fit = FitCells(cells, rule.model, rule.fit_axes, q);
        what = "slope of log " +
               std::string(q == Quantity::kTStar ? "T*" : "N*") + "_" +
               rule.model + " in log " + rule.axis;
      }
      const size_t a =
          std::find(rule.fit_axes.begin(), rule.fit_axes.end(), rule.axis) -
          rule.fit_axes.begin();
      const double slope = fit.ok ? fit.slope[a] : std::nan("");
      row.measured = fit.ok ? Num(slope) : "n/a";
      if (fit.ok) {
        row.interval = std::isnan(fit.lo[a])
                           ? "se " + Num(fit.se[a])
                           : "[" + Num(fit.lo[a]) + ", " + Num(fit.hi[a]) + "]";
      }
      row.note = fit.ok ? std::to_string(fit.points) + " cells, " +
                              std::to_string(fit.censored) + " censored"
                        : fit.note + " (" + std::to_string(fit.censored) +
                              " censored)";
      if (rule.kind == "theory_bound") {
        std::string type;
        for (const RunRecord& r : results.runs)
          if (r.model == rule.model) type = r.type;
        const auto theory = TheoryExponentFor(
            type, TheoryParam(rule.axis), results.OwnRouterSamples(rule.model));
        const double bound = !theory                     ? std::nan("")
                             : rule.quantity == "T_star" ? theory->iterations
                                                         : theory->samples;
        // Consistent unless the whole interval lies above the bound.
        const double lower =
            fit.ok ? (std::isnan(fit.lo[a]) ? slope - 2 * fit.se[a] : fit.lo[a])
                   : std::nan("");
        row.rule = what + " not above the theory's " + Num(bound) +
                   " beyond its interval";
        row.passed = fit.ok && !std::isnan(bound) && !(lower > bound);
      } else {
        row.rule = what + " " + rule.bounds.Text();
        row.passed = fit.ok && rule.bounds.Holds(slope);
      }
    } else if (rule.kind == "trend") {
      // Mean metric per axis value (over every other coordinate matching
      // `where`), and the Zhao et al. router term at the same runs.
      std::map<double, std::pair<double, int>> metric_sum;
      std::map<double, double> bound_sum;
      for (const RunRecord& run : results.runs) {
        double v = 0;
        if (run.model != rule.model || !Matches(run, rule.where) ||
            !AxisValueOf(run, rule.axis, v) || v <= 0) {
          continue;
        }
        metric_sum[v].first += RunMetric(run, rule.metric, opts.target);
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
      const double bound_slope =
          bound.size() >= 2 ? LogSlope(bound) : std::nan("");
      row.measured = "slope " + Num(slope);
      if (rule.direction == "as_zhao_bound") {
        row.measured += " (bound slope " + Num(bound_slope) + ")";
        row.passed = !std::isnan(slope) && !std::isnan(bound_slope) &&
                     (slope > 0) == (bound_slope > 0);
      } else {
        row.passed = rule.direction == "increasing" ? slope > 0 : slope < 0;
      }
      row.rule =
          "mean " + rule.metric + " of " + rule.model + " vs log " + rule.axis +
          " " +
          (rule.direction == "as_zhao_bound" ? "moves as Zhao et al.'s bound"
                                             : rule.direction);
      row.note = std::to_string(mean.size()) + " values of " + rule.axis;
    } else if (rule.kind == "error_order") {
      std::string measured;
      double previous = -1;
      row.passed = true;
      for (const std::string& model : rule.models) {
        int count = 0;
        const double err = MeanMetric(results, model, "test_error", rule.where,
                                      opts.target, count);
        measured += (measured.empty() ? "" : " < ") + model + " " + Num(err);
        row.passed = row.passed && count > 0 && err > previous;
        if (rule.bounds.has_lo && previous >= 0)
          row.passed = row.passed && err - previous >= rule.bounds.lo;
        previous = err;
      }
      row.rule = "mean test error ascends along the list" +
                 (rule.where.empty() ? "" : " at " + rule.where.dump());
      row.measured = measured;
    } else {
      int count = 0;
      const double value = MeanMetric(results, rule.model, rule.metric,
                                      rule.where, opts.target, count);
      row.rule = "mean " + rule.metric + " of " + rule.model +
                 (rule.where.empty() ? "" : " at " + rule.where.dump()) + " " +
                 rule.bounds.Text();
      row.measured = count ? Num(value) : "n/a";
      row.note = std::to_string(count) + " runs";
      row.passed = count > 0 && rule.bounds.Holds(value);
    }
    rows.push_back(row);
  }
  return rows;
}

}  // namespace sim
