// The report's rows of the proofs' mechanisms: each cell's T', cost to
// reach eps and the l its routers need, and each router cell's N_r*.
#include "analysis/report/report_rows.h"
#include "analysis/report/report_text.h"

namespace sim {
namespace {

std::string EstimateText(const Estimate& e) {
  return std::isnan(e.value) ? "" : e.Text();
}

}  // namespace

ReportTable MechanismRows(const Analysis& a) {
  ReportTable t{{"cell", "T' (steps)", "cost to eps (FLOPs)", "l routers need",
                 "data's l*"},
                {}};
  for (const Cell& c : a.cells) {
    const bool any =
        !std::isnan(c.t_prime.estimate.value) || !std::isnan(c.router_l_needed);
    if (!any) continue;
    t.rows.push_back(
        {c.Label(), EstimateText(c.t_prime.estimate),
         EstimateText(c.cost.estimate),
         std::isnan(c.router_l_needed) ? "" : Num(c.router_l_needed, "%g"),
         std::isnan(c.data_l_star) ? "" : Num(c.data_l_star, "%g")});
  }
  return t;
}

ReportTable RouterCellRows(const Analysis& a) {
  ReportTable t{{"cell", "N_r*", "runs succeeding by N_r"}, {}};
  for (const Cell& c : a.router_cells) {
    std::string by;
    for (const GridPoint& p : c.points)
      by += (by.empty() ? "" : "; ") + Num(p.N, "%g") + ": " +
            Num(p.success, "%.2f");
    t.rows.push_back({c.Label(), c.n_star.Text(), by});
  }
  return t;
}

std::string MechanismsIntro(const Analysis& a) {
  return "T': the first evaluation after which the jointly trained routers "
         "stay proper (every class's discriminative patch top-gated by one "
         "expert on at least 1 - eps_r of its test samples, eps_r = " +
         Num(a.options.router_target, "%g") +
         "), q-quantile over runs. Cost: training FLOPs until T*, the router "
         "phase counted. l routers need: the median over runs of the "
         "smallest l holding the discriminative patch for 1 - eps_r of every "
         "class. N_r*: the smallest router sample count at which a fraction "
         "q of runs route the discriminative patch into the top l for 1 - "
         "eps_r of test samples (Lemma 4.1). Fits of all four are in the "
         "fits table (quantities T', cost, N_r*).";
}

}  // namespace sim
