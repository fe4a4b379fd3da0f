// T* as the theorems state it (the error stays <= eps from then on), the
// first touch as an option, and the cells censored below: a hit at the first
// evaluation, and a cell whose runs chose an edge learning rate.
#include <catch2/catch.hpp>
#include <cmath>

#include "analysis/estimate/analysis_options.h"
#include "analysis/estimate/curve_hits.h"
#include "analysis/estimate/rate_selection.h"
#include "analysis/fits/scaling_fit.h"

using namespace sim;

namespace {

// A run of a fixed training set at N = 100 whose test error follows
// `errors` at steps 0, 10, 20, ...
RunRecord CurveRun(int id, double n, const std::vector<double>& errors) {
  RunRecord r;
  r.run_id = id;
  r.model = "cnn";
  r.type = "cnn";
  r.ok = true;
  r.status = "ok";
  r.coords = {{"n", n}, {"N", 100}};
  r.params = {{"N", 100}, {"n", n}};
  r.repeat = id;
  for (size_t i = 0; i < errors.size(); ++i) {
    r.curve_step.push_back(10.0 * i);
    r.curve_test_error.push_back(errors[i]);
    if (errors[i] <= 0.1 && !r.first_hit.count("0.1"))
      r.first_hit["0.1"] = long(10 * i);
  }
  if (!r.first_hit.count("0.1")) r.first_hit["0.1"] = -1;
  r.test_error = r.train_error = errors.back();
  return r;
}

ResultsSet OneCell(const std::vector<RunRecord>& runs) {
  ResultsSet set;
  set.models = {"cnn"};
  set.axes = {"n", "N"};
  set.targets = {0.1};
  set.runs = runs;
  return set;
}

ComplexityOptions Options(TStarRule rule) {
  ComplexityOptions options;
  options.success = 0.5;
  options.bootstrap = 50;
  options.t_star = rule;
  return options;
}

}  // namespace

TEST_CASE("T* stays: a run that touches eps and rises again settles later",
          "[analysis][t_star]") {
  // Touches 0.1 at step 20, rises to 0.3 at 30, stays <= 0.1 from step 50.
  const std::vector<double> errors = {0.5, 0.4, 0.08, 0.3, 0.2, 0.09, 0.05};
  const RunRecord run = CurveRun(0, 4, errors);
  REQUIRE(ReachIndex(errors, 0.1, TStarRule::kStays) == 5);
  REQUIRE(ReachIndex(errors, 0.1, TStarRule::kFirstTouch) == 2);
  REQUIRE(RunReach(run, 0.1, TStarRule::kStays).step == 50);
  REQUIRE(RunReach(run, 0.1, TStarRule::kStays).censor == Censor::kNone);
  REQUIRE(RunReach(run, 0.1, TStarRule::kFirstTouch).step == 20);
  // Online curves interpolate between the last evaluation above eps and
  // the settling one (0.2 at 40, 0.09 at 50).
  const CurveHit stays =
      ReachHit(run.curve_step, errors, 0.1, TStarRule::kStays);
  REQUIRE(stays.step > 40);
  REQUIRE(stays.step < 50);
  REQUIRE(FirstHit(run.curve_step, errors, 0.1).step < 20);
  // The cell's T* follows the option.
  const ResultsSet set = OneCell({run, CurveRun(1, 4, errors)});
  REQUIRE(SummariseCells(set, Options(TStarRule::kStays))[0].t_star.value ==
          50);
  REQUIRE(
      SummariseCells(set, Options(TStarRule::kFirstTouch))[0].t_star.value ==
      20);
}

TEST_CASE("T* stays: a run that ends above eps never reached it",
          "[analysis][t_star]") {
  const std::vector<double> errors = {0.5, 0.3, 0.05, 0.04, 0.2};
  const RunRecord run = CurveRun(0, 4, errors);
  const CurveHit miss = RunReach(run, 0.1, TStarRule::kStays);
  REQUIRE(std::isinf(miss.step));
  REQUIRE(miss.censor == Censor::kAbove);
  REQUIRE(RunReach(run, 0.1, TStarRule::kFirstTouch).step == 20);
  const Cell cell =
      SummariseCells(OneCell({run, run}), Options(TStarRule::kStays))[0];
  REQUIRE(cell.t_star.censor == Censor::kAbove);
  REQUIRE(cell.t_star.Text() == "not reached");
  // Its bound is the last evaluated step.
  REQUIRE(cell.t_star.Reported() == 40);
}

