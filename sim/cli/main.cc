// pmoe-sim: command-line edge. Parses options with Boost.Program_options and
// JSON specs with the experiment layer, then calls the typed core. Bad input
// prints one line naming the problem and exits with status 2.
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include "analysis/analyze_command.h"
#include "analysis/export_command.h"
#include "analysis/sensitivity_command.h"
#include "sim/experiment/merge.h"
#include "sim/experiment/option_values.h"
#include "sim/experiment/output_target.h"
#include "sim/experiment/safe_file.h"
#ifdef PMOE_WITH_MPI
#include "sim/experiment/mpi_runner.h"
#endif
#include "sim/experiment/grid_growth.h"
#include "sim/experiment/grid_runner.h"
#include "sim/experiment/grid_spec.h"
#include "sim/experiment/provenance.h"
#include "sim/experiment/record_check.h"
#include "sim/experiment/replay.h"
#include "sim/experiment/run_config_json.h"
#include "sim/train/trainer.h"

namespace po = boost::program_options;
using sim::Json;

namespace {

constexpr int kUsageError = 2;
// `run` finished, but every run of the folder diverged or failed.
constexpr int kAllRunsFailed = 3;

const char* kUsage =
    "usage: pmoe-sim COMMAND [options]\n"
    "\n"
    "commands:\n"
    "  train     train one run from a run config (JSON) and write its result\n"
    "  run       run every cell of an experiment grid spec into results/NAME\n"
    "  validate  check a grid spec and print how many runs it expands to\n"
    "  analyze   sample/iteration complexity, fits, plots and report of a "
    "results folder\n"
    "  check     evaluate a spec's expectations on a results folder (exit 1 if "
    "one fails)\n"
    "  export    tidy CSV tables (runs, curves, cells) of a results folder\n"
    "  sensitivity  run a spec with twice the steps and other step sizes; "
    "report whether N* and its exponents move\n"
    "  merge     combine shard folders written with run --shard into one "
    "folder\n"
    "  replay    train one run of a results folder alone and compare it "
    "with its record\n"
    "  version   print the version and whether MPI support is built in\n"
    "\n"
    "Run 'pmoe-sim COMMAND --help' for the options of a command.\n";

struct Parsed {
  po::variables_map vm;
  bool help = false;
};

Parsed ParseCommand(const std::vector<std::string>& args,
                    po::options_description& options,
                    const po::positional_options_description* positional) {
  options.add_options()("help,h", "show this help");
  Parsed parsed;
  auto parser = po::command_line_parser(args).options(options);
  if (positional) parser.positional(*positional);
  po::store(parser.run(), parsed.vm);
  parsed.help = parsed.vm.count("help") > 0;
  if (!parsed.help) po::notify(parsed.vm);
  return parsed;
}

void PrintResultSummary(const sim::RunConfig& config,
                        const sim::TrainResult& r) {
  if (r.status != sim::RunStatus::kOk) {  // no final metrics to show
    std::fprintf(stderr, "%s: status %s (%s), %ld steps, %.2f s\n",
                 config.model->type(), sim::RunStatusName(r.status),
                 r.message.c_str(), r.steps, r.wall_seconds);
    return;
  }
  std::fprintf(
      stderr,
      "%s: status %s%s%s, %ld steps, train error %.4f, test error %.4f, "
      "test loss %.4f, %.2f s, %.2f GFLOP/s\n",
      config.model->type(), sim::RunStatusName(r.status),
      r.message.empty() ? "" : " (",
      r.message.empty() ? "" : (r.message + ")").c_str(), r.steps,
      r.final_train_error, r.final_test_error, r.final_test_loss,
      r.wall_seconds,
      r.wall_seconds > 0 ? (r.train_flops + r.eval_flops) / r.wall_seconds / 1e9
                         : 0.0);
  if (r.router && r.status == sim::RunStatus::kOk) {
    std::fprintf(
        stderr,
        "  router: discriminative patch in top-l for %.1f%% of test samples, "
        "top-gated for %.1f%%\n",
        100 * r.router->recall, 100 * r.router->top_gated_best);
  }
}

int Train(const std::vector<std::string>& args) {
  po::options_description options("pmoe-sim train: train one run");
  std::string config_path, out_path;
  options.add_options()("config,c", po::value(&config_path)->required(),
                        "run config JSON (schema in docs/specs.md)")(
      "out,o", po::value(&out_path),
      "write the result JSON here (default or '-': stdout)")(
      "quiet,q", "no summary on stderr");
  const Parsed parsed = ParseCommand(args, options, nullptr);
  if (parsed.help) {
    std::cout
        << options
        << "\nThe config holds seed, precision, data, model and training; "
           "the same config gives bit-identical results.\n";
    return 0;
  }
  if (!out_path.empty() && out_path != "-")
    sim::CheckOutputFile(out_path, "--out");
  const Json config_json = sim::ReadJsonFile(config_path);
  const sim::RunConfig config = sim::ParseRunConfigFile(config_json);
  sim::CheckRunMemory(config, "model");
  std::optional<sim::FashionMnist> images;
  const std::string image_directory = config.data.source->image_directory();
  if (!image_directory.empty()) images = sim::LoadFashionMnist(image_directory);
  const sim::TrainResult result =
      sim::RunOne(config, images ? &*images : nullptr);
  // The resolved config, seed included: training from it again (`train
  // --config` on the result's "config") reproduces this run bit for bit.
  const Json* seed =
      config_json.contains("seed") ? &config_json["seed"] : nullptr;
  Json out = {
      {"config",
       {{"seed", sim::ParseSeed(seed, "seed")},
        {"data", sim::ToJson(config.data)},
        {"model", sim::ToJson(config.model)},
        {"training", sim::ToJson(config.train)},
        {"precision",
         config.precision == sim::Precision::kFloat ? "float" : "double"}}}};
  out["seeds"] = sim::SeedsToJson(config.seeds);  // as grid records hold them
  out.update(sim::ResultToJson(result, config.train));
  out["wall_seconds"] = result.wall_seconds;
  if (out_path.empty() || out_path == "-") {
    std::cout << out.dump(2) << "\n";
    std::cout.flush();
    if (!std::cout) throw sim::SpecError("stdout: write failed");
  } else {
    sim::WriteFileAtomic(out_path, out.dump(2) + "\n");
  }
  if (!parsed.vm.count("quiet")) PrintResultSummary(config, result);
  return result.status == sim::RunStatus::kOk ? 0 : 1;
}

sim::GridLimits LimitsOf(long max_runs) {
  if (max_runs < 1) throw sim::SpecError("--max-runs: must be >= 1");
  sim::GridLimits limits;
  limits.max_runs = max_runs;
  return limits;
}

#ifdef PMOE_WITH_MPI
// `run` under mpirun: the ranks are the shards; rank 0 gathers the records.
int RunUnderMpi(const sim::GridSpec& grid,
                const sim::FashionMnist* images,
                const std::string& out_dir,
                bool force,
                const sim::RunnerOptions& runner,
                int threads) {
  if (runner.num_shards > 1)
    throw sim::SpecError(
        "--shard: not allowed under mpirun (ranks are the shards)");
  const sim::MpiRunResult mpi =
      sim::RunGridMpi(grid, images, out_dir, force, runner);
  std::fprintf(stderr, "%s: rank %d/%d ran %d runs (%d failed) in %.1f s\n",
               grid.name.c_str(), mpi.rank, mpi.ranks, mpi.summary.finished,
               mpi.summary.failed, mpi.summary.seconds);
  if (mpi.rank == 0) {
    sim::ResultsStore store(out_dir, grid, false);
    Json provenance = sim::MakeProvenance(threads);
    provenance["mpi_ranks"] = mpi.ranks;
    provenance["end"] = sim::NowIso8601();
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
              const sim::RunnerSummary& summary,
              const sim::ResultsStore& store) {
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

int Run(const std::vector<std::string>& args) {
  po::options_description options("pmoe-sim run SPEC: run an experiment grid");
  std::string spec_path, out_dir, shard_text;
  int threads = sim::DefaultThreads();
  long max_runs = sim::kDefaultMaxRuns;
  options.add_options()("spec", po::value(&spec_path)->required(),
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
  const Parsed parsed = ParseCommand(args, options, &positional);
  if (parsed.help) {
    std::cout
        << options
        << "\nRunning the same spec again resumes: finished runs are kept.\n"
           "Exit status: 0 done, 2 an error (nothing was lost), 3 done but "
           "every run diverged or failed.\n";
    return 0;
  }
  sim::CheckThreads(threads);
  sim::RunnerOptions runner;
  runner.threads = threads;
  if (!shard_text.empty())
    sim::ParseShard(shard_text, runner.shard, runner.num_shards);
  const sim::GridSpec parsed_grid =
      sim::ParseGridSpec(sim::ReadJsonFile(spec_path), LimitsOf(max_runs));
  // As `validate` checks it: a bad analysis section or rule is refused
  // before the grid runs, not when it is analysed.
  sim::ValidateExpectations(parsed_grid.resolved);
  if (out_dir.empty()) out_dir = "results/" + parsed_grid.name;
  sim::CheckOutputFile(out_dir, "--out");
  // A grown grid keeps the folder's run ids (grid_growth.h); new shards of
  // a grown folder take its ids too, so they merge back into it.
  sim::GridSpec grid =
      sim::GrowFromFolder(out_dir, parsed_grid, LimitsOf(max_runs));
  if (runner.num_shards > 1) {
    out_dir += "/shards/" + std::to_string(runner.shard) + "-of-" +
               std::to_string(runner.num_shards);
    grid = sim::GrowFromFolder(out_dir, grid, LimitsOf(max_runs));
  }
  std::optional<sim::FashionMnist> images;
  if (grid.needs_images) images = sim::LoadFashionMnist(grid.images_directory);
#ifdef PMOE_WITH_MPI
  if (sim::LaunchedByMpi()) {
    return RunUnderMpi(grid, images ? &*images : nullptr, out_dir,
                       parsed.vm.count("force") > 0, runner, threads);
  }
#endif
  sim::ResultsStore store(out_dir, grid, parsed.vm.count("force") > 0);
  Json provenance = sim::MakeProvenance(threads);
  provenance["shard"] = shard_text.empty() ? Json(nullptr) : Json(shard_text);
  // A bar on a terminal; lines every so often in a log file.
  if (!parsed.vm.count("quiet")) {
    runner.progress = ::isatty(STDERR_FILENO) ? sim::ProgressMode::kBar
                                              : sim::ProgressMode::kLines;
  }
  runner.progress_every = parsed.vm["progress-every"].as<double>();
  if (!(runner.progress_every >= 0))
    throw sim::SpecError("--progress-every: must be >= 0 seconds");
  const sim::RunnerSummary summary =
      sim::RunGrid(grid, images ? &*images : nullptr, store, runner);
  provenance["end"] = sim::NowIso8601();
  provenance["runs_finished"] = summary.finished;
  provenance["runs_skipped"] = summary.skipped;
  provenance["seconds"] = summary.seconds;
  store.AddProvenance(provenance);
  return ReportRun(grid.name, summary, store);
}

int Validate(const std::vector<std::string>& args) {
  po::options_description options(
      "pmoe-sim validate SPEC...: check grid specs");
  std::vector<std::string> specs;
  long max_runs = sim::kDefaultMaxRuns;
  options.add_options()("spec", po::value(&specs)->required(),
                        "spec files (positional)")(
      "max-runs", po::value(&max_runs),
      "refuse grids of more runs than this (default 100000)");
  po::positional_options_description positional;
  positional.add("spec", -1);
  const Parsed parsed = ParseCommand(args, options, &positional);
  if (parsed.help) {
    std::cout << options;
    return 0;
  }
  const sim::GridLimits limits = LimitsOf(max_runs);
  // Every file is checked and every bad one reported, not just the first.
  int bad = 0;
  for (const std::string& path : specs) {
    try {
      const Json spec = sim::ReadJsonFile(path);  // its errors name the file
      try {
        const sim::GridSpec grid = sim::ParseGridSpec(spec, limits);
        sim::ValidateExpectations(grid.resolved);
        double cost = 0;  // epochs x N x patches touched x d x m, summed
        for (const sim::GridRun& run : grid.runs) cost += run.cost;
        std::printf("%s: ok, %zu runs, about %.2g multiply-adds of training\n",
                    path.c_str(), grid.runs.size(), cost);
      } catch (const sim::SpecError& e) {
        throw sim::SpecError(path + ": " + e.what());
      }
    } catch (const sim::SpecError& e) {
      std::fprintf(stderr, "pmoe-sim validate: error: %s\n", e.what());
      ++bad;
    }
  }
  std::fflush(stdout);
  if (std::ferror(stdout)) throw sim::SpecError("stdout: write failed");
  if (bad > 0 && specs.size() > 1)
    std::fprintf(stderr, "pmoe-sim validate: %d of %zu specs are bad\n", bad,
                 specs.size());
  return bad > 0 ? kUsageError : 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::string(argv[1]) == "--help" ||
      std::string(argv[1]) == "-h") {
    std::cout << kUsage;
    return argc < 2 ? kUsageError : 0;
  }
  const std::string command = argv[1];
#ifdef PMOE_WITH_MPI
  const sim::MpiSession mpi_session;  // MPI_Init only when started by mpirun
#endif
  if (command == "version" || command == "--version") {
    std::printf("pmoe-sim %s (MPI %s)\n", PMOE_VERSION_STRING,
#ifdef PMOE_WITH_MPI
                "yes"
#else
                "no"
#endif
    );
    return 0;
  }
  const std::vector<std::string> args(argv + 2, argv + argc);
  try {
    if (command == "train") return Train(args);
    if (command == "run") return Run(args);
    if (command == "validate") return Validate(args);
    if (command == "analyze") return sim::AnalyzeCommand(args);
    if (command == "check") return sim::CheckCommand(args);
    if (command == "merge") return sim::MergeCommand(args);
    if (command == "replay") return sim::ReplayCommand(args);
    if (command == "export") return sim::ExportCommand(args);
    if (command == "sensitivity") return sim::SensitivityCommand(args);
    std::fprintf(stderr, "pmoe-sim: unknown command '%s'\n\n%s",
                 command.c_str(), kUsage);
    return kUsageError;
  } catch (const sim::SpecError& e) {
    std::fprintf(stderr, "pmoe-sim %s: error: %s\n", command.c_str(), e.what());
  } catch (const po::error& e) {
    std::fprintf(stderr, "pmoe-sim %s: error: %s (see --help)\n",
                 command.c_str(), e.what());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "pmoe-sim %s: error: %s\n", command.c_str(), e.what());
  }
  return kUsageError;
}
