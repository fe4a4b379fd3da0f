// Censored (Tobit) scaling fits on planted data with a known exponent.
#include <catch2/catch.hpp>
#include <cmath>

#include "analysis/fits/censored_regression.h"
#include "analysis/fits/scaling_fit.h"
#include "sim/core/rng.h"
#include "tests/analysis/planted_results.h"

using namespace sim;

namespace {

// y = 5 x^2 e^(0.3 z), with values above `cap` recorded as censored above
// at the cap and values below `floor` censored below at the floor.
FitInput CensoredPowerLaw(double cap, double floor) {
  Rng rng(11);
  FitInput input;
  for (int rep = 0; rep < 8; ++rep) {
    for (double x = 2; x <= 64; x *= std::sqrt(2.0)) {
      double y = 5 * x * x * std::exp(0.3 * rng.Normal());
      Censor c = Censor::kNone;
      if (y > cap) {
        y = cap;
        c = Censor::kAbove;
      } else if (y < floor) {
        y = floor;
        c = Censor::kBelow;
      }
      input.x.push_back({x});
      input.y.push_back(y);
      input.censor.push_back(c);
    }
  }
  return input;
}

}  // namespace

TEST_CASE("Upper Mills ratio is continuous into its tail", "[analysis]") {
  REQUIRE(UpperMillsRatio(0) == Approx(std::sqrt(2 / M_PI)));
  REQUIRE(UpperMillsRatio(24.999) ==
          Approx(UpperMillsRatio(25.001)).epsilon(1e-4));
  REQUIRE(UpperMillsRatio(-30) == Approx(0).margin(1e-100));
}

TEST_CASE("A censored fit recovers a planted exponent that dropping biases",
          "[analysis]") {
  const FitInput input = CensoredPowerLaw(2000, 60);
  int censored = 0;
  for (Censor c : input.censor) censored += c != Censor::kNone;
  REQUIRE(censored > 20);  // a large part of the data is censored
  const Fit fit = FitPowerLaw(input, {"x"});
  REQUIRE(fit.ok);
  REQUIRE(fit.method == "censored (Tobit)");
  REQUIRE(fit.censored == censored);
  REQUIRE(fit.slope[0] == Approx(2).margin(0.1));
  REQUIRE(fit.sigma == Approx(0.3).margin(0.08));
  REQUIRE(fit.intercept == Approx(std::log(5.0)).margin(0.3));
  // The same data with the censored values dropped (truncation) or taken as
  // values: both flatten the slope.
  FitInput dropped, as_values = input;
  as_values.censor.clear();
  for (size_t i = 0; i < input.y.size(); ++i) {
    if (input.censor[i] != Censor::kNone) continue;
    dropped.x.push_back(input.x[i]);
    dropped.y.push_back(input.y[i]);
  }
  REQUIRE(FitPowerLaw(dropped, {"x"}).slope[0] < 1.85);
  REQUIRE(FitPowerLaw(as_values, {"x"}).slope[0] < 1.8);
}

TEST_CASE("With too few uncensored cells censored ones are left out",
          "[analysis]") {
  FitInput input;
  input.x = {{2}, {4}, {8}};
  input.y = {4, 16, 30};
  input.censor = {Censor::kNone, Censor::kNone, Censor::kAbove};
  const Fit fit = FitPowerLaw(input, {"x"});
  REQUIRE(fit.ok);  // two uncensored cells: a line, no censored fit
  REQUIRE(fit.left_out == 1);
  REQUIRE(fit.points == 2);
  REQUIRE(fit.method == "least squares");
  REQUIRE(fit.slope[0] == Approx(2));
}

TEST_CASE("Cells censored above enter N* fits and their bootstrap",
          "[analysis]") {
  // N* = 20 n^2 (times the 0.9-quantile of the threshold's noise) on a grid
  // of N that ends at 5933: the n = 32 cell is censored above, and n = 16
  // ends just short of q, so about half of its bootstrap replicates are
  // censored too. Both enter the fit as intervals, and so do the
  // replicates: none is dropped, and the exponent 2 is recovered.
  const ResultsSet set =
      PlantedResults(2.0, 0.0, {4, 5.66, 8, 11.3, 16, 32}, 6500, 1.1);
  ComplexityOptions options;
  options.bootstrap = 300;
  const std::vector<Cell> cells = SummariseCells(set, options);
  for (const Cell& c : cells) {
    if (c.model == "cnn" && c.coords.at("n") == 16) {
      REQUIRE(c.n_star.boot_censored > 0.3);
      REQUIRE(c.n_star.boot_censored < 0.7);
    }
  }
  const Fit fit = FitCells(cells, "cnn", {"n"}, Quantity::kNStar);
  REQUIRE(fit.ok);
  REQUIRE(fit.censored == 2);
  REQUIRE(fit.uncensored == 4);
  REQUIRE(fit.points == 6);
  REQUIRE(fit.method == "censored (Tobit)");
  REQUIRE(fit.slope[0] == Approx(2).margin(0.1));
  REQUIRE(fit.lo[0] < 2);
  REQUIRE(fit.hi[0] > 2);
  REQUIRE(fit.boot_used == 300);
  REQUIRE(fit.boot_dropped == 0);
}

TEST_CASE("A saving with one side censored is censored the same way",
          "[analysis]") {
  bool known = true;
  REQUIRE(RatioCensor(Censor::kAbove, Censor::kNone, known) == Censor::kAbove);
  REQUIRE(RatioCensor(Censor::kNone, Censor::kAbove, known) == Censor::kBelow);
  REQUIRE(RatioCensor(Censor::kBelow, Censor::kNone, known) == Censor::kBelow);
  REQUIRE(RatioCensor(Censor::kNone, Censor::kBelow, known) == Censor::kAbove);
  REQUIRE(RatioCensor(Censor::kAbove, Censor::kBelow, known) == Censor::kAbove);
  REQUIRE(known);
  RatioCensor(Censor::kAbove, Censor::kAbove, known);
  REQUIRE_FALSE(known);
  RatioCensor(Censor::kBelow, Censor::kBelow, known);
  REQUIRE_FALSE(known);
}

TEST_CASE("A censored fit of exact data converges to the exact line",
          "[analysis]") {
  // Four cells on N* = 3 n^2 exactly; a fifth known only to exceed a bound
  // below its line value (consistent), a sixth only to lie below one above
  // it: the fit is the line, with sigma at its floor.
  FitInput input;
  for (double n : {2.0, 4.0, 8.0, 16.0}) {
    input.x.push_back({n});
    input.y.push_back(3 * n * n);
    input.censor.push_back(Censor::kNone);
  }
  input.x.push_back({32});
  input.y.push_back(1000);  // line: 3072
  input.censor.push_back(Censor::kAbove);
  input.x.push_back({1});
  input.y.push_back(10);  // line: 3
  input.censor.push_back(Censor::kBelow);
  const Fit fit = FitPowerLaw(input, {"n"});
  REQUIRE(fit.ok);
  REQUIRE(fit.method == "censored (Tobit)");
  REQUIRE(fit.slope[0] == Approx(2).margin(1e-6));
  REQUIRE(fit.intercept == Approx(std::log(3.0)).margin(1e-6));
  REQUIRE(fit.sigma < 1e-4);
  // A bound that contradicts the line (N* > 10^5 at n = 32) pulls it up.
  input.y[4] = 1e5;
  const Fit pulled = FitPowerLaw(input, {"n"});
  REQUIRE(pulled.ok);
  REQUIRE(pulled.slope[0] > 2.05);
}
