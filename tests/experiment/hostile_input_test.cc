// Hostile input at the edge, unit by unit: option values that overflow,
// names and keys of megabytes, grids too large to expand, results files
// that are not regular files, records of other training options.
// tests/cli/fault_test.sh drives the same faults end to end.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "sim/experiment/grid/grid_spec.h"
#include "sim/experiment/grid/record_check.h"
#include "sim/experiment/io/safe_file.h"
#include "sim/experiment/spec/option_values.h"
#include "sim/experiment/store/folder_lock.h"
#include "sim/experiment/store/results_store.h"
#include "tests/experiment/store_fixtures.h"

using namespace sim;
using sim::testing::FreshDir;
using sim::testing::Slurp;
using sim::testing::TinyGrid;
namespace fs = std::filesystem;

TEST_CASE("Option values: shards and thread counts never overflow",
          "[experiment][hostile]") {
  int i = -1, n = -1;
  ParseShard("2/5", i, n);
  REQUIRE((i == 2 && n == 5));
  for (const char* bad :
       {"0/99999999999", "99999999999/1", "-1/2", "+1/2", "1/0", "3/3", "1/2/3",
        "1/", "/2", " 1/2", "1/2 ", "0x1/2", ""}) {
    INFO(bad);
    REQUIRE_THROWS_WITH(ParseShard(bad, i, n),
                        Catch::StartsWith("--shard: expected i/S"));
  }
  REQUIRE(ParseIntPair("3-of-8", "-of-", i, n));
  REQUIRE((i == 3 && n == 8));
  REQUIRE_FALSE(ParseIntPair("3-of-99999999999", "-of-", i, n));
  REQUIRE_NOTHROW(CheckThreads(1));
  REQUIRE_NOTHROW(CheckThreads(kMaxThreadsPerCore * DefaultThreads()));
  REQUIRE_THROWS_WITH(CheckThreads(kMaxThreadsPerCore * DefaultThreads() + 1),
                      Catch::StartsWith("--threads: must be in [1, "));
  REQUIRE_THROWS(CheckThreads(0));
}

TEST_CASE("Names and keys are clipped in messages", "[experiment][hostile]") {
  REQUIRE(ClipName("short") == "short");
  REQUIRE(ClipName(std::string(1000, 'x')) == std::string(60, 'x') + "...");
  REQUIRE(ClipPath("models." + std::string(1000, 'x') + ".neurons") ==
          "models." + std::string(60, 'x') + "....neurons");
  Json spec = TinyGrid();
  spec[std::string(1000000, 'k')] = 1;
  try {
    ParseGridSpec(spec);
    FAIL("an unknown key passed");
  } catch (const SpecError& e) {
    REQUIRE(std::string(e.what()).size() < 300);
    REQUIRE_THAT(e.what(), Catch::Contains("unknown key"));
  }
  spec = TinyGrid();
  spec["grid"]["axes"][std::string(1000000, 'a')] = {1};
  try {
    ParseGridSpec(spec);
    FAIL("an unknown axis passed");
  } catch (const SpecError& e) {
    REQUIRE(std::string(e.what()).size() < 400);
  }
}

TEST_CASE("Grid names are folder names", "[experiment][hostile]") {
  Json spec = TinyGrid();
  spec["name"] = std::string(40000, 'x');  // a regex would overflow the stack
  REQUIRE_THROWS_WITH(ParseGridSpec(spec),
                      Catch::StartsWith("name: may be at most 200"));
  spec["name"] = std::string(kMaxGridNameLength, 'x');
  REQUIRE_NOTHROW(ParseGridSpec(spec));
  for (const char* bad : {".", "..", "", "a/b", "a b", "x\n"}) {
    spec["name"] = bad;
    REQUIRE_THROWS_WITH(ParseGridSpec(spec), Catch::StartsWith("name: "));
  }
  spec["name"] = "...";  // a plain name, if an odd one
  REQUIRE_NOTHROW(ParseGridSpec(spec));
}

TEST_CASE("A grid too large to expand is refused before expansion",
          "[experiment][hostile]") {
  REQUIRE_NOTHROW(CheckExpansionMemory(1e5));
  const double too_many = MachineMemoryBytes() / kBytesPerGridRun * 2;
  REQUIRE_THROWS_WITH(CheckExpansionMemory(too_many),
                      Catch::StartsWith("grid: expanding up to"));
  Json spec = TinyGrid();
  spec["grid"]["repeats"] = 1000000;
  spec["grid"]["axes"]["eta"] = {{"from", 0.1}, {"to", 1}, {"num", 1000000}};
  GridLimits limits;
  limits.max_runs = -1;
  REQUIRE_THROWS_WITH(ParseGridSpec(spec, limits),
                      Catch::Contains("of memory"));
}

