#include "analysis/report/csv_export.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace sim;

TEST_CASE("CSV fields are quoted only when they must be", "[export]") {
  REQUIRE(CsvField("plain") == "plain");
  REQUIRE(CsvField("a,b") == "\"a,b\"");
  REQUIRE(CsvField("say \"hi\"") == "\"say \"\"hi\"\"\"");
  REQUIRE(CsvField("two\nlines") == "\"two\nlines\"");
  REQUIRE(CsvNumber(std::nan("")) == "");
  REQUIRE(CsvNumber(INFINITY) == "Inf");
  REQUIRE(CsvNumber(-INFINITY) == "-Inf");
  REQUIRE(CsvNumber(0.1) == "0.1");
  REQUIRE(std::stod(CsvNumber(1.0 / 3)) == 1.0 / 3);  // round trip
}

TEST_CASE("runs.csv: one row per run, union of columns, nulls empty",
          "[export]") {
  const std::vector<Json> records = {
      Json::parse(R"({"run_id": 0, "model": "cnn", "type": "cnn",
        "coords": {"N": 10}, "status": "ok", "message": "",
        "params": {"eta": 0.2},
        "final": {"test_error": 0.25}, "first_hit_step": {"0.1": null},
        "curve": {"step": [0, 5], "train_loss": [null, 0.5],
                  "test_error": [0.5, 0.25]}})"),
      Json::parse(R"({"run_id": 1, "model": "sep", "type": "pmoe_separate",
        "coords": {"N": 20}, "status": "failed", "message": "a, b",
        "final": {"test_error": null}, "first_hit_step": {"0.1": 5},
        "eta": 0.5, "stop": {"reason": "converged", "converged": true},
        "router": {"recall": 1.0, "in_top_l": [[1, 0], [0, 1]]}})")};
  // eta: the rate each run trained with, the selected one (record 1) or
  // the fixed params.eta (record 0).
  const std::string runs = RunsCsv(records);
  REQUIRE(runs ==
          "run_id,model,type,status,message,eta,coords.N,params.eta,"
          "final.test_error,first_hit_step.0.1,router.recall,stop.converged,"
          "stop.reason\n"
          "0,cnn,cnn,ok,,0.2,10,0.2,0.25,,,,\n"
          "1,sep,pmoe_separate,failed,\"a, b\",0.5,20,,,5,1.0,true,"
          "converged\n");
  REQUIRE(CurvesCsv(records) ==
          "run_id,step,metric,value\n"
          "0,0,test_error,0.5\n0,5,test_error,0.25\n"
          "0,0,train_loss,\n0,5,train_loss,0.5\n");
}

TEST_CASE("cells.csv: one row per cell and target with censoring named",
          "[export]") {
  Cell cell;
  cell.model = "cnn";
  cell.type = "cnn";
  cell.coords = {{"n", 8}};
  GridPoint p;
  p.N = 10;
  p.runs = 3;
  p.failed = 1;
  cell.points = {p};
  cell.n_star.value = 10;
  cell.n_star.censor = Censor::kBelow;
  cell.t_star.value = INFINITY;
  cell.t_star.censor = Censor::kAbove;
  cell.t_star.bound = 40;  // not reached: the bound is written
  const std::string csv = CellsCsv({0.1, 0.05}, {{cell}, {cell}}, 0.9);
  // A whole-number coordinate reads as in runs.csv: 8, not 8.0.
  // Without a router curve or FLOPs, T' and the cost are empty; so is the
  // l the routers need.
  REQUIRE(csv.find("cnn,cnn,8,0.1,0.9,10.0,10.0,3,1,10.0,,,below,0.0,40.0,,,"
                   "above,0.0,,,,,,,,,,,\n") != std::string::npos);
  REQUIRE(csv.find("cnn,cnn,8,0.05,0.9,") != std::string::npos);
}
