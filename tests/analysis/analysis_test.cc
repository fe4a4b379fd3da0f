#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "analysis/checks/expectations.h"
#include "analysis/estimate/complexity.h"
#include "analysis/fits/scaling_fit.h"
#include "analysis/plots/plot_style.h"
#include "analysis/plots/plots.h"
#include "analysis/text/format_number.h"
#include "analysis/theory/theory.h"
#include "analysis/theory/zhao_bound.h"
#include "sim/core/rng.h"
#include "sim/experiment/io/subprocess.h"
#include "tests/analysis/planted_results.h"

using namespace sim;

TEST_CASE("CrossingPoint interpolates in log N and censors both ends",
          "[analysis]") {
  Estimate e = CrossingPoint({100, 200, 400}, {0.2, 0.6, 1.0}, 0.9);
  REQUIRE(e.censor == Censor::kNone);
  REQUIRE(e.value == Approx(200 * std::pow(2.0, 0.75)));
  e = CrossingPoint({100, 200, 400}, {0.95, 1.0, 1.0}, 0.9);
  REQUIRE(e.censor == Censor::kBelow);
  REQUIRE(e.value == 100);
  REQUIRE(e.Text() == "<=100");
  e = CrossingPoint({100, 200, 400}, {0.0, 0.5, 0.8}, 0.9);
  REQUIRE(e.censor == Censor::kAbove);
  REQUIRE(e.Text() == ">400");
  REQUIRE(CrossingPoint({100, 200}, {0.9, 1.0}, 0.9).censor == Censor::kBelow);
  REQUIRE(CrossingPoint({100, 200}, {0.0, 0.9}, 0.9).value == Approx(200));
}

TEST_CASE("Quantile treats never-reached runs as infinite", "[analysis]") {
  const double inf = std::numeric_limits<double>::infinity();
  REQUIRE(Quantile({10, 20, 30, 40}, 0.5) == 20);
  REQUIRE(Quantile({10, 20, 30, 40}, 0.9) == 40);
  REQUIRE(std::isinf(Quantile({10, inf, inf, 40}, 0.9)));
  REQUIRE(Quantile({10, 20, 30, inf}, 0.75) == 30);
}

TEST_CASE("A power-law fit recovers planted exponents with noise",
          "[analysis]") {
  Rng rng(3);
  FitInput input;
  for (double x1 : {2.0, 4.0, 8.0, 16.0, 32.0}) {
    for (double x2 : {1.0, 3.0, 9.0}) {
      input.x.push_back({x1, x2});
      input.y.push_back(7 * std::pow(x1, 2.5) * std::pow(x2, -0.5) *
                        std::exp(0.05 * rng.Normal()));
    }
  }
  const Fit fit = FitPowerLaw(input, {"n", "l"});
  REQUIRE(fit.ok);
  REQUIRE(fit.slope[0] == Approx(2.5).margin(0.08));
  REQUIRE(fit.slope[1] == Approx(-0.5).margin(0.08));
  REQUIRE(fit.se[0] < 0.05);
  REQUIRE(std::exp(fit.intercept) == Approx(7).epsilon(0.3));
  REQUIRE(fit.r2 > 0.99);
  // A design with collinear axes is refused, not fitted.
  FitInput collinear;
  for (double x : {1.0, 2.0, 4.0}) {
    collinear.x.push_back({x, 2 * x});
    collinear.y.push_back(x);
  }
  REQUIRE_FALSE(FitPowerLaw(collinear, {"a", "b"}).ok);
}

TEST_CASE("N* from records recovers the planted exponent, with intervals",
          "[analysis]") {
  const ResultsSet set = PlantedResults(2.0, 0.0);
  ComplexityOptions options;
  options.target = 0.1;
  options.success = 0.9;
  options.bootstrap = 200;
  const std::vector<Cell> cells = SummariseCells(set, options);
  REQUIRE(cells.size() == 8);
  for (const Cell& c : cells) {
    REQUIRE(c.n_star.usable());
    REQUIRE(c.n_star.lo <= c.n_star.value);
    REQUIRE(c.n_star.hi >= c.n_star.value);
  }
  const Fit cnn = FitCells(cells, "cnn", {"n"}, Quantity::kNStar);
  REQUIRE(cnn.ok);
  REQUIRE(cnn.slope[0] == Approx(2.0).margin(0.25));
  REQUIRE(cnn.lo[0] < cnn.slope[0]);
  REQUIRE(cnn.hi[0] > cnn.slope[0]);
  const Fit sep = FitCells(cells, "sep", {"n"}, Quantity::kNStar);
  REQUIRE(sep.slope[0] == Approx(0.0).margin(0.25));
  const Fit saving = FitSaving(cells, "cnn", "sep", {"n"});
  REQUIRE(saving.slope[0] == Approx(2.0).margin(0.35));
  const Fit iterations = FitCells(cells, "cnn", {"n"}, Quantity::kTStar);
  REQUIRE(iterations.slope[0] == Approx(1.0).margin(0.05));
}

