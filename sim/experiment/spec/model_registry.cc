#include "sim/experiment/spec/model_registry.h"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/models/index/index_configs.h"
#include "sim/models/moe_topk/moe_topk_config.h"
#include "sim/models/patch/patch_configs.h"

namespace sim {
namespace {

ModelEntry WithColour(ModelEntry entry, int slot) {
  entry.colour_slot = slot;
  return entry;
}

// The paper's three models hold the palette's first colours, so that they
// look the same in every figure of every report.
Registry<ModelEntry>& Models() {
  static Registry<ModelEntry> registry(
      "model type", {
                        WithColour(ModelEntryFor<CnnConfig>(), 0),
                        WithColour(ModelEntryFor<PmoeSeparateConfig>(), 1),
                        WithColour(ModelEntryFor<PmoeJointConfig>(), 2),
                        ModelEntryFor<MoeTopkConfig>(),
                        ModelEntryFor<IndexVanillaConfig>(),
                        ModelEntryFor<IndexMoeConfig>(),
                    });
  return registry;
}

}  // namespace

const ModelEntry* FindModelEntry(std::string_view type) {
  return Models().Find(type);
}
std::string ModelTypeNames() { return Models().Names(); }
std::vector<std::string> ModelTypeList() { return Models().NameList(); }

std::vector<int> ModelColourSlots() {
  std::vector<int> slots;
  for (const ModelEntry& e : Models().entries())
    if (e.colour_slot) slots.push_back(*e.colour_slot);
  return slots;
}

void RegisterModel(ModelEntry entry) {
  if (entry.colour_slot) {
    const std::vector<int> taken = ModelColourSlots();
    if (std::find(taken.begin(), taken.end(), *entry.colour_slot) !=
        taken.end())
      throw std::invalid_argument(
          "model type '" + entry.name + "': colour slot " +
          std::to_string(*entry.colour_slot) + " is held by another type");
  }
  Models().Add(std::move(entry));
}

}  // namespace sim
