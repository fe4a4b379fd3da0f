// `pmoe-sim validate SPEC...`: every spec checked, every bad one reported.
#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>

#include "analysis/checks/validate_expectations.h"
#include "sim/cli/command_line.h"
#include "sim/cli/commands/commands.h"
#include "sim/experiment/grid/grid_spec.h"

namespace sim {
namespace po = boost::program_options;

int ValidateCommand(const std::vector<std::string>& args) {
  po::options_description options(
      "pmoe-sim validate SPEC...: check grid specs");
  std::vector<std::string> specs;
  long max_runs = kDefaultMaxRuns;
  options.add_options()("help,h", "show this help")(
      "spec", po::value(&specs)->required(), "spec files (positional)")(
      "max-runs", po::value(&max_runs),
      "refuse grids of more runs than this (default 100000)");
  po::positional_options_description positional;
  positional.add("spec", -1);
  po::variables_map vm;
  if (!ParseCommandLine(args, options, positional, vm)) return 0;
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
        std::printf("%s: ok, %zu runs, about %.2g multiply-adds of training\n",
                    path.c_str(), grid.runs.size(), cost);
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
