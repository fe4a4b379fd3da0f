#include "sim/experiment/spec/data_registry.h"

#include "sim/data/clusters/cluster_config.h"
#include "sim/data/fashion_mnist/fashion_mnist_config.h"
#include "sim/data/single_index/single_index_config.h"
#include "sim/data/synthetic/synthetic_config.h"

namespace sim {
namespace {

Registry<DataSourceEntry>& Sources() {
  static Registry<DataSourceEntry> registry(
      "data source", {
                         DataSourceEntryFor<SyntheticConfig>(),
                         DataSourceEntryFor<FashionMnistConfig>(),
                         DataSourceEntryFor<ClusterConfig>(),
                         DataSourceEntryFor<SingleIndexConfig>(),
                     });
  return registry;
}

}  // namespace

const std::vector<DataSourceEntry>& DataSourceEntries() {
  return Sources().entries();
}
const DataSourceEntry* FindDataSourceEntry(std::string_view name) {
  return Sources().Find(name);
}
void RegisterDataSource(DataSourceEntry entry) {
  Sources().Add(std::move(entry));
}

}  // namespace sim
