// Verdicts that can fail, and that say when the data cannot decide.
#include <catch2/catch.hpp>
#include <cmath>

#include "analysis/checks/expectations.h"
#include "analysis/checks/fit_checks.h"
#include "analysis/report/report.h"
#include "tests/analysis/planted_results.h"

using namespace sim;

namespace {

Verdict VerdictOf(const char* rule, const ResultsSet& set, int bootstrap) {
  ComplexityOptions options;
  options.bootstrap = bootstrap;
  const Json rules = Json::array({Json::parse(rule)});
  ValidateRules(rules, set.models, set.axes);
  return EvaluateRules(rules, set, options)[0].verdict;
}

}  // namespace

TEST_CASE("Two cells without bootstrap never pass a slope verdict",
          "[analysis]") {
  // Two cells fit a line exactly: no residual variance, no interval.
  const ResultsSet two = PlantedResults(2.0, 0.0, {4, 8});
  for (
      const char* rule :
      {R"({"rule": "slope", "model": "cnn", "axis": "n", "at_least": 1})",
       R"({"rule": "theory_bound", "model": "cnn", "axis": "n"})",
       R"({"rule": "flat", "model": "sep", "axis": "n"})",
       R"({"rule": "saving_slope", "numerator": "cnn", "denominator": "sep", "axis": "n", "at_least": 1})"}) {
    INFO(rule);
    REQUIRE(VerdictOf(rule, two, 0) == Verdict::kInconclusive);
    // A bootstrap interval on two cells is still one cell short.
    REQUIRE(VerdictOf(rule, two, 50) == Verdict::kInconclusive);
  }
  // Three cells give a verdict.
  const ResultsSet three = PlantedResults(2.0, 0.0, {4, 8, 16});
  REQUIRE(
      VerdictOf(
          R"({"rule": "slope", "model": "cnn", "axis": "n", "at_least": 1})",
          three, 100) == Verdict::kPass);
  REQUIRE(
      VerdictOf(
          R"({"rule": "slope", "model": "cnn", "axis": "n", "at_least": 3})",
          three, 100) == Verdict::kFail);
}

TEST_CASE("Too many censored cells make a fit verdict inconclusive",
          "[analysis]") {
  // Exponent 9 on the default grid: every CNN cell is censored above.
  const ResultsSet steep = PlantedResults(9.0, 0.0);
  REQUIRE(VerdictOf(R"({"rule": "theory_bound", "model": "cnn", "axis": "n"})",
                    steep, 50) == Verdict::kInconclusive);
}

TEST_CASE("flat passes an exponent 0, fails a slope, is inconclusive if wide",
          "[analysis]") {
  const ResultsSet set = PlantedResults(2.0, 0.0);
  REQUIRE(VerdictOf(R"({"rule": "flat", "model": "sep", "axis": "n"})", set,
                    200) == Verdict::kPass);
  REQUIRE(VerdictOf(R"({"rule": "flat", "model": "cnn", "axis": "n"})", set,
                    200) == Verdict::kFail);
  REQUIRE(
      VerdictOf(
          R"({"rule": "flat", "model": "sep", "axis": "n", "max_width": 0.001})",
          set, 200) == Verdict::kInconclusive);
  // A slope of 0.5 with a narrow interval is not flat.
  const ResultsSet tilted = PlantedResults(2.0, 0.5);
  REQUIRE(VerdictOf(R"({"rule": "flat", "model": "sep", "axis": "n"})", tilted,
                    200) == Verdict::kFail);
}

TEST_CASE("Rules without matching runs are inconclusive", "[analysis]") {
  const ResultsSet set = PlantedResults(2.0, 0.0);
  REQUIRE(
      VerdictOf(
          R"({"rule": "value", "model": "cnn", "where": {"N": 7}, "at_most": 1})",
          set, 0) == Verdict::kInconclusive);
  REQUIRE(
      VerdictOf(
          R"({"rule": "error_order", "models": ["sep", "cnn"], "where": {"N": 7}})",
          set, 0) == Verdict::kInconclusive);
  REQUIRE(
      VerdictOf(
          R"({"rule": "trend", "model": "cnn", "metric": "test_error", "axis": "n", "direction": "increasing", "where": {"n": 4}})",
          set, 0) == Verdict::kInconclusive);
}

TEST_CASE("check's exit code: fail 1, else inconclusive 3, else 0",
          "[analysis]") {
  CheckRow pass, fail, unsure;
  pass.verdict = Verdict::kPass;
  fail.verdict = Verdict::kFail;
  unsure.verdict = Verdict::kInconclusive;
  REQUIRE(CheckExitCode({pass, pass}) == 0);
  REQUIRE(CheckExitCode({pass, unsure}) == 3);
  REQUIRE(CheckExitCode({unsure, fail, pass}) == 1);
  REQUIRE(CheckExitCode({}) == 0);
  REQUIRE(std::string(VerdictName(Verdict::kInconclusive)) == "inconclusive");
}

TEST_CASE("New rule keys are validated with their path", "[analysis]") {
  const std::vector<std::string> models = {"cnn", "sep"};
  auto refused = [&](const char* rule, const char* message) {
    INFO(rule);
    REQUIRE_THROWS_WITH(
        ValidateRules(Json::parse(rule), models, {"n", "N", "l"}),
        Catch::Contains(message));
  };
  refused(R"([{"rule": "flat", "model": "sep", "axis": "n", "max_width": 0}])",
          "expect[0].max_width: must be > 0");
  refused(R"([{"rule": "flat", "model": "sep", "axis": "n", "at_most": 1}])",
          "expect[0]: a flat rule takes no");
  refused(R"([{"rule": "optimised", "models": ["cnn", "x"]}])",
          "expect[0].models: unknown model");
  refused(R"([{"rule": "optimised", "model": "cnn", "max_fraction": 1}])",
          "expect[0].max_fraction: must be in [0, 1)");
  refused(R"([{"rule": "optimised"}])", "expect[0].models");
  refused(
      R"([{"rule": "slope", "model": "cnn", "axis": "n", "fit_axes": ["l"], "at_least": 1}])",
      "expect[0].fit_axes: must include the axis n");
}

