// Typed options of the three models [pmoe-paper.md §2].
#pragma once

namespace sim {

enum class ModelKind {
  kCnn,           // f_C [P eq. 5]: m neurons over all n patches
  kPmoeSeparate,  // f_M [P eq. 1], k = 2, G = 1, Algorithm 1
  kPmoeJoint,     // f_M [P eq. 1], softmax gates, Algorithm 2
  kMoeTopK,       // sample-level noisy top-k MoE of two-layer CNN experts:
                  // Chen et al. 2022 (k = 1, other-seeds.md §1.2) and the
                  // sparse MoE of Zhao et al. 2024 (§3)
  kIndexVanilla,  // Kawata et al. 2025 (§2): a two-layer network of unit
                  // neurons trained by online spherical SGD (reconstruction)
  kIndexMoe       // Kawata et al. 2025: experts of such networks, trained in
                  // stages (random routing, router, routed experts)
};

// Expert activation of the top-k MoE (and its single-expert baseline).
enum class Activation { kCubic, kLinear };

// Gate of the top-k MoE: the softmax probability (over all M experts) of
// each chosen expert (Chen et al.'s paper) or its raw noisy routing score
// (their code).
enum class TopKGate { kSoftmax, kNoisyScore };

// Fixed second layer a_{r,s} (never trained).
enum class OutputInit {
  kGaussian,      // a ~ N(0, 1) (paper §3.2)
  kSignPerExpert  // +1 for expert 0, -1 for expert 1, ... (official code)
};

// The 1/l in eq. (1) and 1/n in eq. (5), or 1/n for every model (the code's
// GlobalAveragePooling over all 16 cells).
enum class Pooling { kPaper, kAllPatches };

// Joint-training gate G_{j,s}: softmax over the l selected routing values
// (paper eq. 4, MNIST code), or softmax over all n values restricted to the
// selected l, not renormalised (the deep-model code's gater_2.py).
enum class GateVariant { kSoftmaxTopL, kSoftmaxAllPatches };

struct ModelConfig {
  ModelKind kind = ModelKind::kCnn;
  int neurons = 40;     // m, all experts together; m / k per expert
  int num_experts = 2;  // k (CNN: 1; separate training: 2)
  int top_l = 2;        // l, patches each expert selects (CNN: n)
  OutputInit output_init = OutputInit::kGaussian;
  Pooling pooling = Pooling::kPaper;
  GateVariant gate = GateVariant::kSoftmaxTopL;
  // w_{r,s} ~ N(0, std^2 I_d); negative means the paper's 1/sqrt(m) [eq. 8].
  double hidden_init_std = -1.0;
  // w_s ~ N(0, std^2 I_d); negative means the paper's
  // sigma_r = 1 / (n^2 ln(n) sqrt(d)) [eq. 7, constants chosen by us].
  double router_init_std = -1.0;
  // Top-k MoE only (kMoeTopK). neurons = all filters; each expert's m/M
  // filters are half +1, half -1 output signs. num_experts = 1 is the
  // single-model baseline (no router, gate 1). top_k experts are active.
  Activation activation = Activation::kCubic;
  TopKGate topk_gate = TopKGate::kSoftmax;
  bool bias = false;          // per-filter bias (the code has one)
  double router_noise = 1.0;  // routing noise r ~ U[0, router_noise)
  int top_k = 1;              // active experts per sample
};

// Throws ConfigError naming the field and the rule.
void ValidateModelConfig(const ModelConfig& config, int num_patches);

}  // namespace sim
