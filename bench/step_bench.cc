#include "step_bench.h"

#include <chrono>
#include <cmath>
#include <cstdio>

#include "bench_setup.h"
#include "sim/data/generator.h"
#include "sim/models/patch/patch_model.h"

namespace bench {
namespace {

using sim::PatchArchitecture;

// One SGD step on a minibatch in cache, as training presents it: it gathers
// each minibatch into one buffer (or draws it there, online) before the
// step. The whole runs (whole_run_bench) include the gathers and draws.
class StepLoop {
 public:
  static constexpr int kBatch = 20, kBatches = 1;
  StepLoop(const PatchArchitecture& config, int n, int d)
      : n_(n),
        bundle_(sim::GenerateData<float>(
            Data(n, d, kBatch * kBatches), 1, nullptr)),
        rng_(2),
        model_(config, n, d, rng_),
        which_(config.soft_gates ? sim::Trainable::kAll
                                 : sim::Trainable::kExperts),
        ws_(model_.MakeWorkspace(kBatch)),
        grad_(model_.MakeGradient()),
        dloss_(kBatch) {}
  void Step() {
    const int first = static_cast<int>(i_++ % kBatches) * kBatch;
    const auto x =
        bundle_.train.patches.middleRows(Eigen::Index(first) * n_, kBatch * n_);
    model_.Forward(x, kBatch, ws_);
    for (int b = 0; b < kBatch; ++b) {
      const float y = float(bundle_.train.labels[first + b]);
      dloss_[b] = -y / (1.0f + std::exp(y * ws_.f[b])) / kBatch;
    }
    grad_.SetZero();
    model_.Backward(x, kBatch, dloss_, which_, ws_, grad_);
    model_.ApplyUpdate(grad_, 1e-3f, which_);
    benchmark::DoNotOptimize(ws_.f.data());
  }
  double Flops() const {
    return model_.ForwardFlops(kBatch) + model_.BackwardFlops(kBatch, which_);
  }
  // Seconds per step: the best of 5 timed blocks of about 50 ms.
  double SecondsPerStep() {
    using Clock = std::chrono::steady_clock;
    long steps = 1;
    for (;; steps *= 2) {
      const auto t0 = Clock::now();
      for (long s = 0; s < steps; ++s) Step();
      if (std::chrono::duration<double>(Clock::now() - t0).count() > 0.05)
        break;
    }
    double best = 1e30;
    for (int rep = 0; rep < 5; ++rep) {
      const auto t0 = Clock::now();
      for (long s = 0; s < steps; ++s) Step();
      best = std::min(best,
                      std::chrono::duration<double>(Clock::now() - t0).count());
    }
    return best / steps;
  }

 private:
  int n_;
  sim::DataBundle<float> bundle_;
  sim::Rng rng_;
  sim::PatchModel<float> model_;
  sim::Trainable which_;
  sim::Workspace<float> ws_;
  sim::Gradient<float> grad_;
  sim::Vector<float> dloss_;
  long i_ = 0;
};

void StepBenchmark(benchmark::State& state,
                   PatchArchitecture config,
                   int n,
                   int d) {
  StepLoop loop(config, n, d);
  for (auto _ : state) loop.Step();
  const double flops = loop.Flops();
  state.counters["steps/s"] = benchmark::Counter(double(state.iterations()),
                                                 benchmark::Counter::kIsRate);
  state.counters["GFLOP/s"] = benchmark::Counter(
      flops * double(state.iterations()) / 1e9, benchmark::Counter::kIsRate);
}

}  // namespace

void RegisterStepBenchmarks(double min_time) {
  for (const int d : {784, 64}) {
    for (const PaperModel& m : PaperModels()) {
      const std::string name = std::string(m.name) + "/d" + std::to_string(d);
      benchmark::RegisterBenchmark(name.c_str(), StepBenchmark,
                                   Model(m.kind, m.k, m.l), 16, d)
          ->MinTime(min_time);
    }
  }
}

Json StepTable(const CapturingReporter& reporter,
               const sim::MachinePeak& peak) {
  std::printf("\n%-28s %12s %10s %10s\n", "SGD step (n=16, m=40, B=20)",
              "steps/s", "GFLOP/s", "% of peak");
  Json table = Json::array();
  for (const auto& run : reporter.captured) {
    const double steps = run.counters.at("steps/s");
    const double gflops = run.counters.at("GFLOP/s");
    std::printf("%-28s %12.0f %10.1f %9.1f%%\n", run.benchmark_name().c_str(),
                steps, gflops, 100 * gflops / peak.gflops_per_core);
    table.push_back({{"name", run.benchmark_name()},
                     {"steps_per_second", steps},
                     {"gflops", gflops},
                     {"fraction_of_peak", gflops / peak.gflops_per_core}});
  }
  return table;
}

Json RoutingSaving(const std::vector<int>& patch_counts) {
  std::printf(
      "\nCNN / separate pMoE (k=2, l=2) per SGD step, d=784, m=40, B=20:\n"
      "  %4s %14s %14s %12s %12s\n",
      "n", "CNN us/step", "pMoE us/step", "time ratio", "FLOP ratio");
  Json table = Json::array();
  for (const int n : patch_counts) {
    StepLoop cnn(Model(ModelKind::kCnn, 1, n), n, 784);
    StepLoop moe(Model(ModelKind::kPmoeSeparate, 2, 2), n, 784);
    const double t_cnn = cnn.SecondsPerStep(), t_moe = moe.SecondsPerStep();
    const double flop_ratio = cnn.Flops() / moe.Flops();
    std::printf("  %4d %14.1f %14.1f %12.2f %12.2f\n", n, 1e6 * t_cnn,
                1e6 * t_moe, t_cnn / t_moe, flop_ratio);
    table.push_back({{"n", n},
                     {"cnn_seconds_per_step", t_cnn},
                     {"pmoe_seconds_per_step", t_moe},
                     {"time_ratio", t_cnn / t_moe},
                     {"flop_ratio", flop_ratio}});
  }
  return table;
}

}  // namespace bench
