#include "analysis/estimate/cost_to_target.h"

#include <cmath>

namespace sim {

void EstimateCost(const std::vector<const RunRecord*>& runs, Cell& cell) {
  double step = 0, router = 0;
  int counted = 0;
  for (const RunRecord* r : runs) {
    if (!(r->step_flops > 0)) continue;
    step += r->step_flops;
    router += r->router_flops;
    ++counted;
  }
  if (counted == 0) return;
  step /= counted;
  router /= counted;
  auto cost = [&](double t) { return router + t * step; };
  Estimate e = cell.t_star;
  e.value = cost(e.value);
  e.lo = cost(e.lo);
  e.hi = cost(e.hi);
  e.bound = cost(e.bound);
  cell.cost.estimate = e;
  cell.cost.boot.clear();
  for (double t : cell.t_star_boot) cell.cost.boot.push_back(cost(t));
  cell.cost.boot_censor = cell.t_star_boot_censor;
}

}  // namespace sim
