#include "whole_run_bench.h"

#include <cstdio>

#include "sim/data/generator.h"
#include "sim/train/trainer.h"

namespace bench {
namespace {

using sim::RunTiming;

sim::RunConfig WholeRun(const PaperModel& model, int d, bool quick) {
  sim::RunConfig config;
  config.data = Data(16, d, quick ? 200 : 1000, quick ? 200 : 1000);
  config.model = RunModel(model.kind, model.k, model.l);
  config.train.epochs = quick ? 3 : 20;
  config.seeds = sim::SeedsFromMaster(1);
  return config;
}

// The online protocol with as many steps as `fixed` takes. The data are
// made as RunOne makes them (no fixed training set), so that the run's
// generation time is its draws alone.
RunTiming OnlineDraws(const sim::RunConfig& fixed, long& steps) {
  sim::RunConfig config = fixed;
  config.train.protocol = sim::Protocol::kOnline;
  config.train.max_steps =
      long(fixed.train.epochs) * fixed.data.train_size / fixed.train.batch_size;
  sim::DataConfig data = config.data;
  data.train_size = 1;
  const auto bundle =
      sim::GenerateData<float>(data, config.seeds.data, nullptr);
  const sim::TrainResult result = sim::Train(config, bundle);
  steps = result.steps;
  return result.timing;
}

Spread Part(const std::vector<RunTiming>& runs, double RunTiming::*part) {
  std::vector<double> v;
  for (const RunTiming& t : runs) v.push_back(t.*part);
  return SpreadOf(v);
}

Spread Totals(const std::vector<RunTiming>& runs) {
  std::vector<double> v;
  for (const RunTiming& t : runs) v.push_back(t.Total());
  return SpreadOf(v);
}

// Median seconds of each part, printed as one row and returned as JSON.
// `eval_flop_share` is the evaluations' share of the run's analytic FLOPs:
// the fraction of the run evaluation would take if it ran at the training
// kernel's speed per FLOP (its forward passes are the steps' products).
Json SplitRow(const char* name,
              int d,
              const std::vector<RunTiming>& runs,
              double eval_flop_share) {
  const Spread total = Totals(runs);
  const double gen = Part(runs, &RunTiming::generation).median;
  const double route = Part(runs, &RunTiming::routing).median;
  const double steps = Part(runs, &RunTiming::steps).median;
  const double eval = Part(runs, &RunTiming::evaluation).median;
  const double fraction = (gen + eval) / (gen + route + steps + eval);
  std::printf(
      "  %-20s %4d %7.3f (%.3f-%.3f) %9.3f %8.3f %8.3f %9.3f %7.0f%% %9.0f%%\n",
      name, d, total.median, total.min, total.max, gen, route, steps, eval,
      100 * fraction, 100 * eval_flop_share);
  return {{"model", name},
          {"patch_dim", d},
          {"total_seconds", total.median},
          {"total_seconds_min", total.min},
          {"total_seconds_max", total.max},
          {"generation_seconds", gen},
          {"routing_seconds", route},
          {"step_seconds", steps},
          {"evaluation_seconds", eval},
          {"generation_evaluation_fraction", fraction},
          {"evaluation_flop_share", eval_flop_share}};
}

}  // namespace

Json WholeRuns(bool quick) {
  const int repeats = quick ? 1 : 3;
  std::printf(
      "\nWhole runs (n=16, m=40, B=20, N=%d, %d epochs, %d test samples; "
      "median of %d, seconds; eval FLOPs: the evaluations' share of the "
      "run's FLOPs):\n  %-20s %4s %21s %9s %8s %8s %9s %8s %10s\n",
      quick ? 200 : 1000, quick ? 3 : 20, quick ? 200 : 1000, repeats, "model",
      "d", "total (min-max)", "generate", "route", "steps", "evaluate",
      "gen+eval", "eval FLOPs");
  Json out = {{"whole_runs", Json::array()}, {"online", Json::array()}};
  std::vector<Json> online_rows;
  for (const int d : {784, 64}) {
    for (const PaperModel& model : PaperModels()) {
      const sim::RunConfig config = WholeRun(model, d, quick);
      std::vector<RunTiming> fixed, online;
      long steps = 0, online_steps = 0;
      double eval_flop_share = 0;
      for (int r = 0; r < repeats; ++r) {  // interleaved
        const sim::TrainResult result = sim::RunOne(config, nullptr);
        fixed.push_back(result.timing);
        steps = result.steps;
        eval_flop_share =
            result.eval_flops / (result.eval_flops + result.train_flops);
        online.push_back(OnlineDraws(config, online_steps));
      }
      out["whole_runs"].push_back(
          SplitRow(model.name, d, fixed, eval_flop_share));
      const double fixed_rate = steps / Part(fixed, &RunTiming::steps).median;
      const double draw = Part(online, &RunTiming::generation).median;
      const double step = Part(online, &RunTiming::steps).median;
      online_rows.push_back(
          {{"model", model.name},
           {"patch_dim", d},
           {"steps", online_steps},
           {"fixed_steps_per_second", fixed_rate},
           {"online_steps_per_second", online_steps / (draw + step)},
           {"draw_to_step_cost", draw / step}});
    }
  }
  std::printf(
      "\nOnline protocol (the same steps, B fresh samples drawn per step):\n"
      "  %-20s %4s %14s %14s %7s %12s\n",
      "model", "d", "fixed steps/s", "online steps/s", "ratio", "draw / step");
  for (Json& row : online_rows) {
    const double fixed = row["fixed_steps_per_second"];
    const double online = row["online_steps_per_second"];
    std::printf("  %-20s %4d %14.0f %14.0f %6.0f%% %12.2f\n",
                row["model"].get<std::string>().c_str(),
                row["patch_dim"].get<int>(), fixed, online,
                100 * online / fixed, row["draw_to_step_cost"].get<double>());
    row["online_to_fixed_ratio"] = online / fixed;
    out["online"].push_back(row);
  }
  return out;
}

}  // namespace bench
