// The theory's exponent under the grid's own conditions, rules judged on
// intervals, and every sample counted, on planted records.
#include "analysis/fits/theory_basis.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "analysis/checks/expectation_rules.h"
#include "analysis/fits/fit_shape.h"
#include "analysis/fits/total_samples.h"
#include "analysis/report/report.h"
#include "tests/analysis/planted_results.h"

using namespace sim;

namespace {

// Online CNN runs whose test error falls as 0.5 t0 / t, t0 = n^6 / 40 with
// seed noise: T*(0.1) = 5 t0 grows as n^6; B = b0 n^batch_exponent.
ResultsSet OnlineRuns(double batch_exponent) {
  ResultsSet set;
  set.axes = {"n"};
  set.models = {"cnn"};
  set.model_types = {{"cnn", "cnn"}};
  set.targets = {0.1};
  Rng rng(3);
  int id = 0;
  for (double n : {2.0, 3.0, 4.0, 6.0, 8.0}) {
    for (int rep = 0; rep < 8; ++rep) {
      RunRecord r;
      r.run_id = id++;
      r.model = "cnn";
      r.type = "cnn";
      r.protocol = "online";
      r.ok = true;
      r.status = "ok";
      r.repeat = rep;
      const double B = 4 * std::pow(n, batch_exponent);
      r.coords = {{"n", n}};
      r.params = {{"N", B * 1e7}, {"B", B}, {"n", n}};
      const double t0 = std::pow(n, 6) / 40 * std::exp(0.1 * rng.Normal());
      r.curve_step.push_back(0);
      r.curve_test_error.push_back(0.5);
      for (double t = 1; t <= 1e7; t = std::ceil(t * 1.1)) {
        r.curve_step.push_back(t);
        r.curve_test_error.push_back(std::min(0.5, 0.5 * t0 / t));
      }
      r.test_error = r.curve_test_error.back();
      set.runs.push_back(r);
    }
  }
  return set;
}

const FitRow& RowOf(const Analysis& a,
                    const std::string& model,
                    const std::string& quantity,
                    const std::string& axis) {
  for (const FitRow& r : a.fits)
    if (r.model == model && r.quantity == quantity && r.axis == axis) return r;
  FAIL("no fit row " << model << " " << quantity << " " << axis);
  return a.fits.front();
}

Verdict RuleVerdict(const ResultsSet& set, const std::string& rule) {
  ComplexityOptions options;
  options.bootstrap = 200;
  const Json rules = Json::array({Json::parse(rule)});
  return EvaluateRules(rules, set, options).at(0).verdict;
}

}  // namespace

TEST_CASE("At a fixed batch N* is compared with T's exponent and not N's",
          "[analysis]") {
  ComplexityOptions options;
  options.bootstrap = 200;
  const Analysis a = Analyze(OnlineRuns(0), options);
  const FitRow& n_row = RowOf(a, "cnn", "N*", "n");
  const FitRow& t_row = RowOf(a, "cnn", "T*", "n");
  REQUIRE(n_row.fit.slope[n_row.index] == Approx(6).margin(0.3));
  // Planted T* ~ n^6 at a fixed B: both rows exceed the theory's 4.
  REQUIRE(n_row.theory == 4);
  REQUIRE(n_row.theory_basis == "B*T (B fixed)");
  REQUIRE(n_row.verdict == "exceeds");
  REQUIRE(t_row.theory == 4);
  REQUIRE(t_row.theory_basis == "T");
  REQUIRE(t_row.verdict == "exceeds");
  // Far from the theorem's width and batch: the verdict says so.
  REQUIRE(n_row.conditions.find("outside the theorem's conditions in 5 of 5") !=
          std::string::npos);
  // The rule agrees with the table.
  REQUIRE(RuleVerdict(OnlineRuns(0), R"({"rule": "theory_bound", "model":
      "cnn", "axis": "n"})") == Verdict::kFail);
  // JSON carries the basis.
  const Json json = AnalysisToJson(a);
  bool found = false;
  for (const Json& f : json["fits"])
    found |= f["quantity"] == "N*" && f["theory_basis"] == "B*T (B fixed)";
  REQUIRE(found);
}

TEST_CASE("With B growing along the axis N*'s exponent is T's plus B's",
          "[analysis]") {
  ComplexityOptions options;
  options.bootstrap = 100;
  const ResultsSet set = OnlineRuns(4);
  REQUIRE(*BatchExponent(set, "cnn", "n") == Approx(4));
  const Analysis a = Analyze(set, options);
  const FitRow& n_row = RowOf(a, "cnn", "N*", "n");
  REQUIRE(n_row.theory == Approx(8));
  REQUIRE(n_row.theory_basis == "B*T (B ~ n^4)");
  // N* ~ n^(6 + 4) = n^10 exceeds 8 as well.
  REQUIRE(n_row.verdict == "exceeds");
  // Budget protocol: N is the training set, compared with N's exponent.
  const ResultsSet budget = PlantedResults(2.0, 0.0);
  REQUIRE(TheoryFor(budget, "cnn", "n", Quantity::kNStar).exponent == 8);
  REQUIRE(TheoryFor(budget, "cnn", "n", Quantity::kNStar).basis == "N");
}

