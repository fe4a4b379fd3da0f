// The external data of the sources a process's runs use, loaded once per
// source and location (DataSourceInterface::Load) and shared read-only by
// every run, thread and grid that names it.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "sim/data/source_data.h"

namespace sim {

struct DataConfig;

class DataCache {
 public:
  // Loads what `data`'s source reads unless it is loaded already; throws
  // what the source's Load throws (naming the file). Not thread-safe: call
  // before the runs start.
  void Add(const DataConfig& data);
  // The loaded data of `data`'s source; nullptr for a source that reads
  // none or was never added. Safe from many threads.
  const SourceData* Find(const DataConfig& data) const;

 private:
  std::map<std::string, std::shared_ptr<const SourceData>> loaded_;
};

}  // namespace sim
