// The training protocols (online, converged, learning-rate selection) and
// the pieces they are built of: the evaluation schedule, the stopping rule
// and the fresh-sample stream.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <set>
#include <string>

#include "sim/core/rng.h"
#include "sim/data/synthetic/synthetic_config.h"
#include "sim/models/patch/patch_configs.h"
#include "sim/train/convergence_rule.h"
#include "sim/train/eval_schedule.h"
#include "sim/train/trainer.h"

using namespace sim;

namespace {

// m = 20; the pMoEs with k = 2 experts of l = 2 patches.
ModelConfig ProtocolModel(const std::string& type) {
  if (type == "cnn") {
    CnnConfig m;
    m.neurons = 20;
    return m;
  }
  if (type == "pmoe_separate") {
    PmoeSeparateConfig m;
    m.neurons = 20;
    return m;
  }
  PmoeJointConfig m;
  m.neurons = 20;
  m.num_experts = 2;
  m.top_l = 2;
  return m;
}

RunConfig ProtocolRun(const std::string& type, Protocol protocol) {
  RunConfig c;
  c.data.num_patches = 8;
  c.data.train_size = 200;
  c.data.test_size = 500;
  c.data.source.Mutable<SyntheticConfig>().patch_dim = 32;
  c.data.source.Mutable<SyntheticConfig>().num_confusers = 1;
  c.model = ProtocolModel(type);
  c.train.protocol = protocol;
  c.train.max_steps = 400;
  c.train.eval_points_per_decade = 16;
  c.train.router_data = RouterData::kIndependent;
  c.train.router_samples = 400;
  c.train.router_epochs = 2;
  c.seeds = SeedsFromMaster(5);
  return c;
}

std::vector<long> ScheduleSteps(long every, int per_decade, long last) {
  EvalSchedule schedule(every, per_decade);
  std::vector<long> due;
  for (long s = 1; s <= last; ++s)
    if (schedule.Due(s)) due.push_back(s);
  return due;
}

// Sum of |x| over a sample's patches, a fingerprint to detect repeats.
template <typename Scalar>
double Fingerprint(const Dataset<Scalar>& d, int i) {
  return d.Sample(i).cwiseAbs().sum() + 1e3 * d.signal_position[i];
}

// Two-sample Kolmogorov-Smirnov statistic sup |F_a - F_b|.
double KolmogorovSmirnov(Eigen::VectorXd a, Eigen::VectorXd b) {
  std::sort(a.data(), a.data() + a.size());
  std::sort(b.data(), b.data() + b.size());
  double d = 0;
  Eigen::Index i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const double x = std::min(a[i], b[j]);
    while (i < a.size() && a[i] <= x) ++i;
    while (j < b.size() && b[j] <= x) ++j;
    d = std::max(d, std::abs(double(i) / a.size() - double(j) / b.size()));
  }
  return d;
}

}  // namespace

TEST_CASE("The evaluation schedule: every k steps, or geometric", "[train]") {
  REQUIRE(ScheduleSteps(5, 0, 20) == std::vector<long>{5, 10, 15, 20});
  const std::vector<long> geometric = ScheduleSteps(1, 4, 1000);
  // 1, 2, 3, 4 (ceil(10^(j/4)) = 2, 4 deduplicated upwards), then x 10^0.25.
  REQUIRE(geometric.front() == 1);
  REQUIRE(geometric.back() == 1000);
  for (size_t i = 1; i < geometric.size(); ++i)
    REQUIRE(geometric[i] > geometric[i - 1]);
  // About 4 points per decade beyond the first few: 3 decades, 12 + a few.
  REQUIRE(geometric.size() >= 12);
  REQUIRE(geometric.size() <= 16);
  // Logarithmic growth: 16 per decade over 5 decades stays near 80 points.
  REQUIRE(ScheduleSteps(1, 16, 100000).size() < 95);
  // Counted without visiting every step: the same number of points.
  for (int per_decade : {0, 1, 4, 16, 40})
    for (long every : {1L, 3L, 50L})
      for (long last : {0L, 1L, 7L, 999L, 1000L, 123457L}) {
        CAPTURE(per_decade, every, last);
        REQUIRE(CountEvalPoints(every, per_decade, last) ==
                long(ScheduleSteps(every, per_decade, last).size()));
      }
}

