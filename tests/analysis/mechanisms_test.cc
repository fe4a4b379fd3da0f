// The proofs' mechanisms on planted records with known answers: the
// routers' sample complexity N_r* (Lemma 4.1), the jointly trained
// routers' properness time T' (Assumption 4.4), the l the routers need, and
// the cost to reach eps (Table 1).
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>

#include "analysis/checks/expectations.h"
#include "analysis/estimate/cost_to_target.h"
#include "analysis/estimate/router_properness.h"
#include "analysis/estimate/router_samples.h"
#include "analysis/plots/plots.h"
#include "analysis/report/report.h"
#include "sim/core/rng.h"

using namespace sim;

namespace {

// Separate-pMoE runs over n and N_r whose routers succeed (recall 1, else
// 0.8) iff N_r exceeds 10 n^exponent exp(0.1 z): N_r* grows as n^exponent.
ResultsSet PlantedRouters(double exponent) {
  ResultsSet set;
  set.axes = {"n", "N_r"};
  set.models = {"sep"};
  set.model_types = {{"sep", "pmoe_separate"}};
  set.targets = {0.1};
  set.spec = {{"name", "planted"}, {"seed", 1}};
  Rng rng(7);
  int id = 0;
  for (double n : {4.0, 8.0, 16.0, 32.0}) {
    for (double n_r = 20; n_r <= 400000; n_r *= 1.5) {
      for (int rep = 0; rep < 10; ++rep) {
        RunRecord r;
        r.run_id = id++;
        r.model = "sep";
        r.type = "pmoe_separate";
        r.coords = {{"n", n}, {"N_r", std::round(n_r)}};
        r.params = {{"N", 1000}, {"n", n}, {"l", 2}};
        r.repeat = rep;
        r.ok = true;
        r.status = "ok";
        r.routed = true;
        const double threshold =
            10 * std::pow(n, exponent) * std::exp(0.1 * rng.Normal());
        r.router_recall = std::round(n_r) >= threshold ? 1.0 : 0.8;
        r.test_error = r.train_error = 0.01;
        set.runs.push_back(r);
      }
    }
  }
  return set;
}

// An online joint-pMoE run at `n` whose routers turn proper (every class
// top-gated on all its samples) at evaluation step `proper_from` and stay so
// (never if negative); evaluations at steps 0, 1, 2, 4, ..., 1024.
RunRecord JointRun(int id, double n, double proper_from) {
  RunRecord r;
  r.run_id = id;
  r.model = "joint";
  r.type = "pmoe_joint";
  r.protocol = "online";
  r.ok = true;
  r.status = "ok";
  r.routed = true;
  r.coords = {{"n", n}};
  r.params = {{"n", n}, {"B", 10}, {"N", 10240}};
  r.repeat = id;
  r.curve_step = {0};
  for (double s = 1; s <= 1024; s *= 2) r.curve_step.push_back(s);
  for (double s : r.curve_step) {
    const bool proper = proper_from >= 0 && s >= proper_from;
    r.curve_router_gated.push_back(proper ? 1.0 : 0.5);
    r.curve_test_error.push_back(proper ? 0.01 : 0.5);
  }
  r.test_error = r.curve_test_error.back();
  r.first_hit["0.1"] = -1;
  r.step_flops = 1000;
  return r;
}

ResultsSet JointSet(const std::vector<RunRecord>& runs) {
  ResultsSet set;
  set.axes = {"n"};
  set.models = {"joint"};
  set.model_types = {{"joint", "pmoe_joint"}};
  set.targets = {0.1};
  set.spec = {{"name", "planted"}, {"seed", 1}};
  set.runs = runs;
  return set;
}

ComplexityOptions Options() {
  ComplexityOptions options;
  options.success = 0.75;
  options.bootstrap = 200;
  return options;
}

}  // namespace

TEST_CASE("N_r* on planted router records grows as n^2 with theory 2",
          "[analysis][mechanisms]") {
  const ResultsSet set = PlantedRouters(2);
  const std::vector<Cell> cells = SummariseRouterCells(set, Options());
  REQUIRE(cells.size() == 4);
  for (const Cell& c : cells) {
    CHECK(c.coords.count("N_r") == 0);
    CHECK(c.n_star.usable());
    // The planted threshold's median is 10 n^2.
    const double n = c.coords.at("n");
    CHECK(c.n_star.value > 5 * n * n);
    CHECK(c.n_star.value < 25 * n * n);
  }
  const Fit fit = FitCells(cells, "sep", {"n"}, Quantity::kRouterNStar);
  REQUIRE(fit.ok);
  CHECK(fit.slope[0] == Approx(2).margin(0.15));
  CHECK(std::isfinite(fit.lo[0]));
  CHECK(std::isfinite(fit.hi[0]));
  // Near 2 (the planted thresholds are noisy), and narrow.
  CHECK(fit.lo[0] < 2.15);
  CHECK(fit.hi[0] > 1.85);
  CHECK(fit.hi[0] - fit.lo[0] < 0.5);

  Analysis a;
  a.options = Options();
  AddMechanismFits(set, a);
  bool found = false;
  for (const FitRow& row : a.fits) {
    if (row.quantity != "N_r*" || row.axis != "n") continue;
    found = true;
    CHECK(row.theory == 2);
    CHECK(row.fit.ok);
  }
  CHECK(found);
}

