#include "analysis/estimate/router_samples.h"

#include <algorithm>
#include <cmath>

#include "analysis/records/separation_axis.h"
#include "analysis/theory/theory.h"

namespace sim {
namespace {

// The run's N_r: its grid coordinate, else the spec's router_samples.
bool RouterSamplesOf(const ResultsSet& results,
                     const RunRecord& run,
                     double& n_r) {
  const auto it = run.coords.find("N_r");
  if (it != run.coords.end()) {
    n_r = it->second;
    return n_r > 0;
  }
  const auto spec = results.router_samples.find(run.model);
  n_r = spec != results.router_samples.end() ? spec->second : 0;
  return n_r > 0;
}

// A run's routers as a run of a grid over N_r: N = N_r, error = the routers'
// miss rate, nothing an optimiser or a learning rate could limit.
RunRecord AsRouterRun(const RunRecord& run, double n_r, double delta_d) {
  RunRecord r;
  r.run_id = run.run_id;
  r.model = run.model;
  r.type = run.type;
  r.repeat = run.repeat;
  r.coords = run.coords;
  r.coords.erase("N");
  r.coords.erase("N_r");
  // The theorems' delta (separation_axis.h) is not the lemma's variable.
  r.coords.erase(kSeparationAxis);
  if (!std::isnan(delta_d)) r.coords[kRouterGapAxis] = 1 / (1 - delta_d);
  r.params = run.params;
  r.params["N"] = n_r;
  r.status = run.status;
  r.ok = run.ok && run.routed;
  r.test_error = r.ok ? 1 - run.router_recall : 1;
  r.test_error_measured = r.ok;
  r.train_error_measured = r.losses_measured = false;
  r.data_delta_d = run.data_delta_d;
  r.data_delta_r = run.data_delta_r;
  r.data_l_star = run.data_l_star;
  return r;
}

// delta_d of a run where the grid moves it (NaN otherwise).
double GridDeltaD(const RunRecord& run) {
  const auto it = run.coords.find("delta_d");
  return it != run.coords.end() ? it->second : std::nan("");
}

}  // namespace

std::vector<Cell> SummariseRouterCells(const ResultsSet& results,
                                       const ComplexityOptions& options) {
  if (std::find(results.axes.begin(), results.axes.end(), "N_r") ==
      results.axes.end())
    return {};
  ResultsSet routers;
  routers.directory = results.directory;
  routers.spec = results.spec;
  routers.axes = results.axes;
  routers.models = results.models;
  routers.model_types = results.model_types;
  for (const RunRecord& run : results.runs) {
    double n_r = 0;
    if (!TraitsOf(run.type).router_phase || !RouterSamplesOf(results, run, n_r))
      continue;
    routers.runs.push_back(AsRouterRun(run, n_r, GridDeltaD(run)));
  }
  if (std::find(routers.axes.begin(), routers.axes.end(), "delta_d") !=
      routers.axes.end())
    routers.axes.push_back(kRouterGapAxis);
  if (routers.runs.empty()) return {};
  ComplexityOptions at = options;
  at.target = options.router_target;
  at.composite_axes.clear();
  return SummariseCells(routers, at);
}

std::vector<Cell> CellsFor(const ResultsSet& results,
                           const ComplexityOptions& options,
                           Quantity quantity) {
  return quantity == Quantity::kRouterNStar
             ? SummariseRouterCells(results, options)
             : SummariseCells(results, options);
}

double RankNeeded(const RunRecord& run, double router_target) {
  const auto& ranks = run.signal_rank;
  if (ranks.empty()) return std::nan("");
  const bool separate = TraitsOf(run.type).router_phase;
  double needed = 0;
  for (size_t c = 0; c < 2; ++c) {
    double best = std::numeric_limits<double>::infinity();
    for (size_t s = 0; s < ranks.size(); ++s) {
      if (separate && ranks.size() >= 2 && s != c) continue;
      if (c >= ranks[s].size()) continue;
      const std::vector<double>& counts = ranks[s][c];
      double total = 0;
      for (double x : counts) total += x;
      if (total == 0) continue;
      double seen = 0;
      for (size_t r = 0; r < counts.size(); ++r) {
        seen += counts[r];
        if (seen >= (1 - router_target) * total - 1e-9) {
          best = std::min(best, double(r + 1));
          break;
        }
      }
    }
    if (std::isfinite(best)) needed = std::max(needed, best);
  }
  return needed > 0 ? needed : std::nan("");
}

}  // namespace sim