TEST_CASE("Cells where no N succeeds are censored, not dropped", "[analysis]") {
  ResultsSet set = PlantedResults(2.0, 0.0);
  for (RunRecord& r : set.runs) {
    if (r.model == "cnn" && r.coords["n"] == 32) r.test_error = 0.5;
  }
  ComplexityOptions options;
  options.bootstrap = 50;
  const std::vector<Cell> cells = SummariseCells(set, options);
  int censored = 0;
  for (const Cell& c : cells) censored += c.n_star.censor == Censor::kAbove;
  REQUIRE(censored == 1);
  // The censored cell enters the fit as an interval (N* > N_max).
  const Fit fit = FitCells(cells, "cnn", {"n"}, Quantity::kNStar);
  REQUIRE(fit.censored == 1);
  REQUIRE(fit.uncensored == 3);
  REQUIRE(fit.points == 4);
  REQUIRE(fit.left_out == 0);
  REQUIRE(fit.method == "censored (Tobit)");
}

TEST_CASE("Expectations pass on conforming records and fail on violating ones",
          "[analysis]") {
  const ResultsSet set = PlantedResults(2.0, 0.0);
  ComplexityOptions options;
  options.bootstrap = 100;
  const Json rules = Json::parse(R"([
    {"name": "cnn grows", "rule": "slope", "model": "cnn", "axis": "n", "at_least": 1},
    {"name": "sep flat", "rule": "slope", "model": "sep", "axis": "n", "within": [-0.5, 0.5]},
    {"name": "saving", "rule": "saving_slope", "numerator": "cnn", "denominator": "sep", "axis": "n", "at_least": 1},
    {"name": "bound", "rule": "theory_bound", "model": "cnn", "axis": "n"},
    {"name": "order", "rule": "error_order", "models": ["sep", "cnn"], "where": {"n": 32, "N": 1297}},
    {"name": "recall", "rule": "value", "model": "sep", "metric": "router_recall", "at_least": 0.8}
  ])");
  ValidateRules(rules, set.models, set.axes);
  for (const CheckRow& row : EvaluateRules(rules, set, options)) {
    INFO(row.name << ": " << row.measured << " " << row.rule);
    REQUIRE(row.Passed());
  }
  const Json violated = Json::parse(R"([
    {"rule": "slope", "model": "cnn", "axis": "n", "at_least": 5},
    {"rule": "slope", "model": "sep", "axis": "n", "at_least": 1},
    {"rule": "error_order", "models": ["cnn", "sep"], "where": {"n": 32, "N": 1297}},
    {"rule": "value", "model": "cnn", "metric": "test_error", "at_most": 0.0}
  ])");
  for (const CheckRow& row : EvaluateRules(violated, set, options)) {
    INFO(row.measured << " " << row.rule);
    REQUIRE_FALSE(row.Passed());
  }
}

