#include "analysis/estimate/curve_hits.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/core/rng.h"

namespace sim {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

}  // namespace

Estimate QuantileHit(const std::vector<CurveHit>& hits, double q) {
  std::vector<double> steps;
  for (const CurveHit& h : hits) steps.push_back(h.step);
  Estimate e;
  e.value = Quantile(steps, q);
  if (std::isinf(e.value)) {
    e.censor = Censor::kAbove;
    return e;
  }
  for (const CurveHit& h : hits) {
    if (h.step == e.value && h.censor == Censor::kBelow) {
      e.censor = Censor::kBelow;
    }
  }
  return e;
}

int ReachIndex(const std::vector<double>& errors, double eps, TStarRule rule) {
  const int n = static_cast<int>(errors.size());
  if (rule == TStarRule::kFirstTouch) {
    for (int i = 0; i < n; ++i)
      if (errors[i] <= eps) return i;
    return -1;
  }
  int from = n;  // the first of the trailing run of evaluations <= eps
  while (from > 0 && errors[from - 1] <= eps) --from;
  return from < n ? from : -1;
}

CurveHit ReachHit(const std::vector<double>& steps,
                  const std::vector<double>& errors,
                  double eps,
                  TStarRule rule) {
  const size_t n = std::min(steps.size(), errors.size());
  const int i = ReachIndex(
      std::vector<double>(errors.begin(), errors.begin() + n), eps, rule);
  if (i < 0) return {kInf, Censor::kAbove};
  if (i == 0) return {steps[0], Censor::kBelow};
  const double s0 = steps[i - 1], s1 = steps[i];
  if (s0 <= 0) return {s1, Censor::kBelow};
  const double t = (errors[i - 1] - eps) / (errors[i - 1] - errors[i]);
  return {std::exp(std::log(s0) + t * (std::log(s1) - std::log(s0))),
          Censor::kNone};
}

CurveHit FirstHit(const std::vector<double>& steps,
                  const std::vector<double>& errors,
                  double eps) {
  return ReachHit(steps, errors, eps, TStarRule::kFirstTouch);
}

CurveHit RunReach(const RunRecord& run, double eps, TStarRule rule) {
  const std::vector<double>& steps = run.curve_step;
  double step = kInf;
  if (rule == TStarRule::kFirstTouch) {
    const auto hit = run.first_hit.find(TargetKey(eps));
    if (hit != run.first_hit.end() && hit->second >= 0) step = hit->second;
  } else if (run.ok) {
    const int i = ReachIndex(run.curve_test_error, eps, rule);
    if (i >= 0 && size_t(i) < steps.size()) step = steps[i];
  }
  if (std::isinf(step)) return {kInf, Censor::kAbove};
  // The first evaluation after step 0: nothing below it was measured.
  const auto first = std::upper_bound(steps.begin(), steps.end(), 0.0);
  const bool at_first = step <= 0 || (first != steps.end() && step <= *first);
  return {step, at_first ? Censor::kBelow : Censor::kNone};
}

void QuantileWithBootstrap(const std::vector<CurveHit>& hits,
                           const ComplexityOptions& options,
                           const std::string& tag,
                           CellQuantity& out) {
  out.estimate = QuantileHit(hits, options.success);
  out.boot.clear();
  out.boot_censor.clear();
  if (hits.empty()) return;
  Rng rng(DeriveSeed(options.seed, HashTag(tag)));
  std::vector<CurveHit> sample(hits.size());
  std::vector<double> values;
  int censored = 0;
  for (int b = 0; b < options.bootstrap; ++b) {
    for (CurveHit& s : sample) s = hits[rng.UniformInt(hits.size())];
    const Estimate e = QuantileHit(sample, options.success);
    censored += e.censor == Censor::kAbove;
    values.push_back(e.value);
    out.boot.push_back(std::isinf(e.value) ? std::nan("") : e.value);
    out.boot_censor.push_back(e.censor);
  }
  if (options.bootstrap == 0) return;
  out.estimate.boot_censored = double(censored) / options.bootstrap;
  if (out.estimate.usable()) {
    out.estimate.lo = Percentile(values, 0.025);
    out.estimate.hi = Percentile(values, 0.975);
  }
}

void EstimateFromCurves(const std::vector<const RunRecord*>& runs,
                        const ComplexityOptions& options,
                        Cell& cell) {
  std::vector<CurveHit> hits;
  for (const RunRecord* r : runs) {
    hits.push_back(r->ok ? ReachHit(r->curve_step, r->curve_test_error,
                                    options.target, options.t_star)
                         : CurveHit{kInf, Censor::kAbove});
  }
  const double B = cell.params.count("B") ? cell.params.at("B") : 1;
  CellQuantity t;
  QuantileWithBootstrap(hits, options, cell.Label(), t);
  cell.t_star = t.estimate;
  if (std::isinf(cell.t_star.value)) {
    std::vector<double> steps;
    for (const CurveHit& h : hits) steps.push_back(h.step);
    cell.t_star.bound = ReachBound(runs, steps, options.success);
  }
  cell.t_star_boot = t.boot;
  cell.t_star_boot_censor = t.boot_censor;
  // N* = B T*, replicate by replicate.
  cell.n_star = cell.t_star;
  for (double* x : {&cell.n_star.value, &cell.n_star.bound, &cell.n_star.lo,
                    &cell.n_star.hi})
    *x *= B;
  cell.n_star_boot_censor = cell.t_star_boot_censor;
  cell.n_star_boot.clear();
  for (double x : cell.t_star_boot) cell.n_star_boot.push_back(B * x);
  if (!cell.points.empty()) {
    GridPoint& point = cell.points.front();
    point.hits.clear();
    point.hit_censor.clear();
    for (const CurveHit& h : hits) {
      point.hits.push_back(h.step);
      point.hit_censor.push_back(h.censor);
    }
  }
}

}  // namespace sim
