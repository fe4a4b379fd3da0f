// Composite variables ("n/l") in fits, rules and analyze, and the collapse
// rule, on planted records over an n x l grid.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "analysis/checks/collapse_rule.h"
#include "analysis/checks/expectation_rules.h"
#include "analysis/estimate/analysis_options.h"
#include "analysis/plots/plots.h"
#include "analysis/records/composite_axis.h"
#include "analysis/report/report.h"
#include "sim/core/rng.h"

using namespace sim;

namespace {

// Runs over n in {8, 16, 32} x l in {2, 4} that succeed iff N exceeds
// 20 law exp(noise z) (z per run): "sep" has law = n^a_n l^a_l, "cnn" a
// flat 1e5, so the saving N*_cnn / N*_sep goes as n^-a_n l^-a_l.
ResultsSet PlantedGrid(double a_n, double a_l, double noise, int repeats) {
  ResultsSet set;
  set.axes = {"n", "l", "N"};
  set.models = {"cnn", "sep"};
  set.model_types = {{"cnn", "cnn"}, {"sep", "pmoe_separate"}};
  set.targets = {0.1};
  set.spec = {{"name", "planted"}, {"seed", 1}};
  Rng rng(7);
  int id = 0;
  for (const std::string model : {"cnn", "sep"}) {
    for (double n : {8.0, 16.0, 32.0}) {
      for (double l : {2.0, 4.0}) {
        const double law =
            model == "cnn" ? 1e5 : std::pow(n, a_n) * std::pow(l, a_l);
        for (double N = 10; N <= 3e6; N *= 1.5) {
          for (int rep = 0; rep < repeats; ++rep) {
            RunRecord r;
            r.run_id = id++;
            r.model = model;
            r.type = set.model_types[model];
            r.coords = {{"n", n}, {"l", l}, {"N", std::round(N)}};
            r.params = {{"N", std::round(N)}, {"n", n}, {"l", l}};
            r.repeat = rep;
            r.ok = true;
            r.status = "ok";
            const double threshold = 20 * law * std::exp(noise * rng.Normal());
            r.test_error = std::round(N) >= threshold ? 0.01 : 0.3;
            r.train_error = 0;
            const double steps = 5 * std::sqrt(law);
            r.first_hit["0.1"] = r.test_error < 0.1 ? long(steps) : -1;
            r.curve_step = {0, 1, steps};
            r.curve_test_error = {0.5, 0.5, r.test_error};
            r.curve_test_loss = {0.69, 0.69, 0.1};
            r.curve_train_loss = {0.0, 0.2, 0.2};
            r.routed = model != "cnn";
            set.runs.push_back(r);
          }
        }
      }
    }
  }
  return set;
}

CheckRow Evaluate(const ResultsSet& set, const std::string& rule) {
  ComplexityOptions options;
  options.bootstrap = 200;
  return EvaluateRules(Json::array({Json::parse(rule)}), set, options).at(0);
}

const std::string kCollapse =
    R"({"rule": "collapse", "model": "sep", "variable": "n/l"})";

}  // namespace

TEST_CASE("Composite expressions parse strictly", "[analysis][composite]") {
  std::string error;
  const auto ratio = ParseComposite("n/l", error);
  REQUIRE(ratio);
  REQUIRE(ratio->factors.size() == 2);
  REQUIRE(ratio->factors[1].axis == "l");
  REQUIRE(ratio->factors[1].power == -1);
  const auto table1 = ParseComposite("n^5/(k^2*l^3)", error);
  REQUIRE(table1);
  REQUIRE(table1->factors.size() == 3);
  REQUIRE(table1->factors[0].power == 5);
  REQUIRE(table1->factors[1].power == -2);
  REQUIRE(table1->factors[2].power == -3);
  REQUIRE(ParseComposite("k * l", error)->factors[1].power == 1);
  for (const char* bad : {"n/", "n//l", "(n)/l", "n/(l", "n^/l", "n^0/l",
                          "n/l/n", "n/((l))", "2/l", "n+l", ""}) {
    INFO(bad);
    REQUIRE_FALSE(ParseComposite(bad, error));
  }
  REQUIRE(IsComposite("n/l"));
  REQUIRE_FALSE(IsComposite("top_l"));
  REQUIRE(FactorAxes({"n/l", "l", "k*n"}) ==
          std::vector<std::string>{"n", "l", "k"});
  const std::vector<std::string> grid = {"n", "l", "N"};
  REQUIRE_THROWS_WITH(RequireComposite("n/k", "expect[0].axis", grid),
                      Catch::Contains("expect[0].axis"));
  REQUIRE_THROWS_WITH(RequireComposite("n/(l", "x.y", grid),
                      Catch::Contains("x.y: malformed composite"));
}

