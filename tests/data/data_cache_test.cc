// A source that reads files plugs in through DataSourceInterface alone: its
// data is loaded once per location (DataCache, LoadGridData) and reaches
// its Patterns through GenerateData, the online stream and RunOne, with no
// type of its own in the generic code.
#include "sim/data/data_cache.h"

#include <catch2/catch.hpp>
#include <memory>
#include <stdexcept>
#include <string>

#include "sim/data/generator.h"
#include "sim/data/synthetic/synthetic_config.h"
#include "sim/experiment/run/grid_runner.h"
#include "sim/models/patch/patch_configs.h"
#include "sim/train/trainer.h"

using namespace sim;

namespace {

// What the test source "reads": the location it was read from.
struct LoadedMarker : SourceData {
  std::string location;
};

int loads = 0;  // FileSource::Load calls

// A source whose files are a location name: synthetic patterns, but only
// when it is handed the data loaded from its own location.
struct FileSource {
  static constexpr const char* kName = "test_files";
  std::string location = "a";
  bool missing = false;  // Load throws, as for a missing file
  SyntheticConfig inner;

  int PatchDim() const { return inner.PatchDim(); }
  void Validate(const DataConfig& data) const { inner.Validate(data); }
  std::unique_ptr<PatternSource> Patterns(bool test,
                                          uint64_t seed,
                                          const SourceData* loaded) const {
    const auto* marker = dynamic_cast<const LoadedMarker*>(loaded);
    if (marker == nullptr || marker->location != location)
      throw std::logic_error("test_files: not the data of " + location);
    return inner.Patterns(test, seed, nullptr);
  }
  int Confusers() const { return inner.Confusers(); }
  std::string DataLocation() const { return location; }
  std::shared_ptr<const SourceData> Load() const {
    if (missing) throw std::runtime_error(location + "/data: not found");
    ++loads;
    auto marker = std::make_shared<LoadedMarker>();
    marker->location = location;
    return marker;
  }
};

DataConfig FileData(const std::string& location) {
  DataConfig data;
  data.num_patches = 8;
  data.train_size = 40;
  data.test_size = 20;
  FileSource source;
  source.location = location;
  source.inner.patch_dim = 16;
  source.inner.num_sets = 4;
  source.inner.num_confusers = 1;
  data.source = source;
  return data;
}

RunConfig FileRun(const std::string& location) {
  RunConfig run;
  run.data = FileData(location);
  CnnConfig cnn;
  cnn.neurons = 4;
  run.model = cnn;
  run.train.epochs = 2;
  run.seeds = SeedsFromMaster(5);
  return run;
}

}  // namespace

TEST_CASE("DataCache loads each location once; sources without files: none",
          "[data][source_data]") {
  loads = 0;
  DataCache cache;
  cache.Add(FileData("a"));
  cache.Add(FileData("a"));
  cache.Add(FileData("b"));
  REQUIRE(loads == 2);
  REQUIRE(cache.Find(FileData("a")) == cache.Find(FileData("a")));
  REQUIRE(cache.Find(FileData("a")) != cache.Find(FileData("b")));
  REQUIRE(cache.Find(FileData("c")) == nullptr);  // never added

  DataConfig synthetic;  // the default source reads no files
  cache.Add(synthetic);
  REQUIRE(loads == 2);
  REQUIRE(cache.Find(synthetic) == nullptr);

  DataConfig missing = FileData("gone");
  missing.source.Mutable<FileSource>().missing = true;
  REQUIRE_THROWS_WITH(cache.Add(missing), "gone/data: not found");
  REQUIRE(cache.Find(missing) == nullptr);
}

TEST_CASE("Loaded data reaches the source's patterns, fixed sets and online",
          "[data][source_data]") {
  DataCache cache;
  const DataConfig a = FileData("a");
  cache.Add(a);
  const auto bundle = GenerateData<double>(a, 3, cache.Find(a));
  REQUIRE(bundle.train.num_samples == 40);
  // The same samples as the synthetic source the test source wraps.
  DataConfig plain = a;
  plain.source = a.source.As<FileSource>()->inner;
  REQUIRE(bundle.train.patches ==
          GenerateData<double>(plain, 3, nullptr).train.patches);
  SampleStream<float> stream(a, 3, cache.Find(a));
  Dataset<float> batch;
  stream.Draw(10, batch);
  REQUIRE(batch.num_samples == 10);
  // Without its data (or with another location's) the source refuses.
  REQUIRE_THROWS_WITH(GenerateData<double>(a, 3, nullptr),
                      "test_files: not the data of a");
  cache.Add(FileData("b"));
  REQUIRE_THROWS(GenerateData<double>(a, 3, cache.Find(FileData("b"))));
}

TEST_CASE("A grid loads what its runs read once, and every run gets its own",
          "[data][source_data]") {
  loads = 0;
  GridSpec grid;
  for (const char* location : {"a", "b", "a", "b"}) {
    GridRun run;
    run.config = FileRun(location);
    grid.runs.push_back(run);
  }
  const DataCache cache = LoadGridData(grid);
  REQUIRE(loads == 2);
  for (const GridRun& run : grid.runs) {
    const TrainResult result = RunOne(run.config, cache.Find(run.config.data));
    INFO(result.message);
    REQUIRE(result.status == RunStatus::kOk);
  }
  // A run handed no data fails with the source's message, not a crash.
  const TrainResult bare = RunOne(grid.runs[0].config, nullptr);
  REQUIRE(bare.status == RunStatus::kFailed);
  REQUIRE(bare.message == "test_files: not the data of a");
}
