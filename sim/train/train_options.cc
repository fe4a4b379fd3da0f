#include "sim/train/train_options.h"

#include "sim/train/model_config.h"
#include "sim/train/run_config.h"

namespace sim {
namespace {

const TrainConfig& Defaults() {
  static const TrainConfig defaults;
  return defaults;
}

// One JSON field of a per-model option and whether a config leaves it at
// its default.
struct OptionField {
  TrainOption option;
  const char* field;
  bool (*is_default)(const TrainConfig&);
};

constexpr OptionField kFields[] = {
    {TrainOption::kExpertUpdate, "expert_update",
     [](const TrainConfig& t) {
       return t.expert_update == Defaults().expert_update;
     }},
    {TrainOption::kAdam, "adam.beta1",
     [](const TrainConfig& t) {
       return t.adam.beta1 == Defaults().adam.beta1;
     }},
    {TrainOption::kAdam, "adam.beta2",
     [](const TrainConfig& t) {
       return t.adam.beta2 == Defaults().adam.beta2;
     }},
    {TrainOption::kAdam, "adam.eps",
     [](const TrainConfig& t) { return t.adam.eps == Defaults().adam.eps; }},
    {TrainOption::kWeightDecay, "weight_decay",
     [](const TrainConfig& t) {
       return t.weight_decay == Defaults().weight_decay;
     }},
    {TrainOption::kRouterLearningRate, "router_learning_rate",
     [](const TrainConfig& t) {
       return t.router_learning_rate == Defaults().router_learning_rate;
     }},
    {TrainOption::kRouterBatchSize, "router_batch_size",
     [](const TrainConfig& t) {
       return t.router_batch_size == Defaults().router_batch_size;
     }},
    {TrainOption::kRouterEpochs, "router_epochs",
     [](const TrainConfig& t) {
       return t.router_epochs == Defaults().router_epochs;
     }},
    {TrainOption::kRouterSamples, "router_samples",
     [](const TrainConfig& t) {
       return t.router_samples == Defaults().router_samples;
     }},
    {TrainOption::kRouterData, "router_data",
     [](const TrainConfig& t) {
       return t.router_data == Defaults().router_data;
     }},
    {TrainOption::kRouterSchedule, "router_schedule",
     [](const TrainConfig& t) {
       return t.router_schedule == Defaults().router_schedule;
     }},
    {TrainOption::kCacheRoutes, "cache_routes",
     [](const TrainConfig& t) {
       return t.cache_routes == Defaults().cache_routes;
     }},
};

}  // namespace

bool ReadsTrainField(const ModelInterface& model, const std::string& field) {
  const ModelTraits traits = model.traits();
  for (const OptionField& f : kFields)
    if (field == f.field) return traits.train_options.Has(f.option);
  return true;
}

std::optional<UnreadTrainOption> FindUnreadTrainOption(
    const ModelInterface& model, const TrainConfig& train) {
  const ModelTraits traits = model.traits();
  for (const OptionField& f : kFields) {
    if (traits.train_options.Has(f.option) || f.is_default(train)) continue;
    std::string rule =
        std::string("the ") + model.type() + " model does not use this option";
    if (*traits.how_it_trains != '\0')
      rule += std::string(" (") + traits.how_it_trains + ")";
    return UnreadTrainOption{f.field, rule};
  }
  return std::nullopt;
}

}  // namespace sim