TEST_CASE("A quantity of n/l collapses and the rule passes",
          "[analysis][composite]") {
  const ResultsSet set = PlantedGrid(3, -3, 0.15, 10);
  const CheckRow row = Evaluate(set, kCollapse);
  INFO(row.rule << " " << row.measured << " " << row.IntervalText() << " "
                << row.note);
  REQUIRE(row.verdict == Verdict::kPass);
  REQUIRE(std::abs(row.measured) < 0.3);
  REQUIRE(row.lo <= 0);
  REQUIRE(row.hi >= 0);
  // The saving of the flat CNN over it collapses too.
  const CheckRow saving = Evaluate(set, R"({"rule": "collapse", "numerator":
      "cnn", "denominator": "sep", "variable": "n/l"})");
  INFO(saving.note);
  REQUIRE(saving.verdict == Verdict::kPass);
}

TEST_CASE("A quantity of n^3 / l does not collapse in n/l",
          "[analysis][composite]") {
  const CheckRow row = Evaluate(PlantedGrid(3, -1, 0.15, 10), kCollapse);
  INFO(row.note);
  REQUIRE(row.verdict == Verdict::kFail);
  REQUIRE(row.measured == Approx(2).margin(0.4));
  REQUIRE(row.lo > 0);
}

TEST_CASE("A noisy quantity with few repeats is inconclusive",
          "[analysis][composite]") {
  const CheckRow row = Evaluate(PlantedGrid(3, -3, 1.0, 2), kCollapse);
  INFO(row.measured << " " << row.IntervalText() << " " << row.note);
  REQUIRE(row.verdict == Verdict::kInconclusive);
  REQUIRE(row.note.find("interval too wide to tell") != std::string::npos);
  // A tolerance as wide as the interval lets it pass.
  const CheckRow wide = Evaluate(PlantedGrid(3, -3, 1.0, 2), R"({"rule":
      "collapse", "model": "sep", "variable": "n/l", "tolerance": 5})");
  REQUIRE(wide.verdict == Verdict::kPass);
}

TEST_CASE("A slope rule and analyze fit against n/l", "[analysis][composite]") {
  const ResultsSet set = PlantedGrid(3, -3, 0.15, 10);
  const CheckRow row =
      Evaluate(set, R"({"rule": "slope", "model": "sep", "axis": "n/l",
               "within": [2.5, 3.5]})");
  INFO(row.note);
  REQUIRE(row.measured == Approx(3).margin(0.2));
  REQUIRE(std::isfinite(row.lo));
  REQUIRE(std::isfinite(row.hi));
  REQUIRE(row.verdict == Verdict::kPass);
  // The saving pairs cells on n and l, not on equal n/l: N*_cnn / N*_sep
  // goes as (n/l)^-3.
  const CheckRow saving = Evaluate(
      set, R"({"rule": "saving_slope", "numerator": "cnn", "denominator":
               "sep", "axis": "n/l", "within": [-3.5, -2.5]})");
  INFO(saving.note);
  REQUIRE(saving.measured == Approx(-3).margin(0.2));
  REQUIRE(saving.note.find("6 uncensored cells") == 0);
  ResultsSet with_spec = set;
  with_spec.spec["grid"] = {{"axes", {{"n", {8, 16, 32}}, {"l", {2, 4}}}}};
  with_spec.spec["analysis"] = {{"composite_axes", {"n/l"}},
                                {"bootstrap", 100}};
  const ComplexityOptions options = ReadAnalysisOptions(with_spec);
  REQUIRE(options.composite_axes == std::vector<std::string>{"n/l"});
  const Json json = AnalysisToJson(Analyze(with_spec, options));
  bool model_fit = false, saving_fit = false;
  for (const Json& f : json["fits"]) {
    if (f["axis"] != "n/l") continue;
    model_fit |= f["model"] == "sep" && f["quantity"] == "N*";
    saving_fit |= f["quantity"] == "N*_cnn/N*_sep";
  }
  REQUIRE(model_fit);
  REQUIRE(saving_fit);
  with_spec.spec["analysis"]["composite_axes"] = {"n/k"};
  REQUIRE_THROWS_WITH(ReadAnalysisOptions(with_spec),
                      Catch::Contains("analysis.composite_axes[0]"));
}

