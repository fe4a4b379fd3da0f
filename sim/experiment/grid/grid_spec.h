// Experiment grid specs: one JSON file describes a grid of runs (models x
// axes x repeats). Parsing validates everything, every run included, before
// anything runs. Schema in docs/specs.md ("Experiment grids").
#pragma once

#include <string>
#include <vector>

#include "sim/experiment/grid/grid_axes.h"
#include "sim/experiment/grid/grid_limits.h"
#include "sim/experiment/spec/json_reader.h"
#include "sim/train/run_config.h"

namespace sim {

struct GridRun {
  int run_id = 0;     // position in the expanded grid
  std::string model;  // key in spec.models
  Json coords;        // {axis: value}, null where the axis does not apply
  int repeat = 0;
  RunConfig config;
  double cost = 0;  // rough FLOP estimate of the training
  double work = 0;  // cost plus drawing (run_work.h): hand-out order, ETA
};

struct GridSpec {
  std::string name;
  std::string description;
  Json resolved;                  // the spec with every default filled in
  std::vector<std::string> axes;  // axis names (grid coordinates)
  std::vector<GridRun> runs;
};

// Longest grid name (a folder name under results/).
constexpr size_t kMaxGridNameLength = 200;

// Parses and expands a spec (strict; throws SpecError naming the JSON path).
// The run count is checked against `limits` before anything is expanded.
GridSpec ParseGridSpec(const Json& spec, const GridLimits& limits = {});

// Longest spec or config file ReadJsonFile reads (64 MB).
constexpr size_t kMaxJsonFileBytes = size_t(64) << 20;

// Reads a JSON file strictly (ParseJsonText): syntax errors, duplicate keys
// and deep nesting become SpecError with the file name and JSON path. A
// file that is not a regular one (a device, a FIFO) or larger than
// kMaxJsonFileBytes is refused before it is read whole.
Json ReadJsonFile(const std::string& path);

}  // namespace sim
