#include "sim/experiment/record_check.h"

#include <cstdio>
#include <set>

#include "sim/experiment/grid_spec.h"

namespace sim {
namespace {

std::string Hex(uint64_t x) {
  char text[24];
  std::snprintf(text, sizeof(text), "%016llx",
                static_cast<unsigned long long>(x));
  return text;
}

const char* const kIdentityKeys[] = {"model", "coords", "repeat", "seeds"};

}  // namespace

Json SeedsToJson(const RunSeeds& s) {
  return {{"data", Hex(s.data)},
          {"init", Hex(s.init)},
          {"shuffle", Hex(s.shuffle)}};
}

Json RunIdentity(const GridRun& run) {
  return {{"run_id", run.run_id},
          {"model", run.model},
          {"coords", run.coords},
          {"repeat", run.repeat},
          {"seeds", SeedsToJson(run.config.seeds)}};
}

std::vector<Json> SpecIdentities(const Json& resolved_spec) {
  // A stored spec was checked when it ran (perhaps on a larger machine).
  GridLimits unlimited;
  unlimited.max_runs = -1;
  unlimited.check_memory = false;
  const GridSpec grid = ParseGridSpec(resolved_spec, unlimited);
  std::vector<Json> identities;
  identities.reserve(grid.runs.size());
  for (const GridRun& run : grid.runs) identities.push_back(RunIdentity(run));
  return identities;
}

void CheckRecordBelongs(const Json& record,
                        const std::vector<Json>& identities,
                        const std::string& where) {
  const Json* id = record.is_object() && record.contains("run_id")
                       ? &record["run_id"]
                       : nullptr;
  if (id == nullptr || !id->is_number_integer()) {
    throw SpecError(where + ": a record without an integer run_id");
  }
  const long run_id = id->get<long>();
  if (run_id < 0 || run_id >= static_cast<long>(identities.size())) {
    throw SpecError(where + ": run_id " + std::to_string(run_id) +
                    " is not a run of this spec (it has " +
                    std::to_string(identities.size()) + " runs)");
  }
  const Json& expected = identities[static_cast<size_t>(run_id)];
  for (const char* key : kIdentityKeys) {
    if (!record.contains(key) || record[key] != expected[key]) {
      throw SpecError(where + ": run_id " + std::to_string(run_id) + " has " +
                      key + " " +
                      (record.contains(key) ? DescribeJson(record[key])
                                            : std::string("missing")) +
                      ", but this spec's run " + std::to_string(run_id) +
                      " has " + DescribeJson(expected[key]));
    }
  }
}

void CheckRecordsBelong(const std::vector<Json>& records,
                        const std::vector<Json>& identities,
                        const std::string& where) {
  std::set<long> seen;
  for (const Json& record : records) {
    CheckRecordBelongs(record, identities, where);
    const long run_id = record["run_id"].get<long>();
    if (!seen.insert(run_id).second) {
      throw SpecError(where + ": run_id " + std::to_string(run_id) +
                      " appears twice");
    }
  }
}

std::vector<int> MissingRunIds(const std::vector<Json>& records, int expected) {
  std::vector<bool> present(static_cast<size_t>(expected), false);
  for (const Json& record : records) {
    const Json& id = record.at("run_id");
    if (!id.is_number_integer()) continue;
    const long run_id = id.get<long>();
    if (run_id >= 0 && run_id < expected)
      present[static_cast<size_t>(run_id)] = true;
  }
  std::vector<int> missing;
  for (int i = 0; i < expected; ++i) {
    if (!present[static_cast<size_t>(i)]) missing.push_back(i);
  }
  return missing;
}

std::string DescribeRunIds(const std::vector<int>& ids) {
  const size_t shown = ids.size() <= 8 ? ids.size() : 6;
  std::string text;
  for (size_t i = 0; i < shown; ++i)
    text += (i ? ", " : "") + std::to_string(ids[i]);
  if (shown < ids.size())
    text += " and " + std::to_string(ids.size() - shown) + " more";
  return text;
}

}  // namespace sim
