// Data a source reads from outside the simulator (image files): loaded
// once per process and location (DataCache) and shared read-only by every
// run that names the same location. Only the source's own folder knows
// the concrete type; everything between holds it as this opaque handle.
#pragma once

namespace sim {

struct SourceData {
  virtual ~SourceData() = default;
};

}  // namespace sim
