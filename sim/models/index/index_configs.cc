#include "sim/models/index/index_configs.h"

#include <algorithm>
#include <cmath>

#include "sim/core/check.h"
#include "sim/models/index/index_learner.h"
#include "sim/train/sgd_loop.h"

namespace sim {

template <typename Derived>
void IndexStudentType<Derived>::Validate(const RunConfig& run) const {
  const IndexStudent s = static_cast<const Derived&>(*this).Student();
  Require(run.data.source.As<SingleIndexConfig>() != nullptr, "model.type",
          "needs data with \"source\": \"single_index\"");
  WithFieldPrefix("model.", [&] {
    Require(s.neurons >= 1, "neurons", "must be >= 1");
    Require(s.experts >= 1, "num_experts", "must be >= 1");
    Require(s.neurons % (2 * s.experts) == 0, "neurons",
            "must be a multiple of 2 * num_experts (half +1, half -1 output "
            "signs per expert)");
    Require(s.ridge > 0 && std::isfinite(s.ridge), "ridge", "must be > 0");
  });
  Require(run.train.protocol == Protocol::kBudget, "training.protocol",
          "single-index models train online by construction: use \"budget\"");
  Require(run.train.learning_rate_candidates.empty(), "training.learning_rate",
          "selection is not available for single-index models");
  // Train runs the loop at batch 1: another size would be recorded unread.
  Require(run.train.batch_size == TrainConfig().batch_size,
          "training.batch_size",
          "single-index models learn from one sample per step; leave it out");
}

template <typename Derived>
ModelShape IndexStudentType<Derived>::Shape(int num_patches) const {
  const IndexStudent s = static_cast<const Derived&>(*this).Student();
  return {s.neurons, s.experts, num_patches, 1};
}

// The recipe learns from one sample at a time, in order in the first epoch
// and reshuffled after, evaluating 20 times unless told otherwise.
template <typename Derived>
template <typename Scalar>
TrainResult IndexStudentType<Derived>::Train(
    const RunConfig& run,
    const DataBundle<Scalar>& data,
    SampleStream<Scalar>* stream) const {
  RunConfig online = run;
  online.train.batch_size = 1;
  online.train.shuffle = false;
  if (online.train.eval_every <= 0) {
    const long total = long(data.train.num_samples) * run.train.epochs;
    online.train.eval_every = std::max(1L, total / 20);
  }
  const IndexLearnerConfig options{static_cast<const Derived&>(*this).Student(),
                                   run.train.shuffle};
  return SgdLoop<IndexLearner<Scalar>, Scalar>(online, data, stream, options)
      .Run();
}

const FieldSchema<IndexVanillaConfig>& IndexVanillaConfig::Schema() {
  static const FieldSchema<IndexVanillaConfig> schema = [] {
    FieldSchema<IndexVanillaConfig> s;
    s.Int("neurons", &IndexVanillaConfig::neurons, 1, 100000000);
    return s;
  }();
  return schema;
}

ModelTraits IndexVanillaConfig::Traits() {
  ModelTraits t;
  t.how_it_trains =
      "it takes spherical steps at learning_rate and has no router";
  return t;
}

const FieldSchema<IndexMoeConfig>& IndexMoeConfig::Schema() {
  static const FieldSchema<IndexMoeConfig> schema = [] {
    FieldSchema<IndexMoeConfig> s;
    s.Int("neurons", &IndexMoeConfig::neurons, 1, 100000000)
        .Int("num_experts", &IndexMoeConfig::num_experts, 1, 4096)
        .Choice("router", &IndexMoeConfig::router,
                {{"competitive", IndexRouterRule::kCompetitive},
                 {"straight_through", IndexRouterRule::kStraightThrough},
                 {"lowest_loss", IndexRouterRule::kLowestLoss}})
        .OmitDefault()
        .Int("router_rounds", &IndexMoeConfig::router_rounds, 1, 1000)
        .OmitDefault()
        .Number("ridge", &IndexMoeConfig::ridge)
        .OmitDefault();
    return s;
  }();
  return schema;
}

ModelTraits IndexMoeConfig::Traits() {
  ModelTraits t;
  t.routing = Routing::kSample;
  // IndexLearner::Step: the router's stage moves at router_learning_rate.
  t.train_options = {TrainOption::kRouterLearningRate};
  t.how_it_trains =
      "it takes spherical steps at learning_rate and trains its router in "
      "stage 2 at router_learning_rate";
  return t;
}

template struct IndexStudentType<IndexVanillaConfig>;
template struct IndexStudentType<IndexMoeConfig>;
PMOE_INSTANTIATE_TRAIN(IndexStudentType<IndexVanillaConfig>);
PMOE_INSTANTIATE_TRAIN(IndexStudentType<IndexMoeConfig>);

}  // namespace sim
