// Validity diagnostics: runs that ended limited by their optimiser, the
// generalisation gap, and the `optimised` rule.
#include <catch2/catch.hpp>

#include "analysis/checks/expectations.h"
#include "analysis/estimate/complexity.h"
#include "analysis/records/records.h"
#include "tests/analysis/planted_results.h"

using namespace sim;

namespace {

RunRecord Run(const std::string& protocol, double train_error) {
  RunRecord r;
  r.ok = true;
  r.status = "ok";
  r.protocol = protocol;
  r.train_error = train_error;
  r.test_error = 0.2;
  return r;
}

RunRecord Stopped(RunRecord r, const std::string& reason, bool converged) {
  r.has_stop = true;
  r.stop_reason = reason;
  r.stop_converged = converged;
  return r;
}

}  // namespace

TEST_CASE("Optimisation limitation follows the protocol", "[analysis]") {
  const double eps = 0.1;  // limited above train error 0.05
  REQUIRE(OptimisationLimitation(Run("budget", 0.06), eps) ==
          Limitation::kLimited);
  REQUIRE(OptimisationLimitation(Run("budget", 0.05), eps) ==
          Limitation::kNotLimited);
  REQUIRE(OptimisationLimitation(
              Stopped(Run("converged", 0), "step_cap", false), eps) ==
          Limitation::kLimited);
  REQUIRE(OptimisationLimitation(
              Stopped(Run("converged", 0), "converged", true), eps) ==
          Limitation::kNotLimited);
  REQUIRE(OptimisationLimitation(
              Stopped(Run("converged", 0.2), "converged", true), eps) ==
          Limitation::kLimited);
  // Online: no training set; only the stop record counts.
  REQUIRE(OptimisationLimitation(
              Stopped(Run("online", 0.4), "budget_spent", false), eps) ==
          Limitation::kNotLimited);
  REQUIRE(OptimisationLimitation(Stopped(Run("online", 0), "step_cap", false),
                                 eps) == Limitation::kLimited);
  REQUIRE(OptimisationLimitation(Run("online", 0), eps) ==
          Limitation::kUnknown);
  REQUIRE(OptimisationLimitation(
              Stopped(Run("online", 0.4), "early_stop", false), eps) ==
          Limitation::kNotLimited);
  RunRecord diverged = Run("budget", 0);
  diverged.ok = false;
  diverged.status = "diverged";
  REQUIRE(OptimisationLimitation(diverged, eps) == Limitation::kLimited);
  RunRecord failed = Run("budget", 0);
  failed.ok = false;
  failed.status = "failed";
  REQUIRE(OptimisationLimitation(failed, eps) == Limitation::kUnknown);
  RunRecord unmeasured = Run("budget", 0);
  unmeasured.train_error_measured = false;
  REQUIRE(OptimisationLimitation(unmeasured, eps) == Limitation::kUnknown);
}

TEST_CASE("Records: null final metrics are not measured; protocol and stop",
          "[analysis]") {
  Json j = Json::parse(R"({"run_id": 3, "model": "cnn", "type": "cnn",
    "coords": {"N": 10}, "params": {"N": 10}, "status": "ok",
    "final": {"train_error": null, "test_error": 0.25, "train_loss": 0.1},
    "protocol": "converged", "stop": {"reason": "step_cap", "converged": false}})");
  RunRecord r = ParseRecord(j);
  REQUIRE(r.test_error_measured);
  REQUIRE(r.test_error == 0.25);
  REQUIRE_FALSE(r.train_error_measured);
  REQUIRE_FALSE(r.losses_measured);  // test_loss missing
  REQUIRE(r.protocol == "converged");
  REQUIRE(r.has_stop);
  REQUIRE(r.stop_reason == "step_cap");
  REQUIRE_FALSE(r.stop_converged);
  j["status"] = "failed";
  j["final"] = {{"train_error", nullptr}, {"test_error", nullptr}};
  j.erase("protocol");
  j.erase("stop");
  r = ParseRecord(j);
  REQUIRE_FALSE(r.ok);
  REQUIRE_FALSE(r.test_error_measured);
  REQUIRE(r.test_error == 1);  // a failure
  REQUIRE(r.protocol == "budget");
  REQUIRE_FALSE(r.has_stop);
}

