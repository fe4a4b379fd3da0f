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
  cell.t_star = QuantileHit(hits, options.success);
  if (std::isinf(cell.t_star.value)) {
    std::vector<double> steps;
    for (const CurveHit& h : hits) steps.push_back(h.step);
    cell.t_star.bound = ReachBound(runs, steps, options.success);
  }
  cell.n_star = cell.t_star;
  cell.n_star.value = B * cell.t_star.value;
  cell.n_star.bound = B * cell.t_star.bound;
  if (!cell.points.empty()) {
    GridPoint& point = cell.points.front();
    point.hits.clear();
    point.hit_censor.clear();
    for (const CurveHit& h : hits) {
      point.hits.push_back(h.step);
      point.hit_censor.push_back(h.censor);
    }
  }
  // Bootstrap over repeats.
  Rng rng(DeriveSeed(options.seed, HashTag(cell.Label())));
  std::vector<double> t_boot;
  std::vector<CurveHit> sample(hits.size());
  int censored = 0;
  cell.t_star_boot_censor.clear();
  for (int b = 0; b < options.bootstrap; ++b) {
    for (CurveHit& s : sample) s = hits[rng.UniformInt(hits.size())];
    const Estimate e = QuantileHit(sample, options.success);
    censored += e.censor == Censor::kAbove;
    t_boot.push_back(e.value);
    cell.t_star_boot_censor.push_back(e.censor);
  }
  cell.n_star_boot_censor = cell.t_star_boot_censor;
  cell.t_star_boot.clear();
  cell.n_star_boot.clear();
  for (double t : t_boot) {
    cell.t_star_boot.push_back(std::isinf(t) ? std::nan("") : t);
    cell.n_star_boot.push_back(std::isinf(t) ? std::nan("") : B * t);
  }
  if (options.bootstrap > 0) {
    cell.t_star.boot_censored = cell.n_star.boot_censored =
        double(censored) / options.bootstrap;
  }
  if (cell.t_star.usable() && options.bootstrap > 0) {
    cell.t_star.lo = Percentile(t_boot, 0.025);
    cell.t_star.hi = Percentile(t_boot, 0.975);
    cell.n_star.lo = B * cell.t_star.lo;
    cell.n_star.hi = B * cell.t_star.hi;
  }
}

}  // namespace sim
