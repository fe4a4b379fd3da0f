#include <catch2/catch.hpp>
#include <map>

#include "sim/experiment/grid/grid_growth.h"
#include "sim/experiment/grid/record_check.h"

using namespace sim;

namespace {

Json Spec() {
  return Json::parse(R"({"name": "growth_test", "seed": 3, "description": "a",
      "data": {"num_patches": 8, "train_size": 40, "test_size": 60, "synthetic": {"patch_dim": 16}},
      "training": {"epochs": 3},
      "models": {"cnn": {"type": "cnn", "neurons": 8},
                 "joint": {"type": "pmoe_joint", "neurons": 8, "num_experts": 4, "top_l": 2}},
      "grid": {"axes": {"N": [20, 40], "l": [2, 4]}, "repeats": 1}})");
}

// The spec's resolved form with the grids it grew from.
GridSpec Grown(const Json& old_spec, Json new_spec) {
  new_spec["grid_history"] = Json::array({old_spec["grid"]});
  return ParseGridSpec(new_spec);
}

std::map<std::string, Json> ByKey(const GridSpec& grid) {
  std::map<std::string, Json> runs;
  for (const GridRun& run : grid.runs) {
    const Json id = RunIdentity(run);
    runs[run.model + run.coords.dump() + std::to_string(run.repeat)] = id;
  }
  return runs;
}

}  // namespace

TEST_CASE("A grown grid keeps every old run's id, seeds and coordinates",
          "[experiment][growth]") {
  const Json old_spec = Spec();
  const GridSpec old_grid = ParseGridSpec(old_spec);
  Json new_spec = Spec();
  new_spec["grid"]["axes"]["N"] = {20, 30, 40};  // a value in the middle
  new_spec["grid"]["axes"]["l"] = {1, 2, 4};     // one in front
  new_spec["grid"]["repeats"] = 3;
  const GridSpec plain = ParseGridSpec(new_spec);
  const GridSpec grown = Grown(old_spec, new_spec);
  REQUIRE(grown.runs.size() == plain.runs.size());
  // Without the history the ids shift (values were inserted) ...
  bool shifted = false;
  for (size_t i = 0; i < old_grid.runs.size(); ++i)
    shifted |= RunIdentity(plain.runs[i]) != RunIdentity(old_grid.runs[i]);
  REQUIRE(shifted);
  // ... with it every old run keeps its identity, new runs come after, and
  // ids are 0..n-1 in order.
  for (size_t i = 0; i < old_grid.runs.size(); ++i)
    REQUIRE(RunIdentity(grown.runs[i]) == RunIdentity(old_grid.runs[i]));
  for (size_t i = 0; i < grown.runs.size(); ++i)
    REQUIRE(grown.runs[i].run_id == static_cast<int>(i));
  // The same runs (seeds included) as the plain expansion, renumbered.
  auto a = ByKey(plain), b = ByKey(grown);
  REQUIRE(a.size() == b.size());
  for (auto& [key, id] : a) {
    Json other = b.at(key);
    id.erase("run_id");
    other.erase("run_id");
    REQUIRE(id == other);
  }
  REQUIRE(GrowthRefusal(old_grid.resolved, grown).empty());
}

TEST_CASE("Edits that do not change what runs are accepted as they are",
          "[experiment][growth]") {
  const GridSpec old_grid = ParseGridSpec(Spec());
  Json edited = Spec();
  edited["description"] = "b";
  edited["name"] = "renamed";
  edited["expect"] = Json::array();
  edited["analysis"] = Json::object();
  REQUIRE(GrowthRefusal(old_grid.resolved, ParseGridSpec(edited)).empty());
  REQUIRE(RunDefiningPart(old_grid.resolved) ==
          RunDefiningPart(ParseGridSpec(edited).resolved));
}

TEST_CASE("A real change to what runs is refused, naming the key",
          "[experiment][growth]") {
  const GridSpec old_grid = ParseGridSpec(Spec());
  Json changed = Spec();
  changed["data"]["synthetic"]["patch_dim"] = 32;
  REQUIRE(GrowthRefusal(old_grid.resolved, ParseGridSpec(changed)) ==
          "'data.synthetic.patch_dim' changed, and it determines the runs");
  changed = Spec();
  changed["models"]["joint"]["neurons"] = 16;
  REQUIRE_THAT(GrowthRefusal(old_grid.resolved, ParseGridSpec(changed)),
               Catch::StartsWith("'models.joint.neurons' changed"));
  changed = Spec();
  changed["seed"] = 4;
  REQUIRE_THAT(GrowthRefusal(old_grid.resolved, ParseGridSpec(changed)),
               Catch::StartsWith("'seed' changed"));
  // A dropped value, and a grown grid without its history (ids shift).
  changed = Spec();
  changed["grid"]["axes"]["N"] = {20};
  REQUIRE_THAT(GrowthRefusal(old_grid.resolved, Grown(Spec(), changed)),
               Catch::StartsWith("'grid' no longer holds run"));
  changed = Spec();
  changed["grid"]["repeats"] = 2;
  REQUIRE_THAT(GrowthRefusal(old_grid.resolved, ParseGridSpec(changed)),
               Catch::StartsWith("'grid' no longer holds run 1"));
}

TEST_CASE("A bad grid history is an error naming its entry",
          "[experiment][growth]") {
  Json spec = Spec();
  spec["grid_history"] = Json::object();
  REQUIRE_THROWS_WITH(ParseGridSpec(spec), Catch::Contains("grid_history"));
  spec["grid_history"] = Json::array({Json::object({{"repeat", 2}})});
  REQUIRE_THROWS_WITH(ParseGridSpec(spec),
                      Catch::StartsWith("grid_history[0]: grid.repeat"));
}
