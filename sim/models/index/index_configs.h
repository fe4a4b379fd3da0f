// The students of the clustered single-index regression of Kawata et al.
// 2025 (other-seeds.md §2.6: an INFERRED recipe, not the paper's exact
// algorithm), trained by IndexLearner (index_learner.h):
//   index_vanilla: one network of `neurons` unit neurons on every sample.
//   index_moe: `num_experts` experts of neurons / num_experts neurons with
//     a router learned in stages.
#pragma once

#include "sim/core/field_schema.h"
#include "sim/models/index/loss_router.h"
#include "sim/train/model_config.h"

namespace sim {

// What IndexLearner builds.
struct IndexStudent {
  int neurons = 32;
  int experts = 1;
  bool moe = false;  // staged routing (else one network)
  IndexRouterRule router = IndexRouterRule::kCompetitive;
  int router_rounds = 4;  // loss-trained routers: rounds after round 0
  double ridge = 1e-3;    // the heads' ridge, times the samples fitted
};

// Shared by both students: validation, sizes, training (index_configs.cc).
template <typename Derived>
struct IndexStudentType {
  void Validate(const RunConfig& run) const;
  ModelShape Shape(int num_patches) const;
  template <typename Scalar>
  TrainResult Train(const RunConfig& run,
                    const DataBundle<Scalar>& data,
                    SampleStream<Scalar>* stream) const;
};

struct IndexVanillaConfig : IndexStudentType<IndexVanillaConfig> {
  static constexpr const char* kType = "index_vanilla";
  int neurons = 32;

  static const FieldSchema<IndexVanillaConfig>& Schema();
  static ModelTraits Traits();
  IndexStudent Student() const { return {neurons, 1, false, {}, 4, 1e-3}; }
};

// The router of stage 2: "competitive" (online competitive learning of one
// prototype per expert: k-means on x, ignoring y and the experts; a
// reference, not the paper's mechanism) or trained from the task's loss
// (loss_router.h): "straight_through" or "lowest_loss".
struct IndexMoeConfig : IndexStudentType<IndexMoeConfig> {
  static constexpr const char* kType = "index_moe";
  int neurons = 32;
  int num_experts = 4;
  IndexRouterRule router = IndexRouterRule::kCompetitive;
  int router_rounds = 4;
  double ridge = 1e-3;

  static const FieldSchema<IndexMoeConfig>& Schema();
  static ModelTraits Traits();
  IndexStudent Student() const {
    return {neurons, num_experts, true, router, router_rounds, ridge};
  }
};

}  // namespace sim