TEST_CASE("The stopping rule stops converged runs and only those", "[train]") {
  TrainConfig t;
  t.stop_train_loss = 0.01;
  t.stop_plateau = 0.01;
  t.stop_min_epochs = 10;
  SECTION("zero training error and a small loss") {
    ConvergenceRule rule(t, 10);
    REQUIRE(rule.Check(10, 0.5, 0.1) == "");
    REQUIRE(rule.Check(20, 0.02, 0.0) == "");  // fitted, loss not yet small
    REQUIRE(rule.Check(40, 0.009, 0.0) == "zero_error");
  }
  SECTION("a plateau, but only after the minimum number of epochs") {
    ConvergenceRule rule(t, 10);
    REQUIRE(rule.Check(1, 0.69, 0.5) == "");
    REQUIRE(rule.Check(25, 0.40, 0.2) == "");
    REQUIRE(rule.Check(50, 0.40, 0.2) == "");  // flat, but before 10 epochs
    REQUIRE(rule.Check(100, 0.399, 0.2) == "plateau");
  }
  SECTION("a small step size's slow, steady fall is not a plateau") {
    ConvergenceRule rule(t, 10);
    for (long s = 1; s <= 60000; s = s * 3 / 2 + 1) {
      REQUIRE(rule.Check(s, 0.693 - 1e-5 * s, 0.5) == "");
    }
  }
  SECTION("a loss that never fell runs on to the cap") {
    ConvergenceRule rule(t, 10);
    for (long s = 1; s <= 100000; s *= 2) {
      REQUIRE(rule.Check(s, 0.693, 0.5) == "");
    }
  }
  SECTION("a loss that rose over the last doubling is not a plateau") {
    // Fell from 0.69 to 0.3 by step 50, then back up to 0.5 (an unstable
    // step): not converged, so it runs on.
    ConvergenceRule rule(t, 1);
    REQUIRE(rule.Check(1, 0.69, 0.5) == "");
    REQUIRE(rule.Check(50, 0.30, 0.2) == "");
    REQUIRE(rule.Check(100, 0.50, 0.3) == "");
    REQUIRE(rule.Check(200, 0.299, 0.2) == "");  // fell 0.201 since 100
    REQUIRE(rule.Check(400, 0.298, 0.2) == "plateau");
  }
  SECTION("a loss still falling is not a plateau") {
    ConvergenceRule rule(t, 10);
    for (long s = 100; s <= 100000; s *= 2) {
      REQUIRE(rule.Check(s, 1.0 / std::log2(double(s)), 0.05) == "");
    }
  }
}

TEST_CASE("The online stream draws fresh samples from the training law",
          "[train][data]") {
  DataConfig config;
  config.num_patches = 8;
  config.source.Mutable<SyntheticConfig>().patch_dim = 32;
  config.source.Mutable<SyntheticConfig>().num_confusers = 2;
  config.train_size = 4000;
  const uint64_t seed = 9;
  SampleStream<double> stream(config, seed, nullptr);
  Dataset<double> batch;
  std::set<double> seen;
  int positives = 0, samples = 0;
  double signal_sum = 0, fixed_signal_sum = 0;
  const auto fixed = GenerateData<double>(config, seed, nullptr);
  for (int step = 0; step < 200; ++step) {
    stream.Draw(20, batch);
    REQUIRE(batch.num_samples == 20);
    for (int i = 0; i < batch.num_samples; ++i) {
      // No sample is ever drawn twice.
      REQUIRE(seen.insert(Fingerprint(batch, i)).second);
      positives += batch.labels[i] > 0;
      signal_sum += batch.signal_position[i];
      ++samples;
    }
  }
  // None is a sample of the fixed training set either.
  for (int i = 0; i < fixed.train.num_samples; ++i)
    REQUIRE(seen.count(Fingerprint(fixed.train, i)) == 0);
  // Same law as the fixed set: balanced labels, uniform signal position
  // (mean (n - 1) / 2, sd sqrt((n^2 - 1) / 12) / sqrt(N)), the same
  // confuser count and patterns (o1 is exactly the fixed set's).
  REQUIRE(positives == samples / 2);
  for (int i = 0; i < fixed.train.num_samples; ++i)
    fixed_signal_sum += fixed.train.signal_position[i];
  const double sd = std::sqrt((64.0 - 1) / 12) / std::sqrt(4000.0);
  REQUIRE(std::abs(signal_sum / samples - 3.5) < 4 * sd);
  REQUIRE(std::abs(fixed_signal_sum / 4000 - 3.5) < 4 * sd);
  for (int i = 0; i < batch.num_samples; ++i)
    REQUIRE(batch.num_close[i] ==
            config.source.Mutable<SyntheticConfig>().num_confusers);
  auto signal_of = [](const Dataset<double>& d, int y) {
    for (int i = 0;; ++i)
      if (d.labels[i] == y)
        return Eigen::VectorXd(d.Sample(i).row(d.signal_position[i]));
  };
  REQUIRE((signal_of(batch, 1) - signal_of(fixed.train, 1)).norm() < 1e-12);
  // Patch content, two-sample: every patch's projection on o1 - o2 (signal
  // and confusers) and on a fixed random direction has the same law in the
  // stream as in the fixed set (Kolmogorov-Smirnov at alpha = 0.001).
  Dataset<double> streamed;
  stream.Draw(4000, streamed);
  const Eigen::VectorXd u =
      signal_of(fixed.train, 1) - signal_of(fixed.train, -1);
  Rng g_rng(3);
  Eigen::VectorXd g(32);
  for (int c = 0; c < 32; ++c) g[c] = g_rng.Normal();
  for (const Eigen::VectorXd& direction : {u, g}) {
    const Eigen::VectorXd a = streamed.patches * direction;
    const Eigen::VectorXd b = fixed.train.patches * direction;
    const double n = double(a.size()), m = double(b.size());
    REQUIRE(KolmogorovSmirnov(a, b) < 1.95 * std::sqrt((n + m) / (n * m)));
  }
  // The test can fail: a shifted law is told apart.
  const Eigen::VectorXd shifted =
      (fixed.train.patches * g).array() + 0.05 * g.norm();
  REQUIRE(KolmogorovSmirnov(streamed.patches * g, shifted) > 0.02);
}

