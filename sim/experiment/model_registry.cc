#include "sim/experiment/model_registry.h"

#include <stdexcept>

#include "sim/models/patch/patch_configs.h"
#include "sim/models/single_index/index_configs.h"
#include "sim/models/topk/topk_config.h"

namespace sim {
namespace {

std::vector<ModelEntry>& Entries() {
  static std::vector<ModelEntry> entries = {
      ModelEntryFor<CnnConfig>(),          ModelEntryFor<PmoeSeparateConfig>(),
      ModelEntryFor<PmoeJointConfig>(),    ModelEntryFor<TopKMoeConfig>(),
      ModelEntryFor<IndexVanillaConfig>(), ModelEntryFor<IndexMoeConfig>(),
  };
  return entries;
}

}  // namespace

const std::vector<ModelEntry>& ModelEntries() { return Entries(); }

const ModelEntry* FindModelEntry(std::string_view type) {
  for (const ModelEntry& e : Entries())
    if (e.type == type) return &e;
  return nullptr;
}

void RegisterModel(ModelEntry entry) {
  if (FindModelEntry(entry.type) != nullptr)
    throw std::invalid_argument("model type '" + entry.type +
                                "' is registered already");
  Entries().push_back(std::move(entry));
}

}  // namespace sim
