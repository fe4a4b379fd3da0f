#include "sim/experiment/run/replay.h"

#include <cstdio>
#include <iostream>

#include "sim/data/data_cache.h"
#include "sim/experiment/grid/grid_spec.h"
#include "sim/experiment/io/output_target.h"
#include "sim/experiment/io/safe_file.h"
#include "sim/experiment/run/grid_runner.h"
#include "sim/experiment/spec/results_format.h"
#include "sim/experiment/store/results_store.h"
#include "sim/train/trainer.h"

namespace sim {
namespace {

// Fields of `a` and `b` (both objects) whose values differ.
std::vector<std::string> DifferingFields(const Json& a, const Json& b) {
  std::vector<std::string> fields;
  for (auto it = a.begin(); it != a.end(); ++it) {
    if (!b.contains(it.key()) || b[it.key()] != it.value())
      fields.push_back(it.key());
  }
  for (auto it = b.begin(); it != b.end(); ++it) {
    if (!a.contains(it.key())) fields.push_back(it.key());
  }
  return fields;
}

}  // namespace

ReplayResult ReplayRun(const std::string& directory, int run_id) {
  CheckResultsFiles(directory);
  const Json spec = ReadJsonFile(directory + "/spec.json");
  CheckResultsSpec(spec, directory + "/spec.json");
  CheckResultsFormat(spec, directory);
  // The stored spec was checked when it ran (perhaps on a larger machine).
  GridLimits unlimited;
  unlimited.max_runs = -1;
  unlimited.check_memory = false;
  const GridSpec grid = ParseGridSpec(spec, unlimited);
  if (run_id < 0 || run_id >= static_cast<int>(grid.runs.size())) {
    throw SpecError("--run-id: " + std::to_string(run_id) +
                    " is not a run of " + directory + " (it has " +
                    std::to_string(grid.runs.size()) + " runs)");
  }
  const GridRun& run = grid.runs[static_cast<size_t>(run_id)];
  // Checked before training: without a stored record there is nothing to
  // compare, and a replay that compared nothing must not exit 0.
  const std::string runs_path = directory + "/runs.jsonl";
  Json stored;
  for (Json& record : ReadJsonLines(runs_path)) {
    if (record["run_id"] == run_id) stored = std::move(record);
  }
  if (stored.is_null()) {
    throw SpecError("run " + std::to_string(run_id) +
                    " has no stored record in " + runs_path +
                    "; nothing to compare (it is a run of the spec that has "
                    "not finished: resume the grid with pmoe-sim run)");
  }
  DataCache data;
  data.Add(run.config.data);
  ReplayResult replay;
  // Through text, as the stored record went, so number types compare alike.
  replay.record = ParseJsonText(
      MakeRecord(run, RunOne(run.config, data.Find(run.config.data))).dump(),
      "record");
  replay.differ = DifferingFields(stored, replay.record);
  return replay;
}

}  // namespace sim
