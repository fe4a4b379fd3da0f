// The training options (TrainConfig, run_config.h) that only some model
// types read. Each type names those its learner reads in
// ModelTraits::train_options (model_config.h); one given a value other than
// its default for a type that does not read it is refused at the edge, so
// that no spec or record claims an optimiser or a router schedule the run
// never used. The protocol's options (learning_rate, batch_size, epochs,
// protocol, targets, ...) are read by the SGD loop for every type and are
// not listed here.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>

namespace sim {

struct TrainConfig;
class ModelInterface;

enum class TrainOption {
  kExpertUpdate,        // expert_update
  kAdam,                // adam.beta1, adam.beta2, adam.eps
  kWeightDecay,         // weight_decay
  kRouterLearningRate,  // router_learning_rate
  kRouterBatchSize,     // router_batch_size
  kRouterEpochs,        // router_epochs
  kRouterSamples,       // router_samples
  kRouterData,          // router_data
  kRouterSchedule,      // router_schedule
  kCacheRoutes,         // cache_routes
};

// A set of TrainOption: those a model type's learner reads.
class TrainOptionSet {
 public:
  constexpr TrainOptionSet() = default;
  constexpr TrainOptionSet(std::initializer_list<TrainOption> options) {
    for (TrainOption option : options) bits_ |= Bit(option);
  }
  constexpr bool Has(TrainOption option) const {
    return (bits_ & Bit(option)) != 0;
  }

 private:
  static constexpr uint32_t Bit(TrainOption option) {
    return uint32_t{1} << static_cast<int>(option);
  }
  uint32_t bits_ = 0;
};

// A training option set for a model type whose learner does not read it.
struct UnreadTrainOption {
  std::string field;  // inside "training": "expert_update", "adam.beta1", ...
  std::string rule;   // "the cnn model does not use this option (...)"
};

// Whether `model`'s type reads the training option at `field` (its path
// inside "training"): false only for a per-model option its type does not
// list; the protocol's options are read by every type.
bool ReadsTrainField(const ModelInterface& model, const std::string& field);

// The first per-model option of `train` given a value other than its
// default that `model`'s type does not read; nullopt if there is none.
std::optional<UnreadTrainOption> FindUnreadTrainOption(
    const ModelInterface& model, const TrainConfig& train);

}  // namespace sim