TEST_CASE("A hit at the first evaluation is censored below, replicates too",
          "[analysis][t_star]") {
  // n = 4: every run is below eps from step 10, the first evaluation.
  std::vector<RunRecord> runs;
  for (int i = 0; i < 4; ++i) runs.push_back(CurveRun(i, 4, {0.5, 0.05, 0.05}));
  const RunRecord early = runs[0];
  REQUIRE(RunReach(early, 0.1, TStarRule::kStays).censor == Censor::kBelow);
  REQUIRE(RunReach(early, 0.1, TStarRule::kFirstTouch).censor ==
          Censor::kBelow);
  for (TStarRule rule : {TStarRule::kStays, TStarRule::kFirstTouch}) {
    const Cell cell = SummariseCells(OneCell(runs), Options(rule))[0];
    REQUIRE(cell.t_star.censor == Censor::kBelow);
    REQUIRE(cell.t_star.value == 10);
    REQUIRE(cell.t_star.Text() == "<=10");
    REQUIRE(cell.t_star_boot_censor.size() == 50);
    for (size_t b = 0; b < 50; ++b) {
      REQUIRE(cell.t_star_boot_censor[b] == Censor::kBelow);
      REQUIRE(cell.t_star_boot[b] == 10);
    }
  }
  // A later hit is exact, and so are its replicates.
  const Cell later = SummariseCells(OneCell({CurveRun(0, 4, {0.5, 0.3, 0.05})}),
                                    Options(TStarRule::kStays))[0];
  REQUIRE(later.t_star.censor == Censor::kNone);
  REQUIRE(later.t_star_boot_censor.at(0) == Censor::kNone);
  // Online: the curve's first evaluation censors the replicates as well.
  RunRecord online = early;
  online.protocol = "online";
  online.params["B"] = 5;
  const Cell cell =
      SummariseCells(OneCell({online, online}), Options(TStarRule::kStays))[0];
  REQUIRE(cell.t_star.censor == Censor::kBelow);
  REQUIRE(cell.n_star.censor == Censor::kBelow);
  REQUIRE(cell.n_star_boot_censor.at(0) == Censor::kBelow);
  REQUIRE(cell.t_star_boot_censor.at(0) == Censor::kBelow);
}

TEST_CASE("A T* fit takes first-evaluation cells as intervals",
          "[analysis][t_star]") {
  // T* = 10 n at n = 2..5 (exact), and <= 10 at n = 1 (first evaluation).
  std::vector<RunRecord> runs;
  int id = 0;
  for (int n = 1; n <= 5; ++n) {
    std::vector<double> errors(n + 2, 0.5);
    errors[n] = errors[n + 1] = 0.05;
    for (int rep = 0; rep < 3; ++rep) runs.push_back(CurveRun(id++, n, errors));
  }
  const std::vector<Cell> cells =
      SummariseCells(OneCell(runs), Options(TStarRule::kStays));
  const Fit fit = FitCells(cells, "cnn", {"n"}, Quantity::kTStar);
  REQUIRE(fit.ok);
  REQUIRE(fit.censored == 1);
  REQUIRE(fit.left_out == 0);
  REQUIRE(fit.method == "censored (Tobit)");
  REQUIRE(fit.slope[0] == Approx(1).margin(0.02));
}

TEST_CASE("An edge-rate cell is an upper limit, censored below",
          "[analysis][t_star]") {
  auto selecting = [](int id, double n, double chosen) {
    RunRecord r = CurveRun(id, n, {0.5, 0.3, 0.2, 0.05});
    r.eta_chosen = chosen;
    r.eta_lowest = 0.1;
    r.eta_highest = 1;
    return r;
  };
  // n = 4: two of three runs chose the largest candidate; n = 8: inside.
  const ResultsSet set =
      OneCell({selecting(0, 4, 1), selecting(1, 4, 1), selecting(2, 4, 0.3),
               selecting(3, 8, 0.3), selecting(4, 8, 0.3), selecting(5, 8, 1)});
  const std::vector<Cell> cells =
      SummariseCells(set, Options(TStarRule::kStays));
  REQUIRE(cells.size() == 2);
  const Cell& edge = cells[0].coords.at("n") == 4 ? cells[0] : cells[1];
  const Cell& inside = &edge == &cells[0] ? cells[1] : cells[0];
  REQUIRE(edge.rate_edge == "largest");
  REQUIRE(edge.RateEdgeMark() == " (largest eta)");
  REQUIRE(edge.n_star.censor == Censor::kBelow);
  REQUIRE(edge.t_star.censor == Censor::kBelow);
  REQUIRE(edge.t_star.value == 30);
  REQUIRE(std::isnan(edge.t_star.lo));
  for (Censor c : edge.t_star_boot_censor) REQUIRE(c == Censor::kBelow);
  for (Censor c : edge.n_star_boot_censor) REQUIRE(c == Censor::kBelow);
  REQUIRE(inside.rate_edge.empty());
  REQUIRE(inside.t_star.censor == Censor::kNone);
  REQUIRE(inside.t_star_boot_censor.at(0) == Censor::kNone);
  // The smallest candidate is an edge too.
  const ResultsSet low = OneCell({selecting(0, 4, 0.1), selecting(1, 4, 0.1)});
  REQUIRE(SummariseCells(low, Options(TStarRule::kStays))[0].rate_edge ==
          "smallest");
}

TEST_CASE("The spec's analysis.t_star is read strictly", "[analysis][t_star]") {
  ResultsSet set;
  set.spec = Json::object();
  REQUIRE(ReadAnalysisOptions(set).t_star == TStarRule::kStays);
  set.spec = {{"analysis", {{"t_star", "first_touch"}}}};
  REQUIRE(ReadAnalysisOptions(set).t_star == TStarRule::kFirstTouch);
  set.spec = {{"analysis", {{"t_star", "stays"}}}};
  REQUIRE(ReadAnalysisOptions(set).t_star == TStarRule::kStays);
  set.spec = {{"analysis", {{"t_star", "last"}}}};
  REQUIRE_THROWS_WITH(ReadAnalysisOptions(set),
                      Catch::Contains("analysis.t_star"));
  set.spec = {{"analysis", {{"t_star", 1}}}};
  REQUIRE_THROWS_AS(ReadAnalysisOptions(set), SpecError);
}
