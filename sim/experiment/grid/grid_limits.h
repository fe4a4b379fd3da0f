// Size limits checked before a grid is expanded or a run is started, so a
// typo (a 10^7-value axis, 10^8 neurons) is a clear error in a second
// instead of minutes of validation, a gigabyte of memory or bad_alloc in
// every run.
#pragma once

#include <string>
#include <vector>

#include "sim/experiment/spec/json_reader.h"
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

// Bytes the program itself takes besides its runs' blocks (code, libraries,
// OpenMP, the data's patterns, pages a run touches around its blocks):
// `train` of a tiny config peaks at 9 MB resident; a run's resident peak
// exceeds the sum of its blocks by a few MB. Counted in every run's
// estimate, so the estimate stays above the measured peak.
constexpr double kProgramBytes = 32e6;
// Under ulimit -v every mapping counts: the program's libraries (OpenMPI,
// Boost, libgomp) and, per worker thread, a stack (8 MB) and a glibc
// malloc arena (64 MB reserved). Generous, not measured: a limit that is
// off by these makes a grid slower, never different.
constexpr double kProgramAddressSpace = 256e6;
constexpr double kThreadAddressSpace = 80e6;

// One part of a run's memory and the JSON path of the option that sets it.
struct MemoryPart {
  std::string path;  // "data.test_size", "training.validation_size", ...;
                     // "" for the program's own part
  std::string what;  // "test set", ...
  double bytes = 0;
};

// Rough bytes one run holds at most, by part (a safe over-estimate,
// checked against the maximum resident size of `train`): its training,
// test, validation and router sets (online: no training set), its
// minibatches with their forward and backward buffers, its weights with
// gradients and optimiser state, the blocks whole sets are evaluated in,
// and the program. `model_path` names the model's parts ("models.NAME").
std::vector<MemoryPart> EstimateRunMemory(const RunConfig& config,
                                          const std::string& model_path);

// The sum of EstimateRunMemory's parts.
double EstimateRunBytes(const RunConfig& config);

// Physical memory of this machine in bytes.
double MachineMemoryBytes();

// Throws SpecError("`path`: a run needs about ...") naming the JSON path of
// the run's largest part (`model_path` for the model's own) if a run of
// `config` would need more memory than the machine has.
void CheckRunMemory(const RunConfig& config, const std::string& model_path);

// The memory this process may use: the machine's, or less under a limit
// (ulimit -v or -d: `address_space`, as the limit counts mappings; a
// cgroup's memory.max).
struct MemoryLimit {
  double bytes = 0;
  bool address_space = false;
};
MemoryLimit ProcessMemoryLimit();

// How many of `threads` runs of up to `largest_run_bytes`
// (EstimateRunBytes) fit side by side within `limit`: `threads`, or fewer,
// at least 1. Changes speed only: records never depend on threads.
int ThreadsThatFit(double largest_run_bytes,
                   int threads,
                   const MemoryLimit& limit);

// "1.5 GB".
std::string FormatBytes(double bytes);

}  // namespace sim
