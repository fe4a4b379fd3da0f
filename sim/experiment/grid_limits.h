// Size limits checked before a grid is expanded or a run is started, so a
// typo (a 10^7-value axis, 10^8 neurons) is a clear error in a second
// instead of minutes of validation, a gigabyte of memory or bad_alloc in
// every run.
#pragma once

#include <string>

#include "sim/experiment/json_reader.h"
#include "sim/train/run_config.h"

namespace sim {

constexpr long kDefaultMaxRuns = 100000;

struct GridLimits {
  long max_runs = kDefaultMaxRuns;  // < 0: no limit (re-reading a stored spec)
  bool check_memory = true;         // refuse runs larger than this machine
};

// Runs a grid section expands to, at most (models x axis points x repeats),
// read from the raw JSON without expanding anything; 0 where the section is
// malformed (the strict parser reports that).
double CountRunsUpperBound(const Json* grid_json, size_t num_models);

// Throws SpecError("grid: expands to ...") above limits.max_runs.
void CheckRunCount(double runs, const GridLimits& limits);

// Rough bytes one expanded run takes while a grid is expanded and run: its
// GridRun (configs, coordinates), its grid point and its identity in the
// results store. Measured at about 4.3 KB (100000 runs of two small
// models: 430 MB under `run`); doubled for margin.
constexpr double kBytesPerGridRun = 8e3;

// Throws SpecError("grid: expanding ... runs needs about ...") if `runs`
// expanded runs (CountRunsUpperBound) would not fit in this machine's
// memory, before anything is expanded (instead of bad_alloc much later).
void CheckExpansionMemory(double runs);

// Rough bytes one run holds: samples, weights with gradients, activations.
double EstimateRunBytes(const RunConfig& config);

// Physical memory of this machine in bytes.
double MachineMemoryBytes();

// Throws SpecError("`path`: ...") if a run of `config` would need more
// memory than the machine has.
void CheckRunMemory(const RunConfig& config, const std::string& path);

}  // namespace sim
