// Budget sensitivity: the spec variants and the robustness verdict, both
// ways, on planted analyses.
#include "analysis/sensitivity/sensitivity.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "sim/experiment/grid/budget_variants.h"

using namespace sim;

namespace {

Analysis WithSlope(double slope, double lo, double hi, double n_star) {
  Analysis a;
  FitRow row;
  row.model = "cnn";
  row.quantity = "N*";
  row.axis = "n";
  row.fit.ok = true;
  row.fit.slope = {slope};
  row.fit.lo = {lo};
  row.fit.hi = {hi};
  a.fits.push_back(row);
  Cell cell;
  cell.model = "cnn";
  cell.coords = {{"n", 16}};
  cell.n_star.value = n_star;
  cell.n_star.lo = n_star * 0.8;
  cell.n_star.hi = n_star * 1.25;
  a.cells.push_back(cell);
  return a;
}

}  // namespace

TEST_CASE("Budget variants double the steps and scale the step size",
          "[analysis]") {
  const Json spec = Json::parse(R"({
    "name": "s",
    "training": {"epochs": 30, "learning_rate": 0.2},
    "models": {
      "cnn": {"type": "cnn"},
      "online": {"type": "cnn", "training": {"protocol": "online",
        "max_steps": 1000, "learning_rate": {"select": [0.1, 0.4]}}}
    },
    "grid": {"axes": {"n": [6, 12]}}
  })");
  const auto variants = BudgetVariants(spec, 2, {0.5, 2});
  REQUIRE(variants.size() == 3);
  REQUIRE(variants[0].label == "steps_x2");
  REQUIRE(variants[0].spec["name"] == "s_steps_x2");
  const Json& steps = variants[0].spec["models"];
  REQUIRE(steps["cnn"]["training"]["epochs"] == 60);
  REQUIRE(steps["online"]["training"]["max_steps"] == 2000);
  REQUIRE(steps["online"]["training"]["learning_rate"]["select"][1] == 0.4);
  const Json& half = variants[1].spec["models"];
  REQUIRE(variants[1].label == "eta_x0.5");
  REQUIRE(half["cnn"]["training"]["learning_rate"] == 0.1);
  REQUIRE(half["cnn"]["training"]["epochs"] == 30);
  REQUIRE(half["online"]["training"]["learning_rate"]["select"][0] == 0.05);
  REQUIRE(variants[2].spec["models"]["cnn"]["training"]["learning_rate"] ==
          0.4);
  // An axis on the learning rate would make the variant ambiguous.
  Json with_axis = spec;
  with_axis["grid"]["axes"]["eta"] = {0.1, 0.2};
  REQUIRE_THROWS_WITH(BudgetVariants(with_axis, 2, {0.5}),
                      Catch::Contains("grid.axes.eta"));
}

TEST_CASE("An exponent is robust only if every variant stays in its interval",
          "[analysis]") {
  const Analysis base = WithSlope(2.0, 1.5, 2.5, 100);
  SECTION("robust") {
    const Sensitivity s =
        CompareBudgets(base, {"a", "b"},
                       {WithSlope(2.2, 1, 3, 110), WithSlope(1.8, 1, 3, 90)});
    REQUIRE(s.fits.at(0).verdict == Robustness::kRobust);
    REQUIRE(s.overall == Robustness::kRobust);
    REQUIRE_FALSE(s.cells.at(0).moved);
  }
  SECTION("budget-dependent") {
    const Sensitivity s = CompareBudgets(
        base, {"a", "b"},
        {WithSlope(2.2, 1, 3, 110), WithSlope(3.1, 3, 3.2, 400)});
    REQUIRE(s.fits.at(0).verdict == Robustness::kBudgetDependent);
    REQUIRE(s.overall == Robustness::kBudgetDependent);
    REQUIRE(s.cells.at(0).moved);
  }
  SECTION("inconclusive without an interval or a variant fit") {
    const Sensitivity no_interval =
        CompareBudgets(WithSlope(2.0, std::nan(""), std::nan(""), 100), {"a"},
                       {WithSlope(2.0, 1, 3, 100)});
    REQUIRE(no_interval.overall == Robustness::kInconclusive);
    Analysis no_fit = WithSlope(2.0, 1, 3, 100);
    no_fit.fits.at(0).fit.ok = false;
    REQUIRE(CompareBudgets(base, {"a"}, {no_fit}).overall ==
            Robustness::kInconclusive);
  }
  SECTION("a censored variant cell has moved") {
    Analysis censored = WithSlope(2.0, 1, 3, 100);
    censored.cells.at(0).n_star.censor = Censor::kAbove;
    REQUIRE(CompareBudgets(base, {"a"}, {censored}).cells.at(0).moved);
  }
}
