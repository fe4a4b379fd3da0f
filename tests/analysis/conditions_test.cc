// The theorems' conditions per cell (analysis/theory/conditions.h): the
// ratios by hand for each model type, a cell inside every condition, the
// demo-sized cell outside them, and the conditions as a results folder's
// cells and analysis.json carry them.
#include "analysis/theory/conditions.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "analysis/estimate/cell_conditions.h"
#include "analysis/report/report.h"

using namespace sim;

namespace {

// The demo's settings (experiments/demo.json at n = 16): d = 64, p = 8,
// delta_d = 0.5, delta_r = 0.4, m = 40, B = 20, eta = 0.8, eps = 0.1.
ConditionInputs DemoInputs() {
  ConditionInputs in;
  in.eps = 0.1;
  in.n = 16;
  in.d = 64;
  in.m = 40;
  in.k = 1;
  in.l = 16;
  in.B = 20;
  in.eta = 0.8;
  in.p = 8;
  in.delta_d = 0.5;
  in.delta_r = 0.4;
  in.l_star = 4;
  in.router_samples = 5000;
  in.set_diameter = SyntheticSetDiameter(0.5, 0.4, 0.3, 3, 0.8);
  in.router_init_std = 1 / (16.0 * 16 * std::log(16.0) * 8);
  return in;
}

const double kDelta = 4.0 / 3;  // 1 / (1 - max(0.5^2, 0.4^2))

const Condition& Get(const TheoremConditions& t, const std::string& name) {
  const Condition* c = t.Find(name);
  REQUIRE(c != nullptr);
  return *c;
}

}  // namespace

TEST_CASE("Conditions of Theorem 4.3 for the CNN, by hand", "[conditions]") {
  const TheoremConditions t = EvaluateConditions("cnn", DemoInputs());
  REQUIRE(t.theorem == "Theorem 4.3 (CNN)");
  // M_C = n^10 p^12 delta^6 / eps^16, B_C = n^4 p^6 delta^3 / eps^8.
  const double M_C = std::pow(16, 10) * std::pow(8, 12) * std::pow(kDelta, 6) /
                     std::pow(0.1, 16);
  const double B_C =
      std::pow(16, 4) * std::pow(8, 6) * std::pow(kDelta, 3) / 1e-8;
  REQUIRE(Get(t, "log10_width_ratio").value == Approx(std::log10(40 / M_C)));
  REQUIRE(Get(t, "log10_width_ratio").value == Approx(-38.03).margin(0.01));
  REQUIRE(Get(t, "log10_batch_ratio").value == Approx(std::log10(20 / B_C)));
  // eta m <= eps^4 / (p^3 delta^1.5 n^2) (Lemma I.4 at v = eps^2).
  const Condition& eta = Get(t, "eta_times_m");
  REQUIRE(eta.value == Approx(32));
  REQUIRE(eta.required == Approx(1e-4 / (512 * std::pow(kDelta, 1.5) * 256)));
  REQUIRE(Get(t, "separation_delta").value == Approx(kDelta));
  REQUIRE(*Get(t, "separation_delta").holds);
  // The CNN has neither routers nor an l >= l* condition.
  REQUIRE(t.Find("router_init_std") == nullptr);
  REQUIRE(t.Find("l_minus_l_star") == nullptr);
  REQUIRE(t.Find("log10_router_samples_ratio") == nullptr);
  // The demo-sized cell is outside: the width ratio fails first.
  REQUIRE(t.within.has_value());
  REQUIRE_FALSE(*t.within);
  REQUIRE_FALSE(*Get(t, "log10_width_ratio").holds);
  REQUIRE(t.summary.find("outside the theorem's conditions") == 0);
  REQUIRE(t.summary.find("width 1e-38 of M_C") != std::string::npos);
  REQUIRE(t.summary.find("batch 1e-") != std::string::npos);
}

