#include "sim/experiment/grid_limits.h"

#include <unistd.h>

#include <cstdio>

namespace sim {
namespace {

// Values of one axis: a list's length or a range's "num".
double AxisSize(const Json& axis) {
  if (axis.is_array()) return static_cast<double>(axis.size());
  if (axis.is_object() && axis.contains("num") && axis["num"].is_number())
    return axis["num"].get<double>();
  return 0;
}

std::string Bytes(double bytes) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB", "PB", "EB"};
  int u = 0;
  while (bytes >= 1000 && u < 6) {
    bytes /= 1000;
    ++u;
  }
  char text[32];
  std::snprintf(text, sizeof(text), "%.3g %s", bytes, units[u]);
  return text;
}

}  // namespace

double CountRunsUpperBound(const Json* grid_json, size_t num_models) {
  double runs = static_cast<double>(num_models);
  if (grid_json == nullptr || !grid_json->is_object()) return runs;
  const Json& g = *grid_json;
  if (g.contains("repeats") && g["repeats"].is_number())
    runs *= g["repeats"].get<double>();
  if (g.contains("axes") && g["axes"].is_object()) {
    for (const Json& axis : g["axes"]) runs *= AxisSize(axis);
  }
  if (g.contains("zip") && g["zip"].is_array()) {
    for (const Json& zip : g["zip"]) {
      if (zip.is_object() && !zip.empty())
        runs *= AxisSize(zip.begin().value());
    }
  }
  return runs;
}

void CheckRunCount(double runs, const GridLimits& limits) {
  if (limits.max_runs < 0 || runs <= static_cast<double>(limits.max_runs))
    return;
  char count[32];
  std::snprintf(count, sizeof(count), "%.0f", runs);
  throw SpecError("grid: expands to " + std::string(count) +
                  " runs, more than the limit of " +
                  std::to_string(limits.max_runs) +
                  " (raise it with --max-runs if you mean it)");
}

void CheckExpansionMemory(double runs) {
  const double need = runs * kBytesPerGridRun, have = MachineMemoryBytes();
  if (need <= have) return;
  char count[32];
  std::snprintf(count, sizeof(count), "%.0f", runs);
  throw SpecError("grid: expanding up to " + std::string(count) +
                  " runs needs about " + Bytes(need) + " of memory (about " +
                  Bytes(kBytesPerGridRun) + " per run), more than this " +
                  "machine's " + Bytes(have) +
                  "; split the grid into smaller specs");
}

double EstimateRunBytes(const RunConfig& c) {
  const double scalar = c.precision == Precision::kFloat ? 4 : 8;
  const double d = PatchDim(c.data), n = c.data.num_patches;
  const double samples =
      double(c.data.train_size) + c.data.test_size + c.train.router_samples;
  const double data = samples * n * d * scalar;
  // Weights, their gradients and one more copy (updates, best weights).
  const ModelShape shape = c.model->Shape(c.data.num_patches);
  const double weights =
      3 * (double(shape.neurons) + shape.experts) * d * scalar;
  const double activations =
      2 * double(c.train.batch_size) * n * shape.neurons * scalar;
  return data + weights + activations;
}

double MachineMemoryBytes() {
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page_size = ::sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page_size <= 0) return 1e300;  // unknown: no limit
  return double(pages) * double(page_size);
}

void CheckRunMemory(const RunConfig& config, const std::string& path) {
  const double need = EstimateRunBytes(config), have = MachineMemoryBytes();
  if (need <= have) return;
  throw SpecError(ClipPath(path) + ": a run needs about " + Bytes(need) +
                  " of memory (samples x patches x dimension, neurons x "
                  "dimension), more than this machine's " +
                  Bytes(have));
}

}  // namespace sim