TEST_CASE("Cells report their limited fraction and generalisation gap",
          "[analysis]") {
  ResultsSet set = PlantedResults(2.0, 0.0);
  // At n = 8, every other CNN run at N = 15 under-trained (train error 0.3,
  // test 0.3: gap 0); the rest are trained out (gaps 0.3 or 0.01).
  int marked = 0, runs_in_cell = 0;
  for (RunRecord& r : set.runs) {
    if (r.model != "cnn" || r.coords["n"] != 8) continue;
    ++runs_in_cell;
    if (r.N() == 15 && r.repeat % 2 == 0) {
      r.train_error = 0.3;
      ++marked;
    }
  }
  ComplexityOptions options;
  options.bootstrap = 0;
  for (const Cell& c : SummariseCells(set, options)) {
    if (c.model == "cnn" && c.coords.at("n") == 8) {
      REQUIRE(c.OptimisationLimited());
      REQUIRE(c.limited_fraction == Approx(double(marked) / runs_in_cell));
      for (const GridPoint& p : c.points) {
        REQUIRE(p.judged == p.runs);
        REQUIRE(p.limited == (p.N == 15 ? 5 : 0));
        // test error 0.3 below N*, 0.01 above; train error 0 or 0.3.
        if (p.N == 15) REQUIRE(p.mean_gap == Approx(0.3 * 5 / 10));
      }
    } else {
      REQUIRE(c.limited_fraction == 0);
      REQUIRE_FALSE(c.OptimisationLimited());
    }
    REQUIRE(c.mean_gap >= 0);
  }
}

TEST_CASE("optimised passes trained-out cells and fails limited ones",
          "[analysis]") {
  ResultsSet set = PlantedResults(2.0, 0.0);
  ComplexityOptions options;
  options.bootstrap = 0;
  const Json rules = Json::parse(R"([
    {"rule": "optimised", "models": ["cnn", "sep"]},
    {"rule": "optimised", "model": "cnn", "max_fraction": 0.05}
  ])");
  ValidateRules(rules, set.models, set.axes);
  for (const CheckRow& row : EvaluateRules(rules, set, options)) {
    INFO(row.note);
    REQUIRE(row.verdict == Verdict::kPass);
    REQUIRE(row.measured == 0);
  }
  // Under the converged protocol, a cell whose runs hit the step cap.
  int limited = 0, total = 0;
  for (RunRecord& r : set.runs) {
    if (r.model != "cnn" || r.coords["n"] != 16) continue;
    r.protocol = "converged";
    r.has_stop = true;
    r.stop_converged = r.N() > 1000;  // small N hit the cap
    r.stop_reason = r.stop_converged ? "converged" : "step_cap";
    limited += !r.stop_converged;
    ++total;
  }
  const std::vector<CheckRow> rows = EvaluateRules(rules, set, options);
  REQUIRE(rows[0].verdict == Verdict::kFail);
  REQUIRE(rows[0].measured == Approx(double(limited) / total));
  REQUIRE(rows[0].note.find("n=16") != std::string::npos);
  REQUIRE(rows[1].verdict == Verdict::kFail);
  // Tolerated above the limited fraction.
  const Json tolerant = Json::parse(
      R"([{"rule": "optimised", "model": "cnn", "max_fraction": 0.9}])");
  REQUIRE(EvaluateRules(tolerant, set, options)[0].verdict == Verdict::kPass);
  // Nothing judged: inconclusive.
  for (RunRecord& r : set.runs) r.train_error_measured = false;
  for (RunRecord& r : set.runs) r.protocol = "budget";
  REQUIRE(EvaluateRules(rules, set, options)[0].verdict ==
          Verdict::kInconclusive);
}