TEST_CASE("analysis.json carries numbers, verdicts and fit intercepts",
          "[analysis]") {
  ResultsSet set = PlantedResults(2.0, 0.0);
  set.spec["expect"] = Json::parse(R"([
    {"rule": "slope", "model": "cnn", "axis": "n", "at_least": 1},
    {"rule": "value", "model": "cnn", "where": {"N": 7}, "at_most": 1},
    {"rule": "error_order", "models": ["sep", "cnn"], "where": {"n": 32, "N": 1297}}
  ])");
  ComplexityOptions options;
  options.bootstrap = 100;
  Analysis analysis = Analyze(set, options);
  analysis.checks = EvaluateRules(set.spec["expect"], set, options);
  const Json j = AnalysisToJson(analysis);
  const Json& slope = j["checks"][0];
  REQUIRE(slope["measured"].is_number());
  REQUIRE(slope["measured"].get<double>() == Approx(2).margin(0.25));
  REQUIRE(slope["interval"].is_array());
  REQUIRE(slope["interval"][0].get<double>() <
          slope["interval"][1].get<double>());
  REQUIRE(slope["verdict"] == "pass");
  REQUIRE(slope["passed"] == true);
  REQUIRE(j["checks"][1]["measured"].is_null());
  REQUIRE(j["checks"][1]["interval"].is_null());
  REQUIRE(j["checks"][1]["verdict"] == "inconclusive");
  REQUIRE(j["checks"][2]["measured"].is_null());
  REQUIRE(j["checks"][2]["detail"].get<std::string>().find("sep") == 0);
  bool found = false;
  for (const Json& fit : j["fits"]) {
    if (fit["model"] != "cnn" || fit["quantity"] != "N*") continue;
    found = true;
    // N* = 20 n^2: log c = log 20 up to the success quantile's shift.
    REQUIRE(fit["intercept"].get<double>() == Approx(std::log(20)).margin(0.6));
    REQUIRE(fit["uncensored"] == 4);
    REQUIRE(fit["method"] == "least squares");
  }
  REQUIRE(found);
}

TEST_CASE("A fit with more than 20% of its replicates dropped is inconclusive",
          "[analysis]") {
  // At the largest N of the CNN's n = 32 cell one run in ten never reaches
  // eps: T* (the 0.9-quantile of 10 runs) is finite, but the bootstrap
  // replicates that draw that run twice or more (about 26%) have no T* and
  // no bound, so they cannot be fitted.
  ResultsSet set = PlantedResults(2.0, 0.0);
  double largest = 0;
  for (const RunRecord& r : set.runs) largest = std::max(largest, r.N());
  for (RunRecord& r : set.runs) {
    if (r.model == "cnn" && r.coords.at("n") == 32 && r.N() == largest &&
        r.repeat == 0)
      r.first_hit["0.1"] = -1;
  }
  ComplexityOptions options;
  options.bootstrap = 400;
  options.t_star = TStarRule::kFirstTouch;  // the miss is in first_hit_step
  const Fit fit =
      FitCells(SummariseCells(set, options), "cnn", {"n"}, Quantity::kTStar);
  REQUIRE(fit.ok);
  REQUIRE(fit.uncensored == 4);
  REQUIRE(fit.DroppedFraction() > 0.2);
  REQUIRE(fit.DroppedFraction() < 0.35);
  const Json rule = Json::parse(
      R"([{"rule": "slope", "model": "cnn", "axis": "n", "quantity": "T_star", "at_least": 0.5}])");
  const CheckRow row = EvaluateRules(rule, set, options)[0];
  REQUIRE(row.verdict == Verdict::kInconclusive);
  REQUIRE(row.note.find("dropped") != std::string::npos);
  // The threshold itself: 20% dropped still judges, more does not.
  Fit edge = fit;
  edge.boot_used = 80;
  edge.boot_dropped = 20;
  REQUIRE(FitInconclusiveReason(edge, 1, 2).empty());
  edge.boot_dropped = 21;
  REQUIRE_FALSE(FitInconclusiveReason(edge, 1, 2).empty());
  // An interval collapsed to a point: the N grid's quantisation when the
  // cells are off a line, exact data when they are on one.
  edge.boot_dropped = 0;
  edge.slope[0] = -1;
  edge.sigma = 0.3;
  REQUIRE(FitInconclusiveReason(edge, -1, -1).find("quantised") !=
          std::string::npos);
  REQUIRE(FitInconclusiveReason(edge, -1.2, -0.8).empty());
  edge.sigma = 0;
  REQUIRE(FitInconclusiveReason(edge, -1, -1).empty());
  // A censored (Tobit) fit of exact data sits at its sigma floor, 1e-8.
  edge.sigma = 1e-8;
  REQUIRE(FitInconclusiveReason(edge, -1, -1).empty());
  // The width is judged against the interval's own scale.
  edge.sigma = 0.3;
  REQUIRE_FALSE(FitInconclusiveReason(edge, 5, 5 + 2e-9).empty());
  REQUIRE(FitInconclusiveReason(edge, 5, 5.01).empty());
  // Without the unreached run nothing is dropped and the rule passes.
  REQUIRE(EvaluateRules(rule, PlantedResults(2.0, 0.0), options)[0].verdict ==
          Verdict::kPass);
}
