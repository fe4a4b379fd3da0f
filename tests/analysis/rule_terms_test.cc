// The closed vocabularies of "expect" rules (quantity, metric, direction,
// bound, statistic): every listed name is accepted, anything else is
// refused with the path and the list, and the names come back unchanged in
// the rows' text (what check prints and analysis.json holds).
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "analysis/checks/expectations.h"
#include "tests/analysis/planted_results.h"

using namespace sim;

namespace {

const std::vector<std::string> kModels = {"cnn", "sep"};
const std::vector<std::string> kAxes = {"n", "N"};

void Refused(const std::string& rule, const std::string& message) {
  INFO(rule);
  REQUIRE_THROWS_WITH(
      ValidateRules(Json::array({Json::parse(rule)}), kModels, kAxes),
      Catch::Equals(message));
}

void Accepted(const std::string& rule) {
  INFO(rule);
  REQUIRE_NOTHROW(
      ValidateRules(Json::array({Json::parse(rule)}), kModels, kAxes));
}

// The row of one rule evaluated on planted records.
CheckRow Row(const std::string& rule) {
  const ResultsSet set = PlantedResults(1.0, 0.5, {4, 8}, 2000, 2.0);
  ComplexityOptions options;
  options.bootstrap = 0;
  return EvaluateRules(Json::array({Json::parse(rule)}), set, options)[0];
}

}  // namespace

TEST_CASE("Rule terms: a bad name is refused with the path and the list",
          "[analysis]") {
  Refused(
      R"({"rule": "slope", "model": "cnn", "axis": "n", "quantity": "M_star",
          "at_least": 1})",
      "expect[0].quantity: must be \"N_star\", \"T_star\", \"T_prime\", "
      "\"cost\" or \"N_r_star\"");
  const std::string metrics =
      "must be one of test_error, success, router_recall, top_gated, "
      "dispatch_entropy, generalization_gap, loss_gap, local_alignment, "
      "global_alignment, global_alignment_gain, router_purity, sign_changed";
  Refused(R"({"rule": "value", "model": "cnn", "metric": "err", "at_most": 1})",
          "expect[0].metric: " + metrics);
  Refused(
      R"({"rule": "trend", "model": "cnn", "axis": "n", "metric": "speed",
          "direction": "increasing"})",
      "expect[0].metric: " + metrics);
  Refused(
      R"({"rule": "trend", "model": "cnn", "axis": "n", "direction": "up"})",
      "expect[0].direction: must be \"increasing\", \"decreasing\" or "
      "\"as_zhao_bound\"");
  Refused(R"({"rule": "trend", "model": "cnn", "axis": "n"})",
          "expect[0].direction: must be \"increasing\", \"decreasing\" or "
          "\"as_zhao_bound\"");
  Refused(R"({"rule": "upper_bound", "model": "cnn", "bound": "zhao"})",
          "expect[0].bound: must be \"zhao_stated\" or \"zhao_fitted\"");
  Refused(R"({"rule": "upper_bound", "model": "cnn"})",
          "expect[0].bound: must be \"zhao_stated\" or \"zhao_fitted\"");
  Refused(
      R"({"rule": "value", "model": "cnn", "statistic": "median",
          "at_most": 1})",
      "expect[0].statistic: must be \"mean\", \"min\" or \"max\"");
  // A term of the wrong JSON type is refused by the reader, as before.
  REQUIRE_THROWS_WITH(
      ValidateRules(Json::parse(R"([{"rule": "value", "model": "cnn",
                                     "metric": 3, "at_most": 1}])"),
                    kModels, kAxes),
      Catch::StartsWith("expect[0].metric:"));
}

TEST_CASE("Rule terms: every listed name is accepted", "[analysis]") {
  for (const char* q : {"N_star", "T_star"})
    Accepted(std::string(R"({"rule": "slope", "model": "cnn", "axis": "n",
                             "at_least": 1, "quantity": ")") +
             q + "\"}");
  for (const char* m :
       {"test_error", "success", "router_recall", "top_gated",
        "dispatch_entropy", "generalization_gap", "loss_gap", "local_alignment",
        "global_alignment", "global_alignment_gain", "router_purity",
        "sign_changed"}) {
    Accepted(std::string(R"({"rule": "value", "model": "cnn", "at_most": 1,
                             "metric": ")") +
             m + "\"}");
    Accepted(std::string(R"({"rule": "trend", "model": "cnn", "axis": "n",
                             "direction": "increasing", "metric": ")") +
             m + "\"}");
  }
  for (const char* d : {"increasing", "decreasing", "as_zhao_bound"})
    Accepted(std::string(R"({"rule": "trend", "model": "cnn", "axis": "n",
                             "direction": ")") +
             d + "\"}");
  for (const char* s : {"mean", "min", "max"})
    Accepted(std::string(R"({"rule": "value", "model": "cnn", "at_most": 1,
                             "statistic": ")") +
             s + "\"}");
  Accepted(
      R"({"rule": "upper_bound", "model": "cnn", "bound": "zhao_stated"})");
  Accepted(R"({"rule": "upper_bound", "model": "cnn", "bound": "zhao_fitted",
               "calibrate_where": {"N": [10]}})");
}

TEST_CASE("Rule terms come back unchanged in the rows' text", "[analysis]") {
  // Defaults: a value rule reads the mean test error.
  REQUIRE(Row(R"({"rule": "value", "model": "cnn", "at_most": 1})").rule ==
          "mean test_error of cnn <= 1 on its 95% interval");
  REQUIRE(Row(R"({"rule": "value", "model": "sep", "metric": "router_recall",
                  "statistic": "min", "where": {"n": 4}, "at_least": 0.5})")
              .rule ==
          "min router_recall of sep over its runs at {\"n\":4} "
          ">= 0.5");
  const CheckRow max = Row(
      R"({"rule": "value", "model": "cnn", "metric": "success",
          "statistic": "max", "within": [0, 1]})");
  REQUIRE(max.rule == "max success of cnn over its runs in [0, 1]");
  REQUIRE(max.measured == 1);
  // A trend rule reads the generalisation gap unless told.
  REQUIRE(
      Row(R"({"rule": "trend", "model": "cnn", "axis": "N",
                  "direction": "decreasing"})")
          .rule ==
      "mean generalization_gap of cnn vs log N decreasing on its 95% interval");
  REQUIRE(
      Row(R"({"rule": "trend", "model": "sep", "axis": "n",
                  "metric": "top_gated", "direction": "as_zhao_bound"})")
          .rule ==
      "mean top_gated of sep vs log n moves as Zhao et al.'s bound on its 95% "
      "interval");
  // The quantity names the fitted symbol.
  REQUIRE(Row(R"({"rule": "slope", "model": "cnn", "axis": "n",
                  "quantity": "T_star", "at_least": 0})")
              .rule.rfind("slope of log T*_cnn in log n >= 0", 0) == 0);
  REQUIRE(Row(R"({"rule": "slope", "model": "cnn", "axis": "n",
                  "at_least": 0})")
              .rule.rfind("slope of log N*_cnn in log n >= 0", 0) == 0);
}
