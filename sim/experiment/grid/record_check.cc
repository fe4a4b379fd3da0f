#include "sim/experiment/grid/record_check.h"

#include <cstdio>
#include <set>

#include "sim/experiment/grid/grid_spec.h"

namespace sim {
namespace {

std::string Hex(uint64_t x) {
  char text[24];
  std::snprintf(text, sizeof(text), "%016llx",
                static_cast<unsigned long long>(x));
  return text;
}

// In the order they are checked; "params" only where an identity has them.
const char* const kIdentityKeys[] = {"model", "coords", "repeat", "seeds",
                                     "params"};

// The value of `key` in `record` (objects: `key.field`), or "missing".
std::string ValueAt(const Json& record,
                    const std::string& key,
                    const std::string& field) {
  if (!record.contains(key)) return "missing";
  const Json& value = record[key];
  if (field.empty()) return DescribeJson(value);
  return value.contains(field) ? DescribeJson(value[field]) : "missing";
}

// The first field of two objects that differs ("" if they are no objects).
std::string FirstDifferentField(const Json& a, const Json& b) {
  if (!a.is_object() || !b.is_object()) return "";
  for (const Json* side : {&a, &b}) {
    for (auto it = side->begin(); it != side->end(); ++it) {
      if (!a.contains(it.key()) || !b.contains(it.key()) ||
          a[it.key()] != b[it.key()])
        return it.key();
    }
  }
  return "";
}

[[noreturn]] void ThrowMismatch(const Json& record,
                                const Json& expected,
                                const std::string& key,
                                const std::string& where) {
  const std::string id = std::to_string(expected["run_id"].get<long>());
  const std::string field =
      record.contains(key) ? FirstDifferentField(record[key], expected[key])
                           : "";
  const std::string name = field.empty() ? key : key + "." + ClipName(field);
  throw SpecError(where + ": run_id " + id + " has " + name + " " +
                  ValueAt(record, key, field) + ", but this spec's run " + id +
                  " has " + ValueAt(expected, key, field));
}

// The identity a record must match: a run that selects its learning rate
// records the chosen one as params.eta, so any of its candidates matches
// (folders of results format 3 hold the first candidate there).
Json ExpectedFor(const Json& record, const Json& expected) {
  if (!expected.contains("eta_candidates") || !record.contains("params"))
    return expected;
  const Json& params = record["params"];
  if (!params.is_object() || !params.contains("eta")) return expected;
  for (const Json& eta : expected["eta_candidates"]) {
    if (eta != params["eta"]) continue;
    Json matched = expected;
    matched["params"]["eta"] = eta;
    return matched;
  }
  return expected;
}

}  // namespace

Json SeedsToJson(const RunSeeds& s) {
  return {{"data", Hex(s.data)},
          {"init", Hex(s.init)},
          {"shuffle", Hex(s.shuffle)}};
}

Json RunParams(const RunConfig& c) {
  const ModelShape shape = c.model->Shape(c.data.num_patches);
  return {
      // Online: the sample budget B * max_steps (no fixed training set).
      {"N", c.train.protocol == Protocol::kOnline
                ? long(c.train.max_steps) * c.train.batch_size
                : long(c.data.train_size)},
      {"n", c.data.num_patches},
      {"d", PatchDim(c.data)},
      {"m", shape.neurons},
      {"k", shape.experts},
      {"l", shape.patches},
      {"top_k", shape.active},
      {"B", c.train.batch_size},
      // Epochs are the budget of the budget protocol only (null online
      // and converged, which stop at max_steps).
      {"epochs", c.train.protocol == Protocol::kBudget ? Json(c.train.epochs)
                                                       : Json(nullptr)},
      {"eta", c.train.learning_rate}};
}

Json RecordIdentity(const GridRun& run) {
  Json identity = RunIdentity(run);
  identity["params"] = RunParams(run.config);
  const std::vector<double>& candidates =
      run.config.train.learning_rate_candidates;
  if (!candidates.empty()) identity["eta_candidates"] = candidates;
  return identity;
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
  const Json expected =
      ExpectedFor(record, identities[static_cast<size_t>(run_id)]);
  for (const char* key : kIdentityKeys) {
    if (!expected.contains(key)) continue;
    if (!record.contains(key) || record[key] != expected[key])
      ThrowMismatch(record, expected, key, where);
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
