// `pmoe-sim train CONFIG`: one run from a run config, its result as JSON.
#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>

#include "sim/cli/command_line.h"
#include "sim/cli/commands/commands.h"
#include "sim/cli/commands/train_run.h"
#include "sim/data/data_cache.h"
#include "sim/experiment/grid/grid_limits.h"
#include "sim/experiment/grid/grid_spec.h"
#include "sim/experiment/grid/record_check.h"
#include "sim/experiment/io/output_target.h"
#include "sim/experiment/io/safe_file.h"
#include "sim/experiment/spec/run_config_json.h"
#include "sim/train/trainer.h"

namespace sim {
namespace po = boost::program_options;
namespace {

void PrintResultSummary(const Json& model, const TrainResult& r) {
  const std::string type = model.value("type", "model");
  if (r.status != RunStatus::kOk) {  // no final metrics to show
    std::fprintf(stderr, "%s: status %s (%s), %ld steps, %.2f s\n",
                 type.c_str(), RunStatusName(r.status), r.message.c_str(),
                 r.steps, r.wall_seconds);
    return;
  }
  std::fprintf(
      stderr,
      "%s: status %s%s%s, %ld steps, train error %.4f, test error %.4f, "
      "test loss %.4f, %.2f s, %.2f GFLOP/s\n",
      type.c_str(), RunStatusName(r.status), r.message.empty() ? "" : " (",
      r.message.empty() ? "" : (r.message + ")").c_str(), r.steps,
      r.final_train_error, r.final_test_error, r.final_test_loss,
      r.wall_seconds,
      r.wall_seconds > 0 ? (r.train_flops + r.eval_flops) / r.wall_seconds / 1e9
                         : 0.0);
  if (r.router && r.status == RunStatus::kOk) {
    std::fprintf(
        stderr,
        "  router: discriminative patch in top-l for %.1f%% of test samples, "
        "top-gated for %.1f%%\n",
        100 * r.router->recall, 100 * r.router->top_gated_best);
  }
}

}  // namespace

Json TrainFromJson(const Json& config_json, TrainResult& result) {
  const RunConfig config = ParseRunConfigFile(config_json);
  CheckRunMemory(config, "model");
  DataCache data;
  data.Add(config.data);
  result = RunOne(config, data.Find(config.data));
  // The resolved config, seed included: training from it again (`train
  // --config` on the result's "config") reproduces this run bit for bit.
  const Json* seed =
      config_json.contains("seed") ? &config_json["seed"] : nullptr;
  Json out = {{"config",
               {{"seed", ParseSeed(seed, "seed")},
                {"data", ToJson(config.data)},
                {"model", ToJson(config.model)},
                {"training", ToJson(config.train)},
                {"precision",
                 config.precision == Precision::kFloat ? "float" : "double"}}}};
  out["seeds"] = SeedsToJson(config.seeds);  // as grid records hold them
  out.update(ResultToJson(result, config.train));
  out["wall_seconds"] = result.wall_seconds;
  return out;
}

int TrainCommand(const std::vector<std::string>& args) {
  po::options_description options("pmoe-sim train: train one run");
  std::string config_path, out_path;
  options.add_options()("help,h", "show this help")(
      "config,c", po::value(&config_path)->required(),
      "run config JSON (schema in docs/specs.md)")(
      "out,o", po::value(&out_path),
      "write the result JSON here (default or '-': stdout)")(
      "quiet,q", "no summary on stderr");
  po::variables_map vm;
  if (!ParseCommandLine(args, options, {}, vm, nullptr,
                        "The config holds seed, precision, data, model and "
                        "training; the same config gives bit-identical "
                        "results.")) {
    return 0;
  }
  if (!out_path.empty() && out_path != "-") CheckOutputFile(out_path, "--out");
  TrainResult result;
  const Json out = TrainFromJson(ReadJsonFile(config_path), result);
  if (out_path.empty() || out_path == "-") {
    std::cout << out.dump(2) << "\n";
    std::cout.flush();
    if (!std::cout) throw SpecError("stdout: write failed");
  } else {
    WriteFileAtomic(out_path, out.dump(2) + "\n");
  }
  if (!vm.count("quiet")) PrintResultSummary(out["config"]["model"], result);
  return result.status == RunStatus::kOk ? 0 : 1;
}

}  // namespace sim
