// upper_bound rules on planted gaps: a gap below the bound passes, one
// above fails, vacuous cells are not judged, failed runs are left out
// (never read as gap 0), and fitted constants hold or fail on held-out cells.
#include <catch2/catch.hpp>
#include <cmath>

#include "analysis/checks/expectations.h"
#include "analysis/fits/gap_analysis.h"
#include "analysis/theory/zhao_bound.h"

using namespace sim;

namespace {

// A top-k MoE run at N samples with a planted 0-1 gap.
RunRecord GapRun(double N, double gap, int repeat, bool ok = true) {
  RunRecord r;
  r.model = "moe";
  r.type = "moe_topk";
  r.coords = {{"N", N}};
  r.params = {{"N", N}, {"k", 4}, {"top_k", 1}, {"d", 50}};
  r.repeat = repeat;
  r.ok = ok;
  r.status = ok ? "ok" : "diverged";
  r.train_error = 0.1;
  r.test_error = 0.1 + gap + 0.002 * repeat;  // a little spread
  r.test_error_measured = r.train_error_measured = r.losses_measured = ok;
  return r;
}

ResultsSet Gaps(const std::vector<std::pair<double, double>>& cells) {
  ResultsSet set;
  set.models = {"moe"};
  set.axes = {"N"};
  for (const auto& [N, gap] : cells)
    for (int rep = 0; rep < 3; ++rep) set.runs.push_back(GapRun(N, gap, rep));
  return set;
}

CheckRow Check(const char* rule, const ResultsSet& set) {
  const Json rules = Json::array({Json::parse(rule)});
  ValidateRules(rules, set.models, set.axes);
  return EvaluateRules(rules, set, ComplexityOptions{})[0];
}

constexpr const char* kStated =
    R"({"rule": "upper_bound", "model": "moe", "bound": "zhao_stated"})";
constexpr const char* kFitted =
    R"({"rule": "upper_bound", "model": "moe", "bound": "zhao_fitted",
        "calibrate_where": {"N": [1000, 4000, 16000]}})";

}  // namespace

TEST_CASE("upper_bound with the stated constants, both directions",
          "[analysis]") {
  // The router term at T = 4, k = 1, d = 50: vacuous at N = 100, below 1
  // from N = 6400.
  REQUIRE(ZhaoRouterTerm(100, 4, 1, 200) > 1);
  const double b = ZhaoRouterTerm(20000, 4, 1, 200);
  REQUIRE(b < 1);
  CheckRow below = Check(kStated, Gaps({{100, 0.3}, {20000, b / 2}}));
  REQUIRE(below.verdict == Verdict::kPass);
  REQUIRE_THAT(below.note, Catch::Contains("1 of 2 cells vacuous"));
  REQUIRE(Check(kStated, Gaps({{100, 0.3}, {20000, b + 0.1}})).verdict ==
          Verdict::kFail);
  // Only vacuous cells: nothing can fail, so no verdict.
  REQUIRE(Check(kStated, Gaps({{100, 0.3}, {200, 0.9}})).verdict ==
          Verdict::kInconclusive);
  // A failed run is left out and counted, not read as a gap of 0.
  ResultsSet with_failed = Gaps({{20000, b + 0.1}});
  with_failed.runs.push_back(GapRun(20000, 0, 3, false));
  const CheckRow failed = Check(kStated, with_failed);
  REQUIRE(failed.verdict == Verdict::kFail);
  REQUIRE_THAT(failed.note, Catch::Contains("1 failed or unmeasured runs"));
  REQUIRE(GapRows(with_failed)[0].runs == 3);
  REQUIRE(GapRows(with_failed)[0].excluded == 1);
}

TEST_CASE("upper_bound with fitted constants holds or fails on held-out cells",
          "[analysis]") {
  // Gaps exactly 2 / sqrt(N): the fit finds A = 2 (B = 0 for these cells).
  std::vector<std::pair<double, double>> cells;
  for (double N : {1000.0, 2000.0, 4000.0, 8000.0, 16000.0})
    cells.push_back({N, 2 / std::sqrt(N)});
  const CheckRow holds = Check(kFitted, Gaps(cells));
  REQUIRE(holds.verdict == Verdict::kPass);
  REQUIRE_THAT(holds.note, Catch::Contains("from 3 cells"));
  // A held-out cell far above the form fitted on the others fails.
  cells[1].second = 0.5;
  REQUIRE(Check(kFitted, Gaps(cells)).verdict == Verdict::kFail);
  // The LP: the least A, B >= 0 with A u + B r >= g at every cell.
  std::vector<GapRow> rows(2);
  rows[0].N = 100, rows[0].bound = 1, rows[0].error_gap_hi = 0.2;
  rows[1].N = 10000, rows[1].bound = 4, rows[1].error_gap_hi = 0.1;
  const FittedBound fit = FitBound(rows);
  REQUIRE(fit.ok);
  for (const GapRow& r : rows) REQUIRE(fit.At(r) >= r.error_gap_hi - 1e-12);
  REQUIRE_THROWS_WITH(
      Check(
          R"({"rule": "upper_bound", "model": "moe", "bound": "zhao_fitted"})",
          Gaps(cells)),
      Catch::Contains("calibrate_where: is required"));
}
