#include "sim/train/rate_selection.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace sim {
namespace {

// Whether `a` beats `b` on the validation set (score, then loss).
bool BetterOnValidation(const TrainResult& a, const TrainResult& b) {
  if (a.status != RunStatus::kOk) return false;
  if (b.status != RunStatus::kOk) return true;
  if (a.validation_score != b.validation_score)
    return a.validation_score < b.validation_score;
  return a.validation_loss < b.validation_loss;
}

// The run at one candidate rate and budget, without selection.
RunConfig TrialConfig(const RunConfig& config, double rate, long budget) {
  RunConfig trial = config;
  trial.train.learning_rate = rate;
  trial.train.learning_rate_candidates.clear();
  trial.train.rate_selection = RateSelection::kFull;
  if (trial.train.protocol == Protocol::kBudget) {
    trial.train.epochs = static_cast<int>(budget);
  } else {
    trial.train.max_steps = budget;
  }
  return trial;
}

TrainResult::RateTrial TrialRecord(double rate,
                                   const TrainResult& result,
                                   long budget) {
  const bool ok = result.status == RunStatus::kOk;
  return {rate, ok ? result.validation_error : std::nan(""),
          ok ? result.validation_score : std::nan(""), budget};
}

// What every trial trained costs, added up into the chosen result.
struct TrialCosts {
  double train_flops = 0, eval_flops = 0, seconds = 0;
  RunTiming timing;
  void Add(const TrainResult& r) {
    train_flops += r.train_flops;
    eval_flops += r.eval_flops;
    seconds += r.wall_seconds;
    timing.Add(r.timing);
  }
  void SetOn(TrainResult& r) const {
    r.train_flops = train_flops;
    r.eval_flops = eval_flops;
    r.wall_seconds = seconds;
    r.timing = timing;
  }
};

// Every candidate trains the whole run with the same seeds (and, online,
// the same fresh samples); the validation set decides, never the test set.
TrainResult SelectFull(const RunConfig& config, const TrialTrainer& train) {
  const std::vector<double>& candidates = config.train.learning_rate_candidates;
  const long budget = RunBudget(config.train);
  TrainResult best;
  TrialCosts costs;
  std::vector<TrainResult::RateTrial> trials;
  for (size_t i = 0; i < candidates.size(); ++i) {
    TrainResult result = train(TrialConfig(config, candidates[i], budget));
    costs.Add(result);
    trials.push_back(TrialRecord(candidates[i], result, 0));
    if (i == 0 || BetterOnValidation(result, best)) {
      best = std::move(result);
      best.chosen_learning_rate = candidates[i];
    }
  }
  best.learning_rate_trials = std::move(trials);
  costs.SetOn(best);
  return best;
}

// The better half (rounded up) of `alive`, whose results are `results`, in
// candidate order; ties keep the earlier candidate, as full selection does.
std::vector<size_t> BetterHalf(const std::vector<size_t>& alive,
                               const std::vector<TrainResult>& results) {
  std::vector<size_t> order(alive.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return BetterOnValidation(results[a], results[b]);
  });
  order.resize((order.size() + 1) / 2);
  std::sort(order.begin(), order.end());
  std::vector<size_t> kept;
  for (size_t i : order) kept.push_back(alive[i]);
  return kept;
}

TrainResult SelectByHalving(const RunConfig& config,
                            const TrialTrainer& train) {
  const std::vector<double>& candidates = config.train.learning_rate_candidates;
  const long full = RunBudget(config.train);
  std::vector<size_t> alive(candidates.size());
  std::iota(alive.begin(), alive.end(), 0);
  std::vector<TrainResult::RateTrial> trials(candidates.size());
  TrialCosts costs;
  for (long budget : HalvingBudgets(candidates.size(), full)) {
    std::vector<TrainResult> results;
    for (size_t i : alive) {
      RunConfig trial = TrialConfig(config, candidates[i], budget);
      // A short trial is judged on the validation set alone.
      trial.train.evaluate_test = budget >= full;
      results.push_back(train(trial));
      costs.Add(results.back());
      trials[i] = TrialRecord(candidates[i], results.back(), budget);
    }
    alive = BetterHalf(alive, results);
  }
  const size_t chosen = alive.front();
  TrainResult best = train(TrialConfig(config, candidates[chosen], full));
  costs.Add(best);
  trials[chosen] = TrialRecord(candidates[chosen], best, full);
  best.chosen_learning_rate = candidates[chosen];
  best.learning_rate_trials = std::move(trials);
  costs.SetOn(best);
  return best;
}

}  // namespace

long RunBudget(const TrainConfig& train) {
  return train.protocol == Protocol::kBudget ? train.epochs : train.max_steps;
}

std::vector<long> HalvingBudgets(size_t candidates, long full) {
  int rounds = 0;
  while ((size_t{1} << rounds) < candidates) ++rounds;
  std::vector<long> budgets;
  for (int r = rounds; r >= 1; --r) {
    const long divisor = long{1} << r;
    budgets.push_back(std::max(1L, (full + divisor - 1) / divisor));
  }
  return budgets;
}

TrainResult SelectLearningRate(const RunConfig& config,
                               const TrialTrainer& train) {
  if (config.train.rate_selection == RateSelection::kHalving)
    return SelectByHalving(config, train);
  return SelectFull(config, train);
}

}  // namespace sim
