#include <catch2/catch.hpp>
#include <filesystem>

#include "analysis/checks/validate_expectations.h"
#include "sim/data/synthetic/synthetic_config.h"
#include "sim/experiment/grid/grid_spec.h"
#include "sim/experiment/spec/run_config_json.h"
#include "sim/models/patch/patch_configs.h"

using namespace sim;

namespace {

std::string RunConfigError(const Json& j) {
  try {
    ParseRunConfigFile(j);
  } catch (const SpecError& e) {
    return e.what();
  }
  return "";
}

std::string GridError(const Json& j) {
  try {
    ParseGridSpec(j);
  } catch (const SpecError& e) {
    return e.what();
  }
  return "";
}

Json BaseRun() {
  return Json::parse(
      R"({"seed": 1, "data": {"num_patches": 8, "synthetic": {"patch_dim": 16}},
                         "model": {"type": "pmoe_joint", "neurons": 8, "num_experts": 2, "top_l": 3},
                         "training": {"epochs": 2}})");
}

Json BaseGrid() {
  return Json::parse(R"({"name": "t", "seed": 5,
      "data": {"num_patches": 8, "train_size": 40, "test_size": 50, "synthetic": {"patch_dim": 16}},
      "training": {"epochs": 2},
      "models": {"cnn": {"type": "cnn", "neurons": 8},
                 "sep": {"type": "pmoe_separate", "neurons": 8, "top_l": 4}},
      "grid": {"axes": {"N": [40, 80], "l": [2, 4]}, "repeats": 3}})");
}

}  // namespace

TEST_CASE("A valid run config parses into typed options", "[experiment]") {
  const RunConfig c = ParseRunConfigFile(BaseRun());
  REQUIRE(c.model->type() == std::string("pmoe_joint"));
  REQUIRE(c.model.As<PmoeJointConfig>()->top_l == 3);
  REQUIRE(c.data.source.As<SyntheticConfig>()->patch_dim == 16);
  REQUIRE(c.train.epochs == 2);
  REQUIRE(c.train.learning_rate == 0.2);  // default
}

TEST_CASE("Run config errors name the JSON path and the rule", "[experiment]") {
  Json j = BaseRun();
  j["data"]["synthetic"]["patch_dmi"] = 3;
  REQUIRE_THAT(RunConfigError(j),
               Catch::StartsWith("data.synthetic.patch_dmi: unknown key"));
  j = BaseRun();
  j["data"]["num_patches"] = "8";
  REQUIRE_THAT(RunConfigError(j),
               Catch::StartsWith("data.num_patches: expected an integer"));
  j = BaseRun();
  j["model"]["top_l"] = 9;
  REQUIRE_THAT(RunConfigError(j),
               Catch::StartsWith(
                   "model.top_l: must satisfy 1 <= top_l <= num_patches (8)"));
  j = BaseRun();
  j["model"]["neurons"] = 9;
  REQUIRE_THAT(
      RunConfigError(j),
      Catch::StartsWith("model.neurons: must be divisible by num_experts"));
  j = BaseRun();
  j["training"]["learning_rate"] = 0;
  REQUIRE_THAT(RunConfigError(j),
               Catch::StartsWith("training.learning_rate: must be > 0"));
  j = BaseRun();
  j["training"]["learning_rate"] = -0.1;
  REQUIRE_THAT(RunConfigError(j), Catch::StartsWith("training.learning_rate"));
  j = BaseRun();
  j["model"]["type"] = "transformer";
  REQUIRE_THAT(RunConfigError(j),
               Catch::StartsWith("model.type: must be one of"));
  j = BaseRun();
  j["model"] = {{"type", "cnn"}, {"top_l", 2}};
  REQUIRE_THAT(RunConfigError(j),
               Catch::StartsWith("model.top_l: unknown key"));
  j = BaseRun();
  j["data"]["synthetic"]["delta_d"] = 1.5;
  REQUIRE_THAT(RunConfigError(j),
               Catch::StartsWith("data.synthetic.delta_d: must be in (-1, 1)"));
  j = BaseRun();
  j["training"]["targets"] = {0.1, 2};
  REQUIRE_THAT(RunConfigError(j), Catch::StartsWith("training.targets[1]"));
  j = BaseRun();
  j["seed"] = -1;
  REQUIRE_THAT(RunConfigError(j),
               Catch::StartsWith("seed: expected a non-negative integer"));
  j = BaseRun();
  j["extra"] = 1;
  REQUIRE_THAT(RunConfigError(j), Catch::StartsWith("extra: unknown key"));
  j = BaseRun();
  j["training"]["router_data"] = "fresh";
  REQUIRE_THAT(RunConfigError(j),
               Catch::StartsWith("training.router_data: must be one of"));
  j["training"]["router_data"] = "independent";
  REQUIRE_THAT(RunConfigError(j),
               Catch::StartsWith("training.router_samples: must be >= 1"));
  j["training"]["router_samples"] = 500;
  // Router options are the separate pMoE's (the joint one does not read them).
  REQUIRE_THAT(RunConfigError(j),
               Catch::StartsWith("training.router_samples: the pmoe_joint "
                                 "model does not use this option"));
  j["model"]["type"] = "pmoe_separate";
  REQUIRE(ParseRunConfigFile(j).train.router_data == RouterData::kIndependent);
}

