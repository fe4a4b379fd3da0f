// `pmoe-sim replay DIR --run-id K`: reproduces one run of a results folder
// alone, so a failing cell can be debugged without its grid. The folder's
// spec.json is expanded again (with its grid history, so run ids are the
// folder's), run K is trained by itself, and its record is compared with
// the stored one: a run is a pure function of its config, so they must be
// identical.
#pragma once

#include <string>
#include <vector>

#include "sim/experiment/spec/json_reader.h"

namespace sim {

struct ReplayResult {
  Json record;                      // the record the replay produced
  std::vector<std::string> differ;  // top-level fields that differ
};

// Throws SpecError (before training) if the folder has no valid spec.json,
// `run_id` is not a run of it, or runs.jsonl holds no record of it.
ReplayResult ReplayRun(const std::string& directory, int run_id);

}  // namespace sim
