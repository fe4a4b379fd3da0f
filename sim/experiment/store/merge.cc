#include "sim/experiment/store/merge.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "sim/experiment/grid/grid_spec.h"
#include "sim/experiment/grid/record_check.h"
#include "sim/experiment/io/output_target.h"
#include "sim/experiment/spec/json_reader.h"
#include "sim/experiment/spec/option_values.h"
#include "sim/experiment/spec/results_format.h"
#include "sim/experiment/store/record_shape.h"
#include "sim/experiment/store/results_store.h"

namespace sim {
namespace fs = std::filesystem;

namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  if (!in) return "";
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Shards named i-of-S (as `run --shard` writes them) that are not among
// `dirs`, e.g. " (shard folders missing: 1-of-3)"; "" if none or unnamed.
std::string MissingShardNames(const std::vector<std::string>& dirs) {
  std::set<int> present;
  int total = 0;
  for (const std::string& dir : dirs) {
    int i = 0, n = 0;
    fs::path path = fs::path(dir).lexically_normal();
    if (path.filename().empty()) path = path.parent_path();  // "dir/"
    const std::string base = path.filename().string();
    if (ParseIntPair(base, "-of-", i, n) && n <= 100000 &&
        (total == 0 || n == total)) {
      total = n;
      present.insert(i);
    }
  }
  std::string missing;
  for (int i = 0; i < total; ++i) {
    if (!present.count(i))
      missing += (missing.empty() ? "" : ", ") + std::to_string(i) + "-of-" +
                 std::to_string(total);
  }
  return missing.empty() ? "" : " (shard folders missing: " + missing + ")";
}

}  // namespace

namespace {

// The records of every shard, each run once. The same run in two shards is
// kept once if both records are the same bytes and refused otherwise: which
// one a merge kept would depend on the order of the arguments.
class MergedRecords {
 public:
  void Add(const Json& record, const std::string& dir) {
    const int id = record["run_id"].get<int>();
    const auto [it, added] = by_id_.emplace(id, Entry{record, dir});
    if (added) {
      order_.push_back(id);
    } else if (it->second.record != record) {
      throw SpecError("merge: run_id " + std::to_string(id) + " is in both " +
                      it->second.dir + " and " + dir +
                      " with different contents; refusing to merge (remove "
                      "one of them)");
    }
  }
  std::vector<Json> Records() const {
    std::vector<Json> records;
    for (const int id : order_) records.push_back(by_id_.at(id).record);
    return records;
  }
  bool Has(int id) const { return by_id_.count(id) > 0; }
  const std::string& ShardOf(int id) const { return by_id_.at(id).dir; }

 private:
  struct Entry {
    Json record;
    std::string dir;
  };
  std::map<int, Entry> by_id_;
  std::vector<int> order_;
};

// The shard folder's spec.json, checked to be a results spec.
Json ReadShardSpec(const std::string& dir) {
  const std::string spec_path = dir + "/spec.json";
  if (!fs::exists(spec_path))
    throw SpecError(dir + ": no spec.json (not a results folder)");
  CheckResultsFiles(dir);
  const Json spec = ParseJsonText(Slurp(spec_path), spec_path);
  CheckResultsSpec(spec, spec_path);
  return spec;
}

}  // namespace

int MergeShards(const std::vector<std::string>& shard_dirs,
                const std::string& out_dir,
                bool force,
                bool allow_incomplete) {
  if (shard_dirs.empty()) throw SpecError("merge: no shard folders given");
  Json spec;
  GridSpec grid;
  MergedRecords merged;
  std::map<int, Json> timing_by_id;  // of the shard whose record is kept
  Json provenance = Json::array();
  std::vector<Json> identities;
  // A stored spec was checked when it ran (perhaps on a larger machine).
  GridLimits unlimited;
  unlimited.max_runs = -1;
  unlimited.check_memory = false;
  for (const std::string& dir : shard_dirs) {
    const Json shard_spec = ReadShardSpec(dir);
    if (spec.is_null()) {
      spec = shard_spec;
      grid = ParseGridSpec(spec, unlimited);
      for (const GridRun& run : grid.runs)
        identities.push_back(RecordIdentity(run));
    } else if (shard_spec != spec) {
      throw SpecError(dir + ": spec differs from " + shard_dirs.front() +
                      "; refusing to merge");
    }
    const std::vector<Json> shard_runs = ReadRecords(dir + "/runs.jsonl");
    CheckRecordsBelong(shard_runs, identities, dir + "/runs.jsonl");
    for (const Json& r : shard_runs) merged.Add(r, dir);
    for (Json& t : ReadJsonLines(dir + "/timings.jsonl")) {
      const int id = t["run_id"].get<int>();
      if (merged.Has(id) && merged.ShardOf(id) == dir &&
          !timing_by_id.count(id))
        timing_by_id[id] = std::move(t);
    }
    const std::string p = Slurp(dir + "/provenance.json");
    if (!p.empty()) {
      for (const Json& entry : ParseJsonText(p, dir + "/provenance.json"))
        provenance.push_back(entry);
    }
  }
  const std::vector<Json> runs = merged.Records();
  const std::vector<int> missing =
      MissingRunIds(runs, static_cast<int>(identities.size()));
  if (!missing.empty() && !allow_incomplete) {
    throw SpecError(
        "merge: " + std::to_string(missing.size()) + " of " +
        std::to_string(identities.size()) +
        " runs of the spec are in none of the shard folders (run ids " +
        DescribeRunIds(missing) + ")" + MissingShardNames(shard_dirs) +
        ": a shard is missing or unfinished; finish it, or pass "
        "--allow-incomplete to merge what there is");
  }
  ResultsStore store(out_dir, grid, force);
  for (const Json& r : runs) {
    const int id = r["run_id"].get<int>();
    if (store.finished().count(id)) continue;
    store.Append(
        r, timing_by_id.count(id) ? timing_by_id[id] : Json{{"run_id", id}});
  }
  store.Finalize();
  for (const Json& entry : provenance) store.AddProvenance(entry);
  return static_cast<int>(store.finished().size());
}

}  // namespace sim
