// pmoe-bench: how fast the simulator trains, against the machine's limit.
//
//  1. SGD step kernels (Google Benchmark) for the CNN, separate and joint
//     pMoE at the paper's section 5.1 size (n = 16, d = 784, m = 40, B = 20)
//     and a small synthetic size (d = 64): steps/s and GFLOP/s from the
//     analytic FLOP count, beside the core's peak FP32.
//  2. Whole-grid throughput: runs/s with 1 thread and with all threads, and
//     the parallel efficiency, at d = 64 and at the section 5.1 size.
//  3. Cost scaling: time per run as n, d, m and N grow, with fitted exponents.
//  4. pMoE vs CNN time per step as n grows, beside the FLOP ratio (the
//     paper's compute saving, about n / l).
// Everything goes to a JSON file (--out) so runs can be compared.
#include <benchmark/benchmark.h>
#include <omp.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <thread>

#include "analysis/scaling_fit.h"
#include "machine_peak.h"
#include "sim/data/synthetic/synthetic_config.h"
#include "sim/experiment/grid_runner.h"
#include "sim/experiment/provenance.h"
#include "sim/experiment/results_store.h"
#include "sim/models/patch/patch_configs.h"
#include "sim/models/patch/patch_model.h"
#include "sim/train/trainer.h"

using namespace sim;

namespace {

enum class ModelKind { kCnn, kPmoeSeparate, kPmoeJoint };

// The kernel's architecture of one of the paper's models (m = 40).
PatchArchitecture Model(ModelKind kind, int k, int l, int m = 40) {
  PatchArchitecture a;
  a.routed = kind != ModelKind::kCnn;
  a.soft_gates = kind == ModelKind::kPmoeJoint;
  a.neurons = m;
  a.experts = a.routed ? k : 1;
  a.top_l = l;
  return a;
}

// The same as a run's model options.
ModelConfig RunModel(ModelKind kind, int k, int l, int m) {
  if (kind == ModelKind::kCnn) {
    CnnConfig c;
    c.neurons = m;
    return c;
  }
  PmoeSeparateConfig c;
  c.neurons = m;
  c.num_experts = k;
  c.top_l = l;
  return c;
}

DataConfig Data(int n, int d, int N) {
  DataConfig data;
  data.num_patches = n;
  data.train_size = N;
  data.test_size = 100;
  data.source.Mutable<SyntheticConfig>().patch_dim = d;
  data.source.Mutable<SyntheticConfig>().num_confusers = 1;
  return data;
}

// One SGD step (gather-free: batches are consecutive rows), as in Train().
class StepLoop {
 public:
  static constexpr int kBatch = 20, kBatches = 10;
  StepLoop(const PatchArchitecture& config, int n, int d)
      : n_(n),
        bundle_(GenerateData<float>(Data(n, d, kBatch * kBatches), 1, nullptr)),
        rng_(2),
        model_(config, n, d, rng_),
        which_(config.soft_gates ? Trainable::kAll : Trainable::kExperts),
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
  DataBundle<float> bundle_;
  Rng rng_;
  PatchModel<float> model_;
  Trainable which_;
  Workspace<float> ws_;
  Gradient<float> grad_;
  Vector<float> dloss_;
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

class CapturingReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) captured.push_back(run);
    ConsoleReporter::ReportRuns(runs);
  }
  std::vector<Run> captured;
};

// Runs/s of a grid of `runs` runs (CNN, separate and joint pMoE in turn, N =
// 200, 10 epochs, patch dimension d) with `threads` threads.
double GridRunsPerSecond(int runs, int threads, int d) {
  const Json spec = {
      {"name", "bench_grid"},
      {"seed", 1},
      {"data",
       {{"num_patches", 16},
        {"train_size", 200},
        {"test_size", 200},
        {"synthetic", {{"patch_dim", d}}}}},
      {"training", {{"epochs", 10}, {"router_epochs", 5}}},
      {"models",
       {{"cnn", {{"type", "cnn"}, {"neurons", 40}}},
        {"sep", {{"type", "pmoe_separate"}, {"neurons", 40}, {"top_l", 4}}},
        {"joint",
         {{"type", "pmoe_joint"},
          {"neurons", 40},
          {"num_experts", 8},
          {"top_l", 6}}}}},
      {"grid", {{"repeats", (runs + 2) / 3}}}};
  const GridSpec grid = ParseGridSpec(spec);
  const auto dir = std::filesystem::temp_directory_path() /
                   ("pmoe_bench_grid_" + std::to_string(threads));
  std::filesystem::remove_all(dir);
  ResultsStore store(dir, grid, true);
  RunnerOptions options;
  options.threads = threads;
  const RunnerSummary summary = RunGrid(grid, nullptr, store, options);
  std::filesystem::remove_all(dir);
  return summary.finished / summary.seconds;
}