TEST_CASE("Spec files must be regular files of bounded size",
          "[experiment][hostile]") {
  REQUIRE_THROWS_WITH(ReadJsonFile("/dev/zero"),
                      Catch::Contains("/dev/zero: not a regular file"));
  const fs::path dir = FreshDir("pmoe_hostile_files");
  const fs::path big = dir / "big.json";
  { std::ofstream(big) << " "; }
  fs::resize_file(big, kMaxJsonFileBytes + 1);
  REQUIRE_THROWS_WITH(ReadJsonFile(big), Catch::Contains("larger than 64 MB"));
  fs::remove_all(dir);
}

TEST_CASE("Records of other training options are not counted as done",
          "[experiment][hostile]") {
  const GridSpec grid = ParseGridSpec(TinyGrid());
  std::vector<Json> ids;
  for (const GridRun& run : grid.runs) ids.push_back(RecordIdentity(run));
  REQUIRE(ids[4]["params"]["epochs"] == 2);
  Json record = ids[4];  // cnn at N = 40
  REQUIRE_NOTHROW(CheckRecordBelongs(record, ids, "w"));
  record["params"]["epochs"] = 7;
  REQUIRE_THROWS_WITH(CheckRecordBelongs(record, ids, "w"),
                      Catch::Equals("w: run_id 4 has params.epochs 7, but "
                                    "this spec's run 4 has 2"));
  record = ids[4];
  record["params"].erase("eta");
  REQUIRE_THROWS_WITH(CheckRecordBelongs(record, ids, "w"),
                      Catch::Contains("has params.eta missing"));
  record = ids[4];
  record["coords"]["N"] = 20;
  REQUIRE_THROWS_WITH(CheckRecordBelongs(record, ids, "w"),
                      Catch::Contains("has coords.N 20, but"));
}

TEST_CASE("The lock file is never followed, truncated or shared",
          "[experiment][hostile]") {
  const fs::path dir = FreshDir("pmoe_hostile_lock");
  { std::ofstream(dir / "runs.jsonl") << "records\n"; }
  fs::create_symlink("runs.jsonl", dir / ".lock");
  REQUIRE_THROWS_WITH(FolderLock(dir), Catch::Contains(".lock: is a symlink"));
  REQUIRE_THROWS_WITH(CheckResultsFiles(dir),
                      Catch::Contains(".lock: is a symlink"));
  fs::remove(dir / ".lock");
  fs::create_hard_link(dir / "runs.jsonl", dir / ".lock");
  REQUIRE_THROWS_WITH(FolderLock(dir), Catch::Contains("not a lock file"));
  fs::remove(dir / ".lock");
  REQUIRE(::mkfifo((dir / ".lock").c_str(), 0644) == 0);
  REQUIRE_THROWS_WITH(FolderLock(dir), Catch::Contains("not a lock file"));
  fs::remove(dir / ".lock");
  REQUIRE(Slurp(dir / "runs.jsonl") == "records\n");
  const std::string longer(500, 'z');
  { std::ofstream(dir / ".lock") << longer; }
  { FolderLock lock(dir); }
  const std::string held = Slurp(dir / ".lock");
  REQUIRE(held.size() == longer.size());  // written over, not truncated
  REQUIRE(held.find("pid ") == 0);
  fs::remove_all(dir);
}

TEST_CASE("Results files that are not regular files are refused",
          "[experiment][hostile]") {
  const fs::path dir = FreshDir("pmoe_hostile_results");
  const GridSpec grid = ParseGridSpec(TinyGrid());
  for (const char* name :
       {"runs.jsonl", "timings.jsonl", "spec.json", "provenance.json"}) {
    INFO(name);
    fs::create_symlink("/dev/null", dir / name);
    REQUIRE_THROWS_WITH(ResultsStore(dir, grid, true),
                        Catch::Contains(std::string(name) + ": is a symlink"));
    fs::remove(dir / name);
    REQUIRE(::mkfifo((dir / name).c_str(), 0644) == 0);
    REQUIRE_THROWS_WITH(
        ResultsStore(dir, grid, false),
        Catch::Contains(std::string(name) + ": not a regular file"));
    fs::remove(dir / name);
  }
  REQUIRE_THROWS_WITH(ReadJsonLines("/dev/zero"),
                      Catch::Contains("not a regular file"));
  fs::create_symlink("missing/out.json", dir / "dangling.json");
  REQUIRE_THROWS_WITH(WriteFileAtomic(dir / "dangling.json", "x"),
                      Catch::Contains("a dangling symlink (it links to "
                                      "missing/out.json"));
  REQUIRE(fs::is_symlink(dir / "dangling.json"));
  REQUIRE_NOTHROW(ResultsStore(dir, grid, false));
  fs::remove_all(dir);
}
