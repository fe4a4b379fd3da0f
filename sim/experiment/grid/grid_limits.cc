#include "sim/experiment/grid/grid_limits.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "sim/train/batch_io.h"

namespace sim {
namespace {

// Values of one axis: a list's length or a range's "num".
double AxisSize(const Json& axis) {
  if (axis.is_array()) return static_cast<double>(axis.size());
  if (axis.is_object() && axis.contains("num") && axis["num"].is_number())
    return axis["num"].get<double>();
  return 0;
}

}  // namespace

std::string FormatBytes(double bytes) {
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
                  " runs needs about " + FormatBytes(need) +
                  " of memory (about " + FormatBytes(kBytesPerGridRun) +
                  " per run), more than this " + "machine's " +
                  FormatBytes(have) + "; split the grid into smaller specs");
}

namespace {

// Bytes of one sample: its n patches, its labels and positions, and the
// frozen routers' choices for it (k x l ints).
double SampleBytes(const RunConfig& c, const ModelShape& shape) {
  const double scalar = c.precision == Precision::kFloat ? 4 : 8;
  return double(c.data.num_patches) * PatchDim(c.data) * scalar + 48 +
         4.0 * shape.experts * shape.patches;
}

// Buffers of one forward and backward pass over `batch` samples (the patch
// models' Workspace, the top-k MoE's MoeTopkWorkspace): routing scores, the
// patches the experts gather, pre-activations and their gradients.
double WorkspaceBytes(const RunConfig& c, const ModelShape& s, double batch) {
  const double scalar = c.precision == Precision::kFloat ? 4 : 8;
  const double n = c.data.num_patches, d = PatchDim(c.data);
  const double gathered = c.model->traits().routing == Routing::kSample
                              ? double(s.active) * n
                              : double(s.experts) * s.patches;
  const double per_sample = double(s.experts) * n + gathered * d +
                            2.0 * s.patches * s.neurons + 2.0 * gathered +
                            3 * n + 1;
  return batch * (per_sample * scalar + 4 * gathered);
}

// Weights, their gradients and one more copy (updates, best weights), Adam's
// two moments, and the loss router's Gram matrices (sample-routed models).
double WeightBytes(const RunConfig& c, const ModelShape& s) {
  const double scalar = c.precision == Precision::kFloat ? 4 : 8;
  const double copies = c.train.expert_update == ExpertUpdate::kAdam ? 5 : 3;
  double bytes = copies * (double(s.neurons) + s.experts) *
                 (PatchDim(c.data) + 1) * scalar;
  if (c.model->traits().routing == Routing::kSample)
    bytes += 8.0 * s.neurons * s.neurons / std::max(1, s.experts);
  return bytes;
}

}  // namespace

std::vector<MemoryPart> EstimateRunMemory(const RunConfig& c,
                                          const std::string& model_path) {
  const ModelShape shape = c.model->Shape(c.data.num_patches);
  const double sample = SampleBytes(c, shape);
  const bool online = c.train.protocol == Protocol::kOnline;
  const double train = online ? 1 : c.data.train_size;  // online: none kept
  // Algorithm 1's routers: their own set when independent, and their
  // signed patch sums (at most a quarter of their samples' patches).
  double router = 0;
  if (c.model->traits().router_phase) {
    const bool own = c.train.router_data == RouterData::kIndependent;
    const double samples =
        own || c.train.router_samples > 0 ? c.train.router_samples : train;
    router = (own ? samples * sample : 0) + samples * sample / 4;
  }
  // The SGD loop's minibatch (online: and a fresh draw's assembly), and
  // the forward and backward buffers of its size.
  const double batch = c.train.batch_size;
  const double minibatches =
      (online ? 2 : 1) * batch * sample + WorkspaceBytes(c, shape, batch);
  // Whole sets are evaluated in blocks of kEvalBatch samples.
  const double eval_block = std::min<double>(
      kEvalBatch, std::max<double>({train, double(c.data.test_size),
                                    double(c.train.validation_size)}));
  return {
      {"data.train_size", "training set", train * sample},
      {"data.test_size", "test set", c.data.test_size * sample},
      {"training.validation_size", "validation set",
       c.train.validation_size * sample},
      {"training.router_samples", "router samples", router},
      {"training.batch_size", "minibatches", minibatches},
      {model_path, "weights and evaluation blocks",
       WeightBytes(c, shape) + WorkspaceBytes(c, shape, eval_block)},
      {"", "program", kProgramBytes},  // set by no option
  };
}

