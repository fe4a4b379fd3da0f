// The shape of a run's record (docs/results.md, "Results folders"): the
// fields every reader of runs.jsonl relies on, each of its JSON type; errors
// in [0, 1] or null; finite losses or null; curve arrays of one length.
// Checked in one place wherever records are read back or stored (resume,
// merge, analyze, export, check), so a hand-edited, truncated or foreign
// record is refused naming its file, line and run id instead of crashing a
// reader or being averaged in. Fields a record may gain later are free.
#pragma once

#include <string>
#include <vector>

#include "sim/experiment/store/json_lines.h"

namespace sim {

// Throws SpecError("`where` (run_id R): RULE"), e.g. "runs.jsonl line 3
// (run_id 2): curve.step has 12 entries but curve.test_loss has 11", if
// `record` does not have a record's shape.
void CheckRecordShape(const Json& record, const std::string& where);

// The records of a runs.jsonl (ReadNumberedJsonLines's rules), each checked
// by CheckRecordShape with "PATH line N" as `where`.
std::vector<Json> ReadRecords(const std::string& path);

}  // namespace sim
