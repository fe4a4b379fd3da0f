// One run from a run config as JSON, in process: what `pmoe-sim train`
// writes, and what the Python module's train() returns.
#pragma once

#include "sim/experiment/spec/json_reader.h"
#include "sim/train/train_result.h"

namespace sim {

// Parses `config_json` (the run config schema; SpecError naming the JSON
// path on bad input), trains it and returns the result document: the
// resolved config (seed included), the seeds, the result and the wall time.
// `result` receives the typed result (for the summary line and exit status).
Json TrainFromJson(const Json& config_json, TrainResult& result);

}  // namespace sim
