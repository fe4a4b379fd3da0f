#include "sim/experiment/run/config_memo.h"

#include <utility>

#include "sim/experiment/spec/run_config_json.h"

namespace sim {
namespace {

std::string Key(const RunConfig& c) {
  const Json key = {{"data", ToJson(c.data)},
                    {"model", ToJson(c.model)},
                    {"training", ToJson(c.train)},
                    {"double", c.precision == Precision::kDouble},
                    // A trial without test evaluations is not a record.
                    {"evaluate_test", c.train.evaluate_test},
                    {"seeds", {c.seeds.data, c.seeds.init, c.seeds.shuffle}}};
  return key.dump();
}

}  // namespace

std::optional<TrainResult> ConfigMemo::Find(const RunConfig& config) {
  const std::string key = Key(config);
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = results_.find(key);
  if (it == results_.end()) return std::nullopt;
  ++reused_;
  return it->second;
}

void ConfigMemo::Keep(const RunConfig& config, const TrainResult& result) {
  const std::string key = Key(config);
  std::lock_guard<std::mutex> lock(mutex_);
  results_.emplace(key, result);
}

long ConfigMemo::PairedBudget(const RunConfig& config) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = pairs_.find(config.train.max_steps);
  if (it == pairs_.end()) return 0;
  RunConfig paired = config;
  paired.train.max_steps = it->second;
  return results_.count(Key(paired)) > 0 ? 0 : it->second;
}

void ConfigMemo::PairBudgets(std::map<long, long> pairs) {
  std::lock_guard<std::mutex> lock(mutex_);
  pairs_ = std::move(pairs);
}

long ConfigMemo::reused() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return reused_;
}

}  // namespace sim
