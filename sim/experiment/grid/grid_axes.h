// A grid's axes: names (short aliases such as "n" or dotted paths such as
// "data.synthetic.delta_r"), their values (lists or ranges) and the groups
// that move together ("grid.zip"). Schema in docs/specs.md.
#pragma once

#include <string>
#include <vector>

#include "sim/experiment/spec/json_reader.h"

namespace sim {

struct AxisGroup {
  std::vector<std::string> names;         // axes moving together
  std::vector<std::string> paths;         // JSON path of each ("grid.axes.N")
  std::vector<std::vector<Json>> values;  // values[point][axis]
};

// Full path of an axis name: "N" -> "data.train_size", "l" ->
// "model.top_l", ...; a dotted path is returned unchanged. Throws SpecError
// for an unknown name.
std::string AxisPath(const std::string& axis, const std::string& json_path);

// The axis groups of the spec's "grid" object (null: none), and its
// repeats. Every axis alone is a group; each "zip" entry is one. Throws
// SpecError naming the JSON path, also for two points of a group that are
// equal as numbers (20 and 20.0, 0 and -0.0): they would be two cells with
// different seeds for one configuration.
std::vector<AxisGroup> ParseAxisGroups(const Json* grid_json, int& repeats);

}  // namespace sim
