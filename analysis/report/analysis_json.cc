// analysis.json: every cell, estimate, fit and check of an analysis, with
// numbers as numbers (null where not available). Schema in docs/analysis.md,
// "Analysis: sample and iteration complexity".
#include <cmath>

#include "analysis/checks/fit_checks.h"
#include "analysis/report/conditions_report.h"
#include "analysis/report/report.h"
#include "analysis/theory/theory.h"

namespace sim {
namespace {

Json Number(double x) { return std::isfinite(x) ? Json(x) : Json(nullptr); }

Json EstimateJson(const Estimate& e) {
  return Json{{"value", Number(e.Reported())},
              {"lo", Number(e.lo)},
              {"hi", Number(e.hi)},
              {"censored", e.censor == Censor::kNone    ? "no"
                           : e.censor == Censor::kAbove ? "above"
                                                        : "below"},
              {"bootstrap_censored_fraction", e.boot_censored}};
}

Json CellJson(const Cell& c) {
  // Router diagnostics apply to patch-routed models only, and "top-gated"
  // to soft gates only (the separate pMoE's gates are hard): null else.
  const Routing routing = TraitsOf(c.type).routing;
  const bool routed =
      routing == Routing::kPatchHard || routing == Routing::kPatchSoft;
  const bool soft_gates = routing == Routing::kPatchSoft;
  Json points = Json::array();
  for (const GridPoint& p : c.points) {
    points.push_back(
        {{"N", p.N},
         {"runs", p.runs},
         {"failed", p.failed},
         {"success", p.success},
         {"mean_test_error", p.mean_error},
         {"sd_test_error", p.sd_error},
         {"mean_router_recall", routed ? Json(p.mean_recall) : Json()},
         {"mean_top_gated", soft_gates ? Json(p.mean_top_gated) : Json()},
         {"optimisation_limited_fraction",
          p.judged ? Json(double(p.limited) / p.judged) : Json(nullptr)},
         {"mean_generalization_gap", Number(p.mean_gap)}});
  }
  return {{"model", c.model},
          {"type", c.type},
          {"coords", c.coords},
          {"params", c.params},
          {"N_star", EstimateJson(c.n_star)},
          {"T_star", EstimateJson(c.t_star)},
          {"T_prime", EstimateJson(c.t_prime.estimate)},
          {"cost", EstimateJson(c.cost.estimate)},
          {"router_l_needed", Number(c.router_l_needed)},
          {"data_l_star", Number(c.data_l_star)},
          {"rate_edge", c.rate_edge.empty() ? Json() : Json(c.rate_edge)},
          {"optimisation_limited_fraction", Number(c.limited_fraction)},
          {"optimisation_limited", c.OptimisationLimited()},
          {"mean_generalization_gap", Number(c.mean_gap)},
          {"conditions", ConditionsJson(c.conditions)},
          {"points", points}};
}

// A router cell (router_samples.h): N_r* over the grid's N_r.
Json RouterCellJson(const Cell& c) {
  Json points = Json::array();
  for (const GridPoint& p : c.points)
    points.push_back({{"N_r", p.N},
                      {"runs", p.runs},
                      {"success", p.success},
                      {"mean_router_miss", p.mean_error}});
  return {{"model", c.model},
          {"type", c.type},
          {"coords", c.coords},
          {"N_r_star", EstimateJson(c.n_star)},
          {"points", points}};
}

Json FitJson(const FitRow& r) {
  const Fit& fit = r.fit;
  Json f = {{"model", r.model},
            {"quantity", r.quantity},
            {"axis", r.axis},
            {"ok", fit.ok},
            {"note", fit.note},
            {"method", fit.method},
            {"cells", fit.points},
            {"uncensored", fit.uncensored},
            {"censored", fit.censored},
            {"left_out", fit.left_out},
            {"bootstrap_replicates_used", fit.boot_used},
            {"bootstrap_replicates_dropped", fit.boot_dropped},
            {"verdict", r.verdict},
            {"verdict_note", r.fit.ok ? r.why : r.fit.note},
            {"theory", Number(r.theory)},
            {"theory_basis", r.theory_basis},
            {"within_conditions", r.conditions.empty()},
            {"conditions_note", r.conditions}};
  Json local = Json::array();
  for (const LocalSlope& l : r.shape.local)
    local.push_back({{"from", l.from},
                     {"to", l.to},
                     {"slope", Number(l.slope)},
                     {"at", l.at}});
  f["local_slopes"] = local;
  f["slope_without_lowest"] = Number(r.shape.without_lowest);
  f["slope_without_highest"] = Number(r.shape.without_highest);
  f["shape_note"] = r.shape.note;
  if (fit.ok) {
    double lo = 0, hi = 0;
    SlopeInterval(fit, r.index, lo, hi);
    f["slope"] = fit.slope[r.index];
    f["se"] = Number(fit.se[r.index]);
    f["lo"] = Number(lo);
    f["hi"] = Number(hi);
    f["intercept"] = fit.intercept;
    f["sigma"] = Number(fit.sigma);
    f["r2"] = Number(fit.r2);
  }
  return f;
}

Json CheckJson(const CheckRow& c) {
  Json interval = nullptr;
  if (std::isfinite(c.lo) && std::isfinite(c.hi)) interval = {c.lo, c.hi};
  return {{"name", c.name},
          {"rule", c.rule},
          {"measured", Number(c.measured)},
          {"interval", interval},
          {"detail", c.MeasuredText()},
          {"verdict", VerdictName(c.verdict)},
          {"passed", c.Passed()},
          {"note", c.note}};
}

}  // namespace

Json ChecksToJson(const std::vector<CheckRow>& checks) {
  Json j = Json::array();
  for (const CheckRow& c : checks) j.push_back(CheckJson(c));
  return j;
}

Json AnalysisToJson(const Analysis& a) {
  Json j;
  j["options"] = {
      {"target", a.options.target},
      {"success_fraction", a.options.success},
      {"bootstrap", a.options.bootstrap},
      {"t_star", TStarRuleName(a.options.t_star)},
      {"router_target", a.options.router_target},
      {"fit",
       "log(quantity) vs log(axes): least squares, censored cells as "
       "intervals (Tobit maximum likelihood)"}};
  j["cells"] = Json::array();
  for (const Cell& c : a.cells) j["cells"].push_back(CellJson(c));
  j["router_cells"] = Json::array();
  for (const Cell& c : a.router_cells)
    j["router_cells"].push_back(RouterCellJson(c));
  j["fits"] = Json::array();
  for (const FitRow& r : a.fits) j["fits"].push_back(FitJson(r));
  j["warnings"] = a.warnings;
  j["sensitivity"] = a.sensitivity;
  j["validation_samples"] = Json::object();
  for (const auto& [model, samples] : a.validation_samples)
    j["validation_samples"][model] = samples;
  j["generalization_gaps"] = Json::array();
  for (const GapRow& g : a.gaps) {
    j["generalization_gaps"].push_back(
        {{"model", g.model},
         {"coords", g.coords},
         {"N", g.N},
         {"T", g.T},
         {"k", g.k},
         {"runs", g.runs},
         {"runs_excluded", g.excluded},
         {"error_gap", g.error_gap},
         {"error_gap_interval",
          Json::array({Number(g.error_gap_lo), Number(g.error_gap_hi)})},
         {"loss_gap", g.loss_gap},
         {"zhao_router_term", g.bound},
         {"slack", g.Slack()},
         {"vacuous", g.Vacuous()}});
  }
  j["checks"] = ChecksToJson(a.checks);
  return j;
}

}  // namespace sim
