// T* read off curves, and N*(eps) = B T*(eps) of online runs, on planted
// curves with a known answer.
#include "analysis/estimate/curve_hits.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "analysis/fits/epsilon_fit.h"
#include "analysis/report/report.h"
#include "tests/analysis/planted_results.h"

using namespace sim;

namespace {

// An online run whose test error falls as 0.5 t0 / t from t = t0, evaluated
// on a geometric schedule (x 1.155): T*(eps) = 0.5 t0 / eps, which the
// interpolation between evaluations recovers to a few percent.
RunRecord PlantedRun(int id, double n, double t0) {
  RunRecord r;
  r.run_id = id;
  r.model = "cnn";
  r.type = "cnn";
  r.protocol = "online";
  r.ok = true;
  r.coords = {{"n", n}};
  r.params = {{"N", 20 * 100000}, {"B", 20}, {"n", n}};
  r.curve_step.push_back(0);
  r.curve_test_error.push_back(0.5);
  for (double t = 1; t <= 1e5; t = std::ceil(t * 1.155)) {
    r.curve_step.push_back(t);
    r.curve_test_error.push_back(std::min(0.5, 0.5 * t0 / t));
  }
  r.test_error = r.curve_test_error.back();
  return r;
}

}  // namespace

TEST_CASE("The first hit is interpolated in log steps and censored at the ends",
          "[analysis]") {
  const std::vector<double> steps = {0, 10, 20, 40};
  const std::vector<double> errors = {0.5, 0.3, 0.2, 0.05};
  const CurveHit hit = FirstHit(steps, errors, 0.1);
  REQUIRE(hit.censor == Censor::kNone);
  REQUIRE(hit.step == Approx(20 * std::pow(2.0, 2.0 / 3)));
  // Exactly at an evaluation: that step.
  REQUIRE(FirstHit(steps, errors, 0.2).step == Approx(20));
  // At the first evaluation after step 0: censored below ("<= 10").
  const CurveHit early = FirstHit(steps, errors, 0.3);
  REQUIRE(early.censor == Censor::kBelow);
  REQUIRE(early.step == 10);
  // Already at step 0, and never.
  REQUIRE(FirstHit(steps, errors, 0.6).censor == Censor::kBelow);
  REQUIRE(FirstHit(steps, errors, 0.6).step == 0);
  const CurveHit never = FirstHit(steps, errors, 0.01);
  REQUIRE(never.censor == Censor::kAbove);
  REQUIRE(std::isinf(never.step));
}

TEST_CASE("Online cells: N* = B T*, with a planted exponent in n and 1/eps",
          "[analysis]") {
  ResultsSet results;
  results.models = {"cnn"};
  results.axes = {"n"};
  results.targets = {0.1, 0.05, 0.02};
  int id = 0;
  for (double n : {6.0, 12.0, 24.0, 48.0}) {
    for (int rep = 0; rep < 5; ++rep) {
      // t0 ~ n^2, with a small spread over repeats.
      results.runs.push_back(PlantedRun(id++, n, n * n * (1 + 0.01 * rep)));
    }
  }
  ComplexityOptions options;
  options.target = 0.1;
  options.success = 0.8;
  options.bootstrap = 200;
  const std::vector<Cell> cells = SummariseCells(results, options);
  REQUIRE(cells.size() == 4);
  for (const Cell& cell : cells) {
    const double n = cell.coords.at("n");
    // T*(0.1) = 5 t0 (the 0.8-quantile of t0 n^2 (1 + 0.01 rep)); the
    // geometric schedule's log interpolation is within a few percent.
    REQUIRE(cell.t_star.usable());
    REQUIRE(cell.t_star.value == Approx(5 * n * n * 1.03).epsilon(0.05));
    REQUIRE(cell.n_star.value == Approx(20 * cell.t_star.value));
    REQUIRE(cell.n_star.lo <= cell.n_star.value);
    REQUIRE(cell.n_star.hi >= cell.n_star.value);
  }
  const Fit fit = FitEpsilon(results, options, results.targets, "cnn", {"n"},
                             Quantity::kNStar);
  REQUIRE(fit.ok);
  REQUIRE(fit.axes == std::vector<std::string>{"1/eps", "n"});
  REQUIRE(fit.slope[0] == Approx(1).margin(0.05));
  REQUIRE(fit.slope[1] == Approx(2).margin(0.05));
  // The cells table says how N* relates to T* for online cells.
  const std::string table = CellsTable(Analyze(results, options));
  REQUIRE(table.find("N* = B T* with B = 20") != std::string::npos);
  // A budget that ends before eps = 0.0001 censors the cells above.
  options.target = 1e-6;
  for (const Cell& cell : SummariseCells(results, options))
    REQUIRE(cell.n_star.censor == Censor::kAbove);
}

TEST_CASE("A censored cell carries its bound for N* and T* alike",
          "[analysis]") {
  // n = 32 needs N ~ 20 n^2 = 20480 > the grid's 2560: censored above, and
  // its T* (read at the largest N) is never reached.
  const ResultsSet set = PlantedResults(2.0, 0.0, {4, 32}, 3000, 2.0);
  ComplexityOptions options;
  options.bootstrap = 20;
  bool seen = false;
  for (const Cell& c : SummariseCells(set, options)) {
    if (c.model != "cnn" || c.coords.at("n") != 32) continue;
    seen = true;
    REQUIRE(c.n_star.censor == Censor::kAbove);
    REQUIRE(c.n_star.Reported() == c.points.back().N);
    REQUIRE(c.t_star.censor == Censor::kAbove);
    REQUIRE(std::isinf(c.t_star.value));
    // Every run stops at step 5 n = 160 without reaching eps.
    REQUIRE(c.t_star.Reported() == 160);
    REQUIRE(c.t_star.Text() == "not reached");
  }
  REQUIRE(seen);
  // Online: a target never reached lies beyond the last evaluated step, and
  // N* beyond B times it.
  ResultsSet online;
  online.models = {"cnn"};
  for (int i = 0; i < 4; ++i) online.runs.push_back(PlantedRun(i, 8, 100));
  ComplexityOptions strict;
  strict.target = 1e-6;
  strict.success = 0.75;
  strict.bootstrap = 20;
  const Cell cell = SummariseCells(online, strict).at(0);
  REQUIRE(cell.t_star.censor == Censor::kAbove);
  REQUIRE(cell.t_star.Reported() == online.runs[0].curve_step.back());
  REQUIRE(cell.n_star.Reported() == 20 * cell.t_star.Reported());
}
