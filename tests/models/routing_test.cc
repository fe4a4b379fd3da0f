#include <catch2/catch.hpp>

#include "sim/models/patch_model.h"

using namespace sim;

namespace {

PatchModel<double> TwoExpertModel(ModelKind kind, int n, int d, int l) {
  ModelConfig c;
  c.kind = kind;
  c.num_experts = 2;
  c.neurons = 2;
  c.top_l = l;
  Rng rng(1);
  return PatchModel<double>(c, n, d, rng);
}

}  // namespace

TEST_CASE("Top-l routing is expert-choice with ties to the lower index",
          "[model]") {
  auto model = TwoExpertModel(ModelKind::kPmoeSeparate, 4, 2, 2);
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
  auto model = TwoExpertModel(ModelKind::kPmoeJoint, 5, 1, 3);
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
  ModelConfig c;
  c.kind = ModelKind::kPmoeJoint;
  c.num_experts = 3;
  c.neurons = 10;
  REQUIRE_THROWS_WITH(ValidateModelConfig(c, 16),
                      Catch::Contains("divisible by num_experts"));
  c.neurons = 9;
  c.top_l = 17;
  REQUIRE_THROWS_WITH(ValidateModelConfig(c, 16), Catch::Contains("top_l"));
  c.top_l = 4;
  c.kind = ModelKind::kPmoeSeparate;
  REQUIRE_THROWS_WITH(ValidateModelConfig(c, 16), Catch::Contains("must be 2"));
}
