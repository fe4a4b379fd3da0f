#include "sim/experiment/run/grid_runner.h"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <set>
#include <string>

#include "sim/core/stopwatch.h"
#include "sim/experiment/grid/grid_limits.h"
#include "sim/experiment/grid/record_check.h"
#include "sim/experiment/run/progress.h"
#include "sim/experiment/spec/run_config_json.h"
#include "sim/train/trainer.h"

namespace sim {

Json MakeRecord(const GridRun& run, const TrainResult& result) {
  const RunConfig& c = run.config;
  Json record = RunIdentity(run);  // run_id, model, coords, repeat, seeds
  record["type"] = c.model->type();
  record["params"] = RunParams(c);
  // A run that selected its learning rate trained with the chosen one.
  if (!c.train.learning_rate_candidates.empty() &&
      std::isfinite(result.chosen_learning_rate))
    record["params"]["eta"] = result.chosen_learning_rate;
  record.update(ResultToJson(result, c.train));
  return record;
}

namespace {

// The runs as a Progress plans them, in their order.
std::vector<PlannedRun> PlanOf(const std::vector<const GridRun*>& runs) {
  std::vector<PlannedRun> plan;
  for (const GridRun* run : runs) plan.push_back({run->work, run->model});
  return plan;
}

}  // namespace

void SortForHandOut(std::vector<const GridRun*>& runs) {
  std::stable_sort(
      runs.begin(), runs.end(),
      [](const GridRun* a, const GridRun* b) { return a->work > b->work; });
  // Each model's smallest run first: the ETA predicts a model's runs from
  // its own finished ones, so every model's speed is known within seconds
  // (a model whose runs all came late was predicted at another model's
  // speed for most of the grid: twice too fast on demo_fig4). They are short,
  // so the longest runs still start early.
  std::set<std::string> seen;
  std::vector<const GridRun*> first, rest;
  for (auto it = runs.rbegin(); it != runs.rend(); ++it)
    (seen.insert((*it)->model).second ? first : rest).push_back(*it);
  std::reverse(first.begin(), first.end());  // most work first, as the rest
  std::reverse(rest.begin(), rest.end());
  first.insert(first.end(), rest.begin(), rest.end());
  runs = std::move(first);
}

std::vector<PlannedRun> HandOutPlan(const GridSpec& grid) {
  std::vector<const GridRun*> runs;
  for (const GridRun& run : grid.runs) runs.push_back(&run);
  SortForHandOut(runs);
  return PlanOf(runs);
}

namespace {

// The runs of this shard that are not recorded yet, largest first (so the
// last runs to finish are short ones); counts the others in `summary`.
std::vector<const GridRun*> PendingRuns(const GridSpec& grid,
                                        const ResultsStore& store,
                                        const RunnerOptions& options,
                                        RunnerSummary& summary) {
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
  SortForHandOut(pending);
  return pending;
}

// `threads`, or fewer where the largest pending runs would not fit side by
// side in this process's memory (a note on stderr says so).
int ThreadsForMemory(const std::vector<const GridRun*>& pending, int threads) {
  double largest = 0;
  for (const GridRun* run : pending)
    largest = std::max(largest, EstimateRunBytes(run->config));
  const MemoryLimit limit = ProcessMemoryLimit();
  const int fit = ThreadsThatFit(largest, threads, limit);
  if (fit < threads) {
    std::fprintf(stderr,
                 "pmoe-sim: note: %d thread%s instead of %d: the largest run "
                 "needs about %s of memory and %s is available%s (records do "
                 "not change)\n",
                 fit, fit == 1 ? "" : "s", threads,
                 FormatBytes(largest).c_str(), FormatBytes(limit.bytes).c_str(),
                 limit.address_space ? " (ulimit)" : "");
  }
  return fit;
}

// Why the grid stopped early: the first failed write (a full disk) or the
// first run that ran out of memory. Runs not started are skipped, so no
// work is done that could not be recorded; runs already started still
// finish and are recorded (unless the store failed).
struct GridStop {
  std::atomic<bool> stop{false};
  bool store_failed = false;  // guarded by the critical section
  std::string store_error, memory_error;
};

std::string OutOfMemoryMessage(const GridRun& run, const RunOutOfMemory& e) {
  return "run " + std::to_string(run.run_id) + " (model " + run.model +
         ", grid point " + ClipName(run.coords.dump(), 200) + ", repeat " +
         std::to_string(run.repeat) + ") ran out of memory (" + e.cause() +
         ") and nothing was recorded for it";
}

// The grid's exception once its loop is over, if it stopped early.
void ThrowIfStopped(const GridStop& stop, const ResultsStore& store) {
  const std::string recorded = "the grid stopped with " +
                               std::to_string(store.finished().size()) +
                               " runs recorded";
  if (!stop.store_error.empty()) {
    throw SpecError(stop.store_error + "; " + recorded +
                    " (run the same command again to resume)");
  }
  if (!stop.memory_error.empty()) {
    throw SpecError(stop.memory_error + "; " + recorded +
                    "; rerun with fewer --threads or a smaller spec to run "
                    "the rest (finished runs are kept)");
  }
}

}  // namespace

DataCache LoadGridData(const GridSpec& grid) {
  DataCache data;
  for (const GridRun& run : grid.runs) data.Add(run.config.data);
  return data;
}

RunnerSummary RunGrid(const GridSpec& grid,
                      const DataCache* data,
                      ResultsStore& store,
                      const RunnerOptions& options) {
  RunnerSummary summary;
  const std::vector<const GridRun*> pending =
      PendingRuns(grid, store, options, summary);
  const int threads = ThreadsForMemory(pending, options.threads);
  const auto start = std::chrono::steady_clock::now();
  const int count = static_cast<int>(pending.size());
  const std::vector<PlannedRun> plan = PlanOf(pending);
  Progress own(options.progress, {plan}, options.progress_every, threads);
  Progress& progress = options.shared_progress ? *options.shared_progress : own;
  progress.BeginGrid(plan, threads);
  if (!options.shared_progress) progress.Start();
  GridStop stop;
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (int i = 0; i < count; ++i) {
    if (stop.stop.load()) continue;
    const GridRun& run = *pending[i];
    int token = 0;
#pragma omp critical(pmoe_results)
    token = progress.Started({run.work, run.model});
    // The ETA's rates: the whole run as the grid sees it (its data, the
    // training, the record), not only the training's own wall time.
    const Stopwatch whole_run;
    TrainResult result;
    try {
      result = RunOne(run.config, data ? data->Find(run.config.data) : nullptr,
                      options.memo);
    } catch (const RunOutOfMemory& e) {
      const std::string message = OutOfMemoryMessage(run, e);
#pragma omp critical(pmoe_results)
      if (stop.memory_error.empty()) stop.memory_error = message;
      stop.stop = true;
      continue;
    }
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
      if (!stop.store_failed) {
        try {
          store.Append(record, timing);
          ++summary.finished;
          summary.failed += result.status != RunStatus::kOk;
          progress.Finished(token, whole_run.Seconds(),
                            result.status != RunStatus::kOk);
        } catch (const std::exception& e) {
          stop.store_error = e.what();
          stop.store_failed = true;
          stop.stop = true;
        }
      }
    }
  }
  if (!options.shared_progress) progress.End();
  if (stop.store_error.empty()) store.Finalize();  // sorted, even if stopped
  ThrowIfStopped(stop, store);
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  return summary;
}

}  // namespace sim
