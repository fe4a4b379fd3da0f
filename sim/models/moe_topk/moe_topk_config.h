// The sample-level sparse top-k MoE of two-layer CNN experts (topk_moe.h):
// Chen et al. 2022 (top_k = 1, other-seeds.md §1.2; num_experts = 1 is the
// single-model baseline) and Zhao et al. 2024 (§3).
#pragma once

#include "sim/core/field_schema.h"
#include "sim/train/model_config.h"

namespace sim {

// Expert activation of the top-k MoE (and its single-expert baseline).
enum class Activation { kCubic, kLinear };

// Gate of each chosen expert: its softmax probability over all M experts
// (Chen et al.'s paper) or its raw noisy routing score (their code).
enum class MoeTopkGate { kSoftmax, kNoisyScore };

// Initial filters (and biases): N(0, hidden_init_std^2) (the paper's MoE),
// or PyTorch's default Conv1d initialisation U(-s, s) with s = init_scale /
// sqrt(d) (Chen et al.'s code for its single-model baselines).
enum class MoeTopkInit { kGaussian, kTorchUniform };

struct MoeTopkConfig {
  static constexpr const char* kType = "moe_topk";
  // All filters; each expert's neurons / num_experts filters are half +1,
  // half -1 output signs.
  int neurons = 128;
  int num_experts = 8;  // M; 1 = the single-model baseline (no router)
  Activation activation = Activation::kCubic;
  MoeTopkGate gate = MoeTopkGate::kSoftmax;
  bool bias = false;  // per-filter bias (the code has one)
  // w ~ N(0, std^2 I_d); negative means 1e-4 (Chen et al.'s code).
  double hidden_init_std = -1.0;
  MoeTopkInit init = MoeTopkInit::kGaussian;
  double init_scale = 1.0;
  double router_noise = 1.0;  // routing noise r ~ U[0, router_noise)
  int top_k = 1;              // active experts per sample

  static const FieldSchema<MoeTopkConfig>& Schema();
  static ModelTraits Traits();
  void Validate(const RunConfig& run) const;
  ModelShape Shape(int num_patches) const;
  template <typename Scalar>
  TrainResult Train(const RunConfig& run,
                    const DataBundle<Scalar>& data,
                    SampleStream<Scalar>* stream) const;
};

}  // namespace sim