TEST_CASE("theory_bound fails because the exponent exceeds the theory",
          "[analysis]") {
  // Planted exponent 9 > the theory's 8 for the CNN, on a grid of n and N
  // wide enough that every cell's N* is measured (none censored): the
  // failure comes from the interval lying above 8, not from missing data.
  const ResultsSet steep = PlantedResults(
      9.0, 0.0, {1.5, 1.75, 2.0, 2.25, 2.5, 2.75, 3.0}, 1e6, 1.2);
  ComplexityOptions options;
  options.bootstrap = 200;
  const std::vector<Cell> cells = SummariseCells(steep, options);
  const Fit fit = FitCells(cells, "cnn", {"n"}, Quantity::kNStar);
  REQUIRE(fit.ok);
  REQUIRE(fit.censored == 0);
  REQUIRE(fit.boot_dropped == 0);
  REQUIRE(fit.slope[0] == Approx(9).margin(0.3));
  REQUIRE(fit.lo[0] > 8);
  const Json bound =
      Json::parse(R"([{"rule": "theory_bound", "model": "cnn", "axis": "n"}])");
  const CheckRow row = EvaluateRules(bound, steep, options)[0];
  INFO(row.note);
  REQUIRE(row.verdict == Verdict::kFail);
  REQUIRE(row.lo > 8);
  // The same grid with exponent 7.5 passes.
  const ResultsSet within = PlantedResults(
      7.5, 0.0, {1.5, 1.75, 2.0, 2.25, 2.5, 2.75, 3.0}, 1e6, 1.2);
  REQUIRE(EvaluateRules(bound, within, options)[0].verdict == Verdict::kPass);
}

TEST_CASE(
    "The separate pMoE's bound in n is its routers' n^2 unless they have "
    "their own samples",
    "[analysis]") {
  ResultsSet set = PlantedResults(2.0, 1.5);
  ComplexityOptions options;
  options.bootstrap = 100;
  const Json bound =
      Json::parse(R"([{"rule": "theory_bound", "model": "sep", "axis": "n"}])");
  REQUIRE(EvaluateRules(bound, set, options)[0].Passed());  // 1.5 <= 2
  set.own_router_samples["sep"] = true;                     // 1.5 > 0
  REQUIRE_FALSE(EvaluateRules(bound, set, options)[0].Passed());
  REQUIRE(TheoryExponentFor("pmoe_separate", "n", true)->samples == 0);
  REQUIRE(TheoryExponentFor("pmoe_separate", "n", false)->samples == 2);
}

TEST_CASE("Malformed rules are refused with their path", "[analysis]") {
  const std::vector<std::string> models = {"cnn", "sep"};
  const std::vector<std::string> axes = {"n"};
  // A rule about an axis the grid does not vary is a spec error.
  REQUIRE_NOTHROW(ValidateRules(
      Json::parse(
          R"([{"rule": "slope", "model": "cnn", "axis": "n", "at_least": 1}])"),
      models, axes));
  REQUIRE_THROWS_WITH(
      ValidateRules(
          Json::parse(
              R"([{"rule": "slope", "model": "cnn", "axis": "l", "at_least": 1}])"),
          models, axes),
      Catch::Contains("expect[0].axis: must name an axis of the grid (n)"));
  REQUIRE_THROWS_WITH(
      ValidateRules(
          Json::parse(R"([{"rule": "slope", "model": "cnn", "axis": "n",
                                     "fit_axes": ["n", "k"], "at_least": 1}])"),
          models, axes),
      Catch::Contains("expect[0].fit_axes: must name an axis of the grid"));
  REQUIRE_THROWS_WITH(
      ValidateRules(
          Json::parse(R"([{"rule": "slope", "model": "cnn", "axis": "n"}])"),
          models, axes),
      Catch::Contains("expect[0]: needs \"within\""));
  REQUIRE_THROWS_WITH(
      ValidateRules(
          Json::parse(
              R"([{"rule": "slope", "model": "x", "axis": "n", "at_least": 1}])"),
          models, axes),
      Catch::Contains("expect[0].model"));
  REQUIRE_THROWS_WITH(
      ValidateRules(Json::parse(R"([{"rule": "guess"}])"), models, axes),
      Catch::Contains("expect[0].rule"));
  REQUIRE_THROWS_WITH(
      ValidateRules(
          Json::parse(
              R"([{"rule": "value", "model": "cnn", "at_most": 1, "colour": 2}])"),
          models, axes),
      Catch::Contains("expect[0].colour: unknown key"));
}

