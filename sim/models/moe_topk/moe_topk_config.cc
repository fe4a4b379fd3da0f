#include "sim/models/moe_topk/moe_topk_config.h"

#include <cmath>
#include <string>

#include "sim/core/check.h"
#include "sim/models/moe_topk/moe_topk_learner.h"
#include "sim/train/sgd_loop.h"

namespace sim {

const FieldSchema<MoeTopkConfig>& MoeTopkConfig::Schema() {
  using C = MoeTopkConfig;
  static const FieldSchema<C> schema =
      FieldSchema<C>()
          .Int("neurons", &C::neurons, 1, 100000000)
          .Int("num_experts", &C::num_experts, 1, 4096)
          .Choice(
              "activation", &C::activation,
              {{"cubic", Activation::kCubic}, {"linear", Activation::kLinear}})
          .Choice("gate", &C::gate,
                  {{"softmax", MoeTopkGate::kSoftmax},
                   {"noisy_score", MoeTopkGate::kNoisyScore}})
          .Bool("bias", &C::bias)
          .InitStd("hidden_init_std", &C::hidden_init_std)
          .Choice("init", &C::init,
                  {{"gaussian", MoeTopkInit::kGaussian},
                   {"torch_uniform", MoeTopkInit::kTorchUniform}})
          .OmitDefault()
          .Number("init_scale", &C::init_scale)
          .OmitDefault()
          .Number("router_noise", &C::router_noise)
          .Int("top_k", &C::top_k, 1, 4096);
  return schema;
}

ModelTraits MoeTopkConfig::Traits() {
  ModelTraits t;
  t.routing = Routing::kSample;
  t.gap_bound = true;
  // MoeTopkLearner::Step: experts by expert_update (Adam with weight_decay),
  // the router by GD at router_learning_rate, both at every step.
  t.train_options = {TrainOption::kExpertUpdate, TrainOption::kAdam,
                     TrainOption::kWeightDecay,
                     TrainOption::kRouterLearningRate};
  t.how_it_trains =
      "its router trains with its experts at every step, by GD at "
      "router_learning_rate; it has no router phase";
  return t;
}

void MoeTopkConfig::Validate(const RunConfig&) const {
  WithFieldPrefix("model.", [&] {
    Require(neurons >= 1, "neurons", "must be >= 1");
    Require(num_experts >= 1, "num_experts", "must be >= 1");
    Require(neurons % (2 * num_experts) == 0, "neurons",
            "must be a multiple of 2 * num_experts (each expert has as many "
            "+1 as -1 filters)");
    Require(router_noise >= 0, "router_noise", "must be >= 0");
    Require(init_scale > 0 && std::isfinite(init_scale), "init_scale",
            "must be > 0");
    Require(top_k >= 1 && top_k <= num_experts, "top_k",
            "must satisfy 1 <= top_k <= num_experts (" +
                std::to_string(num_experts) + ")");
  });
}

ModelShape MoeTopkConfig::Shape(int num_patches) const {
  return {neurons, num_experts, num_patches, top_k};
}

template <typename Scalar>
TrainResult MoeTopkConfig::Train(const RunConfig& run,
                                 const DataBundle<Scalar>& data,
                                 SampleStream<Scalar>* stream) const {
  return SgdLoop<MoeTopkLearner<Scalar>, Scalar>(run, data, stream, *this)
      .Run();
}

PMOE_INSTANTIATE_TRAIN(MoeTopkConfig);

}  // namespace sim
