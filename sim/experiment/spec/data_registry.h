// The data-source registry: one entry per source, the only place where a
// source's spec name ("source": "synthetic") meets its config struct
// (data_source.h). Its options are the members of the data object's
// sub-object of the same name. Adding a source: a folder under sim/data/
// and one line in data_registry.cc (or one RegisterDataSource call).
#pragma once

#include <string_view>
#include <vector>

#include "sim/data/data_config.h"
#include "sim/experiment/spec/options_registry.h"

namespace sim {

using DataSourceEntry = OptionsEntry<DataSourceConfig>;

template <typename T>
DataSourceEntry DataSourceEntryFor() {
  return OptionsEntryFor<DataSourceConfig, T>(T::kName);
}

const std::vector<DataSourceEntry>& DataSourceEntries();
const DataSourceEntry* FindDataSourceEntry(std::string_view name);
void RegisterDataSource(DataSourceEntry entry);

}  // namespace sim
