// JSON <-> typed RunConfig, and TrainResult -> JSON. The only place where a
// run's options are read from text (data_config_json.cc, model_config_json.cc
// through the registries, train_config_json.cc; results: result_json.cc);
// the schema is documented in docs/specs.md.
#pragma once

#include <cstdint>
#include <string>

#include "sim/experiment/spec/json_reader.h"
#include "sim/train/run_config.h"
#include "sim/train/train_result.h"

namespace sim {

DataConfig ParseDataConfig(const Json& json, const std::string& path);
ModelConfig ParseModelConfig(const Json& json, const std::string& path);
// Reads the training options over `base` (a model's overrides of the
// spec's training section).
TrainConfig ParseTrainConfig(const Json& json,
                             const std::string& path,
                             const TrainConfig& base = {});
Precision ParsePrecision(const Json* json, const std::string& path);
uint64_t ParseSeed(const Json* json, const std::string& path);

// Grid axis values set on typed configs: `key` is the path inside the
// section ("synthetic.delta_r", "top_l", "learning_rate"), errors name
// `path`. SetModelField is false where the model type has no such option
// (the CNN's top_l); the others throw SpecError for an unknown key.
void SetDataField(DataConfig& config,
                  const std::string& key,
                  const Json& value,
                  const std::string& path);
bool SetModelField(ModelConfig& config,
                   const std::string& key,
                   const Json& value,
                   const std::string& path);
void SetTrainField(TrainConfig& config,
                   const std::string& key,
                   const Json& value,
                   const std::string& path);

// Throws ConfigError for a training option given a value other than its
// default where it does not apply: max_steps under the budget protocol,
// stop_* outside the converged one, adam.* without expert_update "adam".
// (Options whose switch is a number, such as early_stop_after_epochs with
// early_stop_rise 0, are left alone: a grid axis may sweep through 0.)
void CheckTrainOptionsApply(const TrainConfig& config);

// Runs the core's validation and CheckTrainOptionsApply, and rewrites their
// field names into JSON paths:
// "data.x" -> data_path + ".x", "model.x" -> model_path + ".x", ...
void ValidateAtPaths(const RunConfig& config,
                     const std::string& data_path,
                     const std::string& model_path,
                     const std::string& training_path);

// Throws SpecError for a per-model training option (sim/models/
// train_options.h) given a value other than its default for a model type
// that does not read it, with the rule and where to fix it. A run config:
// "training.expert_update: the cnn model does not use this option (...);
// remove it". Model `name` of a spec, whose models.NAME.training is
// `overrides` as written (null: none) and whose options before the grid's
// axes are `before_axes`: models.NAME.training.KEY where the model sets it
// itself ("remove it"), training.KEY where it inherits it from the spec's
// shared section ("move it into models.NAME.training of the models that use
// it"). (A grid axis over such an option skips the models that do not read
// it: grid_spec.cc.)
void CheckTrainOptionsRead(const RunConfig& config);
void CheckModelTrainOptionsRead(const RunConfig& config,
                                const std::string& name,
                                const Json& overrides,
                                const TrainConfig& before_axes);

// A single-run config file: {"seed", "precision", "data", "model",
// "training"}. Strictly validated; throws SpecError.
RunConfig ParseRunConfigFile(const Json& json);

// Every option with defaults filled in (the resolved config).
Json ToJson(const DataConfig& config);
Json ToJson(const ModelConfig& config);
Json ToJson(const TrainConfig& config);

// The deterministic part of a result (no wall time).
Json ResultToJson(const TrainResult& result, const TrainConfig& train);

}  // namespace sim
