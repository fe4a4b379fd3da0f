#include "sim/experiment/grid/grid_growth.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "sim/experiment/grid/record_check.h"

namespace sim {
namespace {

// Keys that describe or judge the runs but never change them.
const char* const kFreeKeys[] = {"name",   "description", "analysis",
                                 "expect", "grid",        "grid_history"};

// Dotted path of the first difference between two JSON values ("" if none).
std::string FirstDifference(const Json& a,
                            const Json& b,
                            const std::string& path) {
  if (a == b) return "";
  if (!a.is_object() || !b.is_object()) return path;
  for (const Json* side : {&a, &b}) {
    for (auto it = side->begin(); it != side->end(); ++it) {
      const std::string key = path.empty() ? it.key() : path + "." + it.key();
      if (!a.contains(it.key()) || !b.contains(it.key())) return key;
      const std::string inner = FirstDifference(a[it.key()], b[it.key()], key);
      if (!inner.empty()) return inner;
    }
  }
  return path;
}

std::string RunKey(const GridRun& run) {
  return run.model + run.coords.dump() + "#" + std::to_string(run.repeat);
}

GridLimits Unlimited() {
  GridLimits unlimited;
  unlimited.max_runs = -1;
  unlimited.check_memory = false;
  return unlimited;
}

Json GridOf(const Json& spec) {
  return spec.contains("grid") ? spec["grid"] : Json::object();
}

}  // namespace

Json RunDefiningPart(const Json& resolved_spec) {
  Json part = resolved_spec;
  for (const char* key : kFreeKeys) part.erase(key);
  return part;
}

void NumberRunsByHistory(GridSpec& grid, const Json& spec) {
  const Json& history = spec["grid_history"];
  if (!history.is_array())
    ThrowSpecError("grid_history", "expected an array of grid objects");
  std::map<std::string, GridRun*> current;
  for (GridRun& run : grid.runs) current[RunKey(run)] = &run;
  int next_id = 0;
  auto assign = [&](const std::vector<GridRun>& runs) {
    for (const GridRun& old : runs) {
      auto it = current.find(RunKey(old));
      if (it == current.end()) continue;  // dropped: ResultsStore refuses
      it->second->run_id = next_id++;
      current.erase(it);
    }
  };
  for (size_t i = 0; i < history.size(); ++i) {
    const std::string path = "grid_history[" + std::to_string(i) + "]";
    if (!history[i].is_object()) ThrowSpecError(path, "expected a grid object");
    Json old_spec = spec;
    old_spec.erase("grid_history");
    old_spec["grid"] = history[i];
    try {
      assign(ParseGridSpec(old_spec, Unlimited()).runs);
    } catch (const SpecError& e) {
      throw SpecError(path + ": " + e.what());
    }
  }
  std::vector<GridRun> in_order = grid.runs;  // the current grid's order
  assign(in_order);
  std::stable_sort(
      grid.runs.begin(), grid.runs.end(),
      [](const GridRun& a, const GridRun& b) { return a.run_id < b.run_id; });
}

GridSpec GrowFromFolder(const std::string& directory,
                        const GridSpec& grid,
                        const GridLimits& limits) {
  const std::string spec_path = directory + "/spec.json";
  std::error_code ec;
  if (!std::filesystem::exists(spec_path, ec)) return grid;
  Json stored;
  try {
    stored = ReadJsonFile(spec_path);
  } catch (const std::exception&) {
    return grid;  // ResultsStore reports it
  }
  if (!stored.is_object() || stored == grid.resolved ||
      grid.resolved.contains("grid_history") ||
      RunDefiningPart(stored) != RunDefiningPart(grid.resolved)) {
    return grid;
  }
  Json history =
      stored.contains("grid_history") ? stored["grid_history"] : Json::array();
  if (!history.is_array()) return grid;
  if (GridOf(stored) != GridOf(grid.resolved))
    history.push_back(GridOf(stored));
  if (history.empty()) return grid;
  Json grown = grid.resolved;
  grown["grid_history"] = history;
  return ParseGridSpec(grown, limits);
}

std::string GrowthRefusal(const Json& stored, const GridSpec& grid) {
  const std::string changed = FirstDifference(
      RunDefiningPart(stored), RunDefiningPart(grid.resolved), "");
  if (!changed.empty())
    return "'" + ClipPath(changed) + "' changed, and it determines the runs";
  std::vector<Json> recorded;
  try {
    recorded = SpecIdentities(stored);
  } catch (const SpecError& e) {
    return std::string("its spec.json is not a valid spec (") + e.what() + ")";
  }
  for (size_t id = 0; id < recorded.size(); ++id) {
    if (id < grid.runs.size() && RunIdentity(grid.runs[id]) == recorded[id])
      continue;
    const Json& r = recorded[id];
    return "'grid' no longer holds run " + std::to_string(id) + " (" +
           r["model"].get<std::string>() + " at " + r["coords"].dump() +
           ", repeat " + r["repeat"].dump() +
           "); a grid may only gain repeats or axis values";
  }
  return "";
}

}  // namespace sim