double EstimateRunBytes(const RunConfig& c) {
  double total = 0;
  for (const MemoryPart& part : EstimateRunMemory(c, "model"))
    total += part.bytes;
  return total;
}

double MachineMemoryBytes() {
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page_size = ::sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page_size <= 0) return 1e300;  // unknown: no limit
  return double(pages) * double(page_size);
}

void CheckRunMemory(const RunConfig& config, const std::string& path) {
  std::vector<MemoryPart> parts = EstimateRunMemory(config, path);
  double need = 0;
  for (const MemoryPart& part : parts) need += part.bytes;
  const double have = MachineMemoryBytes();
  if (need <= have) return;
  std::stable_sort(parts.begin(), parts.end(),
                   [](const MemoryPart& a, const MemoryPart& b) {
                     return a.bytes > b.bytes;
                   });
  // The parts that matter (1% or more), largest first; the first names
  // the error (never the program's part: it is far below any machine).
  std::string largest;
  int listed = 0;
  for (const MemoryPart& part : parts) {
    if (part.path.empty() || part.bytes < need / 100 || listed == 3) continue;
    largest += std::string(listed++ ? ", " : "") + part.what + " " +
               FormatBytes(part.bytes) + " (" + part.path + ")";
  }
  throw SpecError(ClipPath(parts[0].path) + ": a run needs about " +
                  FormatBytes(need) + " of memory (" + largest +
                  "), more than this machine's " + FormatBytes(have));
}

namespace {

// cgroup v2's memory.max of this process's group (a container, a Slurm
// job), or of the root where /proc/self/cgroup names none; 0 if none.
double CgroupMemoryMax() {
  std::ifstream groups("/proc/self/cgroup");
  std::string line, group;
  while (std::getline(groups, line)) {
    if (line.rfind("0::", 0) == 0) group = line.substr(3);
  }
  for (const std::string& dir :
       {"/sys/fs/cgroup" + group, std::string("/sys/fs/cgroup")}) {
    std::ifstream in(dir + "/memory.max");
    std::string text;
    if (!(in >> text)) continue;
    if (text == "max") return 0;  // no limit
    char* end = nullptr;
    const double bytes = std::strtod(text.c_str(), &end);
    return end != text.c_str() && *end == '\0' && bytes > 0 ? bytes : 0;
  }
  return 0;
}

}  // namespace

MemoryLimit ProcessMemoryLimit() {
  MemoryLimit limit{MachineMemoryBytes(), false};
  for (const int resource : {RLIMIT_AS, RLIMIT_DATA}) {  // ulimit -v, -d
    rlimit r{};
    if (::getrlimit(resource, &r) == 0 && r.rlim_cur != RLIM_INFINITY &&
        double(r.rlim_cur) < limit.bytes) {
      limit = {double(r.rlim_cur), true};
    }
  }
  const double cgroup = CgroupMemoryMax();
  if (cgroup > 0 && cgroup < limit.bytes) limit = {cgroup, false};
  return limit;
}

int ThreadsThatFit(double largest_run_bytes,
                   int threads,
                   const MemoryLimit& limit) {
  // Under an address-space limit every thread also reserves a stack and a
  // malloc arena, and the program's mappings count in full.
  const double per_thread = largest_run_bytes - kProgramBytes +
                            (limit.address_space ? kThreadAddressSpace : 0);
  if (per_thread <= 0) return threads;  // no run (or none past the program)
  const double program =
      limit.address_space ? kProgramAddressSpace : kProgramBytes;
  const double fit = std::floor((limit.bytes - program) / per_thread);
  return static_cast<int>(std::max(1.0, std::min<double>(threads, fit)));
}

}  // namespace sim
