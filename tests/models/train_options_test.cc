// Per-model training options (sim/train/train_options.h): each model type
// reads only some of them, and one given for a type that does not read it
// is refused with its JSON path, in run configs and in specs (its own
// training section, the spec's shared one, a grid axis); the same option is
// accepted for a type that reads it.
#include "sim/train/train_options.h"

#include <catch2/catch.hpp>
#include <functional>
#include <map>
#include <set>
#include <string>

#include "sim/experiment/grid/grid_spec.h"
#include "sim/experiment/spec/run_config_json.h"

using namespace sim;

namespace {

// Each per-model field, and a value other than its default.
const std::map<std::string, std::function<void(TrainConfig&)>>& Setters() {
  static const std::map<std::string, std::function<void(TrainConfig&)>> s = {
      {"expert_update",
       [](TrainConfig& t) { t.expert_update = ExpertUpdate::kNormalized; }},
      {"adam.beta1", [](TrainConfig& t) { t.adam.beta1 = 0.5; }},
      {"adam.beta2", [](TrainConfig& t) { t.adam.beta2 = 0.5; }},
      {"adam.eps", [](TrainConfig& t) { t.adam.eps = 1e-3; }},
      {"weight_decay", [](TrainConfig& t) { t.weight_decay = 0.1; }},
      {"router_learning_rate",
       [](TrainConfig& t) { t.router_learning_rate = 0.01; }},
      {"router_batch_size", [](TrainConfig& t) { t.router_batch_size = 5; }},
      {"router_epochs", [](TrainConfig& t) { t.router_epochs = 5; }},
      {"router_samples", [](TrainConfig& t) { t.router_samples = 50; }},
      {"router_data",
       [](TrainConfig& t) { t.router_data = RouterData::kIndependent; }},
      {"cache_routes", [](TrainConfig& t) { t.cache_routes = false; }},
  };
  return s;
}

// What each learner reads (from the code: PatchLearner and router_phase.cc,
// MoeTopkLearner::Step, IndexLearner::Step).
const std::map<std::string, std::set<std::string>>& Reads() {
  static const std::map<std::string, std::set<std::string>> r = {
      {"cnn", {}},
      {"pmoe_joint", {}},
      {"pmoe_separate",
       {"router_learning_rate", "router_batch_size", "router_epochs",
        "router_samples", "router_data", "cache_routes"}},
      {"moe_topk",
       {"expert_update", "adam.beta1", "adam.beta2", "adam.eps", "weight_decay",
        "router_learning_rate"}},
      {"index_vanilla", {}},
      {"index_moe", {"router_learning_rate"}},
  };
  return r;
}

ModelConfig Model(const std::string& type) {
  return ParseModelConfig(Json{{"type", type}}, "model");
}

std::string Error(const std::function<void()>& f) {
  try {
    f();
  } catch (const SpecError& e) {
    return e.what();
  }
  return "";
}

Json Spec(const std::string& training, const std::string& models) {
  return Json::parse(R"({"name": "t", "seed": 5,
    "data": {"num_patches": 8, "train_size": 40, "test_size": 50,
             "synthetic": {"patch_dim": 16}},
    "training": )" + training +
                     R"(, "models": )" + models +
                     R"(, "grid": {"axes": {"N": [40, 80]}}})");
}

const char* kCnnAndSep = R"({"cnn": {"type": "cnn", "neurons": 8},
    "sep": {"type": "pmoe_separate", "neurons": 8, "top_l": 4}})";

}  // namespace

TEST_CASE("Each model type refuses exactly the per-model options it ignores",
          "[train_options]") {
  for (const auto& [type, reads] : Reads()) {
    const ModelConfig model = Model(type);
    REQUIRE_FALSE(FindUnreadTrainOption(*model, TrainConfig()));
    for (const auto& [field, set] : Setters()) {
      TrainConfig t;
      set(t);
      const auto unread = FindUnreadTrainOption(*model, t);
      INFO(type << " " << field);
      if (reads.count(field)) {
        REQUIRE_FALSE(unread);
      } else {
        REQUIRE(unread);
        REQUIRE(unread->field == field);
        REQUIRE_THAT(unread->rule,
                     Catch::StartsWith("the " + type +
                                       " model does not use this option ("));
      }
    }
  }
}