TEST_CASE("Table numbers: 3 digits; n/a; inf; rounding noise as 0",
          "[analysis]") {
  REQUIRE(FormatNumber(2.0912) == "2.09");
  REQUIRE(FormatNumber(std::nan("")) == "n/a");
  REQUIRE(FormatNumber(-INFINITY) == "-inf");
  REQUIRE(FormatNumber(-2.69e-17) == "0");
  REQUIRE(FormatNumber(1e-9) == "1e-09");
  REQUIRE(FormatNumber(-0.0001, "%.3f") == "0.000");
  REQUIRE(FormatNumber(-0.0006, "%.3f") == "-0.001");
  REQUIRE(FormatNumber(-0.0001) == "-0.0001");
  REQUIRE(FormatNumber(-0.0001, "%8.3f") == "   0.000");
  REQUIRE(FormatNumber(-0.0001, "%+.3f") == "+0.000");
  REQUIRE(FormatNumber(-0.02, "%.1f%%") == "0.0%");
}

TEST_CASE("Plot labels: whole numbers in full, others to 4 digits",
          "[analysis]") {
  REQUIRE(Label(12800) == "12800");
  REQUIRE(Label(1.0 / (1 - 0.3 * 0.3)) == "1.099");
  REQUIRE(Label(0.05) == "0.05");
  REQUIRE(Label(-0.0) == "0");
  REQUIRE(Label(-3) == "-3");
  REQUIRE(Label(12800.000000000002) == "12800");
  REQUIRE(Label(1e8) == "1e+08");
  REQUIRE(Num(1.0 / 3) == "0.333333");  // tic positions keep full precision
}

