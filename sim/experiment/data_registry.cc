#include "sim/experiment/data_registry.h"

#include <stdexcept>

#include "sim/data/clusters/cluster_config.h"
#include "sim/data/fashion_mnist/fashion_mnist_config.h"
#include "sim/data/single_index/single_index_config.h"
#include "sim/data/synthetic/synthetic_config.h"

namespace sim {
namespace {

std::vector<DataSourceEntry>& Entries() {
  static std::vector<DataSourceEntry> entries = {
      DataSourceEntryFor<SyntheticConfig>(),
      DataSourceEntryFor<FashionMnistConfig>(),
      DataSourceEntryFor<ClusterConfig>(),
      DataSourceEntryFor<SingleIndexConfig>(),
  };
  return entries;
}

}  // namespace

const std::vector<DataSourceEntry>& DataSourceEntries() { return Entries(); }

const DataSourceEntry* FindDataSourceEntry(std::string_view name) {
  for (const DataSourceEntry& e : Entries())
    if (e.name == name) return &e;
  return nullptr;
}

void RegisterDataSource(DataSourceEntry entry) {
  if (FindDataSourceEntry(entry.name) != nullptr)
    throw std::invalid_argument("data source '" + entry.name +
                                "' is registered already");
  Entries().push_back(std::move(entry));
}

}  // namespace sim