TEST_CASE("N_r* growing as n^3 exceeds Lemma 4.1's order",
          "[analysis][mechanisms]") {
  const ResultsSet set = PlantedRouters(3);
  Analysis a;
  a.options = Options();
  AddMechanismFits(set, a);
  bool found = false;
  for (const FitRow& row : a.fits) {
    if (row.quantity != "N_r*" || row.axis != "n") continue;
    found = true;
    CHECK(row.fit.slope[0] == Approx(3).margin(0.2));
    CHECK(row.verdict == "exceeds");
  }
  CHECK(found);
}

TEST_CASE("N_r* needs an N_r axis", "[analysis][mechanisms]") {
  ResultsSet set = PlantedRouters(2);
  set.axes = {"n"};
  CHECK(SummariseRouterCells(set, Options()).empty());
}

TEST_CASE("T' is the evaluation after which the routers stay proper",
          "[analysis][mechanisms]") {
  RunRecord run = JointRun(0, 8, 64);
  CurveHit hit = ProperTime(run, 0.05);
  CHECK(hit.step == 64);
  CHECK(hit.censor == Censor::kNone);
  // Proper, lost, proper again: T' is where it last became proper.
  run.curve_router_gated[3] = 1.0;  // step 4
  CHECK(ProperTime(run, 0.05).step == 64);
  // Never proper at the end: not reached.
  CHECK(std::isinf(ProperTime(JointRun(1, 8, -1), 0.05).step));
  // Proper at step 1, the first evaluation after 0: censored below.
  CHECK(ProperTime(JointRun(2, 8, 1), 0.05).censor == Censor::kBelow);
  // A 0.97 top-gated fraction is proper at eps_r 0.05, not at 0.01.
  RunRecord close = JointRun(3, 8, 16);
  for (double& g : close.curve_router_gated)
    if (g == 1.0) g = 0.97;
  CHECK(ProperTime(close, 0.05).step == 16);
  CHECK(std::isinf(ProperTime(close, 0.01).step));
}

TEST_CASE("T' per cell grows as planted and its fit has a finite interval",
          "[analysis][mechanisms]") {
  std::vector<RunRecord> runs;
  int id = 0;
  for (double n : {4.0, 8.0, 16.0, 32.0})
    for (int rep = 0; rep < 8; ++rep) runs.push_back(JointRun(id++, n, 2 * n));
  const ResultsSet set = JointSet(runs);
  const std::vector<Cell> cells = SummariseCells(set, Options());
  REQUIRE(cells.size() == 4);
  for (const Cell& c : cells) {
    CHECK(c.t_prime.estimate.value == 2 * c.coords.at("n"));
    CHECK(c.t_prime.estimate.usable());
    CHECK(c.t_prime.boot.size() == 200);
  }
  const Fit fit = FitCells(cells, "joint", {"n"}, Quantity::kTPrime);
  REQUIRE(fit.ok);
  CHECK(fit.slope[0] == Approx(1).margin(1e-9));
  CHECK(std::isfinite(fit.lo[0]));
  CHECK(std::isfinite(fit.hi[0]));
  Analysis a;
  a.options = Options();
  a.cells = cells;
  AddMechanismFits(set, a);
  bool found = false;
  for (const FitRow& row : a.fits)
    found |= row.quantity == "T'" && row.axis == "n" && row.fit.ok;
  CHECK(found);
}

TEST_CASE("T' of a cell whose routers never turn proper is censored above",
          "[analysis][mechanisms]") {
  std::vector<RunRecord> runs;
  for (int rep = 0; rep < 4; ++rep) {
    runs.push_back(JointRun(rep, 8, -1));
    runs.back().data_l_star = 3 + rep % 2;
  }
  const std::vector<Cell> cells = SummariseCells(JointSet(runs), Options());
  REQUIRE(cells.size() == 1);
  CHECK(cells[0].t_prime.estimate.censor == Censor::kAbove);
  CHECK(cells[0].t_prime.estimate.Reported() == 1024);
  // The data's l* beside the routers' need: the largest of the runs'.
  CHECK(cells[0].data_l_star == 4);
}

TEST_CASE("Models without a router curve have no T'",
          "[analysis][mechanisms]") {
  RunRecord run = JointRun(0, 8, 4);
  run.curve_router_gated.clear();
  const std::vector<Cell> cells = SummariseCells(JointSet({run}), Options());
  REQUIRE(cells.size() == 1);
  CHECK(std::isnan(cells[0].t_prime.estimate.value));
}

