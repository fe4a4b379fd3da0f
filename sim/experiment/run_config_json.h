// JSON <-> typed RunConfig, and TrainResult -> JSON. The only place where a
// run's options are read from text; the schema is documented in docs/specs.md.
#pragma once

#include <cstdint>
#include <string>

#include "sim/experiment/json_reader.h"
#include "sim/train/run_config.h"
#include "sim/train/train_result.h"

namespace sim {

DataConfig ParseDataConfig(const Json& json, const std::string& path);
ModelConfig ParseModelConfig(const Json& json, const std::string& path);
TrainConfig ParseTrainConfig(const Json& json, const std::string& path);
Precision ParsePrecision(const Json* json, const std::string& path);
uint64_t ParseSeed(const Json* json, const std::string& path);

// Whether `key` is a parameter of the model type named in `model_json`
// ("top_l" is not a parameter of "cnn").
bool ModelAccepts(const Json& model_json, const std::string& key);

// Runs the core's validation and rewrites its field names into JSON paths:
// "data.x" -> data_path + ".x", "model.x" -> model_path + ".x", ...
void ValidateAtPaths(const RunConfig& config,
                     const std::string& data_path,
                     const std::string& model_path,
                     const std::string& training_path);

// A single-run config file: {"seed", "precision", "data", "model",
// "training"}. Strictly validated; throws SpecError.
RunConfig ParseRunConfigFile(const Json& json);

// Every option with defaults filled in (the resolved config).
Json ToJson(const DataConfig& config);
Json ToJson(const ModelConfig& config);
Json ToJson(const TrainConfig& config);
const char* ModelTypeName(ModelKind kind);

// The deterministic part of a result (no wall time).
Json ResultToJson(const TrainResult& result, const TrainConfig& train);

}  // namespace sim
