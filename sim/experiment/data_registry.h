// The data-source registry: one entry per source, the only place where a
// source's spec name ("source": "synthetic") meets its options struct
// (data_source.h). Its options are the members of the data object's
// sub-object of the same name. Adding a source: a folder under sim/data/
// and one line in data_registry.cc (or one RegisterDataSource call).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/data/data_config.h"
#include "sim/experiment/field_json.h"

namespace sim {

struct DataSourceEntry {
  std::string name;  // "synthetic"
  std::vector<std::string> keys;
  // Reads the options from the source's sub-object.
  std::function<DataSourceConfig(ObjectReader&)> parse;
  // The options with every default filled in.
  std::function<Json(const DataSourceConfig&)> write;
  // Sets one option (a grid axis value); false if the source has no `key`.
  std::function<bool(DataSourceConfig&,
                     const std::string& key,
                     const Json&,
                     const std::string& path)>
      set;
};

template <typename T>
DataSourceEntry DataSourceEntryFor() {
  DataSourceEntry e;
  e.name = T::kName;
  e.keys = FieldKeys(T::Schema());
  e.parse = [](ObjectReader& reader) {
    T options;
    ReadFields(reader, T::Schema(), options);
    return DataSourceConfig(options);
  };
  e.write = [](const DataSourceConfig& config) {
    Json j = Json::object();
    WriteFields(T::Schema(), *config.As<T>(), j);
    return j;
  };
  e.set = [](DataSourceConfig& config, const std::string& key,
             const Json& value, const std::string& path) {
    return SetField(T::Schema(), config.Mutable<T>(), key, value, path);
  };
  return e;
}

const std::vector<DataSourceEntry>& DataSourceEntries();
const DataSourceEntry* FindDataSourceEntry(std::string_view name);
void RegisterDataSource(DataSourceEntry entry);

}  // namespace sim
