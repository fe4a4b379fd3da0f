#include "grid_bench.h"

#include <cstdio>
#include <filesystem>
#include <string>

#include "sim/experiment/run/grid_runner.h"
#include "sim/experiment/store/results_store.h"

namespace bench {
namespace {

// A grid of `runs` runs (CNN, separate and joint pMoE in turn, N = 200,
// 10 epochs, patch dimension d).
sim::GridSpec BenchGrid(int runs, int d) {
  const Json spec = {{"name", "bench_grid"},
                     {"seed", 1},
                     {"data",
                      {{"num_patches", 16},
                       {"train_size", 200},
                       {"test_size", 200},
                       {"synthetic", {{"patch_dim", d}}}}},
                     {"training", {{"epochs", 10}}},
                     {"models",
                      {{"cnn", {{"type", "cnn"}, {"neurons", 40}}},
                       {"sep",
                        {{"type", "pmoe_separate"},
                         {"neurons", 40},
                         {"top_l", 4},
                         {"training", {{"router_epochs", 5}}}}},
                       {"joint",
                        {{"type", "pmoe_joint"},
                         {"neurons", 40},
                         {"num_experts", 8},
                         {"top_l", 6}}}}},
                     {"grid", {{"repeats", (runs + 2) / 3}}}};
  return sim::ParseGridSpec(spec);
}

// Runs/s of the whole grid with `threads` threads (records to a scratch
// folder, removed afterwards).
double RunsPerSecond(const sim::GridSpec& grid, int threads) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("pmoe_bench_grid_" + std::to_string(threads));
  std::filesystem::remove_all(dir);
  double rate = 0;
  {
    sim::ResultsStore store(dir, grid, true);
    sim::RunnerOptions options;
    options.threads = threads;
    const sim::RunnerSummary summary =
        sim::RunGrid(grid, nullptr, store, options);
    rate = summary.finished / summary.seconds;
  }
  std::filesystem::remove_all(dir);
  return rate;
}

Json SpreadJson(const Spread& s) {
  return {{"median", s.median}, {"min", s.min}, {"max", s.max}};
}

// Why a measured efficiency is not a result ("" if it is one).
std::string Flag(const Spread& efficiency, const Spread& one) {
  if (efficiency.median > 1.0)
    return "above 100%: the machine's load changed between the 1- and "
           "all-thread measurements";
  if (one.max > 1.25 * one.min)
    return "1-thread runs/s varied by more than 25% between repeats: the "
           "machine is loaded";
  return "";
}

}  // namespace

Json GridEfficiency(int threads, bool quick) {
  const int repeats = quick ? 2 : 5;
  Json table = Json::array();
  for (const int d : {64, 784}) {
    const int runs = (d == 64 ? (quick ? 6 : 24) : (quick ? 2 : 8)) * threads;
    const sim::GridSpec grid = BenchGrid(runs, d);
    RunsPerSecond(grid, threads);  // warm-up, not counted
    std::vector<double> one, all, pair;
    for (int r = 0; r < repeats; ++r) {
      // ABBA: 1 then all threads, then all then 1, ...
      double a = 0, b = 0;
      if (threads == 1) {
        a = b = RunsPerSecond(grid, 1);
      } else if (r % 2 == 0) {
        a = RunsPerSecond(grid, 1);
        b = RunsPerSecond(grid, threads);
      } else {
        b = RunsPerSecond(grid, threads);
        a = RunsPerSecond(grid, 1);
      }
      one.push_back(a);
      all.push_back(b);
      pair.push_back(b / (threads * a));
    }
    const Spread s1 = SpreadOf(one), sa = SpreadOf(all), se = SpreadOf(pair);
    const std::string flag = threads > 1 ? Flag(se, s1) : "1 core";
    std::printf(
        "\nGrid (CNN, separate, joint; d=%d, N=200, 10 epochs, %d runs, "
        "median of %d, min-max):\n  1 thread: %.2f runs/s (%.2f-%.2f)\n  "
        "%d threads: %.2f runs/s (%.2f-%.2f)\n",
        d, runs, repeats, s1.median, s1.min, s1.max, threads, sa.median, sa.min,
        sa.max);
    if (flag.empty()) {
      std::printf("  parallel efficiency %.0f%% (pairs %.0f-%.0f%%)\n",
                  100 * se.median, 100 * se.min, 100 * se.max);
    } else {
      std::printf(
          "  parallel efficiency not measured reliably (%s; pairs gave "
          "%.0f-%.0f%%)\n",
          flag.c_str(), 100 * se.min, 100 * se.max);
    }
    Json row = {{"patch_dim", d},
                {"runs", runs},
                {"threads", threads},
                {"repeats", repeats},
                {"runs_per_second_1_thread", SpreadJson(s1)},
                {"runs_per_second_all_threads", SpreadJson(sa)},
                {"efficiency_of_pairs", SpreadJson(se)},
                {"parallel_efficiency", nullptr}};
    if (flag.empty()) row["parallel_efficiency"] = se.median;
    if (!flag.empty()) row["flag"] = flag;
    table.push_back(row);
  }
  return table;
}

}  // namespace bench
