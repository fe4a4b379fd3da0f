#include "analysis/estimate/complexity.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "analysis/estimate/cell_conditions.h"
#include "analysis/estimate/cell_mechanisms.h"
#include "analysis/estimate/curve_hits.h"
#include "analysis/estimate/rate_selection.h"
#include "sim/core/rng.h"

namespace sim {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::string Number(double x) {
  char text[32];
  if (std::isinf(x)) return "inf";
  std::snprintf(text, sizeof(text), "%.4g", x);
  return text;
}

}  // namespace

double Percentile(std::vector<double> v, double p) {
  v.erase(std::remove_if(v.begin(), v.end(),
                         [](double x) { return std::isnan(x); }),
          v.end());
  if (v.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(v.begin(), v.end());
  const double pos = p * (v.size() - 1);
  const size_t i = static_cast<size_t>(std::floor(pos));
  if (i + 1 >= v.size()) return v.back();
  if (std::isinf(v[i + 1])) return v[i + 1];
  return v[i] + (pos - i) * (v[i + 1] - v[i]);
}

std::string Estimate::Text() const {
  if (censor == Censor::kAbove)
    return std::isinf(value) ? "not reached" : ">" + Number(value);
  if (censor == Censor::kBelow) return "<=" + Number(value);
  if (std::isnan(value)) return "n/a";
  if (std::isinf(value)) return "inf";
  std::string text = Number(value);
  if (!std::isnan(lo)) text += " [" + Number(lo) + ", " + Number(hi) + "]";
  return text;
}

std::string CoordsText(const std::map<std::string, double>& coords) {
  std::string text;
  for (const auto& [name, value] : coords)
    text += (text.empty() ? "" : " ") + name + "=" + Number(value);
  return text;
}

std::string Cell::Label() const {
  const std::string text = CoordsText(coords);
  return text.empty() ? model : model + " " + text;
}

const char* QuantityLabel(Quantity quantity) {
  switch (quantity) {
    case Quantity::kNStar:
      return "N*";
    case Quantity::kTStar:
      return "T*";
    case Quantity::kTPrime:
      return "T'";
    case Quantity::kCost:
      return "cost";
    case Quantity::kRouterNStar:
      return "N_r*";
  }
  return "?";
}

namespace {

// A cell's estimate of a quantity with its replicates, wherever it lives.
struct QuantityView {
  const Estimate& estimate;
  const std::vector<double>& boot;
  const std::vector<Censor>& boot_censor;
};

QuantityView ViewOf(const Cell& cell, Quantity quantity) {
  switch (quantity) {
    case Quantity::kTStar:
      return {cell.t_star, cell.t_star_boot, cell.t_star_boot_censor};
    case Quantity::kTPrime:
      return {cell.t_prime.estimate, cell.t_prime.boot,
              cell.t_prime.boot_censor};
    case Quantity::kCost:
      return {cell.cost.estimate, cell.cost.boot, cell.cost.boot_censor};
    default:  // N*, and N_r* on router cells
      return {cell.n_star, cell.n_star_boot, cell.n_star_boot_censor};
  }
}

}  // namespace

const Estimate& CellEstimate(const Cell& cell, Quantity quantity) {
  return ViewOf(cell, quantity).estimate;
}

const std::vector<double>& CellBoot(const Cell& cell, Quantity quantity) {
  return ViewOf(cell, quantity).boot;
}

const std::vector<Censor>& CellBootCensor(const Cell& cell, Quantity quantity) {
  return ViewOf(cell, quantity).boot_censor;
}

const char* TStarRuleName(TStarRule rule) {
  return rule == TStarRule::kStays ? "stays" : "first_touch";
}

std::string TStarDefinition(TStarRule rule) {
  return rule == TStarRule::kStays
             ? "the first evaluation step after which the test error stays "
               "<= eps to the end of the run (t_star \"stays\")"
             : "the first evaluation step at which the test error <= eps "
               "(t_star \"first_touch\")";
}

Limitation OptimisationLimitation(const RunRecord& run, double target) {
  if (run.status == "diverged" ||
      (run.has_stop && run.stop_reason == "diverged"))
    return Limitation::kLimited;
  if (!run.ok) return Limitation::kUnknown;
  const bool stopped_short = run.has_stop && !run.stop_converged;
  if (run.protocol == "online") {
    if (!run.has_stop) return Limitation::kUnknown;
    return stopped_short && run.stop_reason == "step_cap"
               ? Limitation::kLimited
               : Limitation::kNotLimited;
  }
  if (run.protocol == "converged" && stopped_short) return Limitation::kLimited;
  // Without a training loss the "train error" is not a fit of the training
  // set (single-index runs record 1 - local alignment there): unknown.
  if (!run.train_error_measured || !run.losses_measured)
    return Limitation::kUnknown;
  return run.train_error > target / 2 ? Limitation::kLimited
                                      : Limitation::kNotLimited;
}

Estimate CrossingPoint(const std::vector<double>& N,
                       const std::vector<double>& success,
                       double q) {
  Estimate e;
  for (size_t i = 0; i < N.size(); ++i) {
    if (success[i] < q) continue;
    if (i == 0) {
      e.value = N[0];
      e.censor = Censor::kBelow;
      return e;
    }
    const double t = (q - success[i - 1]) / (success[i] - success[i - 1]);
    e.value = std::exp(std::log(N[i - 1]) +
                       t * (std::log(N[i]) - std::log(N[i - 1])));
    return e;
  }
  e.value = N.empty() ? std::numeric_limits<double>::quiet_NaN() : N.back();
  e.censor = Censor::kAbove;
  return e;
}

double Quantile(std::vector<double> values, double q) {
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(values.begin(), values.end());
  const size_t index =
      static_cast<size_t>(std::ceil(q * values.size())) - (q > 0 ? 1 : 0);
  return values[std::min(index, values.size() - 1)];
}

double ReachBound(const std::vector<const RunRecord*>& runs,
                  const std::vector<double>& hits,
                  double q) {
  std::vector<double> bounds;
  for (size_t i = 0; i < runs.size() && i < hits.size(); ++i) {
    const std::vector<double>& steps = runs[i]->curve_step;
    bounds.push_back(std::isfinite(hits[i]) ? hits[i]
                     : steps.empty()        ? 0
                                            : steps.back());
  }
  return Quantile(bounds, q);
}

namespace {

GridPoint SummarisePoint(double N,
                         const std::vector<const RunRecord*>& runs,
                         const ComplexityOptions& options) {
  GridPoint p;
  p.N = N;
  p.runs = static_cast<int>(runs.size());
  double sum = 0, sum_sq = 0, gap_sum = 0;
  int routed = 0;
  for (const RunRecord* r : runs) {
    const Limitation limit = OptimisationLimitation(*r, options.target);
    p.judged += limit != Limitation::kUnknown;
    p.limited += limit == Limitation::kLimited;
    if (r->ok && r->test_error_measured && r->train_error_measured) {
      gap_sum += r->test_error - r->train_error;
      ++p.gap_runs;
    }
    const double err = r->ok ? r->test_error : 1.0;
    p.errors.push_back(err);
    p.failed += !r->ok;
    sum += err;
    sum_sq += err * err;
    p.success += (r->ok && err <= options.target);
    const CurveHit hit = RunReach(*r, options.target, options.t_star);
    p.hits.push_back(hit.step);
    p.hit_censor.push_back(hit.censor);
    if (r->routed) {
      p.mean_recall += r->router_recall;
      p.mean_top_gated += r->router_top_gated;
      ++routed;
    }
  }
  p.success /= p.runs;
  p.mean_error = sum / p.runs;
  if (p.gap_runs) p.mean_gap = gap_sum / p.gap_runs;
  p.sd_error = p.runs > 1
                   ? std::sqrt(std::max(
                         0.0, (sum_sq - sum * sum / p.runs) / (p.runs - 1)))
                   : 0;
  if (routed) {
    p.mean_recall /= routed;
    p.mean_top_gated /= routed;
  }
  return p;
}

// The cell's validity over all its runs.
void SummariseValidity(Cell& cell) {
  int limited = 0, judged = 0, gap_runs = 0;
  double gap_sum = 0;
  for (const GridPoint& p : cell.points) {
    limited += p.limited;
    judged += p.judged;
    if (p.gap_runs) {
      gap_sum += p.mean_gap * p.gap_runs;
      gap_runs += p.gap_runs;
    }
  }
  if (judged) cell.limited_fraction = double(limited) / judged;
  if (gap_runs) cell.mean_gap = gap_sum / gap_runs;
}

// Bootstrap over repeats, resampled within each N.
void BootstrapCell(Cell& cell, const ComplexityOptions& options) {
  std::vector<double> Ns;
  for (const GridPoint& p : cell.points) Ns.push_back(p.N);
  Rng rng(DeriveSeed(options.seed, HashTag(cell.Label())));
  int censored_n = 0, censored_t = 0;
  for (int b = 0; b < options.bootstrap; ++b) {
    std::vector<double> boot_success;
    std::vector<CurveHit> last_hits;
    for (const GridPoint& p : cell.points) {
      int ok = 0;
      last_hits.clear();
      for (int i = 0; i < p.runs; ++i) {
        const size_t pick = rng.UniformInt(p.runs);
        ok += p.errors[pick] <= options.target;
        last_hits.push_back({p.hits[pick], p.hit_censor[pick]});
      }
      boot_success.push_back(double(ok) / p.runs);
    }
    const Estimate e = CrossingPoint(Ns, boot_success, options.success);
    censored_n += e.censor == Censor::kAbove;
    cell.n_star_boot_censor.push_back(e.censor);
    // Below-censored replicates keep their bound N_min; above ones are NaN.
    cell.n_star_boot.push_back(e.censor == Censor::kAbove ? std::nan("")
                                                          : e.value);
    // Below-censored replicates (a hit at the first evaluation) keep their
    // bound, like N*'s; above ones are NaN.
    const Estimate t = QuantileHit(last_hits, options.success);
    censored_t += t.censor == Censor::kAbove;
    cell.t_star_boot_censor.push_back(t.censor);
    cell.t_star_boot.push_back(std::isinf(t.value) ? std::nan("") : t.value);
  }
  if (options.bootstrap == 0) return;
  cell.n_star.boot_censored = double(censored_n) / options.bootstrap;
  cell.t_star.boot_censored = double(censored_t) / options.bootstrap;
  // Censored replicates push the interval out: above-censored count as
  // +inf, so a mostly censored cell gets an unbounded upper limit.
  std::vector<double> n_boot = cell.n_star_boot, t_boot = cell.t_star_boot;
  for (double& x : n_boot)
    if (std::isnan(x)) x = kInf;
  for (double& x : t_boot)
    if (std::isnan(x)) x = kInf;
  if (cell.n_star.usable()) {
    cell.n_star.lo = Percentile(n_boot, 0.025);
    cell.n_star.hi = Percentile(n_boot, 0.975);
  }
  if (cell.t_star.usable()) {
    cell.t_star.lo = Percentile(t_boot, 0.025);
    cell.t_star.hi = Percentile(t_boot, 0.975);
  }
}

// N* from the success fractions over the grid's N, T* from the runs at the
// largest N (`last_runs`), both with bootstrap replicates.
void EstimateFromGrid(const std::vector<double>& Ns,
                      const std::vector<double>& success,
                      const std::vector<const RunRecord*>& last_runs,
                      const ComplexityOptions& options,
                      Cell& cell) {
  cell.n_star = CrossingPoint(Ns, success, options.success);
  const GridPoint& last = cell.points.back();
  std::vector<CurveHit> hits;
  for (size_t i = 0; i < last.hits.size(); ++i)
    hits.push_back({last.hits[i], last.hit_censor[i]});
  cell.t_star = QuantileHit(hits, options.success);
  if (std::isinf(cell.t_star.value))
    cell.t_star.bound = ReachBound(last_runs, last.hits, options.success);
  BootstrapCell(cell, options);
}

}  // namespace

std::vector<Cell> SummariseCells(const ResultsSet& results,
                                 const ComplexityOptions& options) {
  // Group runs by (model, coordinates without N), then by N.
  std::map<std::pair<std::string, std::map<std::string, double>>,
           std::map<double, std::vector<const RunRecord*>>>
      groups;
  for (const RunRecord& r : results.runs) {
    auto coords = r.coords;
    coords.erase("N");
    groups[{r.model, coords}][r.N()].push_back(&r);
  }
  std::vector<Cell> cells;
  for (const auto& [cell_key, by_n] : groups) {
    Cell cell;
    cell.model = cell_key.first;
    cell.coords = cell_key.second;
    const RunRecord& first = *by_n.begin()->second.front();
    cell.type = first.type;
    cell.params = first.params;
    cell.params.erase("N");
    std::vector<double> Ns, success;
    for (const auto& [N, runs] : by_n) {
      cell.points.push_back(SummarisePoint(N, runs, options));
      Ns.push_back(N);
      success.push_back(cell.points.back().success);
    }
    SummariseValidity(cell);
    std::vector<const RunRecord*> all;
    for (const auto& [N, runs] : by_n)
      all.insert(all.end(), runs.begin(), runs.end());
    if (first.protocol == "online") {
      // One pass of fresh samples: N* and T* from the curves, not from N.
      cell.online = true;
      EstimateFromCurves(all, options, cell);
    } else {
      EstimateFromGrid(Ns, success, by_n.rbegin()->second, options, cell);
    }
    CensorAtRateEdge(all, cell);
    // After the rate edge: the cost to reach eps is censored where T* is.
    EstimateMechanisms(cell.online ? all : by_n.rbegin()->second, options,
                       cell);
    cells.push_back(std::move(cell));
  }
  AttachTheoremConditions(results, options.target, cells);
  return cells;
}

}  // namespace sim