TEST_CASE("The collapse plot puts every cell on one figure in n/l",
          "[composite][plots]") {
  const ResultsSet set = PlantedGrid(3, -3, 0.1, 6);
  ComplexityOptions options;
  options.bootstrap = 40;
  options.composite_axes = {"n/l"};
  const auto dir =
      std::filesystem::temp_directory_path() / "pmoe_collapse_plot_test";
  std::filesystem::remove_all(dir);
  const std::vector<Cell> cells = SummariseCells(set, options);
  const std::vector<PlotFile> plots = DrawPlots(set, cells, options, dir);
  const auto it = std::find_if(
      plots.begin(), plots.end(),
      [](const PlotFile& p) { return p.name == "nstar_vs_n_over_l"; });
  REQUIRE(it != plots.end());
  REQUIRE(it->warnings.empty());
  REQUIRE(std::filesystem::file_size(dir / "nstar_vs_n_over_l.svg") > 0);
  // The separate pMoE's six cells, by l: two series.
  std::ifstream dat(dir / "nstar_vs_n_over_l.dat");
  int series = 0;
  for (std::string line; std::getline(dat, line);)
    series += line.rfind("# sep, l = ", 0) == 0;
  REQUIRE(series == 2);
  // The saving N*_cnn / N*_sep at every grid point, by l.
  const auto saving = std::find_if(
      plots.begin(), plots.end(),
      [](const PlotFile& p) { return p.name == "saving_vs_n_over_l"; });
  REQUIRE(saving != plots.end());
  REQUIRE(saving->warnings.empty());
  REQUIRE(std::filesystem::file_size(dir / "saving_vs_n_over_l.svg") > 0);
  std::ifstream saving_dat(dir / "saving_vs_n_over_l.dat");
  int pairs = 0;
  for (std::string line; std::getline(saving_dat, line);)
    pairs += line.rfind("# N*_cnn / N*_sep, l = ", 0) == 0;
  REQUIRE(pairs == 2);
  std::filesystem::remove_all(dir);
}

TEST_CASE("Trend rules read a composite from each run's factors",
          "[analysis][composite]") {
  RunRecord probe;
  probe.coords = {{"n", 16}, {"l", 4}};
  double v = 0;
  REQUIRE(RunAxisValue(probe, "n/l", v));
  REQUIRE(v == Approx(4));
  REQUIRE(!RunAxisValue(probe, "n/k", v));
  // The test error grows with n/l (3 seeds a cell, small noise).
  ResultsSet set;
  set.axes = {"n", "l"};
  set.models = {"sep"};
  set.model_types = {{"sep", "pmoe_separate"}};
  set.targets = {0.1};
  int id = 0;
  for (double n : {8.0, 16.0, 32.0})
    for (double l : {2.0, 4.0})
      for (int rep = 0; rep < 3; ++rep) {
        RunRecord r;
        r.run_id = id++;
        r.model = "sep";
        r.type = "pmoe_separate";
        r.ok = true;
        r.status = "ok";
        r.coords = {{"n", n}, {"l", l}};
        r.params = {{"N", 100}, {"n", n}, {"l", l}};
        r.repeat = rep;
        r.test_error = 0.01 * n / l + 0.001 * rep;
        set.runs.push_back(r);
      }
  auto verdict = [&](const char* direction) {
    const Json rules = Json::array({Json{{"rule", "trend"},
                                         {"model", "sep"},
                                         {"axis", "n/l"},
                                         {"metric", "test_error"},
                                         {"direction", direction}}});
    return EvaluateRules(rules, set, ComplexityOptions{})[0].verdict;
  };
  CHECK(verdict("increasing") == Verdict::kPass);
  CHECK(verdict("decreasing") == Verdict::kFail);
}