// Training seconds of one run (data generation excluded), best of `reps`.
double RunSeconds(ModelKind kind, int n, int d, int m, int N, int reps) {
  RunConfig config;
  config.data = Data(n, d, N);
  config.model = RunModel(kind, 2, 4, m);
  config.train.epochs = 3;
  config.train.router_epochs = 1;
  config.train.eval_every = 1000000;
  config.seeds = SeedsFromMaster(1);
  const auto bundle =
      GenerateData<float>(config.data, config.seeds.data, nullptr);
  double best = 1e30;
  for (int rep = 0; rep < reps; ++rep)
    best = std::min(best, Train(config, bundle).wall_seconds);
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  std::string out_path = "results/bench.json";
  bool quick = false, steps_only = false;
  std::vector<char*> bench_args = {argv[0]};
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--out" && i + 1 < argc) {
      out_path = argv[++i];
    } else if (arg == "--quick") {
      quick = true;
    } else if (arg == "--steps-only") {
      steps_only = true;
    } else {
      bench_args.push_back(argv[i]);
    }
  }
  const MachinePeak peak = DetectPeak();
  const int threads =
      static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::printf(
      "Machine: %s, %d cores\nPeak FP32 per core: %.1f GFLOP/s = %s\n\n",
      peak.cpu.c_str(), threads, peak.gflops_per_core, peak.derivation.c_str());

  struct Case {
    const char* name;
    ModelKind kind;
    int k, l, d;
  };
  const std::vector<Case> cases = {
      {"cnn/d784", ModelKind::kCnn, 1, 16, 784},
      {"pmoe_separate_k2_l2/d784", ModelKind::kPmoeSeparate, 2, 2, 784},
      {"pmoe_joint_k8_l6/d784", ModelKind::kPmoeJoint, 8, 6, 784},
      {"cnn/d64", ModelKind::kCnn, 1, 16, 64},
      {"pmoe_separate_k2_l2/d64", ModelKind::kPmoeSeparate, 2, 2, 64},
      {"pmoe_joint_k8_l6/d64", ModelKind::kPmoeJoint, 8, 6, 64},
  };
  for (const Case& c : cases) {
    benchmark::RegisterBenchmark(c.name, StepBenchmark, Model(c.kind, c.k, c.l),
                                 16, c.d)
        ->MinTime(quick ? 0.05 : 0.5);
  }
  int bench_argc = static_cast<int>(bench_args.size());
  benchmark::Initialize(&bench_argc, bench_args.data());
  CapturingReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);

  Json result;
  result["machine"] = {{"cpu", peak.cpu},
                       {"cores", threads},
                       {"peak_fp32_gflops_per_core", peak.gflops_per_core},
                       {"peak_derivation", peak.derivation},
                       {"provenance", MakeProvenance(threads)}};
  std::printf("\n%-28s %12s %10s %10s\n", "SGD step (n=16, m=40, B=20)",
              "steps/s", "GFLOP/s", "% of peak");
  result["steps"] = Json::array();
  for (const auto& run : reporter.captured) {
    const double steps = run.counters.at("steps/s");
    const double gflops = run.counters.at("GFLOP/s");
    std::printf("%-28s %12.0f %10.1f %9.1f%%\n", run.benchmark_name().c_str(),
                steps, gflops, 100 * gflops / peak.gflops_per_core);
    result["steps"].push_back(
        {{"name", run.benchmark_name()},
         {"steps_per_second", steps},
         {"gflops", gflops},
         {"fraction_of_peak", gflops / peak.gflops_per_core}});
  }

  if (steps_only) {
    WriteFileAtomic(out_path, result.dump(2) + "\n");
    return 0;
  }
  // The same grid (same runs, same order) on 1 thread and on all threads,
  // with small patches (in cache) and the section 5.1 patches (d = 784: each
  // run's data, about 10 MB, streams from memory, which is what can limit
  // scaling on many cores).
  result["grids"] = Json::array();
  for (const int d : {64, 784}) {
    const int grid_runs =
        (d == 64 ? (quick ? 6 : 24) : (quick ? 2 : 8)) * threads;
    const double one = GridRunsPerSecond(grid_runs, 1, d);
    const double all = GridRunsPerSecond(grid_runs, threads, d);
    const double efficiency = all / (threads * one);
    std::printf(
        "\nGrid (CNN, separate, joint; d=%d, N=200, 10 epochs, %d runs): %.2f "
        "runs/s on 1 thread, %.2f runs/s on %d threads, parallel efficiency "
        "%.0f%%\n",
        d, grid_runs, one, all, threads, 100 * efficiency);
    result["grids"].push_back({{"patch_dim", d},
                               {"runs", grid_runs},
                               {"runs_per_second_1_thread", one},
                               {"runs_per_second_all_threads", all},
                               {"threads", threads},
                               {"parallel_efficiency", efficiency}});
  }

  std::printf(
      "\nCost scaling (training time per run, 3 epochs; base n=16, d=128, "
      "m=40, N=400):\n");
  result["scaling"] = Json::array();
  struct Sweep {
    const char* axis;
    std::vector<int> values;
  };
  const std::vector<Sweep> sweeps = {{"n", {8, 16, 32, 64}},
                                     {"d", {64, 128, 256, 512}},
                                     {"m", {20, 40, 80, 160}},
                                     {"N", {200, 400, 800, 1600}}};
  for (const ModelKind kind : {ModelKind::kCnn, ModelKind::kPmoeSeparate}) {
    for (const Sweep& sweep : sweeps) {
      FitInput input;
      // --quick: the three smallest values, one repetition.
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
      const Fit fit = FitPowerLaw(input, {sweep.axis});
      const char* model =
          kind == ModelKind::kCnn ? "cnn" : "pmoe_separate(l=4)";
      std::printf("  %-20s time ~ %s^%.2f (se %.2f)\n", model, sweep.axis,
                  fit.slope[0], fit.se[0]);
      result["scaling"].push_back({{"model", model},
                                   {"axis", sweep.axis},
                                   {"values", values},
                                   {"seconds", input.y},
                                   {"exponent", fit.slope[0]},
                                   {"se", fit.se[0]}});
    }
  }
  // The compute saving of patch routing: CNN vs separate pMoE (k = 2, l = 2)
  // time per step at d = 784 as n grows, beside their FLOP ratio.
  std::printf(
      "\nCNN / separate pMoE (k=2, l=2) per SGD step, d=784, m=40, B=20:\n"
      "  %4s %14s %14s %12s %12s\n",
      "n", "CNN us/step", "pMoE us/step", "time ratio", "FLOP ratio");
  result["routing_saving"] = Json::array();
  for (const int n : quick ? std::vector<int>{16, 64}
                           : std::vector<int>{8, 16, 32, 64, 128}) {
    StepLoop cnn(Model(ModelKind::kCnn, 1, n), n, 784);
    StepLoop moe(Model(ModelKind::kPmoeSeparate, 2, 2), n, 784);
    const double t_cnn = cnn.SecondsPerStep(), t_moe = moe.SecondsPerStep();
    const double flop_ratio = cnn.Flops() / moe.Flops();
    std::printf("  %4d %14.1f %14.1f %12.2f %12.2f\n", n, 1e6 * t_cnn,
                1e6 * t_moe, t_cnn / t_moe, flop_ratio);
    result["routing_saving"].push_back({{"n", n},
                                        {"cnn_seconds_per_step", t_cnn},
                                        {"pmoe_seconds_per_step", t_moe},
                                        {"time_ratio", t_cnn / t_moe},
                                        {"flop_ratio", flop_ratio}});
  }

  std::filesystem::create_directories(
      std::filesystem::path(out_path).parent_path().empty()
          ? "."
          : std::filesystem::path(out_path).parent_path());
  WriteFileAtomic(out_path, result.dump(2) + "\n");
  std::printf("\nwrote %s\n", out_path.c_str());
  return 0;
}
