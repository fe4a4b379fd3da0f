// What the benchmark's sections share: the three models of the paper at a
// given size, as kernel architectures and as run configs, and a median with
// its spread over repeated measurements.
#pragma once

#include <vector>

#include "sim/data/data_config.h"
#include "sim/experiment/spec/json_reader.h"
#include "sim/models/patch/patch_configs.h"
#include "sim/train/run_config.h"

namespace bench {

using Json = sim::Json;

enum class ModelKind { kCnn, kPmoeSeparate, kPmoeJoint };

// The kernel's architecture of one of the paper's models (m neurons).
sim::PatchArchitecture Model(ModelKind kind, int k, int l, int m = 40);

// The same as a run's model options.
sim::ModelConfig RunModel(ModelKind kind, int k, int l, int m = 40);

// Synthetic data: n patches of dimension d, N training samples.
sim::DataConfig Data(int n, int d, int N, int test_size = 100);

// The section 5.1 models: CNN, separate pMoE (k = 2, l = 2), joint pMoE
// (k = 8, l = 6), each with m = 40.
struct PaperModel {
  const char* name;
  ModelKind kind;
  int k, l;
};
const std::vector<PaperModel>& PaperModels();

// Median, smallest and largest of repeated measurements.
struct Spread {
  double median = 0, min = 0, max = 0;
};
Spread SpreadOf(std::vector<double> values);

}  // namespace bench
