// `pmoe-sim validate SPEC...`: every spec checked, every bad one reported.
#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>

#include "analysis/checks/validate_expectations.h"
#include "sim/cli/command_line.h"
#include "sim/cli/commands/commands.h"
#include "sim/data/data_config.h"
#include "sim/experiment/grid/grid_spec.h"
#include "sim/experiment/run/speed_probe.h"
#include "sim/experiment/spec/option_values.h"

namespace sim {
namespace po = boost::program_options;
namespace {

// "about N s (M min) on this machine with T threads (measured X GFLOP/s
// per thread)": the probe on the largest run's forward shape.
std::string SecondsEstimate(const GridSpec& grid, int threads) {
  if (grid.runs.empty()) return "nothing to run";
  const GridRun* largest = &grid.runs.front();
  std::vector<double> work;
  for (const GridRun& run : grid.runs) {
    work.push_back(run.work);
    if (run.work > largest->work) largest = &run;
  }
  const RunConfig& c = largest->config;
  const ModelShape shape = c.model->Shape(c.data.num_patches);
  const double rate = MeasureMultiplyAddsPerSecond(
      c.train.batch_size * shape.patches, PatchDim(c.data), shape.neurons, 0.1);
  threads = std::min<int>(threads, grid.runs.size());
  const double seconds = EstimateGridSeconds(work, threads, rate);
  char text[200];
  std::snprintf(text, sizeof(text),
                "about %.2g s (%.2g min) on this machine with %d thread%s "
                "(measured %.3g GFLOP/s per thread)",
                seconds, seconds / 60, threads, threads == 1 ? "" : "s",
                2 * rate / 1e9);
  return text;
}

}  // namespace

int ValidateCommand(const std::vector<std::string>& args) {
  po::options_description options(
      "pmoe-sim validate SPEC...: check grid specs");
  std::vector<std::string> specs;
  long max_runs = kDefaultMaxRuns;
  int threads = DefaultThreads();
  options.add_options()("help,h", "show this help")(
      "spec", po::value(&specs)->required(), "spec files (positional)")(
      "max-runs", po::value(&max_runs),
      "refuse grids of more runs than this (default 100000)")(
      "threads,j", po::value(&threads),
      "threads the estimate in seconds assumes (default: as run, one per "
      "core)");
  po::positional_options_description positional;
  positional.add("spec", -1);
  po::variables_map vm;
  if (!ParseCommandLine(args, options, positional, vm)) return 0;
  CheckThreads(threads);
  const GridLimits limits = LimitsOf(max_runs);
  // Every file is checked and every bad one reported, not just the first.
  int bad = 0;
  for (const std::string& path : specs) {
    try {
      const Json spec = ReadJsonFile(path);  // its errors name the file
      try {
        const GridSpec grid = ParseGridSpec(spec, limits);
        ValidateExpectations(grid.resolved);
        double cost = 0;  // epochs x N x patches touched x d x m, summed
        for (const GridRun& run : grid.runs) cost += run.cost;
        std::printf(
            "%s: ok, %zu runs, about %.2g multiply-adds of training, %s\n",
            path.c_str(), grid.runs.size(), cost,
            SecondsEstimate(grid, threads).c_str());
      } catch (const SpecError& e) {
        throw SpecError(path + ": " + e.what());
      }
    } catch (const SpecError& e) {
      std::fprintf(stderr, "pmoe-sim validate: error: %s\n", e.what());
      ++bad;
    }
  }
  std::fflush(stdout);
  if (std::ferror(stdout)) throw SpecError("stdout: write failed");
  if (bad > 0 && specs.size() > 1)
    std::fprintf(stderr, "pmoe-sim validate: %d of %zu specs are bad\n", bad,
                 specs.size());
  return bad > 0 ? kUsageError : 0;
}

}  // namespace sim
