// Spec input rules: axis values equal as numbers, a
// learning-rate axis over a selection, options set where they do not apply,
// and budget variants whose steps would leave the schema's range. Each is
// refused naming the JSON path (or option) and the rule; the valid
// counterpart is accepted and expands as before.
#include <catch2/catch.hpp>

#include "sim/experiment/grid/budget_variants.h"
#include "sim/experiment/grid/grid_spec.h"
#include "sim/experiment/spec/run_config_json.h"

using namespace sim;

namespace {

std::string GridError(const Json& j) {
  try {
    ParseGridSpec(j);
  } catch (const SpecError& e) {
    return e.what();
  }
  return "";
}

Json Grid(const std::string& training, const std::string& grid) {
  return Json::parse(R"({"name": "t", "seed": 5,
    "data": {"num_patches": 8, "train_size": 40, "test_size": 50,
             "synthetic": {"patch_dim": 16}},
    "training": )" + training +
                     R"(,
    "models": {"cnn": {"type": "cnn", "neurons": 4}},
    "grid": )" + grid +
                     "}");
}

}  // namespace

TEST_CASE("Axis values equal as numbers are refused, naming the axis",
          "[spec][inputs]") {
  const std::string training = R"({"epochs": 2})";
  REQUIRE(GridError(Grid(training, R"({"axes": {"N": [20, 20.0]}})")) ==
          "grid.axes.N: 20 and 20.0 are the same value; list it once");
  REQUIRE(GridError(Grid(training, R"({"axes": {"noise": [0.1, 0, -0.0]}})")) ==
          "grid.axes.noise: 0 and -0.0 are the same value; list it once");
  REQUIRE(GridError(Grid(training, R"({"axes": {"N": [20, 40, 20]}})")) ==
          "grid.axes.N: 20 appears twice; list each value once");
  REQUIRE_THAT(
      GridError(Grid(training, R"({"zip": [{"N": [20, 20.0], "B": [4, 4]}]})")),
      Catch::StartsWith(
          R"(grid.zip[0]: {"B":4,"N":20} and {"B":4,"N":20.0} are the same point)"));
  SECTION("distinct values and zip points are accepted as before") {
    REQUIRE(ParseGridSpec(Grid(training, R"({"axes": {"N": [20, 21]}})"))
                .runs.size() == 2);
    const GridSpec zip = ParseGridSpec(
        Grid(training, R"({"zip": [{"N": [20, 20], "B": [4, 5]}]})"));
    REQUIRE(zip.runs.size() == 2);
    REQUIRE(zip.runs[0].config.seeds.init != zip.runs[1].config.seeds.init);
  }
  SECTION("a range that rounds to repeated integers still merges them") {
    const GridSpec range = ParseGridSpec(
        Grid(training, R"({"axes": {"N": {"from": 20, "to": 22, "num": 9}}})"));
    REQUIRE(range.runs.size() == 3);
  }
}

TEST_CASE("A learning-rate axis over a selection is refused",
          "[spec][inputs]") {
  const std::string select =
      R"({"epochs": 2, "validation_size": 10,
          "learning_rate": {"select": [0.1, 0.4]}})";
  REQUIRE(GridError(Grid(select, R"({"axes": {"eta": [0.1, 0.2]}})")) ==
          "grid.axes.eta: a learning-rate axis would replace "
          "training.learning_rate.select (model 'cnn'); select the rate or "
          "sweep it, not both");
  REQUIRE_THAT(
      GridError(
          Grid(select, R"({"zip": [{"eta": [0.1, 0.2], "N": [20, 40]}]})")),
      Catch::StartsWith("grid.zip[0].eta: a learning-rate axis would replace "
                        "training.learning_rate.select"));
  Json model_select = Grid(R"({"epochs": 2})", R"({"axes": {"eta": [0.1]}})");
  model_select["models"]["cnn"]["training"] = Json::parse(
      R"({"validation_size": 10, "learning_rate": {"select": [0.1]}})");
  REQUIRE_THAT(GridError(model_select),
               Catch::Contains("models.cnn.training.learning_rate.select"));
  SECTION("a model that sets its own rate over the spec's selection") {
    Json own = Grid(select, R"({"axes": {"eta": [0.1, 0.2]}})");
    own["models"]["cnn"]["training"] = Json::parse(R"({"learning_rate": 0.3})");
    REQUIRE(ParseGridSpec(own).runs.size() == 2);
  }
  SECTION("an eta axis without a selection is accepted") {
    REQUIRE(ParseGridSpec(
                Grid(R"({"epochs": 2})", R"({"axes": {"eta": [0.1, 0.2]}})"))
                .runs[1]
                .config.train.learning_rate == 0.2);
  }
}

