// The model registry: one entry per model type, the only place where a
// type's spec name meets its options struct. Parsing, writing and grid
// axes of every type come from its FieldSchema; validation, training and
// sizes from the struct itself (model_options.h). Adding a model type: a
// folder under sim/models/ and one line in model_registry.cc (or, for an
// extension outside the tree, one RegisterModel call before parsing).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/experiment/field_json.h"
#include "sim/models/model_options.h"

namespace sim {

struct ModelEntry {
  std::string type;  // "cnn"
  ModelTraits traits;
  // The keys a model object may hold besides "type" (also the model axes
  // the type accepts: "top_l" is not one of the CNN's).
  std::vector<std::string> keys;
  // Reads the options from a model object (its "type" already read).
  std::function<ModelConfig(ObjectReader&)> parse;
  // The options with every default filled in, "type" included.
  std::function<Json(const ModelConfig&)> write;
  // Sets one option (a grid axis value); false if the type has no `key`.
  std::function<bool(ModelConfig&,
                     const std::string& key,
                     const Json&,
                     const std::string& path)>
      set;
};

// The entry of an options struct T with the members model_options.h names.
template <typename T>
ModelEntry ModelEntryFor() {
  ModelEntry e;
  e.type = T::kType;
  e.traits = T::Traits();
  e.keys = FieldKeys(T::Schema());
  e.parse = [](ObjectReader& reader) {
    T options;
    ReadFields(reader, T::Schema(), options);
    return ModelConfig(options);
  };
  e.write = [](const ModelConfig& config) {
    Json j = Json::object();
    j["type"] = T::kType;
    WriteFields(T::Schema(), *config.As<T>(), j);
    return j;
  };
  e.set = [](ModelConfig& config, const std::string& key, const Json& value,
             const std::string& path) {
    return SetField(T::Schema(), config.Mutable<T>(), key, value, path);
  };
  return e;
}

// Every registered type, in registration order.
const std::vector<ModelEntry>& ModelEntries();
// The entry of `type`, or null.
const ModelEntry* FindModelEntry(std::string_view type);
// Adds a type (not thread-safe: call before any grid is parsed). Throws
// std::invalid_argument if the name is taken.
void RegisterModel(ModelEntry entry);

}  // namespace sim
