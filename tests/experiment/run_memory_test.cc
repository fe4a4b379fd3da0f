// A run's memory: the estimate counts every set, minibatch and block, is
// above what a run really holds and within about 2x of it, refuses runs
// larger than the machine naming the option, and gives a grid fewer
// threads where its runs would not fit side by side. A run that runs out
// of memory is never recorded: the grid stops and resumes it.
// tests/cli/fault_memory_test.sh drives the same end to end.
#include <catch2/catch.hpp>
#include <fstream>
#include <string>
#include <thread>

#include "sim/data/synthetic/synthetic_config.h"
#include "sim/experiment/grid/grid_limits.h"
#include "sim/experiment/grid/grid_spec.h"
#include "sim/experiment/run/grid_runner.h"
#include "sim/models/patch/patch_configs.h"
#include "sim/train/trainer.h"
#include "tests/experiment/store_fixtures.h"

using namespace sim;
using sim::testing::FreshDir;
using sim::testing::Slurp;
using sim::testing::TinyGrid;

#if defined(__SANITIZE_ADDRESS__)
#define PMOE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PMOE_ASAN 1
#endif
#endif

namespace {

RunConfig JointRun(int patch_dim, int train_size, int test_size) {
  RunConfig c;
  c.data.train_size = train_size;
  c.data.test_size = test_size;
  c.data.num_patches = 16;
  c.data.source.Mutable<SyntheticConfig>().patch_dim = patch_dim;
  PmoeJointConfig model;
  model.neurons = 64;
  model.num_experts = 4;
  model.top_l = 4;
  c.model = model;
  c.train.epochs = 1;
  c.seeds = SeedsFromMaster(7);
  return c;
}

double Part(const RunConfig& c, const std::string& what) {
  for (const MemoryPart& part : EstimateRunMemory(c, "models.joint"))
    if (part.what == what) return part.bytes;
  FAIL("no part " << what);
  return 0;
}

// This process's peak resident bytes since the last reset (VmHWM), or -1.
[[maybe_unused]] double PeakResidentBytes() {
  std::ifstream status("/proc/self/status");
  std::string key;
  double kb = -1;
  while (status >> key) {
    if (key == "VmHWM:") status >> kb;
  }
  return kb < 0 ? -1 : kb * 1024;
}

[[maybe_unused]] double ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  double pages_total = 0, pages_resident = -1;
  statm >> pages_total >> pages_resident;
  return pages_resident < 0 ? -1 : pages_resident * 4096;
}

}  // namespace

TEST_CASE("The run memory estimate counts validation, online and eval blocks",
          "[experiment][memory]") {
  RunConfig c = JointRun(64, 1000, 2000);
  const double sample = Part(c, "test set") / 2000;
  REQUIRE(sample >= 16 * 64 * 4);  // the patches at least
  REQUIRE(Part(c, "training set") == Approx(1000 * sample));
  REQUIRE(Part(c, "validation set") == 0);
  c.train.validation_size = 500;
  REQUIRE(Part(c, "validation set") == Approx(500 * sample));
  // Evaluation runs in blocks of kEvalBatch samples, never the whole set.
  const double blocks = Part(c, "weights and evaluation blocks");
  c.data.test_size = 200000;
  REQUIRE(Part(c, "weights and evaluation blocks") == Approx(blocks));
  // Online: no training set is kept, but each step draws a fresh batch.
  const double batches = Part(c, "minibatches");
  c.train.protocol = Protocol::kOnline;
  c.train.max_steps = 100;
  REQUIRE(Part(c, "training set") == Approx(sample));
  REQUIRE(Part(c, "minibatches") == Approx(batches + 20 * sample));
  // Doubles take twice the bytes of floats.
  const double floats = Part(c, "test set");
  c.precision = Precision::kDouble;
  REQUIRE(Part(c, "test set") > 1.9 * floats);
}

TEST_CASE("A validation set larger than the machine is refused by its path",
          "[experiment][memory]") {
  RunConfig c = JointRun(1000, 100, 100);
  c.train.validation_size = 100000000;  // 1e8 x 16 x 1000 floats: 6.4 TB
  REQUIRE(EstimateRunBytes(c) > 6e12);
  REQUIRE_THROWS_WITH(
      CheckRunMemory(c, "models.joint"),
      Catch::StartsWith("training.validation_size: a run needs about") &&
          Catch::Contains("validation set"));
  c.train.validation_size = 1000;
  REQUIRE_NOTHROW(CheckRunMemory(c, "models.joint"));
  Json spec = TinyGrid();
  spec["data"]["synthetic"]["patch_dim"] = 1000;
  spec["training"]["validation_size"] = 1e8;
  REQUIRE_THROWS_WITH(ParseGridSpec(spec),
                      Catch::Contains("training.validation_size: a run needs"));
  spec["training"]["validation_size"] = 100;
  REQUIRE_NOTHROW(ParseGridSpec(spec));
}

