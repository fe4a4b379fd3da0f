// JSON <-> TrainConfig: the scalar options from a schema, the learning rate
// (a number or {"select": [candidates]}) and the targets by hand.
#include <cstdio>

#include "sim/core/check.h"
#include "sim/experiment/spec/field_json.h"
#include "sim/experiment/spec/run_config_json.h"

namespace sim {
namespace {

constexpr long kBig = 100000000;

const FieldSchema<TrainConfig>& TrainSchema() {
  using C = TrainConfig;
  static const FieldSchema<C> schema = [] {
    FieldSchema<AdamConfig> adam;
    adam.Number("beta1", &AdamConfig::beta1)
        .Number("beta2", &AdamConfig::beta2)
        .Number("eps", &AdamConfig::eps);
    FieldSchema<C> s;
    s.Int("batch_size", &C::batch_size, 1, kBig)
        .Int("epochs", &C::epochs, 1, kBig)
        .Bool("shuffle", &C::shuffle)
        .Choice("expert_update", &C::expert_update,
                {{"sgd", ExpertUpdate::kSgd},
                 {"normalized", ExpertUpdate::kNormalized},
                 {"adam", ExpertUpdate::kAdam}})
        .Int("eval_every", &C::eval_every, 0, kBig)
        .Number("early_stop_rise", &C::early_stop_rise)
        .Int("early_stop_after_epochs", &C::early_stop_after_epochs, 0, kBig)
        .Nested("adam", &C::adam, adam)
        .Number("weight_decay", &C::weight_decay)
        .Number("router_learning_rate", &C::router_learning_rate)
        .Int("router_batch_size", &C::router_batch_size, 1, kBig)
        .Int("router_epochs", &C::router_epochs, 1, kBig)
        .Int("router_samples", &C::router_samples, 0, kBig)
        .Bool("cache_routes", &C::cache_routes)
        .Choice("router_data", &C::router_data,
                {{"training_set", RouterData::kTrainingSet},
                 {"independent", RouterData::kIndependent}})
        .Choice("router_schedule", &C::router_schedule,
                {{"fixed", RouterSchedule::kFixed},
                 {"lemma_4_1", RouterSchedule::kLemma41}})
        .Choice("protocol", &C::protocol,
                {{"budget", Protocol::kBudget},
                 {"online", Protocol::kOnline},
                 {"converged", Protocol::kConverged}})
        .Int("max_steps", &C::max_steps, 0, kBig)
        .Int("validation_size", &C::validation_size, 0, kBig)
        .Int("eval_points_per_decade", &C::eval_points_per_decade, 0, 1000)
        .Number("stop_train_loss", &C::stop_train_loss)
        .Number("stop_plateau", &C::stop_plateau)
        .Int("stop_min_epochs", &C::stop_min_epochs, 0, kBig);
    return s;
  }();
  return schema;
}

// "select_by": how the candidates are compared (rate_selection.h).
RateSelection ParseRateSelection(const Json& value, const std::string& path) {
  if (value == "full") return RateSelection::kFull;
  if (value == "halving") return RateSelection::kHalving;
  ThrowSpecError(
      path, "expected \"full\" or \"halving\", got " + DescribeJson(value));
}

// "learning_rate": a number, or {"select": [candidates], "select_by": how}
// (selection on the validation set; learning_rate is then the first
// candidate).
void SetLearningRate(TrainConfig& c,
                     const Json& value,
                     const std::string& path) {
  c.learning_rate_candidates.clear();
  c.rate_selection = RateSelection::kFull;
  if (!value.is_object()) {
    c.learning_rate = NumberValue(value, path);
    return;
  }
  ObjectReader select(value, path);
  const Json* list = select.Member("select");
  if (list == nullptr || !list->is_array() || list->empty()) {
    ThrowSpecError(path + ".select",
                   "expected a non-empty array of learning rates > 0");
  }
  for (size_t i = 0; i < list->size(); ++i) {
    const Json& v = (*list)[i];
    if (!v.is_number() || !(v.get<double>() > 0)) {
      ThrowSpecError(path + ".select[" + std::to_string(i) + "]",
                     "expected a number > 0, got " + DescribeJson(v));
    }
    c.learning_rate_candidates.push_back(v.get<double>());
  }
  if (const Json* by = select.Member("select_by"))
    c.rate_selection = ParseRateSelection(*by, path + ".select_by");
  select.Finish();
  c.learning_rate = c.learning_rate_candidates.front();
}

void SetTargets(TrainConfig& c, const Json& t, const std::string& path) {
  if (!t.is_array() || t.empty()) {
    ThrowSpecError(path, "expected a non-empty array of numbers in [0, 1]");
  }
  c.targets.clear();
  for (size_t i = 0; i < t.size(); ++i) {
    const Json& v = t[i];
    if (!v.is_number() || v.get<double>() < 0 || v.get<double>() > 1) {
      ThrowSpecError(path + "[" + std::to_string(i) + "]",
                     "expected a number in [0, 1], got " + DescribeJson(v));
    }
    c.targets.push_back(v.get<double>());
  }
}

// An option set to a value other than its default while the choice that
// would use it is another: a spec that says more than it does.
void RequireDefaultUnless(bool applies,
                          bool is_default,
                          const std::string& field,
                          const std::string& condition) {
  Require(applies || is_default, "training." + field,
          "applies only when training." + condition + " (leave it out)");
}

}  // namespace

void CheckTrainOptionsApply(const TrainConfig& c) {
  const TrainConfig defaults;
  const bool budget = c.protocol == Protocol::kBudget;
  const bool converged = c.protocol == Protocol::kConverged;
  RequireDefaultUnless(!budget, c.max_steps == defaults.max_steps, "max_steps",
                       "protocol is \"online\" or \"converged\"");
  const char* when_converged = "protocol is \"converged\"";
  RequireDefaultUnless(converged, c.stop_train_loss == defaults.stop_train_loss,
                       "stop_train_loss", when_converged);
  RequireDefaultUnless(converged, c.stop_plateau == defaults.stop_plateau,
                       "stop_plateau", when_converged);
  RequireDefaultUnless(converged, c.stop_min_epochs == defaults.stop_min_epochs,
                       "stop_min_epochs", when_converged);
  const bool adam = c.expert_update == ExpertUpdate::kAdam;
  const char* when_adam = "expert_update is \"adam\"";
  RequireDefaultUnless(adam, c.adam.beta1 == defaults.adam.beta1, "adam.beta1",
                       when_adam);
  RequireDefaultUnless(adam, c.adam.beta2 == defaults.adam.beta2, "adam.beta2",
                       when_adam);
  RequireDefaultUnless(adam, c.adam.eps == defaults.adam.eps, "adam.eps",
                       when_adam);
}

TrainConfig ParseTrainConfig(const Json& json,
                             const std::string& path,
                             const TrainConfig& base) {
  ObjectReader r(json, path);
  TrainConfig c = base;
  if (const Json* v = r.Member("learning_rate"))
    SetLearningRate(c, *v, r.PathOf("learning_rate"));
  if (const Json* v = r.Member("targets"))
    SetTargets(c, *v, r.PathOf("targets"));
  ReadFields(r, TrainSchema(), c);
  r.Finish();
  return c;
}

void SetTrainField(TrainConfig& config,
                   const std::string& key,
                   const Json& value,
                   const std::string& path) {
  if (key == "learning_rate") return SetLearningRate(config, value, path);
  if (key == "targets") return SetTargets(config, value, path);
  if (!SetField(TrainSchema(), config, key, value, path))
    ThrowSpecError(path, "unknown training option '" + ClipName(key) + "'");
}

// The learning rate as the spec writes it; select_by only for halving, so
// that the resolved spec of a folder of full selection stays as it was.
Json LearningRateJson(const TrainConfig& c) {
  if (c.learning_rate_candidates.empty()) return Json(c.learning_rate);
  Json j = {{"select", c.learning_rate_candidates}};
  if (c.rate_selection == RateSelection::kHalving) j["select_by"] = "halving";
  return j;
}

Json ToJson(const TrainConfig& c) {
  Json j = {{"learning_rate", LearningRateJson(c)},
            {"batch_size", c.batch_size},
            {"epochs", c.epochs},
            {"shuffle", c.shuffle},
            {"eval_every", c.eval_every},
            {"targets", c.targets},
            {"router_learning_rate", c.router_learning_rate},
            {"router_batch_size", c.router_batch_size},
            {"router_epochs", c.router_epochs},
            {"router_samples", c.router_samples}};
  WriteField(TrainSchema(), c, "expert_update", j);
  // Options added later appear only when set, so that the resolved spec of
  // an older results folder still matches and the folder still resumes.
  if (c.early_stop_rise > 0) j["early_stop_rise"] = c.early_stop_rise;
  if (c.early_stop_after_epochs > 0)
    j["early_stop_after_epochs"] = c.early_stop_after_epochs;
  if (c.expert_update == ExpertUpdate::kAdam) {
    for (const char* key : {"adam.beta1", "adam.beta2", "adam.eps"})
      WriteField(TrainSchema(), c, key, j);
  }
  if (c.weight_decay > 0) j["weight_decay"] = c.weight_decay;
  if (c.router_data == RouterData::kIndependent)
    j["router_data"] = "independent";
  if (!c.cache_routes) j["cache_routes"] = false;
  if (c.router_schedule != RouterSchedule::kFixed)
    WriteField(TrainSchema(), c, "router_schedule", j);
  if (c.protocol != Protocol::kBudget) {
    j["protocol"] = ProtocolName(c.protocol);
    j["max_steps"] = c.max_steps;
  }
  if (c.protocol == Protocol::kConverged) {
    j["stop_train_loss"] = c.stop_train_loss;
    j["stop_plateau"] = c.stop_plateau;
    j["stop_min_epochs"] = c.stop_min_epochs;
  }
  if (EvalPointsPerDecade(c) > 0)
    j["eval_points_per_decade"] = EvalPointsPerDecade(c);
  if (c.validation_size > 0) j["validation_size"] = c.validation_size;
  return j;
}

}  // namespace sim
