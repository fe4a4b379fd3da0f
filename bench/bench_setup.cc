#include "bench_setup.h"

#include <algorithm>

#include "sim/data/synthetic/synthetic_config.h"

namespace bench {

sim::PatchArchitecture Model(ModelKind kind, int k, int l, int m) {
  sim::PatchArchitecture a;
  a.routed = kind != ModelKind::kCnn;
  a.soft_gates = kind == ModelKind::kPmoeJoint;
  a.neurons = m;
  a.experts = a.routed ? k : 1;
  a.top_l = l;
  return a;
}

sim::ModelConfig RunModel(ModelKind kind, int k, int l, int m) {
  if (kind == ModelKind::kCnn) {
    sim::CnnConfig c;
    c.neurons = m;
    return c;
  }
  sim::PmoeConfig options;
  options.neurons = m;
  options.num_experts = k;
  options.top_l = l;
  if (kind == ModelKind::kPmoeSeparate) {
    sim::PmoeSeparateConfig c;
    static_cast<sim::PmoeConfig&>(c) = options;
    return c;
  }
  sim::PmoeJointConfig c;
  static_cast<sim::PmoeConfig&>(c) = options;
  return c;
}

sim::DataConfig Data(int n, int d, int N, int test_size) {
  sim::DataConfig data;
  data.num_patches = n;
  data.train_size = N;
  data.test_size = test_size;
  data.source.Mutable<sim::SyntheticConfig>().patch_dim = d;
  data.source.Mutable<sim::SyntheticConfig>().num_confusers = 1;
  return data;
}

const std::vector<PaperModel>& PaperModels() {
  static const std::vector<PaperModel> models = {
      {"cnn", ModelKind::kCnn, 1, 16},
      {"pmoe_separate_k2_l2", ModelKind::kPmoeSeparate, 2, 2},
      {"pmoe_joint_k8_l6", ModelKind::kPmoeJoint, 8, 6}};
  return models;
}

Spread SpreadOf(std::vector<double> values) {
  Spread s;
  if (values.empty()) return s;
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  s.median = n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
  s.min = values.front();
  s.max = values.back();
  return s;
}

}  // namespace bench
