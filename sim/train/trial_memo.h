// Results of single-rate runs kept for reuse within one process: a run's
// result is a pure function of its RunConfig (run_config.h), so a run
// whose config coincides exactly with one already trained (a selection
// candidate shared by two sensitivity variants, a halving rung that another
// variant's budget reaches too) is taken from here instead of retrained.
// The key is the caller's: the typed core never sees the config as text.
#pragma once

#include <optional>

#include "sim/train/run_config.h"
#include "sim/train/train_result.h"

namespace sim {

class TrialMemo {
 public:
  virtual ~TrialMemo() = default;
  // The result of a run with exactly `config` (single rate, no
  // candidates), if one was kept. Safe to call from many threads at once.
  virtual std::optional<TrainResult> Find(const RunConfig& config) = 0;
  virtual void Keep(const RunConfig& config, const TrainResult& result) = 0;
  // Another max_steps whose run of `config` (online, single rate) the
  // caller will also ask for and this memo does not hold: the trainer then
  // trains both as one run to the larger budget, with a record branched at
  // the smaller (TrainConfig::branch_at), and keeps both. 0 = none.
  virtual long PairedBudget(const RunConfig&) { return 0; }
};

}  // namespace sim
