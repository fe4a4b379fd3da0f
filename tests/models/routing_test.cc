#include <catch2/catch.hpp>

#include "sim/models/patch/patch_model.h"
#include "sim/train/run_config.h"

using namespace sim;

namespace {

PatchModel<double> TwoExpertModel(bool joint, int n, int d, int l) {
  PatchArchitecture c;
  c.routed = true;
  c.soft_gates = joint;
  c.experts = 2;
  c.neurons = 2;
  c.top_l = l;
  Rng rng(1);
  return PatchModel<double>(c, n, d, rng);
}

}  // namespace

TEST_CASE("Top-l routing is expert-choice with ties to the lower index",
          "[model]") {
  auto model = TwoExpertModel(false, 4, 2, 2);
  model.mutable_router() << 1, 0,  // expert 0 ranks patches by coordinate 0
      0, 1;                        // expert 1 by coordinate 1
  RowMatrix<double> x(4, 2);
  x << 1, 5, 3, 5, 3, 0, 0, 5;
  auto ws = model.MakeWorkspace(1);
  model.Forward(x, 1, ws);
  // Expert 0: values 1, 3, 3, 0 -> patches 1 and 2 (tie 3 = 3: lower first).
  REQUIRE(ws.selected[0] == 1);
  REQUIRE(ws.selected[1] == 2);
  // Expert 1: values 5, 5, 0, 5 -> patches 0 and 1 (three-way tie).
  REQUIRE(ws.selected[2] == 0);
  REQUIRE(ws.selected[3] == 1);
  // Patch 1 goes to both experts, patch 3 to none.
  for (int t = 0; t < 4; ++t) REQUIRE(ws.gates[t] == 1.0);  // hard gates
}

TEST_CASE("Joint gates are a softmax over the selected routing values (eq. 4)",
          "[model]") {
  auto model = TwoExpertModel(true, 5, 1, 3);
  model.mutable_router() << 1, -1;
  RowMatrix<double> x(5, 1);
  x << 0.5, 2.0, -1.0, 1.0, 0.0;
  auto ws = model.MakeWorkspace(1);
  model.Forward(x, 1, ws);
  // Expert 0 selects values 2, 1, 0.5 (patches 1, 3, 0).
  REQUIRE(ws.selected[0] == 1);
  REQUIRE(ws.selected[1] == 3);
  REQUIRE(ws.selected[2] == 0);
  const double z = std::exp(2.0) + std::exp(1.0) + std::exp(0.5);
  REQUIRE(ws.gates[0] == Approx(std::exp(2.0) / z));
  REQUIRE(ws.gates[2] == Approx(std::exp(0.5) / z));
  REQUIRE(ws.gates[0] + ws.gates[1] + ws.gates[2] == Approx(1.0));
}

TEST_CASE("Model configs are validated with the field and the rule",
          "[model]") {
  RunConfig run;
  run.data.num_patches = 16;
  PmoeJointConfig c;
  c.num_experts = 3;
  c.neurons = 10;
  REQUIRE_THROWS_WITH(
      c.Validate(run),
      Catch::Contains("model.neurons: must be divisible by num_experts"));
  c.neurons = 9;
  c.top_l = 17;
  REQUIRE_THROWS_WITH(c.Validate(run), Catch::Contains("model.top_l"));
  PmoeSeparateConfig s;
  s.num_experts = 3;
  REQUIRE_THROWS_WITH(s.Validate(run), Catch::Contains("must be 2"));
  PatchArchitecture bad;
  bad.routed = true;
  bad.experts = 3;
  bad.neurons = 10;
  REQUIRE_THROWS_WITH(ValidateArchitecture(bad, 16),
                      Catch::StartsWith("neurons: must be divisible"));
}
