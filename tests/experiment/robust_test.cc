// The results store's boundaries, unit by unit: strict JSON text, records
// tied to their spec, size limits, checked atomic writes, the folder lock.
// tests/cli/fault_test.sh drives the same faults end to end.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "analysis/records/records.h"
#include "sim/data/synthetic/synthetic_config.h"
#include "sim/experiment/grid/grid_spec.h"
#include "sim/experiment/grid/record_check.h"
#include "sim/experiment/io/safe_file.h"
#include "sim/experiment/spec/run_config_json.h"
#include "sim/experiment/store/folder_lock.h"
#include "sim/experiment/store/results_store.h"
#include "sim/models/patch/patch_configs.h"
#include "tests/experiment/store_fixtures.h"

using namespace sim;
using sim::testing::FreshDir;
using sim::testing::Slurp;
using sim::testing::TinyGrid;
namespace fs = std::filesystem;

TEST_CASE("JSON text: duplicate keys, deep nesting and overflow name a path",
          "[experiment][robust]") {
  REQUIRE(ParseJsonText(R"({"a": {"b": [1, {"c": 2}]}})",
                        "f")["a"]["b"][1]["c"] == 2);
  REQUIRE_THROWS_WITH(ParseJsonText(R"({"a": {"b": 1, "b": 2}})", "f"),
                      Catch::Equals("f: a.b: duplicate key (each key may "
                                    "appear once)"));
  // The same key in two objects is fine.
  REQUIRE_NOTHROW(ParseJsonText(R"({"a": {"b": 1}, "c": {"b": 2}})", "f"));
  REQUIRE_THROWS_WITH(ParseJsonText(R"({"x": [0, {"k": 1, "k": 1}]})", "f"),
                      Catch::StartsWith("f: x[1].k: duplicate key"));
  const std::string deep = "{\"a\": " + std::string(100000, '[');
  REQUIRE_THROWS_WITH(ParseJsonText(deep, "f"),
                      Catch::Contains("nested deeper than 100 levels"));
  const std::string ok_depth =
      std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
  REQUIRE_NOTHROW(ParseJsonText(ok_depth, "f"));
  REQUIRE_THROWS(ParseJsonText("[" + ok_depth + "]", "f"));
  REQUIRE_THROWS_WITH(ParseJsonText(R"({"t": {"eta": 1e400}})", "f"),
                      Catch::StartsWith("f: t.eta: invalid JSON"));
  REQUIRE_THROWS_WITH(ParseJsonText(R"({"t": )", "f"),
                      Catch::Contains("invalid JSON"));
}

TEST_CASE("DescribeJson is short whatever the value", "[experiment][robust]") {
  REQUIRE(DescribeJson(Json::parse(R"([1,2])")) == "[1,2]");
  REQUIRE(DescribeJson(Json("abc")) == "\"abc\"");
  Json nested = Json::array();
  for (int i = 0; i < 5000; ++i) nested = Json::array({nested});
  REQUIRE(DescribeJson(nested).size() <= 40);
  REQUIRE(DescribeJson(Json(std::string(1000000, 'x'))).size() == 40);
  // As the full dump cut at 37 characters, without making the full dump.
  Json wide = Json::array(), head = Json::array();
  for (int i = 0; i < 100000; ++i) wide.push_back(i);
  for (int i = 0; i < 30; ++i) head.push_back(i);
  REQUIRE(DescribeJson(wide) == head.dump().substr(0, 37) + "...");
}