TEST_CASE("Conditions of Theorem 4.2 and Lemma 4.1, by hand", "[conditions]") {
  ConditionInputs in = DemoInputs();
  in.k = 2;
  in.l = 4;
  TheoremConditions t = EvaluateConditions("pmoe_separate", in);
  const double M_S = std::pow(4, 10) * std::pow(8, 12) * std::pow(kDelta, 6) /
                     std::pow(0.1, 16);
  REQUIRE(Get(t, "log10_width_ratio").value == Approx(std::log10(40 / M_S)));
  REQUIRE(Get(t, "log10_batch_ratio").value ==
          Approx(std::log10(
              20 / (256 * std::pow(8, 6) * std::pow(kDelta, 3) / 1e-8))));
  // N_r / (n^2 / (1 - delta_d)^3) = 5000 / 2048.
  const Condition& nr = Get(t, "log10_router_samples_ratio");
  REQUIRE(nr.value == Approx(std::log10(5000.0 / 2048)));
  REQUIRE(*nr.holds);
  REQUIRE(Get(t, "eta_times_m").required ==
          Approx(1e-4 / (512 * std::pow(kDelta, 1.5) * 16)));
  REQUIRE(Get(t, "l_minus_l_star").value == 0);
  REQUIRE(*Get(t, "l_minus_l_star").holds);
  // The simulator's default router init 1/(n^2 ln n sqrt d) is below the
  // paper's 1/(n^2 sqrt d).
  REQUIRE(Get(t, "router_init_std").required == Approx(1 / (256.0 * 8)));
  REQUIRE(*Get(t, "router_init_std").holds);
  // Too few router samples and l < l* fail, and say so.
  in.router_samples = 1000;
  in.l_star = 5;
  t = EvaluateConditions("pmoe_separate", in);
  REQUIRE_FALSE(*Get(t, "log10_router_samples_ratio").holds);
  REQUIRE(Get(t, "l_minus_l_star").value == -1);
  REQUIRE(t.summary.find("N_r 0.488 of n^2/(1-delta_d)^3") !=
          std::string::npos);
  REQUIRE(t.summary.find("l - l* = -1") != std::string::npos);
}

TEST_CASE("Conditions of Theorem 4.5 for the joint pMoE, by hand",
          "[conditions]") {
  ConditionInputs in = DemoInputs();
  in.k = 8;
  in.l = 6;
  const TheoremConditions t = EvaluateConditions("pmoe_joint", in);
  REQUIRE(t.theorem == "Theorem 4.5 (joint pMoE)");
  // M_J = k^3 n^2 l^6 p^12 delta^6 / eps^16, B_J = k^2 l^4 p^6 delta^3/eps^8.
  const double M_J = 512.0 * 256 * std::pow(6, 6) * std::pow(8, 12) *
                     std::pow(kDelta, 6) / std::pow(0.1, 16);
  const double B_J =
      64.0 * std::pow(6, 4) * std::pow(8, 6) * std::pow(kDelta, 3) / 1e-8;
  REQUIRE(Get(t, "log10_width_ratio").value == Approx(std::log10(40 / M_J)));
  REQUIRE(Get(t, "log10_batch_ratio").value == Approx(std::log10(20 / B_J)));
  // eta m <= eps^4 l / (p^3 delta^1.5 k^2) (Lemma H.4 at v = eps^2 / l).
  REQUIRE(Get(t, "eta_times_m").required ==
          Approx(1e-4 * 6 / (512 * std::pow(kDelta, 1.5) * 64)));
  REQUIRE(t.Find("log10_router_samples_ratio") == nullptr);
  REQUIRE(t.Find("router_init_std") != nullptr);
  REQUIRE(t.summary.find("width 1e-") != std::string::npos);
  REQUIRE(t.summary.find("of M_J") != std::string::npos);
}

TEST_CASE("A cell with huge m and B, a tiny step and tight sets is within",
          "[conditions]") {
  ConditionInputs in = DemoInputs();
  in.m = 1e45;
  in.B = 1e25;
  in.eta = 1e-60;
  in.set_diameter = 0.001;  // the ball: sqrt(0.84 / (64 * 64)) = 0.0143
  for (const char* type : {"cnn", "pmoe_separate", "pmoe_joint"}) {
    in.l = std::string(type) == "cnn" ? 16 : 4;
    in.k = std::string(type) == "pmoe_joint" ? 2 : 1;
    const TheoremConditions t = EvaluateConditions(type, in);
    INFO(type << ": " << t.summary);
    REQUIRE(t.within.has_value());
    REQUIRE(*t.within);
    REQUIRE(t.summary.find("within the conditions of Theorem 4.") == 0);
  }
  // What the records cannot give is skipped, and named.
  in.set_diameter = std::nan("");
  const TheoremConditions t = EvaluateConditions("cnn", in);
  REQUIRE(*t.within);
  REQUIRE_FALSE(Get(t, "set_diameter").holds.has_value());
  REQUIRE(t.summary.find("not computable: set_diameter") != std::string::npos);
}

TEST_CASE("Other model types have no theorem, and say so", "[conditions]") {
  const TheoremConditions t = EvaluateConditions("moe_topk", DemoInputs());
  REQUIRE(t.theorem.empty());
  REQUIRE(t.conditions.empty());
  REQUIRE_FALSE(t.within.has_value());
  REQUIRE(t.summary ==
          "no theorem of the paper covers model type \"moe_topk\"");
}