namespace {

std::string ReadText(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The planted CNN / separate pMoE set, plus a jointly trained pMoE (soft
// gates) and a top-k MoE (gaps vs Zhao et al.'s bound).
ResultsSet EveryPlotKind() {
  ResultsSet set = PlantedResults(2.0, 0.0);
  const size_t planted = set.runs.size();
  set.models = {"cnn", "sep", "joint", "moe"};
  for (size_t i = 0; i < planted; ++i) {
    if (set.runs[i].model != "sep") continue;
    RunRecord r = set.runs[i];
    r.run_id = int(set.runs.size());
    r.model = "joint";
    r.type = "pmoe_joint";
    set.runs.push_back(r);
  }
  for (double N : {100.0, 400.0, 1600.0}) {
    for (double k : {1.0, 2.0}) {
      RunRecord r;
      r.run_id = int(set.runs.size());
      r.model = "moe";
      r.type = "moe_topk";
      r.ok = true;
      r.status = "ok";
      r.coords = {{"N", N}, {"n", 4}};
      r.params = {{"N", N}, {"n", 4}, {"k", 8}, {"top_k", k}, {"d", 50}};
      r.test_error = 0.2 * k / std::sqrt(N);
      r.test_loss = 0.3;
      set.runs.push_back(r);
    }
  }
  return set;
}

}  // namespace

TEST_CASE("Every plot kind renders SVG, PNG and PDF without warnings",
          "[analysis]") {
  if (!RunProgram({"gnuplot", "--version"}).started) {
    FAIL("gnuplot is not installed (make deps installs gnuplot-nox)");
  }
  const ResultsSet set = EveryPlotKind();
  ComplexityOptions options;
  options.bootstrap = 40;
  const auto dir = std::filesystem::temp_directory_path() / "pmoe_plots_test";
  std::filesystem::remove_all(dir);
  const std::vector<PlotFile> plots =
      DrawPlots(set, SummariseCells(set, options), options, dir);
  std::set<std::string> kinds;
  for (const PlotFile& p : plots) {
    INFO(p.name << ": " << p.warnings);
    for (const char* ext : {".svg", ".png", ".pdf"}) {
      REQUIRE(std::filesystem::exists(dir / (p.name + ext)));
      REQUIRE(std::filesystem::file_size(dir / (p.name + ext)) > 2000);
    }
    REQUIRE(p.warnings.empty());
    REQUIRE_FALSE(std::filesystem::exists(dir / (p.name + ".log")));
    kinds.insert(p.name.substr(0, p.name.find('_')));
  }
  // "test": test error of every seed vs N (report.html's curves).
  REQUIRE(kinds == std::set<std::string>{"accuracy", "phase", "nstar", "tstar",
                                         "router", "loss", "gap", "test"});
  // One colour per model in every plot; the fit has its band.
  const std::string cnn = "lc rgb '" + ModelColour(set, "cnn") + "'";
  REQUIRE(ModelColour(set, "cnn") != ModelColour(set, "sep"));
  REQUIRE(ReadText(dir / "accuracy_vs_N.gp").find(cnn) != std::string::npos);
  const std::string nstar = ReadText(dir / "nstar_vs_n.gp");
  REQUIRE(nstar.find(cnn) != std::string::npos);
  REQUIRE(nstar.find("filledcurves") != std::string::npos);
  // Top-gated means something with soft gates only.
  const std::string router = ReadText(dir / "router_vs_N.gp");
  REQUIRE(router.find("joint top-gated") != std::string::npos);
  REQUIRE(router.find("sep top-gated") == std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("gnuplot's warnings are reported and kept, not swallowed",
          "[analysis]") {
  const auto dir = std::filesystem::temp_directory_path() / "pmoe_warn_test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "empty.dat") << "# no data\n";
  REQUIRE(Render(dir.string(), "clean", "plot x notitle").empty());
  REQUIRE_FALSE(std::filesystem::exists(dir / "clean.log"));
  const std::string warnings =
      Render(dir.string(), "warns", "plot 'empty.dat' using 1:2 notitle, x");
  REQUIRE(warnings.find("warning") != std::string::npos);
  REQUIRE(std::filesystem::exists(dir / "warns.log"));
  REQUIRE_THROWS(Render(dir.string(), "fails", "plot 'no_such_file.dat'"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("Zhao et al.'s router term matches the research notes' table",
          "[analysis]") {
  // other-seeds.md §3.3, complexity term, delta = 0.05.
  REQUIRE(ZhaoRouterTerm(1e3, 8, 1, 10) == Approx(0.533).margin(0.001));
  REQUIRE(ZhaoRouterTerm(1e3, 64, 8, 10) == Approx(1.071).margin(0.001));
  REQUIRE(ZhaoRouterTerm(1e4, 8, 2, 10) == Approx(0.199).margin(0.001));
  REQUIRE(ZhaoRouterTerm(1e5, 8, 8, 100) == Approx(0.238).margin(0.001));
  // Its directions: down in m, up in k (k < T), up in T.
  REQUIRE(ZhaoRouterTerm(2e3, 8, 2, 10) < ZhaoRouterTerm(1e3, 8, 2, 10));
  REQUIRE(ZhaoRouterTerm(1e3, 8, 4, 10) > ZhaoRouterTerm(1e3, 8, 2, 10));
  REQUIRE(ZhaoRouterTerm(1e3, 16, 2, 10) > ZhaoRouterTerm(1e3, 8, 2, 10));
}

TEST_CASE("Trend rules compare a metric's direction with the bound's",
          "[analysis]") {
  ResultsSet set;
  set.models = {"moe"};
  set.axes = {"N", "top_k"};
  int id = 0;
  for (double N : {100.0, 400.0, 1600.0}) {
    for (double k : {1.0, 2.0, 4.0}) {
      RunRecord r;
      r.run_id = id++;
      r.model = "moe";
      r.type = "moe_topk";
      r.ok = true;
      r.coords = {{"N", N}, {"top_k", k}};
      r.params = {{"N", N}, {"k", 8}, {"top_k", k}, {"d", 50}};
      r.train_error = 0;
      r.test_error = 0.5 * k / std::sqrt(N);  // grows with k, shrinks with N
      r.train_loss = 0.1;
      r.test_loss = 0.1 + 0.2 / k;  // shrinks with k: against the bound
      set.runs.push_back(r);
    }
  }
  ComplexityOptions options;
  options.bootstrap = 0;
  const Json rules = Json::parse(R"([
    {"rule": "trend", "model": "moe", "metric": "generalization_gap", "axis": "N", "direction": "as_zhao_bound"},
    {"rule": "trend", "model": "moe", "metric": "generalization_gap", "axis": "top_k", "direction": "as_zhao_bound"},
    {"rule": "trend", "model": "moe", "metric": "generalization_gap", "axis": "N", "direction": "decreasing"},
    {"rule": "trend", "model": "moe", "metric": "loss_gap", "axis": "top_k", "direction": "as_zhao_bound"}
  ])");
  ValidateRules(rules, set.models, set.axes);
  const std::vector<CheckRow> rows = EvaluateRules(rules, set, options);
  REQUIRE(rows[0].Passed());
  REQUIRE(rows[1].Passed());
  REQUIRE(rows[2].Passed());
  REQUIRE_FALSE(rows[3].Passed());
}