TEST_CASE("The l the routers need reads the signal ranks",
          "[analysis][mechanisms]") {
  RunRecord run;
  run.type = "pmoe_separate";
  // Expert 0 serves class 0: 96 of 100 at rank <= 2, all by rank 4; expert
  // 1 serves class 1: all at rank 1. The other pairs would need more.
  run.signal_rank = {{{50, 46, 2, 2}, {0, 0, 0, 100}},
                     {{0, 0, 0, 100}, {100, 0, 0, 0}}};
  CHECK(RankNeeded(run, 0.05) == 2);
  CHECK(RankNeeded(run, 0.01) == 4);
  // Jointly trained: the best expert per class.
  run.type = "pmoe_joint";
  run.signal_rank = {{{0, 0, 0, 100}, {100, 0, 0, 0}},
                     {{100, 0, 0, 0}, {0, 0, 100, 0}}};
  CHECK(RankNeeded(run, 0.05) == 1);
  run.signal_rank.clear();
  CHECK(std::isnan(RankNeeded(run, 0.05)));
}

TEST_CASE("The cost to reach eps is the router phase plus T* steps",
          "[analysis][mechanisms]") {
  RunRecord a, b;
  a.step_flops = 100;
  a.router_flops = 1000;
  b.step_flops = 300;
  b.router_flops = 3000;
  Cell cell;
  cell.t_star.value = 50;
  cell.t_star.lo = 40;
  cell.t_star.hi = 60;
  cell.t_star_boot = {45, std::nan("")};
  cell.t_star_boot_censor = {Censor::kNone, Censor::kAbove};
  EstimateCost({&a, &b}, cell);
  CHECK(cell.cost.estimate.value == 2000 + 50 * 200);
  CHECK(cell.cost.estimate.lo == 2000 + 40 * 200);
  CHECK(cell.cost.estimate.hi == 2000 + 60 * 200);
  CHECK(cell.cost.boot[0] == 2000 + 45 * 200);
  CHECK(std::isnan(cell.cost.boot[1]));
  CHECK(cell.cost.boot_censor[1] == Censor::kAbove);
  // Without flops.step: no cost.
  RunRecord none;
  Cell empty;
  empty.t_star.value = 50;
  EstimateCost({&none}, empty);
  CHECK(std::isnan(empty.cost.estimate.value));
}

TEST_CASE("A value rule on the coupling passes and fails as measured",
          "[analysis][mechanisms]") {
  std::vector<RunRecord> runs;
  for (int rep = 0; rep < 4; ++rep) {
    RunRecord r = JointRun(rep, 8, 4);
    r.curve_sign_changed.assign(r.curve_step.size(), 0.3);
    runs.push_back(r);
  }
  ResultsSet set = JointSet(runs);
  const Json rules = Json::parse(
      R"([{"rule": "value", "model": "joint", "metric": "sign_changed",
           "statistic": "max", "at_most": 0.5}])");
  CHECK(EvaluateRules(rules, set, Options())[0].verdict == Verdict::kPass);
  for (RunRecord& r : set.runs) r.curve_sign_changed.back() = 0.6;
  CHECK(EvaluateRules(rules, set, Options())[0].verdict == Verdict::kFail);
}

TEST_CASE("The cost of a rate-edge cell is an upper limit like its T*",
          "[analysis][mechanisms]") {
  std::vector<RunRecord> runs;
  for (int rep = 0; rep < 4; ++rep) {
    RunRecord r = JointRun(rep, 8, 16);
    r.eta_lowest = 1;
    r.eta_highest = r.eta_chosen = 4;  // every run chose the largest rate
    runs.push_back(r);
  }
  const std::vector<Cell> cells = SummariseCells(JointSet(runs), Options());
  REQUIRE(cells.size() == 1);
  CHECK(cells[0].rate_edge == "largest");
  CHECK(cells[0].t_star.censor == Censor::kBelow);
  CHECK(cells[0].cost.estimate.censor == Censor::kBelow);
  CHECK(cells[0].cost.estimate.value ==
        1000 * cells[0].t_star.value);  // no router phase
}

TEST_CASE("The N_r* figure is drawn from the analysis's router cells",
          "[analysis][mechanisms][plots]") {
  const ResultsSet set = PlantedRouters(2);
  ComplexityOptions options = Options();
  options.bootstrap = 40;
  const std::vector<Cell> routers = SummariseRouterCells(set, options);
  const std::vector<Cell> cells = SummariseCells(set, options);
  const auto dir =
      std::filesystem::temp_directory_path() / "pmoe_router_plot_test";
  std::filesystem::remove_all(dir);
  auto drawn = [&](const std::vector<PlotFile>& plots) {
    for (const PlotFile& p : plots)
      if (p.name == "router_samples_vs_n") return p.warnings.empty();
    return false;
  };
  CHECK(drawn(DrawPlots(set, cells, options, dir, routers)));
  CHECK(std::filesystem::file_size(dir / "router_samples_vs_n.svg") > 0);
  std::filesystem::remove_all(dir);
  CHECK(!drawn(DrawPlots(set, cells, options, dir)));
  std::filesystem::remove_all(dir);
}
