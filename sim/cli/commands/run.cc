// `pmoe-sim run SPEC`: a grid into its results folder (resumable, sharded,
// or over MPI ranks).
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>

#include "analysis/checks/validate_expectations.h"
#include "sim/cli/command_line.h"
#include "sim/cli/commands/commands.h"
#include "sim/experiment/grid/grid_growth.h"
#include "sim/experiment/grid/grid_spec.h"
#include "sim/experiment/io/output_target.h"
#include "sim/experiment/run/grid_runner.h"
#include "sim/experiment/spec/option_values.h"
#include "sim/experiment/store/provenance.h"
#include "sim/experiment/store/results_store.h"
#ifdef PMOE_WITH_MPI
#include "sim/experiment/run/mpi_runner.h"
#endif

namespace sim {
namespace po = boost::program_options;
namespace {

// `run` finished, but every run of the folder diverged or failed.
constexpr int kAllRunsFailed = 3;

#ifdef PMOE_WITH_MPI
// `run` under mpirun: the ranks are the shards; rank 0 gathers the records.
int RunUnderMpi(const GridSpec& grid,
                const DataCache* data,
                const std::string& out_dir,
                bool force,
                const RunnerOptions& runner,
                int threads) {
  if (runner.num_shards > 1)
    throw SpecError("--shard: not allowed under mpirun (ranks are the shards)");
  const MpiRunResult mpi = RunGridMpi(grid, data, out_dir, force, runner);
  std::fprintf(stderr, "%s: rank %d/%d ran %d runs (%d failed) in %.1f s\n",
               grid.name.c_str(), mpi.rank, mpi.ranks, mpi.summary.finished,
               mpi.summary.failed, mpi.summary.seconds);
  if (mpi.rank == 0) {
    ResultsStore store(out_dir, grid, false);
    Json provenance = MakeProvenance(threads);
    provenance["mpi_ranks"] = mpi.ranks;
    provenance["end"] = NowIso8601();
    store.AddProvenance(provenance);
    std::fprintf(stderr, "%s: %d records from %d ranks -> %s\n",
                 grid.name.c_str(), mpi.total_records, mpi.ranks,
                 out_dir.c_str());
  }
  return 0;
}
#endif

// The summary line of `run`, and its exit status: 0, or kAllRunsFailed
// when every record of the folder diverged or failed.
int ReportRun(const std::string& name,
              const RunnerSummary& summary,
              const ResultsStore& store) {
  const char* out_dir = store.directory().c_str();
  std::fprintf(
      stderr,
      "%s: %d runs (%d already done, %d run now, %d failed) in %.1f s -> %s\n",
      name.c_str(), summary.total, summary.skipped, summary.finished,
      summary.failed, summary.seconds, out_dir);
  const size_t records = store.finished().size();
  if (records == 0 || static_cast<size_t>(store.failed_records()) < records)
    return 0;
  std::fprintf(stderr,
               "%s: every run of %s diverged or failed (status and message "
               "in runs.jsonl); the grid measured nothing (exit %d)\n",
               name.c_str(), out_dir, kAllRunsFailed);
  return kAllRunsFailed;
}

// The command line as a shell would take it back (report.html's
// provenance): arguments with spaces or quotes in single quotes.
std::string CommandText(const std::vector<std::string>& args) {
  std::string text = "pmoe-sim run";
  for (const std::string& a : args) {
    const bool plain =
        !a.empty() && a.find_first_of(" \t'\"\\$`!*?;&|<>()") == a.npos;
    std::string quoted = "'";
    for (char c : a)
      quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    text += " " + (plain ? a : quoted + "'");
  }
  return text;
}

}  // namespace

int RunCommand(const std::vector<std::string>& args) {
  po::options_description options("pmoe-sim run SPEC: run an experiment grid");
  std::string spec_path, out_dir, shard_text;
  int threads = DefaultThreads();
  long max_runs = kDefaultMaxRuns;
  options.add_options()("help,h", "show this help")(
      "spec", po::value(&spec_path)->required(),
      "experiment spec JSON (positional)")(
      "out,o", po::value(&out_dir), "results folder (default: results/NAME)")(
      "threads,j", po::value(&threads),
      "worker threads (changes speed only, never results)")(
      "force", "discard results of a different spec in the results folder")(
      "quiet,q", "no progress output")(
      "progress-every", po::value<double>()->default_value(60),
      "seconds between progress lines when stderr is not a terminal "
      "(Slurm, nohup)")("shard", po::value(&shard_text),
                        "i/S: run only runs with run_id % S == i (job arrays); "
                        "combine shard folders with 'pmoe-sim merge'")(
      "max-runs", po::value(&max_runs),
      "refuse grids of more runs than this (default 100000)");
  po::positional_options_description positional;
  positional.add("spec", 1);
  po::variables_map vm;
  if (!ParseCommandLine(args, options, positional, vm, nullptr,
                        "Running the same spec again resumes: finished runs "
                        "are kept.\nExit status: 0 done, 2 an error (nothing "
                        "was lost), 3 done but every run diverged or "
                        "failed.")) {
    return 0;
  }
  CheckThreads(threads);
  RunnerOptions runner;
  runner.threads = threads;
  if (!shard_text.empty())
    ParseShard(shard_text, runner.shard, runner.num_shards);
  const GridSpec parsed_grid =
      ParseGridSpec(ReadJsonFile(spec_path), LimitsOf(max_runs));
  // As `validate` checks it: a bad analysis section or rule is refused
  // before the grid runs, not when it is analysed.
  ValidateExpectations(parsed_grid.resolved);
  if (out_dir.empty()) out_dir = "results/" + parsed_grid.name;
  CheckOutputFile(out_dir, "--out");
  // A grown grid keeps the folder's run ids (grid_growth.h); new shards of
  // a grown folder take its ids too, so they merge back into it.
  GridSpec grid = GrowFromFolder(out_dir, parsed_grid, LimitsOf(max_runs));
  if (runner.num_shards > 1) {
    out_dir += "/shards/" + std::to_string(runner.shard) + "-of-" +
               std::to_string(runner.num_shards);
    grid = GrowFromFolder(out_dir, grid, LimitsOf(max_runs));
  }
  const DataCache data = LoadGridData(grid);
#ifdef PMOE_WITH_MPI
  if (LaunchedByMpi()) {
    return RunUnderMpi(grid, &data, out_dir, vm.count("force") > 0, runner,
                       threads);
  }
#endif
  ResultsStore store(out_dir, grid, vm.count("force") > 0);
  Json provenance = MakeProvenance(threads);
  provenance["shard"] = shard_text.empty() ? Json(nullptr) : Json(shard_text);
  provenance["command"] = CommandText(args);
  // A bar on a terminal; lines every so often in a log file.
  if (!vm.count("quiet")) {
    runner.progress =
        ::isatty(STDERR_FILENO) ? ProgressMode::kBar : ProgressMode::kLines;
  }
  runner.progress_every = vm["progress-every"].as<double>();
  if (!(runner.progress_every >= 0))
    throw SpecError("--progress-every: must be >= 0 seconds");
  const RunnerSummary summary = RunGrid(grid, &data, store, runner);
  provenance["end"] = NowIso8601();
  provenance["runs_finished"] = summary.finished;
  provenance["runs_skipped"] = summary.skipped;
  provenance["seconds"] = summary.seconds;
  store.AddProvenance(provenance);
  return ReportRun(grid.name, summary, store);
}

}  // namespace sim