TEST_CASE("Online training: max_steps fresh minibatches, one curve",
          "[train]") {
  for (const char* type : {"cnn", "pmoe_separate", "pmoe_joint"}) {
    RunConfig c = ProtocolRun(type, Protocol::kOnline);
    if (std::string(type) == "pmoe_joint")
      c.model.Mutable<PmoeJointConfig>().num_experts = 4;
    const TrainResult r = RunOne(c, nullptr);
    INFO(r.message);
    REQUIRE(r.status == RunStatus::kOk);
    REQUIRE(r.steps == 400);
    REQUIRE(r.stop_reason == "budget_spent");
    // Geometric schedule: step 0, then ~16 points per decade, then 400.
    REQUIRE(r.curve.front().step == 0);
    REQUIRE(r.curve.back().step == 400);
    REQUIRE(r.curve.size() > 30);
    REQUIRE(r.curve.size() < 60);
    // It learns: the test error falls well below chance.
    REQUIRE(r.final_test_error < 0.2);
  }
}

TEST_CASE("Online training rejects what it cannot do", "[train]") {
  RunConfig c = ProtocolRun("pmoe_separate", Protocol::kOnline);
  c.train.router_data = RouterData::kTrainingSet;
  REQUIRE_THROWS_WITH(ValidateRunConfig(c),
                      Catch::Contains("training.router_data"));
  c = ProtocolRun("cnn", Protocol::kOnline);
  c.train.max_steps = 0;
  REQUIRE_THROWS_WITH(ValidateRunConfig(c),
                      Catch::Contains("training.max_steps"));
}

TEST_CASE("Converged training stops when the optimiser is done", "[train]") {
  RunConfig c = ProtocolRun("pmoe_separate", Protocol::kConverged);
  c.train.learning_rate = 1.0;
  c.train.max_steps = 20000;
  c.train.stop_min_epochs = 5;
  const TrainResult done = RunOne(c, nullptr);
  REQUIRE(done.status == RunStatus::kOk);
  REQUIRE(done.converged);
  REQUIRE(done.stop_reason == "converged");
  REQUIRE(done.steps < 20000);
  REQUIRE(done.final_train_error <= 0.01);
  // The same run with a tiny step cannot converge within its cap.
  c.train.learning_rate = 1e-4;
  c.train.max_steps = 300;
  const TrainResult capped = RunOne(c, nullptr);
  REQUIRE(capped.status == RunStatus::kOk);
  REQUIRE_FALSE(capped.converged);
  REQUIRE(capped.stop_reason == "step_cap");
  REQUIRE(capped.steps == 300);
}

TEST_CASE("Learning-rate selection keeps the best rate on validation data",
          "[train]") {
  RunConfig c = ProtocolRun("cnn", Protocol::kOnline);
  c.train.max_steps = 200;
  c.train.learning_rate_candidates = {1e-4, 0.5, 2.0};
  c.train.validation_size = 400;
  const TrainResult r = RunOne(c, nullptr);
  REQUIRE(r.status == RunStatus::kOk);
  REQUIRE(r.learning_rate_trials.size() == 3);
  // The tiny rate learns nothing in 200 steps; the chosen one is the
  // candidate with the lowest validation error, and it is recorded.
  double best = 1;
  for (const auto& t : r.learning_rate_trials)
    best = std::min(best, t.validation_score);
  REQUIRE(r.validation_score == best);
  // Online, the score is the mean validation error along the curve, so it
  // is at least the final error.
  REQUIRE(r.validation_score >= r.validation_error);
  REQUIRE(r.chosen_learning_rate != 1e-4);
  // Selection without a validation set is refused.
  c.train.validation_size = 0;
  REQUIRE_THROWS_WITH(ValidateRunConfig(c),
                      Catch::Contains("training.validation_size"));
}

TEST_CASE("The budget protocol's curve and records are unchanged", "[train]") {
  // Per-epoch evaluation by default, stop reason "epochs".
  RunConfig c = ProtocolRun("cnn", Protocol::kBudget);
  c.train.eval_points_per_decade = 0;
  c.train.epochs = 3;
  const TrainResult r = RunOne(c, nullptr);
  REQUIRE(r.stop_reason == "epochs");
  REQUIRE(r.steps == 30);
  REQUIRE(r.curve.size() == 4);
}