TEST_CASE("Bounds judge an interval: clear, violated or straddled",
          "[analysis]") {
  Bounds at_least;
  at_least.has_lo = true;
  at_least.lo = 1;
  REQUIRE(at_least.Judge(1.2, 2.0) == Verdict::kPass);
  REQUIRE(at_least.Judge(0.2, 0.9) == Verdict::kFail);
  REQUIRE(at_least.Judge(0.89, 2.1) == Verdict::kInconclusive);
  REQUIRE(at_least.Judge(std::nan(""), 2) == Verdict::kInconclusive);
  Bounds within;
  within.has_lo = within.has_hi = true;
  within.lo = -0.5;
  within.hi = 0.5;
  REQUIRE(within.Judge(-0.2, 0.3) == Verdict::kPass);
  REQUIRE(within.Judge(0.6, 0.9) == Verdict::kFail);
  REQUIRE(within.Judge(-0.7, -0.6) == Verdict::kFail);
  REQUIRE(within.Judge(0.2, 0.9) == Verdict::kInconclusive);
}

TEST_CASE("A slope rule passes only when its whole interval clears it",
          "[analysis]") {
  const ResultsSet set = PlantedResults(2.0, 0.0);
  ComplexityOptions options;
  options.bootstrap = 200;
  const Json probe =
      Json::array({Json::parse(R"({"rule": "slope", "model": "cnn", "axis": "n",
                      "at_least": 0})")});
  const CheckRow row = EvaluateRules(probe, set, options).at(0);
  REQUIRE(row.lo < row.measured);
  REQUIRE(row.measured < row.hi);
  // A threshold at the point estimate: the interval straddles it.
  Json straddle = probe;
  straddle[0]["at_least"] = row.measured;
  const std::vector<CheckRow> rows = EvaluateRules(straddle, set, options);
  REQUIRE(rows[0].verdict == Verdict::kInconclusive);
  REQUIRE(rows[0].note.find("straddles") != std::string::npos);
  REQUIRE(CheckExitCode(rows) == 3);
  Json clear = probe;
  clear[0]["at_least"] = row.lo - 0.1;
  REQUIRE(EvaluateRules(clear, set, options)[0].verdict == Verdict::kPass);
  Json violated = probe;
  violated[0]["at_least"] = row.hi + 0.1;
  REQUIRE(EvaluateRules(violated, set, options)[0].verdict == Verdict::kFail);
}

TEST_CASE("Value, trend and error_order rules are judged on intervals",
          "[analysis]") {
  ResultsSet set = PlantedResults(2.0, 0.0, {4, 8});
  // Router recall of sep spread over [0.5, 1] at every n: mean 0.75.
  int i = 0;
  for (RunRecord& r : set.runs)
    if (r.model == "sep") r.router_recall = 0.5 + 0.5 * ((i++ % 11) / 10.0);
  const std::string recall =
      R"({"rule": "value", "model": "sep", "metric": "router_recall", )";
  REQUIRE(RuleVerdict(set, recall + R"("at_least": 0.6})") == Verdict::kPass);
  REQUIRE(RuleVerdict(set, recall + R"("at_least": 0.75})") ==
          Verdict::kInconclusive);
  REQUIRE(RuleVerdict(set, recall + R"("at_least": 0.9})") == Verdict::kFail);
  // A min over every run is exact.
  REQUIRE(
      RuleVerdict(set, recall + R"("statistic": "min", "at_least": 0.5})") ==
      Verdict::kPass);
  // Recall that does not move with n: its trend is undecided, not failed.
  REQUIRE(RuleVerdict(set, R"({"rule": "trend", "model": "sep", "metric":
      "router_recall", "axis": "n", "direction": "increasing"})") ==
          Verdict::kInconclusive);
  // Mean success of the CNN falls with n (N* ~ n^2 on a fixed N grid).
  REQUIRE(RuleVerdict(set, R"({"rule": "trend", "model": "cnn", "metric":
      "success", "axis": "n", "direction": "decreasing"})") == Verdict::kPass);
  REQUIRE(RuleVerdict(set, R"({"rule": "trend", "model": "cnn", "metric":
      "success", "axis": "n", "direction": "increasing"})") == Verdict::kFail);
}