TEST_CASE("Records are checked against the spec's expansion",
          "[experiment][robust]") {
  const GridSpec grid = ParseGridSpec(TinyGrid());
  const std::vector<Json> ids = SpecIdentities(grid.resolved);
  REQUIRE(ids.size() == grid.runs.size());
  // The stored (resolved) spec expands to the same runs as the original.
  for (size_t i = 0; i < ids.size(); ++i)
    REQUIRE(ids[i] == RunIdentity(grid.runs[i]));
  std::vector<Json> records(ids.begin(), ids.end());
  for (Json& r : records) r["status"] = "ok";  // other fields are free
  REQUIRE_NOTHROW(CheckRecordsBelong(records, ids, "w"));
  Json foreign = records[0];
  foreign["run_id"] = 99;
  REQUIRE_THROWS_WITH(CheckRecordBelongs(foreign, ids, "w"),
                      Catch::Contains("run_id 99 is not a run of this spec"));
  Json moved = records[1];
  moved["repeat"] = 7;
  REQUIRE_THROWS_WITH(CheckRecordBelongs(moved, ids, "w"),
                      Catch::Contains("run_id 1 has repeat 7"));
  Json reseeded = records[2];
  reseeded["seeds"]["init"] = "0000000000000000";
  REQUIRE_THROWS_WITH(CheckRecordBelongs(reseeded, ids, "w"),
                      Catch::Contains("has seeds"));
  std::vector<Json> duplicated = records;
  duplicated.push_back(records[3]);
  REQUIRE_THROWS_WITH(CheckRecordsBelong(duplicated, ids, "w"),
                      Catch::Contains("run_id 3 appears twice"));
  const std::vector<Json> some = {records[0], records[2]};
  REQUIRE(MissingRunIds(some, 4) == std::vector<int>{1, 3});
  REQUIRE(MissingRunIds(records, static_cast<int>(ids.size())).empty());
  REQUIRE(DescribeRunIds({1, 2, 3}) == "1, 2, 3");
  REQUIRE(DescribeRunIds({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}) ==
          "1, 2, 3, 4, 5, 6 and 4 more");
}

TEST_CASE("Grid size is refused before expansion, above --max-runs",
          "[experiment][robust]") {
  Json spec = TinyGrid();  // 2 models x 2 N x 2 repeats
  REQUIRE(CountRunsUpperBound(&spec["grid"], 2) == 8);
  GridLimits limits;
  limits.max_runs = 8;
  REQUIRE(ParseGridSpec(spec, limits).runs.size() == 8);
  limits.max_runs = 7;
  REQUIRE_THROWS_WITH(ParseGridSpec(spec, limits),
                      Catch::Contains("grid: expands to 8 runs, more than the "
                                      "limit of 7"));
  spec["grid"]["axes"]["eta"] = {{"from", 0.1}, {"to", 1}, {"num", 100000}};
  spec["grid"]["zip"] = Json::parse(R"([{"m": [8, 16, 24], "k": [2, 4, 8]}])");
  REQUIRE(CountRunsUpperBound(&spec["grid"], 2) == 8.0 * 100000 * 3);
  REQUIRE_THROWS_WITH(ParseGridSpec(spec), Catch::Contains("2400000 runs"));
}

TEST_CASE("Run memory is estimated up front", "[experiment][robust]") {
  RunConfig c;
  c.data.train_size = 1000;
  c.data.test_size = 1000;
  c.data.num_patches = 16;
  c.data.source.Mutable<SyntheticConfig>().patch_dim = 64;
  PmoeJointConfig model;
  model.neurons = 100;
  model.num_experts = 4;
  c.model = model;
  c.train.batch_size = 10;
  c.precision = Precision::kDouble;
  // At least samples 2000*16*64*8, weights 3*(104)*64*8, activations
  // 2*10*16*100*8 (run_memory_test.cc checks each part).
  const double expected =
      2000.0 * 16 * 64 * 8 + 3.0 * 104 * 64 * 8 + 2.0 * 10 * 16 * 100 * 8;
  REQUIRE(EstimateRunBytes(c) >= expected);
  REQUIRE_NOTHROW(CheckRunMemory(c, "model"));
  c.model.Mutable<PmoeJointConfig>().neurons = 100000000;
  c.data.source.Mutable<SyntheticConfig>().patch_dim = 1 << 20;
  REQUIRE(EstimateRunBytes(c) > MachineMemoryBytes());
  REQUIRE_THROWS_WITH(CheckRunMemory(c, "models.big"),
                      Catch::StartsWith("models.big: a run needs about"));
}

TEST_CASE("Atomic writes refuse devices and FIFOs and follow symlinks",
          "[experiment][robust]") {
  const fs::path dir = FreshDir("pmoe_robust_write");
  const fs::path file = dir / "a.json";
  WriteFileAtomic(file, "one\n");
  REQUIRE(Slurp(file) == "one\n");
  fs::create_symlink(file, dir / "link.json");
  WriteFileAtomic(dir / "link.json", "two\n");
  REQUIRE(fs::is_symlink(dir / "link.json"));
  REQUIRE(Slurp(file) == "two\n");
  REQUIRE(::mkfifo((dir / "fifo").c_str(), 0644) == 0);
  REQUIRE_THROWS_WITH(WriteFileAtomic(dir / "fifo", "x"),
                      Catch::Contains("not a regular file"));
  REQUIRE(fs::is_fifo(dir / "fifo"));
  fs::create_symlink("/dev/null", dir / "null");
  REQUIRE_THROWS_WITH(WriteFileAtomic(dir / "null", "x"),
                      Catch::Contains("links to /dev/null"));
  REQUIRE_THROWS(WriteFileAtomic(dir, "x"));  // a folder
  REQUIRE_THROWS_WITH(WriteFileAtomic(dir / "no" / "such.json", "x"),
                      Catch::Contains("open failed"));
  for (const auto& entry : fs::directory_iterator(dir))
    REQUIRE(entry.path().extension() != ".tmp");
  fs::remove_all(dir);
}

