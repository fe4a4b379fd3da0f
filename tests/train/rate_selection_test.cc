// Learning-rate selection by successive halving (rate_selection.h) against
// full selection, the record of the chosen rate against a plain run at that
// rate, the shared-run memo (config_memo.h), and the spec's select_by.
#include "sim/train/rate_selection.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "sim/core/check.h"
#include "sim/data/synthetic/synthetic_config.h"
#include "sim/experiment/run/config_memo.h"
#include "sim/experiment/spec/run_config_json.h"
#include "sim/models/patch/patch_configs.h"
#include "sim/train/trainer.h"

using namespace sim;

namespace {

// Online CNN with a planted best rate: two candidates too small to learn
// in 240 steps, one that diverges, and two that learn (0.5 the better).
RunConfig PlantedRun(RateSelection selection) {
  RunConfig c;
  c.data.num_patches = 8;
  c.data.test_size = 300;
  c.data.source.Mutable<SyntheticConfig>().patch_dim = 32;
  c.data.source.Mutable<SyntheticConfig>().num_confusers = 1;
  CnnConfig cnn;
  cnn.neurons = 20;
  c.model = cnn;
  c.train.protocol = Protocol::kOnline;
  c.train.max_steps = 240;
  c.train.validation_size = 300;
  c.train.learning_rate_candidates = {1e-5, 1e-4, 0.02, 0.5, 1e6};
  c.train.rate_selection = selection;
  c.seeds = SeedsFromMaster(11);
  return c;
}

// A record as text (NaN, written null, never equals itself as a number).
std::string Record(const TrainResult& r, const TrainConfig& train) {
  return ResultToJson(r, train).dump();
}

// A record without the FLOPs, which selection adds up over its runs.
std::string Deterministic(const TrainResult& r, const TrainConfig& plain) {
  Json j = ResultToJson(r, plain);
  j.erase("flops");
  return j.dump();
}

}  // namespace

TEST_CASE("Halving budgets double up to half the full budget", "[train]") {
  REQUIRE(HalvingBudgets(1, 4000).empty());
  REQUIRE(HalvingBudgets(2, 4000) == std::vector<long>{2000});
  REQUIRE(HalvingBudgets(5, 4000) == std::vector<long>{500, 1000, 2000});
  REQUIRE(HalvingBudgets(9, 4000) == std::vector<long>{250, 500, 1000, 2000});
  REQUIRE(HalvingBudgets(4, 3) == std::vector<long>{1, 2});  // rounded up
  REQUIRE(HalvingBudgets(8, 1) == std::vector<long>{1, 1, 1});
}

TEST_CASE("Halving picks the rate full selection picks", "[train]") {
  const TrainResult full = RunOne(PlantedRun(RateSelection::kFull), nullptr);
  const TrainResult halving =
      RunOne(PlantedRun(RateSelection::kHalving), nullptr);
  REQUIRE(full.status == RunStatus::kOk);
  REQUIRE(halving.status == RunStatus::kOk);
  REQUIRE(full.chosen_learning_rate == 0.5);
  REQUIRE(halving.chosen_learning_rate == full.chosen_learning_rate);
  // Each candidate's last budget: 30 steps for the first two eliminated,
  // the chosen one the full 240; halving trains less than full selection.
  REQUIRE(halving.learning_rate_trials.size() == 5);
  REQUIRE(halving.learning_rate_trials[3].budget == 240);
  REQUIRE(halving.learning_rate_trials[0].budget == 30);
  REQUIRE(halving.train_flops < full.train_flops);
  // Full selection records no budget (its records are unchanged).
  for (const auto& t : full.learning_rate_trials) REQUIRE(t.budget == 0);
  // The short trials skip the test set: halving evaluates less as well.
  REQUIRE(halving.eval_flops < full.eval_flops);
}

TEST_CASE("A trial without test evaluations scores the validation set alike",
          "[train]") {
  RunConfig plain = PlantedRun(RateSelection::kFull);
  plain.train.learning_rate_candidates.clear();
  plain.train.learning_rate = 0.5;
  RunConfig trial = plain;
  trial.train.evaluate_test = false;
  const TrainResult with_test = RunOne(plain, nullptr);
  const TrainResult without = RunOne(trial, nullptr);
  REQUIRE(without.validation_score == with_test.validation_score);
  REQUIRE(without.eval_flops < with_test.eval_flops);
  REQUIRE(std::isnan(without.curve.back().test_error));
  REQUIRE(!std::isnan(with_test.curve.back().test_error));
}

TEST_CASE("The chosen record is the plain run at the chosen rate", "[train]") {
  for (RateSelection s : {RateSelection::kFull, RateSelection::kHalving}) {
    const RunConfig selecting = PlantedRun(s);
    const TrainResult chosen = RunOne(selecting, nullptr);
    RunConfig plain = selecting;
    plain.train.learning_rate_candidates.clear();
    plain.train.learning_rate = chosen.chosen_learning_rate;
    const TrainResult single = RunOne(plain, nullptr);
    REQUIRE(Deterministic(chosen, plain.train) ==
            Deterministic(single, plain.train));
    REQUIRE(chosen.validation_score == single.validation_score);
  }
}

TEST_CASE("Runs whose configs coincide are taken from the memo", "[train]") {
  ConfigMemo memo;
  const RunConfig c = PlantedRun(RateSelection::kHalving);
  const TrainResult first = RunOne(c, nullptr, &memo);
  REQUIRE(memo.reused() == 0);
  const TrainResult again = RunOne(c, nullptr, &memo);
  // 5 + 3 + 2 rung runs and the final one, all reused, the same record.
  REQUIRE(memo.reused() == 11);
  REQUIRE(Record(first, c.train) == Record(again, c.train));
  // Twice the steps: its rungs at 60, 120 and 240 steps are the base's
  // 60 and 120 rung runs and its final run, where the same rates reach them.
  RunConfig doubled = c;
  doubled.train.max_steps = 480;
  const TrainResult longer = RunOne(doubled, nullptr, &memo);
  REQUIRE(memo.reused() > 11);
  ConfigMemo fresh;
  REQUIRE(Record(longer, doubled.train) ==
          Record(RunOne(doubled, nullptr, &fresh), doubled.train));
}

TEST_CASE("select_by is read strictly and written only for halving", "[spec]") {
  const Json halving = {
      {"learning_rate", {{"select", {0.1, 0.4}}, {"select_by", "halving"}}}};
  const TrainConfig h = ParseTrainConfig(halving, "training", TrainConfig());
  REQUIRE(h.rate_selection == RateSelection::kHalving);
  REQUIRE(ToJson(h)["learning_rate"]["select_by"] == "halving");
  const Json full = {
      {"learning_rate", {{"select", {0.1, 0.4}}, {"select_by", "full"}}}};
  const TrainConfig f = ParseTrainConfig(full, "training", TrainConfig());
  REQUIRE(f.rate_selection == RateSelection::kFull);
  REQUIRE(!ToJson(f)["learning_rate"].contains("select_by"));
  for (const Json& bad : {Json("fast"), Json(2), Json(nullptr)}) {
    const Json spec = {
        {"learning_rate", {{"select", {0.1, 0.4}}, {"select_by", bad}}}};
    REQUIRE_THROWS_WITH(ParseTrainConfig(spec, "training", TrainConfig()),
                        Catch::Contains("training.learning_rate.select_by"));
  }
}
