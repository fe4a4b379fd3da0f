// Runs a grid: an OpenMP loop over runs (each run single-threaded, dynamic
// scheduling, largest runs first). Results do not depend on the thread
// count: each run is a pure function of its config, and the store sorts.
#pragma once

#include <set>

#include "sim/data/data_cache.h"
#include "sim/experiment/grid/grid_spec.h"
#include "sim/experiment/run/progress.h"
#include "sim/experiment/store/results_store.h"
#include "sim/train/trial_memo.h"

namespace sim {

struct RunnerOptions {
  int threads = 1;
  ProgressMode progress = ProgressMode::kNone;  // on stderr (progress.h)
  double progress_every = 60;  // seconds between progress lines
  // Only runs with run_id % num_shards == shard (job arrays, MPI ranks).
  int shard = 0;
  int num_shards = 1;
  // Runs finished elsewhere (MPI: in the main results folder); skipped.
  std::set<int> already_done;
  // Single-rate runs shared with other grids of this process (sensitivity).
  TrialMemo* memo = nullptr;
  // One bar across several grids (sensitivity): planned with every run of
  // them (HandOutPlan); each grid replaces its plan with its pending runs.
  // Null: the grid has a Progress of its own.
  Progress* shared_progress = nullptr;
};

struct RunnerSummary {
  int total = 0;     // runs in this shard
  int skipped = 0;   // already in the results folder
  int finished = 0;  // run now
  int failed = 0;    // run now, status diverged or failed
  double seconds = 0;
};

// The order runs are handed out in: most work first (run_work.h, so the
// last runs to finish are short ones; the training cost alone put the
// demo's largest pMoE runs last, as they mostly draw samples); stable.
void SortForHandOut(std::vector<const GridRun*>& runs);

// Every run in that order (a Progress's plan of a grid).
std::vector<PlannedRun> HandOutPlan(const GridSpec& grid);

// The deterministic record of one run (run id, model, coordinates, result).
Json MakeRecord(const GridRun& run, const struct TrainResult& result);

// What the grid's sources read from files, each location loaded once
// (before any run starts; throws what a source's Load throws).
DataCache LoadGridData(const GridSpec& grid);

// `data` holds what the runs' sources read (LoadGridData; nullptr when no
// source reads files).
RunnerSummary RunGrid(const GridSpec& grid,
                      const DataCache* data,
                      ResultsStore& store,
                      const RunnerOptions& options);

}  // namespace sim
