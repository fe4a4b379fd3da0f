// Learning-rate selection over TrainConfig::learning_rate_candidates, on
// the validation score (TrainResult::validation_score; docs/protocols.md):
// full selection trains every candidate for the whole run; successive
// halving trains every candidate for a short budget, keeps the better half
// and doubles the budget until one remains, which then trains the whole
// run (its record is the one full selection would give for that rate).
#pragma once

#include <functional>
#include <vector>

#include "sim/train/run_config.h"
#include "sim/train/train_result.h"

namespace sim {

// Trains one run at the config's single learning rate (no candidates).
using TrialTrainer = std::function<TrainResult(const RunConfig&)>;

// The run's budget: epochs under the budget protocol, else max_steps.
long RunBudget(const TrainConfig& train);

// The budgets of successive halving for `candidates` candidates and a full
// budget `full`: full / 2^R, ..., full / 4, full / 2 (rounded up, at least
// 1), R = ceil(log2(candidates)); empty for a single candidate.
std::vector<long> HalvingBudgets(size_t candidates, long full);

// Selects among config.train.learning_rate_candidates (non-empty) as
// config.train.rate_selection says. The result is the chosen candidate's
// full run with chosen_learning_rate and learning_rate_trials set, and the
// FLOPs, seconds and timing of every trial trained added up.
TrainResult SelectLearningRate(const RunConfig& config,
                               const TrialTrainer& train);

}  // namespace sim
