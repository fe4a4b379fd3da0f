#include "analysis/estimate/router_properness.h"

#include <algorithm>
#include <cmath>
#include <limits>


namespace sim {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

}  // namespace

std::vector<bool> ProperAt(const RunRecord& run, double router_target) {
  std::vector<bool> proper;
  for (double gated : run.curve_router_gated)
    proper.push_back(gated >= 1 - router_target);
  return proper;
}

CurveHit ProperTime(const RunRecord& run, double router_target) {
  const std::vector<bool> proper = ProperAt(run, router_target);
  const std::vector<double>& steps = run.curve_step;
  if (!run.ok || proper.empty() || proper.size() != steps.size())
    return {kInf, Censor::kAbove};
  size_t from = proper.size();  // the first of the trailing proper run
  while (from > 0 && proper[from - 1]) --from;
  if (from == proper.size()) return {kInf, Censor::kAbove};
  const double step = steps[from];
  const auto first = std::upper_bound(steps.begin(), steps.end(), 0.0);
  const bool at_first = step <= 0 || (first != steps.end() && step <= *first);
  return {step, at_first ? Censor::kBelow : Censor::kNone};
}

void EstimateProperTime(const std::vector<const RunRecord*>& runs,
                        const ComplexityOptions& options,
                        Cell& cell) {
  std::vector<CurveHit> hits;
  std::vector<double> steps;
  for (const RunRecord* r : runs) {
    if (r->curve_router_gated.empty()) continue;
    hits.push_back(ProperTime(*r, options.router_target));
    steps.push_back(hits.back().step);
  }
  if (hits.empty()) return;
  QuantileWithBootstrap(hits, options, cell.Label() + " T'", cell.t_prime);
  if (std::isinf(cell.t_prime.estimate.value))
    cell.t_prime.estimate.bound = ReachBound(runs, steps, options.success);
}

}  // namespace sim
