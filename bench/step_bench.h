// Section 1, the SGD step kernels (Google Benchmark), and section 4, the
// compute saving of patch routing per step as n grows.
#pragma once

#include <benchmark/benchmark.h>

#include <vector>

#include "bench_setup.h"
#include "machine_peak.h"

namespace bench {

// Registers the step kernels of the three models at d = 784 and d = 64
// (n = 16, m = 40, B = 20), each timed for about `min_time` seconds.
void RegisterStepBenchmarks(double min_time);

// Keeps what Google Benchmark measured, for the report.
class CapturingReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) captured.push_back(run);
    ConsoleReporter::ReportRuns(runs);
  }
  std::vector<Run> captured;
};

// Prints the steps/s table against the peak; returns it as JSON.
Json StepTable(const CapturingReporter& reporter, const sim::MachinePeak& peak);

// CNN vs separate pMoE (k = 2, l = 2) seconds per step at d = 784 for each
// n, beside their FLOP ratio; printed and returned as JSON.
Json RoutingSaving(const std::vector<int>& patch_counts);

}  // namespace bench
