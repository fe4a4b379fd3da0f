// JSON <-> ModelConfig through the model registry (model_registry.h).
#include "sim/experiment/spec/did_you_mean.h"
#include "sim/experiment/spec/model_registry.h"
#include "sim/experiment/spec/run_config_json.h"

namespace sim {
namespace {

const ModelEntry& ModelEntryOf(const ModelConfig& config) {
  const ModelEntry* entry = FindModelEntry(config->type());
  SIM_CHECK(entry != nullptr);
  return *entry;
}

}  // namespace

ModelConfig ParseModelConfig(const Json& json, const std::string& path) {
  ObjectReader r(json, path);
  if (!r.Has("type"))
    ThrowSpecError(r.PathOf("type"),
                   "is required (one of " + ModelTypeNames() + ")");
  const std::string type = r.String("type", "");
  const ModelEntry* entry = FindModelEntry(type);
  if (entry == nullptr) {
    ThrowSpecError(r.PathOf("type"), "must be one of " + ModelTypeNames() +
                                         ", got " + DescribeJson(Json(type)) +
                                         DidYouMean(type, ModelTypeList()));
  }
  ModelConfig c = entry->parse(r);
  r.Finish();
  return c;
}

bool SetModelField(ModelConfig& config,
                   const std::string& key,
                   const Json& value,
                   const std::string& path) {
  return ModelEntryOf(config).set(config, key, value, path);
}

Json ToJson(const ModelConfig& config) {
  return ModelEntryOf(config).write(config);
}

}  // namespace sim