TEST_CASE(
    "A grid expands models x axes x repeats; with null for axes a model lacks",
    "[experiment]") {
  const GridSpec grid = ParseGridSpec(BaseGrid());
  // cnn: 2 N values (l does not apply) x 3 repeats; sep: 2 x 2 x 3.
  REQUIRE(grid.runs.size() == 6 + 12);
  int cnn = 0;
  for (const GridRun& r : grid.runs) {
    if (r.model == "cnn") {
      ++cnn;
      REQUIRE(r.coords["l"].is_null());
    } else {
      REQUIRE(r.config.model.As<PmoeSeparateConfig>()->top_l ==
              r.coords["l"].get<int>());
    }
    REQUIRE(r.config.data.train_size == r.coords["N"].get<int>());
  }
  REQUIRE(cnn == 6);
  for (size_t i = 0; i < grid.runs.size(); ++i)
    REQUIRE(grid.runs[i].run_id == int(i));
}

TEST_CASE("Runs at the same data point and repeat share their data seed",
          "[experiment]") {
  const GridSpec grid = ParseGridSpec(BaseGrid());
  for (const GridRun& a : grid.runs) {
    for (const GridRun& b : grid.runs) {
      const bool same_data =
          a.coords["N"] == b.coords["N"] && a.repeat == b.repeat;
      REQUIRE((a.config.seeds.data == b.config.seeds.data) == same_data);
      if (a.run_id != b.run_id)
        REQUIRE(a.config.seeds.init != b.config.seeds.init);
    }
  }
}

TEST_CASE("Zip axes move together; ranges expand on log and linear scales",
          "[experiment]") {
  Json j = BaseGrid();
  j["grid"] = Json::parse(
      R"({"axes": {"N": {"from": 10, "to": 1000, "num": 3, "scale": "log"}},
                              "zip": [{"k": [1, 2], "m": [4, 8]}]})");
  j["models"] = Json::parse(
      R"({"joint": {"type": "pmoe_joint", "neurons": 8, "top_l": 2}})");
  const GridSpec grid = ParseGridSpec(j);
  REQUIRE(grid.runs.size() == 3 * 2);
  std::set<int> sizes;
  for (const GridRun& r : grid.runs) {
    sizes.insert(r.config.data.train_size);
    const auto* joint = r.config.model.As<PmoeJointConfig>();
    REQUIRE(joint->neurons == 4 * joint->num_experts);
  }
  REQUIRE(sizes == std::set<int>{10, 100, 1000});
}

