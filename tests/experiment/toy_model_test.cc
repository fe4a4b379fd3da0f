// A model type added from outside the tree (tests/experiment/toy_model/):
// one folder and one registry line, and it parses, expands over a grid
// axis of its own, trains in the SGD loop and writes records.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "sim/experiment/run/grid_runner.h"
#include "sim/experiment/spec/model_registry.h"
#include "sim/experiment/spec/run_config_json.h"
#include "tests/experiment/toy_model/toy_linear.h"

using namespace sim;
namespace fs = std::filesystem;

namespace {

void RegisterToy() {
  // The one registry line.
  static const bool registered =
      (RegisterModel(ModelEntryFor<toy::ToyLinearConfig>()), true);
  (void)registered;
}

Json ToyGrid() {
  return Json::parse(R"({"name": "toy_grid", "seed": 2,
      "data": {"num_patches": 6, "train_size": 200, "test_size": 300,
               "synthetic": {"patch_dim": 16, "num_sets": 4, "num_confusers": 0}},
      "training": {"epochs": 20, "learning_rate": 20.0},
      "models": {"toy": {"type": "toy_linear"},
                 "cnn": {"type": "cnn", "neurons": 8}},
      "grid": {"axes": {"model.init_std": [0.0, 0.1]}, "repeats": 2}})");
}

}  // namespace

TEST_CASE("A model type registered from its own folder runs a grid",
          "[experiment][registry]") {
  RegisterToy();
  REQUIRE_THROWS_AS(RegisterModel(ModelEntryFor<toy::ToyLinearConfig>()),
                    std::invalid_argument);
  const ModelConfig parsed = ParseModelConfig(
      Json::parse(R"({"type": "toy_linear", "init_std": 0.5})"), "model");
  REQUIRE(parsed.As<toy::ToyLinearConfig>()->init_std == 0.5);
  REQUIRE(ToJson(parsed) ==
          Json::parse(R"({"type": "toy_linear", "init_std": 0.5})"));
  REQUIRE_THROWS_WITH(
      ParseModelConfig(Json::parse(R"({"type": "toy_linear", "top_l": 2})"),
                       "models.toy"),
      Catch::StartsWith("models.toy.top_l: unknown key"));

  const GridSpec grid = ParseGridSpec(ToyGrid());
  // toy: 2 values of its own axis x 2 repeats; cnn: the axis is null.
  REQUIRE(grid.runs.size() == 4 + 2);
  for (const GridRun& run : grid.runs) {
    if (run.model == "cnn") REQUIRE(run.coords["model.init_std"].is_null());
  }
  const fs::path dir = fs::temp_directory_path() / "pmoe_toy_grid";
  fs::remove_all(dir);
  ResultsStore store(dir, grid, true);
  RunnerOptions options;
  options.threads = 2;
  const RunnerSummary summary = RunGrid(grid, nullptr, store, options);
  REQUIRE(summary.finished == 6);
  REQUIRE(summary.failed == 0);
  std::ifstream in(dir / "runs.jsonl");
  int toys = 0;
  for (std::string line; std::getline(in, line);) {
    const Json record = Json::parse(line);
    if (record["type"] != "toy_linear") continue;
    ++toys;
    REQUIRE(record["params"]["m"] == 1);
    // Without confusers the mean patch separates the classes (its o1 - o2
    // component is the label's, Lemma E.1), so a linear model learns.
    REQUIRE(record["final"]["test_error"].get<double>() < 0.2);
  }
  REQUIRE(toys == 4);
  fs::remove_all(dir);
}
