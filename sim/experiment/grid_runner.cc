#include "sim/experiment/grid_runner.h"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>

#include "sim/experiment/progress.h"
#include "sim/experiment/record_check.h"
#include "sim/experiment/run_config_json.h"
#include "sim/train/trainer.h"

namespace sim {

Json MakeRecord(const GridRun& run, const TrainResult& result) {
  const RunConfig& c = run.config;
  Json record = RunIdentity(run);  // run_id, model, coords, repeat, seeds
  record["type"] = c.model->type();
  record["params"] = RunParams(c);
  record.update(ResultToJson(result, c.train));
  return record;
}

RunnerSummary RunGrid(const GridSpec& grid,
                      const FashionMnist* images,
                      ResultsStore& store,
                      const RunnerOptions& options) {
  RunnerSummary summary;
  std::vector<const GridRun*> pending;
  for (const GridRun& run : grid.runs) {
    if (run.run_id % options.num_shards != options.shard) continue;
    ++summary.total;
    if (store.finished().count(run.run_id) ||
        options.already_done.count(run.run_id)) {
      ++summary.skipped;
    } else {
      pending.push_back(&run);
    }
  }
  // Largest first, so the last runs to finish are short ones.
  std::stable_sort(
      pending.begin(), pending.end(),
      [](const GridRun* a, const GridRun* b) { return a->cost > b->cost; });
  const auto start = std::chrono::steady_clock::now();
  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                         start)
        .count();
  };
  const int count = static_cast<int>(pending.size());
  double cost = 0;
  for (const GridRun* run : pending) cost += run->cost;
  Progress progress(options.progress, count, cost, options.progress_every);
  progress.Start();
  // The first failed write (a full disk) stops the grid: runs not started
  // are skipped, so no work is done that could not be recorded.
  std::string store_error;
  std::atomic<bool> stop{false};
#pragma omp parallel for schedule(dynamic, 1) num_threads(options.threads)
  for (int i = 0; i < count; ++i) {
    if (stop.load()) continue;
    const GridRun& run = *pending[i];
    const TrainResult result = RunOne(run.config, images);
    Json record = MakeRecord(run, result);
    const double gflops = result.wall_seconds > 0
                              ? (result.train_flops + result.eval_flops) /
                                    result.wall_seconds / 1e9
                              : 0.0;
    Json timing = {{"run_id", run.run_id},
                   {"wall_seconds", result.wall_seconds},
                   {"gflop_per_second", gflops},
                   {"thread", omp_get_thread_num()}};
#pragma omp critical(pmoe_results)
    {
      if (!stop.load()) {
        try {
          store.Append(record, timing);
          ++summary.finished;
          summary.failed += result.status != RunStatus::kOk;
          progress.Finished(run.cost, result.status != RunStatus::kOk);
        } catch (const std::exception& e) {
          store_error = e.what();
          stop = true;
        }
      }
    }
  }
  progress.End();
  if (!store_error.empty()) {
    throw SpecError(store_error + "; the grid stopped with " +
                    std::to_string(store.finished().size()) +
                    " runs recorded (run the same command again to resume)");
  }
  store.Finalize();
  summary.seconds = elapsed();
  return summary;
}

}  // namespace sim
