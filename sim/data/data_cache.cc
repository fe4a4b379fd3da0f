#include "sim/data/data_cache.h"

#include "sim/data/data_config.h"

namespace sim {
namespace {

// Sources of different types never share data, even at one location.
std::string KeyOf(const DataSourceInterface& source) {
  return std::string(source.name()) + ":" + source.data_location();
}

}  // namespace

void DataCache::Add(const DataConfig& data) {
  const DataSourceInterface& source = *data.source;
  if (source.data_location().empty()) return;
  const std::string key = KeyOf(source);
  if (loaded_.count(key) == 0) loaded_[key] = source.Load();
}

const SourceData* DataCache::Find(const DataConfig& data) const {
  const DataSourceInterface& source = *data.source;
  if (source.data_location().empty()) return nullptr;
  const auto found = loaded_.find(KeyOf(source));
  return found == loaded_.end() ? nullptr : found->second.get();
}

}  // namespace sim
