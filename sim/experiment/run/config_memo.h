// A TrialMemo keyed by the run's resolved config as JSON (every option with
// defaults filled in, the precision and the seeds): two runs share a result
// only where their configs coincide exactly. Kept in memory for the life
// of the object (pmoe-sim sensitivity: the base grid and its variants).
// While budgets are paired, an online run at one is trained together with
// its run at the other (trial_memo.h): sensitivity pairs the base grid's
// max_steps with the steps variant's while the base grid runs.
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "sim/train/trial_memo.h"

namespace sim {

class ConfigMemo : public TrialMemo {
 public:
  std::optional<TrainResult> Find(const RunConfig& config) override;
  void Keep(const RunConfig& config, const TrainResult& result) override;
  long PairedBudget(const RunConfig& config) override;
  // max_steps -> the max_steps to train with it; empty: none.
  void PairBudgets(std::map<long, long> pairs);
  // Runs taken from the memo instead of trained.
  long reused() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, TrainResult> results_;
  std::map<long, long> pairs_;
  long reused_ = 0;
};

}  // namespace sim
