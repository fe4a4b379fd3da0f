// pmoe-bench: how fast the simulator trains, against the machine's limit.
//
//  1. SGD step kernels (Google Benchmark) for the CNN, separate and joint
//     pMoE at the paper's section 5.1 size (n = 16, d = 784, m = 40, B = 20)
//     and a small synthetic size (d = 64): steps/s and GFLOP/s from the
//     analytic FLOP count, beside the core's peak FP32 (step_bench.h).
//  2. Whole-grid throughput: runs/s with 1 thread and with all threads, and
//     the parallel efficiency, warmed up, repeated and interleaved, as
//     median and spread (grid_bench.h).
//  3. Cost scaling: time per run as n, d, m and N grow (scaling_bench.h).
//  4. pMoE vs CNN time per step as n grows, beside the FLOP ratio (the
//     paper's compute saving, about n / l; step_bench.h).
//  5. Whole runs split into data generation, routing, training steps and
//     evaluation; the online protocol against the fixed set
//     (whole_run_bench.h).
// Everything goes to a JSON file (--out) so runs can be compared.
#include <benchmark/benchmark.h>

#include <string>
#include <thread>
#include <vector>

#include "grid_bench.h"
#include "report.h"
#include "scaling_bench.h"
#include "step_bench.h"
#include "whole_run_bench.h"

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
  const sim::MachinePeak peak = sim::DetectPeak();
  const int threads =
      static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  bench::Json report;
  report["machine"] = bench::MachineReport(peak, threads);

  bench::RegisterStepBenchmarks(quick ? 0.05 : 0.5);
  int bench_argc = static_cast<int>(bench_args.size());
  benchmark::Initialize(&bench_argc, bench_args.data());
  bench::CapturingReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  report["steps"] = bench::StepTable(reporter, peak);
  if (!steps_only) {
    report.update(bench::WholeRuns(quick));
    report["grids"] = bench::GridEfficiency(threads, quick);
    report["scaling"] = bench::CostScaling(quick);
    report["routing_saving"] =
        bench::RoutingSaving(quick ? std::vector<int>{16, 64}
                                   : std::vector<int>{8, 16, 32, 64, 128});
  }
  bench::WriteReport(out_path, report);
  return 0;
}