TEST_CASE("Routers with samples of their own are counted in N* + N_r",
          "[analysis]") {
  ResultsSet set = PlantedResults(2.0, 0.0);
  ComplexityOptions options;
  options.bootstrap = 50;
  // Without samples of their own there is no total.
  Analysis a = Analyze(set, options);
  for (const FitRow& r : a.fits) REQUIRE(r.quantity != kTotalSamplesQuantity);
  set.own_router_samples["sep"] = true;
  set.router_samples["sep"] = 1000;
  const std::vector<Cell> cells = SummariseCells(set, options);
  const std::vector<Cell> totals = WithRouterSamples(cells, set);
  for (size_t c = 0; c < cells.size(); ++c) {
    const double shift = cells[c].model == "sep" ? 1000 : 0;
    REQUIRE(totals[c].n_star.value == Approx(cells[c].n_star.value + shift));
  }
  a = Analyze(set, options);
  const FitRow& total = RowOf(a, "sep", kTotalSamplesQuantity, "n");
  REQUIRE(total.fit.ok);
  // The routers' 1000 samples dominate sep's N* ~ 20: the total is flat.
  REQUIRE(total.fit.slope[0] == Approx(0).margin(0.1));
  // Lemma 4.1's n^2 for the routers bounds the total in n.
  REQUIRE(total.theory == 2);
  RowOf(a, "sep", "N*_cnn/(N*_sep+N_r)", "n");
}

namespace {

// A model's cells at n = 6, 12, 24, 48 with N* = value(n) and replicates
// within 2% of it.
std::vector<Cell> ShapedCells(double (*value)(double)) {
  std::vector<Cell> cells;
  Rng rng(9);
  for (double n : {6.0, 12.0, 24.0, 48.0}) {
    Cell c;
    c.model = "sep";
    c.type = "pmoe_separate";
    c.coords = {{"n", n}};
    c.n_star.value = value(n);
    for (int b = 0; b < 200; ++b)
      c.n_star_boot.push_back(value(n) * std::exp(0.02 * rng.Normal()));
    c.n_star_boot_censor.assign(200, Censor::kNone);
    cells.push_back(c);
  }
  return cells;
}

}  // namespace

TEST_CASE("A slope carried by one end is not called a power law",
          "[analysis]") {
  // Flat from n = 12 on, ten times higher at n = 6: the fit's slope holds
  // nowhere.
  const std::vector<Cell> end =
      ShapedCells([](double n) { return n == 6 ? 1000.0 : 100.0; });
  const Fit fit = FitCells(end, "sep", {"n"}, Quantity::kNStar);
  REQUIRE(fit.ok);
  const FitShape shape = ShapeOf(end, "sep", {"n"}, 0, Quantity::kNStar, fit);
  REQUIRE(shape.local.size() == 3);
  REQUIRE(shape.local[0].slope == Approx(-std::log(10) / std::log(2)));
  REQUIRE(shape.local[1].slope == Approx(0).margin(1e-12));
  REQUIRE(shape.without_lowest == Approx(0).margin(0.05));
  REQUIRE(shape.note.find("not a power law over this range: without n=6") !=
          std::string::npos);
  // Three cells: no refit without an end, but the local slopes tell.
  std::vector<Cell> three(end.begin(), end.begin() + 3);
  three[2].n_star.value = 200;
  for (double& v : three[2].n_star_boot) v *= 2;
  const Fit fit3 = FitCells(three, "sep", {"n"}, Quantity::kNStar);
  const FitShape shape3 =
      ShapeOf(three, "sep", {"n"}, 0, Quantity::kNStar, fit3);
  REQUIRE(std::isnan(shape3.without_lowest));
  REQUIRE(shape3.note.find("lie on both sides of the interval") !=
          std::string::npos);
  // A power law: every local slope 2, no note.
  const std::vector<Cell> law = ShapedCells([](double n) { return 3 * n * n; });
  const Fit law_fit = FitCells(law, "sep", {"n"}, Quantity::kNStar);
  const FitShape law_shape =
      ShapeOf(law, "sep", {"n"}, 0, Quantity::kNStar, law_fit);
  for (const LocalSlope& l : law_shape.local) REQUIRE(l.slope == Approx(2));
  REQUIRE(law_shape.note.empty());
}

TEST_CASE("A dense model's cell pairs with the routed one's at every l",
          "[analysis]") {
  // The CNN has no l coordinate (its l is n); the pMoE moves over n x l.
  std::vector<Cell> cells;
  Rng rng(4);
  const auto add = [&](const std::string& model, double n, double l,
                       double value) {
    Cell c;
    c.model = model;
    c.coords = {{"n", n}};
    c.params = {{"n", n}, {"l", l}};
    if (model == "sep") c.coords["l"] = l;
    c.n_star.value = value;
    for (int b = 0; b < 100; ++b)
      c.n_star_boot.push_back(value * std::exp(0.02 * rng.Normal()));
    c.n_star_boot_censor.assign(100, Censor::kNone);
    cells.push_back(c);
  };
  for (double n : {8.0, 16.0, 32.0}) {
    add("cnn", n, n, 5 * n * n);
    for (double l : {2.0, 4.0}) add("sep", n, l, 5 * l * l);
  }
  // The saving (n/l)^2: six pairs, one per pMoE cell.
  const Fit fit = FitSaving(cells, "cnn", "sep", {"n/l"});
  REQUIRE(fit.ok);
  REQUIRE(fit.points == 6);
  REQUIRE(fit.slope[0] == Approx(2).margin(1e-6));
  // Along n alone, the same six pairs.
  REQUIRE(FitSaving(cells, "cnn", "sep", {"n"}).points == 6);
}