TEST_CASE("Options that do not apply are refused with their switch",
          "[spec][inputs]") {
  const std::string axes = R"({"axes": {"N": [20]}})";
  Json spurious = Grid(R"({"epochs": 2})", axes);
  spurious["data"]["spurious"] = Json::parse(R"({"probability": 0.8})");
  REQUIRE_THAT(GridError(spurious),
               Catch::StartsWith("data.spurious.probability: applies only "
                                 "when data.spurious.enabled is true"));
  spurious["data"]["spurious"]["enabled"] = true;
  REQUIRE(GridError(spurious).empty());
  spurious["data"]["spurious"] = Json::parse(R"({"probability": 0.95})");
  REQUIRE(GridError(spurious).empty());  // the default, stated: harmless

  REQUIRE_THAT(GridError(Grid(R"({"epochs": 2, "max_steps": 50})", axes)),
               Catch::StartsWith("training.max_steps: applies only when "
                                 "training.protocol is \"online\" or "
                                 "\"converged\""));
  REQUIRE_THAT(
      GridError(Grid(
          R"({"protocol": "online", "max_steps": 50, "stop_min_epochs": 3})",
          axes)),
      Catch::StartsWith("training.stop_min_epochs: applies only when "
                        "training.protocol is \"converged\""));
  REQUIRE(GridError(Grid(R"({"protocol": "converged", "max_steps": 50,
                            "stop_min_epochs": 3, "stop_plateau": 0.1,
                            "stop_train_loss": 0.1})",
                         axes))
              .empty());
  REQUIRE_THAT(GridError(Grid(R"({"epochs": 2, "adam": {"eps": 1e-6}})", axes)),
               Catch::StartsWith("training.adam.eps: applies only when "
                                 "training.expert_update is \"adam\""));
  // Adam is the top-k MoE's (the CNN does not read it: train_options.h).
  Json adam = Grid(R"({"epochs": 2, "expert_update": "adam",
                      "adam": {"eps": 1e-6}})",
                   axes);
  adam["models"]["cnn"] = {
      {"type", "moe_topk"}, {"neurons", 4}, {"num_experts", 2}};
  REQUIRE(GridError(adam).empty());
  SECTION("a model's protocol makes the spec's max_steps apply to it") {
    Json online = Grid(R"({"epochs": 2, "max_steps": 50})", axes);
    online["models"]["cnn"]["training"] =
        Json::parse(R"({"protocol": "online"})");
    REQUIRE(GridError(online).empty());
  }
}

TEST_CASE("Budget variants refuse steps out of the schema's range",
          "[spec][inputs]") {
  const Json spec = Json::parse(R"({"name": "s", "training": {"epochs": 30},
    "models": {"cnn": {"type": "cnn"}, "online": {"type": "cnn",
      "training": {"protocol": "online", "max_steps": 1000}}}})");
  REQUIRE_THROWS_WITH(BudgetVariants(spec, 0.01, {}),
                      "--steps-factor: 0.01 makes models.cnn.training.epochs "
                      "0; it must be in [1, 1e+08]");
  // 30 x 1e6 epochs fit; 1000 x 1e6 steps do not.
  REQUIRE_THROWS_WITH(BudgetVariants(spec, 1e6, {}),
                      "--steps-factor: 1e+06 makes "
                      "models.online.training.max_steps 1e+09; it must be in "
                      "[1, 1e+08]");
  REQUIRE(BudgetVariants(spec, 0.5, {})[0]
              .spec["models"]["cnn"]["training"]["epochs"] == 15);
}
