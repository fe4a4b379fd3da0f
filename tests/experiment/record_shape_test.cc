// Records read back (resume, merge, analyze) are checked for shape, each
// damaged line is named, and only a partial last line is dropped; a
// damaged provenance.json is moved aside. tests/cli/fault_records_test.sh
// drives the same cases end to end.
#include "sim/experiment/store/record_shape.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "sim/experiment/grid/grid_spec.h"
#include "sim/experiment/grid/record_check.h"
#include "sim/experiment/spec/run_config_json.h"
#include "sim/experiment/store/results_store.h"
#include "tests/experiment/store_fixtures.h"

using namespace sim;
using sim::testing::FreshDir;
using sim::testing::Slurp;
using sim::testing::TinyGrid;
namespace fs = std::filesystem;

namespace {

// A record as the runner writes it, of run `id` of TinyGrid, with a curve
// of three evaluations.
Json ValidRecord(const GridSpec& grid, int id = 0) {
  const GridRun& run = grid.runs[static_cast<size_t>(id)];
  TrainResult result;
  result.final_test_error = 0.25;
  result.final_train_error = 0.125;
  result.final_test_loss = 0.5;
  result.final_train_loss = 0.375;
  result.first_hit_step = {-1, 4};
  for (long step : {0, 2, 4}) {
    CurvePoint p;
    p.step = step;
    p.epoch = step / 2.0;
    p.test_loss = 0.5;
    p.test_error = 0.25;
    if (step > 0) p.train_loss = 0.4, p.train_error = 0.2;  // null at 0
    result.curve.push_back(p);
  }
  Json record = RecordIdentity(run);
  record["type"] = run.config.model->type();
  record.update(ResultToJson(result, run.config.train));
  return record;
}

std::string ShapeError(const Json& record) {
  try {
    CheckRecordShape(record, "r.jsonl line 3");
  } catch (const SpecError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("A record's shape: types, ranges and parallel curve arrays",
          "[experiment][records]") {
  const GridSpec grid = ParseGridSpec(TinyGrid());
  const Json good = ValidRecord(grid, 2);
  REQUIRE(ShapeError(good).empty());
  Json failed = good;  // a failed run: null metrics, or a null "final"
  failed["status"] = "failed";
  for (auto& [key, value] : failed["final"].items()) value = nullptr;
  REQUIRE(ShapeError(failed).empty());
  failed["final"] = nullptr;
  REQUIRE(ShapeError(failed).empty());

  Json r = good;
  r["curve"]["step"].push_back(6);
  REQUIRE(ShapeError(r) ==
          "r.jsonl line 3 (run_id 2): curve.step has 4 entries but "
          "curve.epoch has 3");
  r = good;
  r["curve"]["test_loss"].erase(0);
  REQUIRE_THAT(ShapeError(r), Catch::EndsWith("curve.step has 3 entries but "
                                              "curve.test_loss has 2"));
  for (double bad : {-5.0, 1e308, 1.0000001}) {
    r = good;
    r["final"]["test_error"] = bad;
    REQUIRE_THAT(ShapeError(r),
                 Catch::StartsWith("r.jsonl line 3 (run_id 2): "
                                   "final.test_error must be a number in "
                                   "[0, 1] or null, got "));
    r = good;
    r["curve"]["train_error"][1] = bad;
    REQUIRE_THAT(ShapeError(r), Catch::Contains("curve.train_error[1] must "
                                                "be a number in [0, 1]"));
  }
  r = good;
  r["final"]["test_loss"] = std::nan("");  // in memory; written as null
  REQUIRE(ShapeError(r).empty());
  r["params"]["N"] = std::nan("");
  REQUIRE_THAT(ShapeError(r), Catch::Contains("params.N must be a finite "
                                              "number, got "));
  r = good;
  r["final"]["test_loss"] = 1e308;  // huge but finite: a diverging run's
  REQUIRE(ShapeError(r).empty());
  for (const char* key : {"params", "curve", "model", "coords", "status"}) {
    r = good;
    r[key] = nullptr;
    REQUIRE_THAT(ShapeError(r),
                 Catch::StartsWith("r.jsonl line 3 (run_id 2): " +
                                   std::string(key) + " must be "));
    r.erase(key);
    REQUIRE(ShapeError(r) ==
            "r.jsonl line 3 (run_id 2): " + std::string(key) + " is missing");
  }
  r = good;
  r["status"] = "great";
  REQUIRE_THAT(ShapeError(r), Catch::Contains("status must be \"ok\", "
                                              "\"diverged\" or \"failed\""));
  r = good;
  r["params"]["N"] = "20";
  REQUIRE_THAT(ShapeError(r), Catch::Contains("params.N must be a finite "
                                              "number, got \"20\""));
  r = good;
  r["first_hit_step"]["0.05"] = -1;
  REQUIRE_THAT(ShapeError(r), Catch::Contains("first_hit_step.0.05 must be "
                                              "an integer >= 0 or null"));
  r = good;
  r["router"] = {{"recall", 2}, {"top_gated_best", 0.5}};
  REQUIRE_THAT(ShapeError(r), Catch::Contains("router.recall must be a "
                                              "number in [0, 1], got 2"));
  REQUIRE_THAT(ShapeError(Json::array()),
               Catch::Contains("record must be a JSON object"));
}

TEST_CASE("JSON lines: only a partial last line is dropped",
          "[experiment][records]") {
  const fs::path dir = FreshDir("pmoe_json_lines");
  const std::string path = (dir / "runs.jsonl").string();
  const std::string a = R"({"run_id": 0})", b = R"({"run_id": 1})";
  auto write = [&](const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
  };
  write(a + "\n\n" + b + "\n" + R"({"run_id": 2, "mo)");  // a kill mid-line
  std::vector<JsonLine> lines = ReadNumberedJsonLines(path);
  REQUIRE(lines.size() == 2);
  REQUIRE(lines[1].number == 3);
  write(a + "\n" + b);  // a whole last object without its newline is kept
  REQUIRE(ReadJsonLines(path).size() == 2);
  write(a + "\n" + "garbage\n" + b + "\n");
  REQUIRE_THROWS_WITH(ReadJsonLines(path),
                      Catch::StartsWith(path + " line 2: "));
  write(a + "\n" + b + "\n" + R"({"run_id": 2, "mo)" + "\n");  // complete
  REQUIRE_THROWS_WITH(ReadJsonLines(path),
                      Catch::StartsWith(path + " line 3: "));
  write(a + "\n[1, 2]\n");
  REQUIRE_THROWS_WITH(ReadJsonLines(path),
                      Catch::Contains("line 2: expected a JSON object"));
  write(a + "\n" + R"({"run_id": "1"})" + "\n");
  REQUIRE_THROWS_WITH(ReadJsonLines(path),
                      Catch::Contains("line 2: no integer run_id"));
  write(a + "\n" + R"({"run_id": 1, "x": 1e400})" + "\n");
  REQUIRE_THROWS_WITH(ReadJsonLines(path), Catch::Contains("line 2: "));
  fs::remove_all(dir);
}

TEST_CASE("The store refuses damaged records and moves provenance aside",
          "[experiment][records]") {
  const fs::path dir = FreshDir("pmoe_store_records");
  const GridSpec grid = ParseGridSpec(TinyGrid());
  {
    ResultsStore store(dir, grid, false);
    for (int id : {0, 1}) store.Append(ValidRecord(grid, id), {{"run_id", id}});
    Json bad = ValidRecord(grid, 2);
    bad["final"]["test_error"] = -5;
    REQUIRE_THROWS_WITH(store.Append(bad, {{"run_id", 2}}),
                        Catch::Contains("(run_id 2): final.test_error"));
    store.Finalize();
    store.AddProvenance({{"start", "first"}});
  }
  const std::string records = Slurp(dir / "runs.jsonl");
  Json bad = ValidRecord(grid, 2);
  bad["curve"]["step"].push_back(9);
  { std::ofstream(dir / "runs.jsonl", std::ios::app) << bad.dump() << "\n"; }
  REQUIRE_THROWS_WITH(ResultsStore(dir, grid, false),
                      Catch::Contains("runs.jsonl line 3 (run_id 2): "
                                      "curve.step has 4 entries"));
  REQUIRE(Slurp(dir / "runs.jsonl") == records + bad.dump() + "\n");
  { ResultsStore forced(dir, grid, true); }  // --force discards them
  REQUIRE(Slurp(dir / "runs.jsonl").empty());

  { std::ofstream(dir / "provenance.json") << "[{\"start\": \"cut"; }
  {
    ResultsStore store(dir, grid, false);
    store.AddProvenance({{"start", "second"}});
  }
  int aside = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("provenance.json.corrupt-", 0) == 0) {
      ++aside;
      REQUIRE(Slurp(entry.path()) == "[{\"start\": \"cut");
    }
  }
  REQUIRE(aside == 1);
  REQUIRE(ParseJsonText(Slurp(dir / "provenance.json"), "p") ==
          Json::array({{{"start", "second"}}}));
  fs::remove_all(dir);
}

TEST_CASE("One record without spec.json is refused like many",
          "[experiment][records]") {
  const fs::path dir = FreshDir("pmoe_store_one_record");
  const GridSpec grid = ParseGridSpec(TinyGrid());
  for (const std::string& text :
       {ValidRecord(grid).dump() + "\n", ValidRecord(grid).dump(),
        std::string("not a record\n")}) {
    { std::ofstream(dir / "runs.jsonl", std::ios::binary) << text; }
    REQUIRE_THROWS_WITH(ResultsStore(dir, grid, false),
                        Catch::Contains("holds records but no spec.json"));
    REQUIRE(Slurp(dir / "runs.jsonl") == text);
    fs::remove(dir / "spec.json");
  }
  { ResultsStore forced(dir, grid, true); }
  REQUIRE(Slurp(dir / "runs.jsonl").empty());
  fs::remove_all(dir);
}