TEST_CASE("Grid spec errors name the JSON path", "[experiment]") {
  Json j = BaseGrid();
  j["grid"]["axes"]["q"] = {1, 2};
  REQUIRE_THAT(GridError(j),
               Catch::StartsWith("grid.axes.q: unknown axis 'q'"));
  j = BaseGrid();
  j["grid"]["axes"]["l"] = {2, 9};
  REQUIRE_THAT(GridError(j),
               Catch::StartsWith("models.sep.top_l: must satisfy"));
  REQUIRE_THAT(GridError(j), Catch::Contains("grid point"));
  j = BaseGrid();
  j["grid"]["zip"] = Json::parse(R"([{"k": [1, 2], "m": [4]}])");
  REQUIRE_THAT(GridError(j), Catch::StartsWith("grid.zip[0].m: has 1 values"));
  j = BaseGrid();
  j["models"]["sep"]["gate"] = "softmax_top_l";
  REQUIRE_THAT(GridError(j), Catch::StartsWith("models.sep.gate: unknown key"));
  j = BaseGrid();
  j.erase("name");
  REQUIRE_THAT(GridError(j), Catch::StartsWith("name: is required"));
  j = BaseGrid();
  j["grid"]["axes"]["N"] = {40, "many"};
  REQUIRE_THAT(GridError(j),
               Catch::StartsWith("grid.axes.N[1]: expected a number"));
}

TEST_CASE("Every spec in experiments/ validates", "[experiment]") {
  int count = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(
           std::string(PMOE_SOURCE_DIR) + "/experiments")) {
    if (entry.path().extension() != ".json") continue;
    INFO(entry.path());
    const GridSpec grid = ParseGridSpec(ReadJsonFile(entry.path()));
    REQUIRE(!grid.runs.empty());
    REQUIRE_NOTHROW(ValidateExpectations(grid.resolved));
    ++count;
  }
  REQUIRE(count >= 1);
}

TEST_CASE("Options added later enter the resolved spec only when set",
          "[experiment]") {
  // An older results folder's spec.json must still match so it resumes.
  Json j = BaseGrid();
  GridSpec grid = ParseGridSpec(j);
  REQUIRE_FALSE(grid.resolved["training"].contains("early_stop_rise"));
  REQUIRE_FALSE(grid.resolved["training"].contains("router_data"));
  j["training"]["early_stop_rise"] = 0.02;
  j["models"].erase("cnn");  // router options are the separate pMoE's only
  j["training"]["router_data"] = "independent";
  j["training"]["router_samples"] = 100;
  grid = ParseGridSpec(j);
  REQUIRE(grid.resolved["training"]["early_stop_rise"] == 0.02);
  REQUIRE(grid.resolved["training"]["router_data"] == "independent");
  REQUIRE(grid.runs[0].config.train.early_stop_rise == 0.02);
  j["training"]["early_stop_rise"] = -1;
  REQUIRE_THAT(GridError(j), Catch::StartsWith("training.early_stop_rise"));
}

TEST_CASE("A model can override training options", "[experiment]") {
  Json j = BaseGrid();
  j["models"]["sep"]["training"] = {{"epochs", 7}, {"learning_rate", 0.05}};
  const GridSpec grid = ParseGridSpec(j);
  for (const GridRun& r : grid.runs) {
    REQUIRE(r.config.train.epochs == (r.model == "sep" ? 7 : 2));
  }
  REQUIRE(grid.resolved["models"]["sep"]["training"]["epochs"] == 7);
  j["models"]["sep"]["training"] = {{"epochs", 0}};
  REQUIRE_THAT(GridError(j), Catch::StartsWith("models.sep.training.epochs"));
}

TEST_CASE(
    "Training options round-trip: the update rule by its name, Adam's "
    "constants only with Adam",
    "[experiment]") {
  const TrainConfig adam = ParseTrainConfig(
      Json::parse(
          R"({"expert_update": "adam", "adam": {"beta1": 0.8, "eps": 1e-6}})"),
      "training");
  const Json written = ToJson(adam);
  REQUIRE(written["expert_update"] == "adam");
  REQUIRE(written["adam"]["beta1"] == 0.8);
  REQUIRE(written["adam"]["beta2"] == adam.adam.beta2);
  REQUIRE(written["adam"]["eps"] == 1e-6);
  const TrainConfig again = ParseTrainConfig(written, "training");
  REQUIRE(again.expert_update == ExpertUpdate::kAdam);
  REQUIRE(again.adam.beta1 == 0.8);
  const Json normalized = ToJson(ParseTrainConfig(
      Json::parse(R"({"expert_update": "normalized"})"), "training"));
  REQUIRE(normalized["expert_update"] == "normalized");
  REQUIRE_FALSE(normalized.contains("adam"));
}
