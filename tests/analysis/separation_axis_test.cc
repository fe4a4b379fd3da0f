// Fits in the theorems' other parameters: the pattern sets p and the
// separation delta = 1 / (1 - max(delta_d^2, delta_r^2)) (eq. 9), a derived
// axis of specs that move delta_d or delta_r.
#include "analysis/records/separation_axis.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "analysis/estimate/complexity.h"
#include "analysis/estimate/test_set_size.h"
#include "analysis/fits/scaling_fit.h"
#include "analysis/report/report.h"
#include "analysis/theory/theory.h"
#include "sim/core/rng.h"

using namespace sim;

namespace {

// Runs of one pMoE model whose threshold N grows as x^exponent, x the
// value of `axis` at each coordinate.
ResultsSet Planted(const std::string& axis,
                   const std::vector<double>& values,
                   const std::function<double(double)>& x_of,
                   double exponent) {
  ResultsSet set;
  set.axes = {axis, "N"};
  set.models = {"sep"};
  set.targets = {0.1};
  set.spec = {{"name", "planted"},
              {"seed", 1},
              {"data", {{"synthetic", {{"delta_d", 0.5}, {"delta_r", 0.4}}}}}};
  AddSeparationAxis(set.axes);
  Rng rng(3);
  for (double v : values) {
    for (double N = 10; N <= 1e6; N *= 1.4) {
      for (int rep = 0; rep < 10; ++rep) {
        RunRecord r;
        r.model = "sep";
        r.type = "pmoe_separate";
        r.coords = {{axis, v}, {"N", std::round(N)}};
        r.params = {{"N", std::round(N)}};
        r.repeat = rep;
        r.ok = true;
        r.status = "ok";
        const double threshold =
            20 * std::pow(x_of(v), exponent) * std::exp(0.1 * rng.Normal());
        r.test_error = std::round(N) >= threshold ? 0.01 : 0.3;
        r.train_error = 0;
        set.runs.push_back(r);
      }
    }
  }
  AddSeparationCoords(set);
  return set;
}

}  // namespace

TEST_CASE(
    "The separation delta is a derived axis where delta_d or delta_r moves",
    "[analysis]") {
  std::vector<std::string> axes = {"n", "delta_d", "N"};
  AddSeparationAxis(axes);
  REQUIRE(axes == std::vector<std::string>{"n", "delta", "delta_d", "N"});
  std::vector<std::string> none = {"n", "N"};
  AddSeparationAxis(none);
  REQUIRE(none == std::vector<std::string>{"n", "N"});
  REQUIRE(TheoryParam("delta") == "delta");
  REQUIRE(TheoryParam("p") == "p");
  REQUIRE(TheoryExponentFor("cnn", "p")->samples == 12);
  REQUIRE(TheoryExponentFor("pmoe_joint", "delta")->iterations == 3);
}

TEST_CASE("N* fitted against p and delta recovers planted exponents",
          "[analysis]") {
  ComplexityOptions options;
  options.bootstrap = 100;
  const ResultsSet p = Planted(
      "p", {2, 4, 8, 16}, [](double v) { return v; }, 2.0);
  const Fit fit_p =
      FitCells(SummariseCells(p, options), "sep", {"p"}, Quantity::kNStar);
  REQUIRE(fit_p.ok);
  REQUIRE(fit_p.slope[0] == Approx(2.0).margin(0.25));
  // delta_d moves (delta_r = 0.4 fixed): delta = 1 / (1 - max(dd^2, 0.16)).
  auto delta = [](double dd) { return 1 / (1 - std::max(dd * dd, 0.16)); };
  const ResultsSet s = Planted("delta_d", {0.5, 0.7, 0.8, 0.9}, delta, 3.0);
  REQUIRE(s.runs.front().coords.at("delta") == Approx(delta(0.5)));
  const Analysis a = Analyze(s, options);
  bool found = false;
  for (const FitRow& row : a.fits) {
    if (row.axis != "delta" || row.quantity != "N*") continue;
    found = true;
    REQUIRE(row.fit.slope[row.index] == Approx(3.0).margin(0.4));
    REQUIRE(row.theory == 6);  // Thm 4.2: N ~ delta^6
  }
  REQUIRE(found);
}

TEST_CASE("A test set too small for the target error is flagged",
          "[analysis]") {
  REQUIRE(TestSamplesFor(0.1) == 225);
  REQUIRE(TestSamplesFor(0.05) == 475);
  ResultsSet set;
  set.spec = {{"data", {{"test_size", 300}}}};
  REQUIRE(TestSetWarning(set, 0.1).empty());
  REQUIRE_THAT(TestSetWarning(set, 0.05), Catch::Contains("475"));
}
