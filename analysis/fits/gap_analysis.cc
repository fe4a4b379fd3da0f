#include "analysis/fits/gap_analysis.h"

#include <algorithm>
#include <cmath>

#include "analysis/estimate/bootstrap_interval.h"
#include "analysis/estimate/complexity.h"
#include "analysis/theory/theory.h"
#include "analysis/theory/zhao_bound.h"
#include "sim/core/rng.h"

namespace sim {
namespace {

bool Measured(const RunRecord& run) {
  return run.ok && run.test_error_measured && run.train_error_measured &&
         run.losses_measured;
}

// 95% percentile interval of the mean of `gaps` over bootstrap resamples.
void Interval(const std::vector<double>& gaps,
              Rng& rng,
              int replicates,
              double& lo,
              double& hi) {
  if (gaps.size() < 2) return;  // one run: no interval
  const Interval95 interval = BootstrapInterval(
      {gaps}, [](const Groups& g) { return MeanOf(g[0]); }, rng, replicates);
  lo = interval.lo;
  hi = interval.hi;
}

}  // namespace

std::vector<GapRow> GapRows(const ResultsSet& results,
                            uint64_t seed,
                            int replicates) {
  using Key = std::pair<std::string, std::map<std::string, double>>;
  std::map<Key, GapRow> rows;
  std::map<Key, std::vector<double>> gaps;
  for (const RunRecord& run : results.runs) {
    if (!TraitsOf(run.type).gap_bound) continue;
    const Key key{run.model, run.coords};
    GapRow& row = rows[key];
    row.model = run.model;
    row.coords = run.coords;
    row.N = run.N();
    row.T = run.params.at("k");
    row.k = run.params.count("top_k") ? run.params.at("top_k") : 1;
    row.d = run.params.at("d");
    if (!Measured(run)) {
      ++row.excluded;
      continue;
    }
    row.runs++;
    gaps[key].push_back(run.test_error - run.train_error);
    row.error_gap += run.test_error - run.train_error;
    row.loss_gap += run.test_loss - run.train_loss;
  }
  Rng rng(seed);
  std::vector<GapRow> out;
  for (auto& [key, row] : rows) {
    if (row.runs > 0) {
      row.error_gap /= row.runs;
      row.loss_gap /= row.runs;
    }
    Interval(gaps[key], rng, replicates, row.error_gap_lo, row.error_gap_hi);
    row.bound = ZhaoRouterTerm(row.N, row.T, row.k, row.T * row.d);
    out.push_back(row);
  }
  return out;
}

double FittedBound::At(const GapRow& row) const {
  return A / std::sqrt(row.N) + B * row.bound;
}

FittedBound FitBound(const std::vector<GapRow>& cells) {
  // Constraints A u_i + B r_i >= g_i (upper interval ends); minimise
  // A sum u + B sum r over A, B >= 0. The optimum lies on an axis or where
  // two constraints meet.
  std::vector<double> u, r, g;
  for (const GapRow& c : cells) {
    if (std::isnan(c.error_gap_hi)) continue;
    u.push_back(1 / std::sqrt(c.N));
    r.push_back(c.bound);
    g.push_back(c.error_gap_hi);
  }
  FittedBound best;
  if (u.empty()) return best;
  double su = 0, sr = 0;
  for (size_t i = 0; i < u.size(); ++i) su += u[i], sr += r[i];
  auto feasible = [&](double A, double B) {
    if (A < 0 || B < 0) return false;
    for (size_t i = 0; i < u.size(); ++i)
      if (A * u[i] + B * r[i] < g[i] - 1e-12) return false;
    return true;
  };
  double best_cost = INFINITY;
  auto consider = [&](double A, double B) {
    if (!feasible(A, B) || A * su + B * sr >= best_cost) return;
    best_cost = A * su + B * sr;
    best = {true, A, B};
  };
  double a_only = 0, b_only = 0;
  for (size_t i = 0; i < u.size(); ++i) {
    a_only = std::max(a_only, g[i] / u[i]);
    b_only = std::max(b_only, g[i] / r[i]);
  }
  consider(a_only, 0);
  consider(0, b_only);
  for (size_t i = 0; i < u.size(); ++i) {
    for (size_t j = i + 1; j < u.size(); ++j) {
      const double det = u[i] * r[j] - u[j] * r[i];
      if (std::abs(det) < 1e-300) continue;
      consider((g[i] * r[j] - g[j] * r[i]) / det,
               (u[i] * g[j] - u[j] * g[i]) / det);
    }
  }
  return best;
}

}  // namespace sim
