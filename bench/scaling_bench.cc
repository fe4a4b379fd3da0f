#include "scaling_bench.h"

#include <cstdio>
#include <string>

#include "analysis/fits/scaling_fit.h"
#include "sim/data/generator.h"
#include "sim/train/trainer.h"

namespace bench {
namespace {

// Training seconds of one run (data generation excluded), best of `reps`.
double RunSeconds(ModelKind kind, int n, int d, int m, int N, int reps) {
  sim::RunConfig config;
  config.data = Data(n, d, N);
  config.model = RunModel(kind, 2, 4, m);
  config.train.epochs = 3;
  config.train.router_epochs = 1;
  config.train.eval_every = 1000000;
  config.seeds = sim::SeedsFromMaster(1);
  const auto bundle =
      sim::GenerateData<float>(config.data, config.seeds.data, nullptr);
  double best = 1e30;
  for (int rep = 0; rep < reps; ++rep)
    best = std::min(best, sim::Train(config, bundle).wall_seconds);
  return best;
}

struct Sweep {
  const char* axis;
  std::vector<int> values;
};

}  // namespace

Json CostScaling(bool quick) {
  std::printf(
      "\nCost scaling (training time per run, 3 epochs; base n=16, d=128, "
      "m=40, N=400):\n");
  Json table = Json::array();
  const std::vector<Sweep> sweeps = {{"n", {8, 16, 32, 64}},
                                     {"d", {64, 128, 256, 512}},
                                     {"m", {20, 40, 80, 160}},
                                     {"N", {200, 400, 800, 1600}}};
  for (const ModelKind kind : {ModelKind::kCnn, ModelKind::kPmoeSeparate}) {
    for (const Sweep& sweep : sweeps) {
      sim::FitInput input;
      const std::vector<int> values(sweep.values.begin(),
                                    sweep.values.end() - (quick ? 1 : 0));
      for (const int v : values) {
        const std::string a = sweep.axis;
        const double seconds =
            RunSeconds(kind, a == "n" ? v : 16, a == "d" ? v : 128,
                       a == "m" ? v : 40, a == "N" ? v : 400, quick ? 1 : 3);
        input.x.push_back({double(v)});
        input.y.push_back(seconds);
      }
      const sim::Fit fit = sim::FitPowerLaw(input, {sweep.axis});
      const char* model =
          kind == ModelKind::kCnn ? "cnn" : "pmoe_separate(l=4)";
      std::printf("  %-20s time ~ %s^%.2f (se %.2f)\n", model, sweep.axis,
                  fit.slope[0], fit.se[0]);
      table.push_back({{"model", model},
                       {"axis", sweep.axis},
                       {"values", values},
                       {"seconds", input.y},
                       {"exponent", fit.slope[0]},
                       {"se", fit.se[0]}});
    }
  }
  return table;
}

}  // namespace bench