TEST_CASE("The synthetic sets' diameter, by hand", "[conditions]") {
  // Plain patterns: sqrt(1 - g^2) 2R / sqrt(1 + R^2), g = delta_r / a.
  const double g2 = 0.16 / 0.75;
  const double spread = 0.6 / std::sqrt(1.09);
  REQUIRE(SyntheticSetDiameter(0.5, 0.4, 0.3, 0, 0.8) ==
          Approx(std::sqrt(1 - g2) * spread));
  // Confusers of opposite sides: sqrt(4 alpha^2 + (1 - alpha^2) spread^2).
  REQUIRE(SyntheticSetDiameter(0.5, 0.4, 0.3, 3, 0.8) ==
          Approx(std::sqrt(4 * 0.64 + 0.36 * spread * spread)));
  REQUIRE(SyntheticSetDiameter(0.5, 0.4, 0, 0, 0.8) == 0);
  REQUIRE(std::isinf(SeparationDelta(1, 0.2)));
  REQUIRE(SeparationDelta(-0.5, 0.2) == Approx(4.0 / 3));
}

namespace {

// One online CNN cell and one separate pMoE cell per p of the grid, with
// data statistics in their records and the rest in the spec.
ResultsSet PlantedSet() {
  ResultsSet set;
  set.models = {"cnn", "sep"};
  set.axes = {"p"};
  set.targets = {0.1};
  set.spec = Json::parse(R"({
    "name": "planted", "seed": 1,
    "data": {"source": "synthetic", "synthetic": {"num_sets": 8,
      "delta_d": 0.5, "delta_r": 0.4, "set_radius": 0.3,
      "num_confusers": 0, "confuser_strength": 0.8}},
    "training": {"router_samples": 0},
    "models": {"cnn": {"type": "cnn"},
               "sep": {"type": "pmoe_separate", "router_init_std": 0.5,
                       "training": {"router_samples": 3000}}}})");
  int id = 0;
  for (const char* model : {"cnn", "sep"}) {
    for (double p : {4.0, 8.0}) {
      RunRecord r;
      r.run_id = id++;
      r.model = model;
      r.type = std::string(model) == "cnn" ? "cnn" : "pmoe_separate";
      r.coords = {{"p", p}};
      r.params = {{"N", 2000}, {"n", 16}, {"d", 64}, {"m", 40},
                  {"k", 1},    {"l", 4},  {"B", 20}, {"eta", 0.1}};
      r.eta_chosen = 0.4;  // the rate the run chose, not params.eta
      r.ok = true;
      r.status = "ok";
      r.test_error = 0.05;
      r.train_error = 0;
      r.data_delta_d = 0.5;
      r.data_delta_r = 0.4;
      r.data_l_star = 3;
      set.runs.push_back(r);
    }
  }
  return set;
}

}  // namespace

TEST_CASE("Cells carry their conditions, from records, spec and axes",
          "[conditions]") {
  const ResultsSet set = PlantedSet();
  ComplexityOptions options;
  options.bootstrap = 10;
  const std::vector<Cell> cells = SummariseCells(set, options);
  REQUIRE(cells.size() == 4);
  for (const Cell& cell : cells) {
    const ConditionInputs in = CellConditionInputs(set, cell, 0.1);
    REQUIRE(in.p == cell.coords.at("p"));  // the axis overrides the spec
    REQUIRE(in.eta == 0.4);
    REQUIRE(in.l_star == 3);
    REQUIRE(in.set_diameter ==
            Approx(SyntheticSetDiameter(0.5, 0.4, 0.3, 0, 0.8)));
    REQUIRE_FALSE(WithinTheoremConditions(cell));
    REQUIRE(TheoremConditionsSummary(cell).find("width 1e-") !=
            std::string::npos);
    if (cell.model == "sep") {
      REQUIRE(in.router_samples == 3000);  // the model's own training
      REQUIRE(in.router_init_std == 0.5);
      REQUIRE_FALSE(*cell.conditions.Find("router_init_std")->holds);
    } else {
      REQUIRE(in.router_samples == 2000);  // 0: all N
    }
  }
  const Json json = AnalysisToJson(Analyze(set, options));
  const Json& conditions = json.at("cells").at(0).at("conditions");
  REQUIRE(conditions.at("log10_width_ratio").at("value").is_number());
  REQUIRE(conditions.at("log10_width_ratio").at("holds") == false);
  REQUIRE(conditions.at("within") == false);
  REQUIRE(conditions.at("summary").get<std::string>().find("outside") == 0);
  const std::string report = ReportMarkdown(set, Analyze(set, options));
  REQUIRE(report.find("## Theorem conditions per cell") != std::string::npos);
  REQUIRE(report.find("\"not refuted\", not \"verified\"") !=
          std::string::npos);
}