TEST_CASE("Threads are cut to the runs that fit side by side",
          "[experiment][memory]") {
  const MemoryLimit eight_gb{8e9, false};
  REQUIRE(ThreadsThatFit(1e9, 4, eight_gb) == 4);
  REQUIRE(ThreadsThatFit(3e9, 4, eight_gb) == 2);
  REQUIRE(ThreadsThatFit(7e9, 4, eight_gb) == 1);
  REQUIRE(ThreadsThatFit(20e9, 4, eight_gb) == 1);  // never below 1
  REQUIRE(ThreadsThatFit(0, 4, eight_gb) == 4);     // no runs left
  // Under ulimit -v, stacks, arenas and mappings count too.
  const MemoryLimit address_space{8e9, true};
  REQUIRE(ThreadsThatFit(1e9, 16, address_space) <
          ThreadsThatFit(1e9, 16, eight_gb));
  REQUIRE(ProcessMemoryLimit().bytes <= MachineMemoryBytes());
  REQUIRE(ProcessMemoryLimit().bytes > 0);
}

TEST_CASE("The estimate is above a run's peak memory and within 2x of it",
          "[experiment][memory]") {
#ifdef PMOE_ASAN
  SUCCEED("sanitizer builds hold shadow memory and a quarantine: skipped");
#else
  RunConfig budget = JointRun(256, 6000, 3000);  // sets of 98 + 49 MB
  RunConfig online = JointRun(256, 100, 6000);
  online.train.protocol = Protocol::kOnline;
  online.train.max_steps = 50;
  online.train.validation_size = 3000;
  for (const RunConfig& c : {budget, online}) {
    std::ofstream clear("/proc/self/clear_refs");
    clear << "5" << std::flush;  // resets VmHWM (Linux >= 4.0)
    if (!clear || PeakResidentBytes() < 0) {
      WARN("cannot reset the peak resident size here: skipped");
      return;
    }
    const double before = ResidentBytes();
    RunStatus status = RunStatus::kFailed;
    // A fresh thread: no data of an earlier run to regenerate in place.
    std::thread([&] { status = RunOne(c, nullptr).status; }).join();
    const double used = PeakResidentBytes() - before;
    // The program's part covers what a run touches besides its own blocks
    // (code paged in, a thread's stack and malloc arena, huge pages).
    const double estimate = EstimateRunBytes(c);
    INFO("used " << used << " bytes, estimated " << estimate);
    REQUIRE(status == RunStatus::kOk);
    REQUIRE(estimate >= used);
    REQUIRE(estimate < MachineMemoryBytes());
    REQUIRE(estimate <= 2 * used);
  }
#endif
}

TEST_CASE("A run out of memory is never recorded and is retried on resume",
          "[experiment][memory]") {
#ifdef PMOE_ASAN
  SUCCEED("sanitizer allocators abort on a 2 PB request: skipped");
#else
  const GridSpec grid = ParseGridSpec(TinyGrid());
  const auto reference_dir = FreshDir("pmoe_memory_reference");
  {
    ResultsStore store(reference_dir.string(), grid, false);
    RunGrid(grid, nullptr, store, RunnerOptions{});
  }
  for (int threads : {1, 2}) {
    // Run 5's test set asks for 2e9 x 8 x 16384 floats (about 1 PB, past
    // any address space): std::bad_alloc, whatever the machine.
    GridSpec hungry = grid;
    RunConfig& big = hungry.runs[5].config;
    big.data.test_size = 2000000000;
    big.data.source.Mutable<SyntheticConfig>().patch_dim = 16384;
    REQUIRE_THROWS_AS(RunOne(big, nullptr), RunOutOfMemory);
    REQUIRE_THROWS_WITH(RunOne(big, nullptr),
                        Catch::Contains("the run ran out of memory"));
    const auto dir = FreshDir("pmoe_memory_" + std::to_string(threads));
    RunnerOptions options;
    options.threads = threads;
    {
      ResultsStore store(dir.string(), grid, false);
      REQUIRE_THROWS_WITH(
          RunGrid(hungry, nullptr, store, options),
          Catch::StartsWith("run 5 (model ") &&
              Catch::Contains("ran out of memory (std::bad_alloc) and nothing "
                              "was recorded for it") &&
              Catch::Contains("fewer --threads"));
      REQUIRE(store.finished().count(5) == 0);
    }
    ResultsStore store(dir.string(), grid, false);
    REQUIRE(store.finished().count(5) == 0);
    REQUIRE(Slurp(dir / "runs.jsonl").find("bad_alloc") == std::string::npos);
    const RunnerSummary resumed = RunGrid(grid, nullptr, store, options);
    REQUIRE(resumed.finished >= 1);
    REQUIRE(Slurp(dir / "runs.jsonl") == Slurp(reference_dir / "runs.jsonl"));
  }
#endif
}
