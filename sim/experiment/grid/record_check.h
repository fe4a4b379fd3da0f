// Ties records to their spec: each record carries its run's identity (run
// id, model, grid coordinates, repeat and seeds), which a resumed, merged or
// analysed folder checks against the spec's expansion, so a foreign or
// duplicated record is refused instead of counted. A resumed or merged
// folder checks the records' "params" (N, n, d, m, ..., epochs, eta) too, so
// records of other training options are never counted as done. Only these
// fields are compared: records may gain other optional fields freely.
#pragma once

#include <string>
#include <vector>

#include "sim/experiment/spec/json_reader.h"

namespace sim {

struct GridRun;
struct RunConfig;
struct RunSeeds;

// {"data", "init", "shuffle"}: a run's seeds as 16 hex digits each.
Json SeedsToJson(const RunSeeds& seeds);

// {"run_id", "model", "coords", "repeat", "seeds"} of one run, as records
// hold them.
Json RunIdentity(const GridRun& run);

// The "params" of a run's record: N, n, d, m, k, l, top_k, B, epochs, eta
// (the first candidate of a selection: MakeRecord puts the chosen one).
Json RunParams(const RunConfig& config);

// RunIdentity with "params": what a resumed or merged record must match.
// A run that selects its learning rate also holds "eta_candidates": its
// record's params.eta (the chosen rate) may be any of them.
Json RecordIdentity(const GridRun& run);

// The identities of every run of a resolved spec (index = run id).
std::vector<Json> SpecIdentities(const Json& resolved_spec);

// Throws SpecError("`where`: ...") unless `record` is run `identities[id]`
// in every key the identity holds; the message names the first differing
// field ("run_id 3 has params.epochs 4, but this spec's run 3 has 7").
void CheckRecordBelongs(const Json& record,
                        const std::vector<Json>& identities,
                        const std::string& where);

// Checks every record and refuses duplicated run ids.
void CheckRecordsBelong(const std::vector<Json>& records,
                        const std::vector<Json>& identities,
                        const std::string& where);

// Run ids in [0, expected) that no record holds, ascending.
std::vector<int> MissingRunIds(const std::vector<Json>& records, int expected);

// "3, 4, 7 and 12 more": a short list of run ids for messages.
std::string DescribeRunIds(const std::vector<int>& ids);

}  // namespace sim
