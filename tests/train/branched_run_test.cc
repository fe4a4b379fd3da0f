// One online run trained to the larger of two paired budgets, with a record
// branched at the smaller (TrainConfig::branch_at, ConfigMemo::PairBudgets):
// both records are those of fresh runs at either budget, for the CNN and
// both pMoEs, without and with learning-rate selection (full, halving), a
// run that stops early, and a budget smaller than the run's; a schedule that
// depends on max_steps is never paired.
#include <catch2/catch.hpp>
#include <string>

#include "sim/data/synthetic/synthetic_config.h"
#include "sim/experiment/run/config_memo.h"
#include "sim/experiment/spec/run_config_json.h"
#include "sim/models/patch/patch_configs.h"
#include "sim/train/trainer.h"

using namespace sim;

namespace {

// 240 steps: not a point of the geometric schedule (238, 274), so the
// branch adds its own last point as a run stopping there does.
RunConfig OnlineRun(const ModelConfig& model) {
  RunConfig c;
  c.data.num_patches = 8;
  c.data.test_size = 200;
  c.data.source.Mutable<SyntheticConfig>().patch_dim = 16;
  c.data.source.Mutable<SyntheticConfig>().num_confusers = 1;
  c.model = model;
  c.train.protocol = Protocol::kOnline;
  c.train.max_steps = 240;
  c.train.learning_rate = 0.5;
  c.train.validation_size = 200;
  c.train.router_data = RouterData::kIndependent;
  c.train.router_samples = 200;
  c.train.router_epochs = 2;
  c.seeds = SeedsFromMaster(5);
  return c;
}

std::vector<RunConfig> Models() {
  CnnConfig cnn;
  cnn.neurons = 10;
  PmoeSeparateConfig separate;
  separate.neurons = 10;
  PmoeJointConfig joint;
  joint.neurons = 12;
  joint.num_experts = 4;
  joint.top_l = 2;
  return {OnlineRun(cnn), OnlineRun(separate), OnlineRun(joint)};
}

std::string Record(const TrainResult& r, const TrainConfig& train) {
  return ResultToJson(r, train).dump();
}

// Trains `c` paired with `paired` steps, then asks for the paired run:
// both records equal fresh runs', and the paired one costs no training.
void CheckPaired(const RunConfig& c, long paired) {
  ConfigMemo memo;
  memo.PairBudgets({{c.train.max_steps, paired}});
  const TrainResult first = RunOne(c, nullptr, &memo);
  memo.PairBudgets({});
  RunConfig other = c;
  other.train.max_steps = paired;
  const TrainResult second = RunOne(other, nullptr, &memo);
  INFO(first.message);
  REQUIRE(first.status != RunStatus::kFailed);
  REQUIRE(Record(first, c.train) == Record(RunOne(c, nullptr), c.train));
  REQUIRE(Record(second, other.train) ==
          Record(RunOne(other, nullptr), other.train));
  if (c.train.learning_rate_candidates.empty()) {
    REQUIRE(memo.reused() == 1);
  } else if (c.train.rate_selection == RateSelection::kFull) {
    REQUIRE(memo.reused() == long(c.train.learning_rate_candidates.size()));
  }
}

}  // namespace

TEST_CASE("A branched record equals a fresh run at either budget",
          "[train][branch]") {
  for (const RunConfig& c : Models()) {
    CheckPaired(c, 480);  // twice the steps
    CheckPaired(c, 120);  // half: branched from the base run itself
  }
}

TEST_CASE("Branched records hold under learning-rate selection",
          "[train][branch]") {
  for (RunConfig c : Models()) {
    c.train.learning_rate_candidates = {1e-4, 0.5, 1e6};  // 1e6 diverges
    CheckPaired(c, 480);
    c.train.rate_selection = RateSelection::kHalving;
    CheckPaired(c, 480);
  }
}

TEST_CASE("A run stopped before the branch step branches where it stops",
          "[train][branch]") {
  RunConfig c = Models().front();
  c.train.early_stop_rise = 1e-6;  // stops at the first rise of the loss
  const TrainResult stopped = RunOne(c, nullptr);
  REQUIRE(stopped.stopped_early);
  REQUIRE(stopped.steps < 120);
  CheckPaired(c, 480);
  CheckPaired(c, 120);
}

TEST_CASE("A schedule that depends on max_steps is never paired",
          "[train][branch]") {
  RunConfig c = Models().front();
  c.train.eval_points_per_decade = 0;  // one evaluation, at the end
  REQUIRE(!StepsIndependentOfBudget(c.train));
  ConfigMemo memo;
  memo.PairBudgets({{240, 480}});
  RunOne(c, nullptr, &memo);
  RunConfig doubled = c;
  doubled.train.max_steps = 480;
  const TrainResult trained = RunOne(doubled, nullptr, &memo);
  REQUIRE(memo.reused() == 0);
  REQUIRE(Record(trained, doubled.train) ==
          Record(RunOne(doubled, nullptr), doubled.train));
  c.train.eval_every = 40;  // every 40 steps whatever the budget
  REQUIRE(StepsIndependentOfBudget(c.train));
  CheckPaired(c, 480);
}
