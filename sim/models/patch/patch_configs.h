// The paper's three models [pmoe-paper.md §2], one config struct each:
// the CNN f_C [P eq. 5], the pMoE f_M [P eq. 1] trained separately
// (Algorithm 1) and jointly (Algorithm 2). They share one kernel
// (PatchModel) and one learner (PatchLearner).
#pragma once

#include "sim/core/field_schema.h"
#include "sim/train/model_config.h"

namespace sim {

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

// What PatchModel builds, whichever of the three models it is.
struct PatchArchitecture {
  bool routed = false;      // false: the CNN (k = 1, l = n, no router)
  bool soft_gates = false;  // joint training's softmax gates
  int neurons = 40;         // m, all experts together; m / k per expert
  int experts = 1;          // k
  int top_l = 1;            // l (the CNN: n)
  OutputInit output_init = OutputInit::kGaussian;
  Pooling pooling = Pooling::kPaper;
  GateVariant gate = GateVariant::kSoftmaxTopL;
  // w_{r,s} ~ N(0, std^2 I_d); negative means the paper's 1/sqrt(m) [eq. 8].
  double hidden_init_std = -1.0;
  // w_s ~ N(0, std^2 I_d); negative means the paper's
  // sigma_r = 1 / (n^2 ln(n) sqrt(d)) [eq. 7, constants chosen by us].
  double router_init_std = -1.0;
};

// Throws ConfigError ("neurons", "top_l", ...) if PatchModel cannot build it
// on samples of `num_patches` patches.
void ValidateArchitecture(const PatchArchitecture& arch, int num_patches);

// What the three share: sizes from the architecture, training by
// PatchLearner in the SGD loop (patch_configs.cc).
template <typename Derived>
struct PatchModelType {
  ModelShape Shape(int num_patches) const;
  template <typename Scalar>
  TrainResult Train(const RunConfig& run,
                    const DataBundle<Scalar>& data,
                    SampleStream<Scalar>* stream) const;
};

// The CNN f_C: m neurons over all n patches, pooled by 1/n (Thm 4.3).
struct CnnConfig : PatchModelType<CnnConfig> {
  static constexpr const char* kType = "cnn";
  int neurons = 40;
  OutputInit output_init = OutputInit::kGaussian;
  double hidden_init_std = -1.0;

  static const FieldSchema<CnnConfig>& Schema();
  static ModelTraits Traits();
  PatchArchitecture Architecture(int num_patches) const;
  void Validate(const RunConfig& run) const;
};

// Options both pMoE variants have (defaults: the separate pMoE's).
struct PmoeConfig {
  int neurons = 40;
  int num_experts = 2;
  int top_l = 2;
  OutputInit output_init = OutputInit::kGaussian;
  Pooling pooling = Pooling::kPaper;
  double hidden_init_std = -1.0;
  double router_init_std = -1.0;
};

// The pMoE trained by Algorithm 1: k = 2 routers (one per class) trained
// first on the linear loss of eq. (6), then frozen; gates 1 (Thm 4.2).
struct PmoeSeparateConfig : PatchModelType<PmoeSeparateConfig>, PmoeConfig {
  static constexpr const char* kType = "pmoe_separate";

  static const FieldSchema<PmoeSeparateConfig>& Schema();
  static ModelTraits Traits();
  PatchArchitecture Architecture(int num_patches) const;
  void Validate(const RunConfig& run) const;
};

// The pMoE trained by Algorithm 2: routers and experts together, softmax
// gates over the selected patches (Thm 4.5); k = 8, l = 6 by default.
struct PmoeJointConfig : PatchModelType<PmoeJointConfig>, PmoeConfig {
  static constexpr const char* kType = "pmoe_joint";
  GateVariant gate = GateVariant::kSoftmaxTopL;

  PmoeJointConfig() {
    num_experts = 8;
    top_l = 6;
  }
  static const FieldSchema<PmoeJointConfig>& Schema();
  static ModelTraits Traits();
  PatchArchitecture Architecture(int num_patches) const;
  void Validate(const RunConfig& run) const;
};

}  // namespace sim
