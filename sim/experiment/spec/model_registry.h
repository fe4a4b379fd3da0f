// The model registry: one entry per model type, the only place where a
// type's spec name meets its config struct. Parsing, writing and grid
// axes of every type come from its FieldSchema; validation, training,
// sizes and the training options its learner reads (ModelTraits::
// train_options) from the struct itself (model_config.h). Adding a model
// type: a folder under sim/models/ and one line in model_registry.cc (or,
// for an extension outside the tree, one RegisterModel call before parsing).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/experiment/spec/options_registry.h"
#include "sim/train/model_config.h"

namespace sim {

struct ModelEntry : OptionsEntry<ModelConfig> {
  ModelTraits traits;
  // The plot palette's slot (analysis/plots/plot_style.cc) that the type's
  // models are drawn in across every report; none: the next free one.
  std::optional<int> colour_slot;
};

// The entry of a config struct T with the members model_config.h names.
// Its JSON object holds "type" besides the options.
template <typename T>
ModelEntry ModelEntryFor() {
  ModelEntry e{OptionsEntryFor<ModelConfig, T>(T::kType), T::Traits(),
               std::nullopt};
  e.write = [write = e.write](const ModelConfig& config) {
    Json j = write(config);
    j["type"] = T::kType;
    return j;
  };
  return e;
}

// The entry of `type`, or null.
const ModelEntry* FindModelEntry(std::string_view type);
// "\"cnn\", \"pmoe_separate\", ..." for messages.
std::string ModelTypeNames();
// The registered model types' names, in order.
std::vector<std::string> ModelTypeList();
// The colour slots that registered types hold.
std::vector<int> ModelColourSlots();
// Adds a type. Throws std::invalid_argument if the name or its colour slot
// is taken.
void RegisterModel(ModelEntry entry);

}  // namespace sim