TEST_CASE("A results folder is locked by one store at a time",
          "[experiment][robust]") {
  const fs::path dir = FreshDir("pmoe_robust_lock");
  const GridSpec grid = ParseGridSpec(TinyGrid());
  {
    ResultsStore first(dir, grid, false);
    REQUIRE(Slurp(dir / ".lock").find("pid ") == 0);
    REQUIRE_THROWS_WITH(ResultsStore(dir, grid, false),
                        Catch::Contains("is in use by another pmoe-sim (pid "));
    REQUIRE_THROWS_WITH(FolderLock(dir), Catch::Contains("on host"));
  }
  REQUIRE_NOTHROW(ResultsStore(dir, grid, false));  // released
  fs::remove_all(dir);
}

TEST_CASE("A store refuses foreign records and records without a spec",
          "[experiment][robust]") {
  const fs::path dir = FreshDir("pmoe_robust_foreign");
  const GridSpec grid = ParseGridSpec(TinyGrid());
  Json record = RecordIdentity(grid.runs[0]);
  record["type"] = "cnn";
  record.update(ResultToJson(TrainResult{}, grid.runs[0].config.train));
  { std::ofstream(dir / "runs.jsonl") << record.dump() << "\n"; }
  REQUIRE_THROWS_WITH(ResultsStore(dir, grid, false),
                      Catch::Contains("holds records but no spec.json"));
  { ResultsStore adopted(dir, grid, true); }  // --force discards them
  REQUIRE(Slurp(dir / "runs.jsonl").empty());
  {
    ResultsStore store(dir, grid, false);
    store.Append(record, Json{{"run_id", 0}});
    REQUIRE_THROWS_WITH(store.Append(record, Json{{"run_id", 0}}),
                        Catch::Contains("recorded already"));
    Json foreign = record;
    foreign.update(RecordIdentity(grid.runs[1]));
    foreign["run_id"] = 50;
    REQUIRE_THROWS_WITH(store.Append(foreign, Json{{"run_id", 50}}),
                        Catch::Contains("run_id 50 is not a run"));
    store.Finalize();
  }
  const std::string kept = Slurp(dir / "runs.jsonl");
  REQUIRE(kept == record.dump() + "\n");
  Json foreign = record;
  foreign["run_id"] = 1;  // run 1 has other coordinates or seeds
  {
    std::ofstream(dir / "runs.jsonl", std::ios::app) << foreign.dump() << "\n";
  }
  REQUIRE_THROWS_WITH(ResultsStore(dir, grid, false),
                      Catch::Contains("records of another spec"));
  fs::remove_all(dir);
}

TEST_CASE("A failed run's final metrics are null and read as a failure",
          "[experiment][robust]") {
  const GridSpec grid = ParseGridSpec(TinyGrid());
  const TrainConfig& train = grid.runs[0].config.train;
  TrainResult result;
  result.final_test_error = 0.25;
  result.final_train_loss = 0.5;
  result.first_hit_step = {-1, -1};
  Json ok = ResultToJson(result, train);
  REQUIRE(ok["final"]["test_error"] == 0.25);
  for (RunStatus failed : {RunStatus::kDiverged, RunStatus::kFailed}) {
    result.status = failed;
    result.final_test_error = 0;  // what a failed run leaves behind
    Json record = RunIdentity(grid.runs[0]);
    record.update(ResultToJson(result, train));
    for (const char* key :
         {"test_error", "train_error", "test_loss", "train_loss"})
      REQUIRE(record["final"][key].is_null());
    record["type"] = "cnn";
    record["params"] = {{"N", 20}};
    const RunRecord parsed = ParseRecord(record);
    REQUIRE_FALSE(parsed.ok);
    REQUIRE(parsed.test_error == 1);  // never reaches any target
  }
}