TEST_CASE("A run config refuses an option its model ignores by its path",
          "[train_options]") {
  Json j = Json::parse(R"({"seed": 1,
      "data": {"num_patches": 8, "synthetic": {"patch_dim": 16}},
      "model": {"type": "cnn", "neurons": 8},
      "training": {"epochs": 2, "expert_update": "adam",
                   "weight_decay": 0.1}})");
  REQUIRE(Error([&] { ParseRunConfigFile(j); }) ==
          "training.expert_update: the cnn model does not use this option "
          "(it trains with plain SGD at learning_rate and has no router); "
          "remove it");
  j["model"] = {{"type", "moe_topk"}, {"neurons", 8}, {"num_experts", 2}};
  REQUIRE(ParseRunConfigFile(j).train.weight_decay == 0.1);
  j["training"] = {{"epochs", 2}, {"router_epochs", 3}};
  REQUIRE_THAT(Error([&] { ParseRunConfigFile(j); }),
               Catch::StartsWith("training.router_epochs: the moe_topk model "
                                 "does not use this option"));
  j["model"] = {{"type", "pmoe_separate"}, {"neurons", 8}, {"top_l", 2}};
  REQUIRE(ParseRunConfigFile(j).train.router_epochs == 3);
}

TEST_CASE("A spec refuses a model's own option it ignores by its path",
          "[train_options]") {
  Json j = Spec(R"({"epochs": 2})", kCnnAndSep);
  j["models"]["cnn"]["training"] = {{"cache_routes", false}};
  REQUIRE_THAT(Error([&] { ParseGridSpec(j); }),
               Catch::StartsWith("models.cnn.training.cache_routes: the cnn "
                                 "model does not use this option (") &&
                   Catch::Contains("; remove it"));
  j["models"]["cnn"].erase("training");
  j["models"]["sep"]["training"] = {{"cache_routes", false}};
  REQUIRE(ParseGridSpec(j).runs.size() == 4);
  // Its own default value says nothing and is accepted.
  j["models"]["cnn"]["training"] = {{"expert_update", "sgd"}};
  REQUIRE(ParseGridSpec(j).runs.size() == 4);
}

TEST_CASE("A shared training option is refused for a model that ignores it",
          "[train_options]") {
  Json j = Spec(R"({"epochs": 2, "router_epochs": 5})", kCnnAndSep);
  REQUIRE_THAT(Error([&] { ParseGridSpec(j); }),
               Catch::StartsWith(
                   "training.router_epochs: models.cnn inherits it from this "
                   "shared section, but the cnn model does not use this "
                   "option (") &&
                   Catch::Contains("move it into models.NAME.training of the "
                                   "models that use it"));
  j["training"].erase("router_epochs");
  j["models"]["sep"]["training"] = {{"router_epochs", 5}};
  const GridSpec grid = ParseGridSpec(j);
  for (const GridRun& run : grid.runs)
    REQUIRE(run.config.train.router_epochs == (run.model == "sep" ? 5 : 100));
  // A shared option that every model reads stays shared.
  j = Spec(R"({"epochs": 2, "router_epochs": 5})",
           R"({"sep": {"type": "pmoe_separate", "neurons": 8, "top_l": 4}})");
  REQUIRE(ParseGridSpec(j).runs[0].config.train.router_epochs == 5);
}

TEST_CASE(
    "A training axis over a per-model option moves only the models that "
    "read it",
    "[train_options]") {
  Json j = Spec(R"({"epochs": 2})", kCnnAndSep);
  j["grid"]["axes"]["N_r"] = {10, 20};
  const GridSpec grid = ParseGridSpec(j);
  int cnn = 0, sep = 0;
  for (const GridRun& run : grid.runs) {
    if (run.model == "cnn") {
      ++cnn;  // once per other point, with a null coordinate
      REQUIRE(run.coords["N_r"].is_null());
      REQUIRE(run.config.train.router_samples == TrainConfig{}.router_samples);
    } else {
      ++sep;
      REQUIRE(run.config.train.router_samples == run.coords["N_r"].get<int>());
    }
  }
  REQUIRE(sep == 2 * cnn);
  j["models"].erase("cnn");
  REQUIRE(ParseGridSpec(j).runs.size() == size_t(sep));
}

TEST_CASE("Single-index models refuse a batch size (they step per sample)",
          "[train_options]") {
  Json j = Json::parse(R"({"seed": 1,
      "data": {"source": "single_index", "num_patches": 1, "train_size": 100,
               "test_size": 50, "single_index": {"dim": 8}},
      "model": {"type": "index_vanilla", "neurons": 8},
      "training": {"epochs": 1, "batch_size": 10}})");
  REQUIRE_THAT(Error([&] { ParseRunConfigFile(j); }),
               Catch::StartsWith("training.batch_size: single-index models "
                                 "learn from one sample per step"));
  j["training"].erase("batch_size");
  REQUIRE(ParseRunConfigFile(j).train.batch_size == 20);
}
