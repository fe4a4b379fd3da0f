#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/experiment/run/grid_runner.h"
#include "sim/experiment/store/merge.h"

using namespace sim;
namespace fs = std::filesystem;

namespace {

Json SmallGrid() {
  return Json::parse(R"({"name": "grid_test", "seed": 3,
      "data": {"num_patches": 8, "train_size": 40, "test_size": 60, "synthetic": {"patch_dim": 16, "num_sets": 4, "num_confusers": 1}},
      "training": {"epochs": 3},
      "models": {"cnn": {"type": "cnn", "neurons": 8},
                 "sep": {"type": "pmoe_separate", "neurons": 8, "top_l": 2},
                 "joint": {"type": "pmoe_joint", "neurons": 8, "num_experts": 4, "top_l": 2}},
      "grid": {"axes": {"N": [20, 40]}, "repeats": 2}})");
}

std::string Slurp(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

fs::path RunInto(const std::string& name,
                 int threads,
                 int shard = 0,
                 int shards = 1) {
  const fs::path dir = fs::temp_directory_path() / name;
  const GridSpec grid = ParseGridSpec(SmallGrid());
  ResultsStore store(dir, grid, true);
  RunnerOptions options;
  options.threads = threads;
  options.shard = shard;
  options.num_shards = shards;
  RunGrid(grid, nullptr, store, options);
  return dir;
}

}  // namespace

TEST_CASE("Grid records are bit-identical for 1; 2 and 5 threads",
          "[experiment]") {
  const fs::path one = RunInto("pmoe_grid_t1", 1);
  const fs::path two = RunInto("pmoe_grid_t2", 2);
  const fs::path five = RunInto("pmoe_grid_t5", 5);  // more threads than cores
  const std::string a = Slurp(one / "runs.jsonl");
  REQUIRE(std::count(a.begin(), a.end(), '\n') == 12);
  REQUIRE(a == Slurp(two / "runs.jsonl"));
  REQUIRE(a == Slurp(five / "runs.jsonl"));
  for (const auto& d : {one, two, five}) fs::remove_all(d);
}

TEST_CASE("A partial grid resumes to the same records, without duplicates",
          "[experiment]") {
  const fs::path full = RunInto("pmoe_grid_full", 2);
  // Keep half the records and cut the last line short, as a kill would.
  const fs::path partial = fs::temp_directory_path() / "pmoe_grid_partial";
  fs::remove_all(partial);
  fs::create_directories(partial);
  fs::copy(full / "spec.json", partial / "spec.json");
  std::istringstream lines(Slurp(full / "runs.jsonl"));
  std::ofstream out(partial / "runs.jsonl");
  std::string line;
  for (int i = 0; i < 5 && std::getline(lines, line); ++i) out << line << "\n";
  std::getline(lines, line);
  out << line.substr(0, line.size() / 2);
  out.close();
  const GridSpec grid = ParseGridSpec(SmallGrid());
  ResultsStore store(partial, grid, false);
  REQUIRE(store.finished().size() == 5);
  RunnerOptions options;
  options.threads = 2;
  const RunnerSummary summary = RunGrid(grid, nullptr, store, options);
  REQUIRE(summary.skipped == 5);
  REQUIRE(summary.finished == 7);
  REQUIRE(Slurp(partial / "runs.jsonl") == Slurp(full / "runs.jsonl"));
  fs::remove_all(full);
  fs::remove_all(partial);
}

TEST_CASE("A different spec into an existing folder is refused unless forced",
          "[experiment]") {
  const fs::path dir = RunInto("pmoe_grid_refuse", 1);
  Json changed = SmallGrid();
  changed["training"]["epochs"] = 4;
  const GridSpec grid = ParseGridSpec(changed);
  REQUIRE_THROWS_WITH(ResultsStore(dir, grid, false),
                      Catch::Contains("--force"));
  REQUIRE(Slurp(dir / "runs.jsonl").size() > 0);  // untouched
  ResultsStore forced(dir, grid, true);
  REQUIRE(forced.finished().empty());
  fs::remove_all(dir);
}

TEST_CASE("Shards merged equal the single-process records", "[experiment]") {
  const fs::path single = RunInto("pmoe_grid_single", 2);
  const fs::path s0 = RunInto("pmoe_grid_s0", 1, 0, 3);
  const fs::path s1 = RunInto("pmoe_grid_s1", 1, 1, 3);
  const fs::path s2 = RunInto("pmoe_grid_s2", 1, 2, 3);
  const fs::path merged = fs::temp_directory_path() / "pmoe_grid_merged";
  fs::remove_all(merged);
  REQUIRE(MergeShards({s0, s1, s2}, merged, false) == 12);
  REQUIRE(Slurp(merged / "runs.jsonl") == Slurp(single / "runs.jsonl"));
  // A shard of another spec is refused.
  Json other = SmallGrid();
  other["seed"] = 4;
  const fs::path stranger = fs::temp_directory_path() / "pmoe_grid_stranger";
  { ResultsStore s(stranger, ParseGridSpec(other), true); }
  REQUIRE_THROWS_WITH(MergeShards({s0, stranger}, merged.string() + "2", false),
                      Catch::Contains("spec differs"));
  for (const auto& d : {single, s0, s1, s2, merged, stranger})
    fs::remove_all(d);
}

TEST_CASE("Records carry coordinates, params, status and curves",
          "[experiment]") {
  const fs::path dir = RunInto("pmoe_grid_record", 2);
  std::istringstream lines(Slurp(dir / "runs.jsonl"));
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    const Json r = Json::parse(line);
    REQUIRE(r["run_id"] == count++);
    REQUIRE(r["status"] == "ok");
    REQUIRE(r["params"]["N"] == r["coords"]["N"]);
    REQUIRE(r["curve"]["test_error"].size() == r["curve"]["step"].size());
    REQUIRE(r.contains("first_hit_step"));
    if (r["type"] != "cnn") REQUIRE(r.contains("router"));
  }
  fs::remove_all(dir);
}
