#include "sim/experiment/spec/model_registry.h"

#include "sim/models/patch/patch_configs.h"
#include "sim/models/single_index/index_configs.h"
#include "sim/models/topk/topk_config.h"

namespace sim {
namespace {

Registry<ModelEntry>& Models() {
  static Registry<ModelEntry> registry("model type",
                                       {
                                           ModelEntryFor<CnnConfig>(),
                                           ModelEntryFor<PmoeSeparateConfig>(),
                                           ModelEntryFor<PmoeJointConfig>(),
                                           ModelEntryFor<TopKMoeConfig>(),
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
void RegisterModel(ModelEntry entry) { Models().Add(std::move(entry)); }

}  // namespace sim
