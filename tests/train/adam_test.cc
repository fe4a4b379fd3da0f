// Adam as PyTorch takes its steps, the code's single-model recipe (torch
// uniform init, a stop that waits 500 epochs) and its records.
#include "sim/train/adam.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "sim/data/clusters/cluster_config.h"
#include "sim/data/dataset.h"
#include "sim/models/moe_topk/moe_topk.h"
#include "sim/models/moe_topk/moe_topk_config.h"
#include "sim/train/trainer.h"

using namespace sim;

TEST_CASE("Adam steps as torch.optim.Adam (coupled L2, bias correction)",
          "[train]") {
  // f(p) = 0.5 |p|^2, so the gradient is p. The reference follows the
  // algorithm in torch's documentation one scalar at a time.
  const double lr = 0.1, wd = 0.01;
  AdamConfig o;
  Vector<double> p(2);
  p << 1.0, -2.0;
  double ref[2] = {1.0, -2.0}, m[2] = {0, 0}, v[2] = {0, 0};
  AdamState<Vector<double>> adam;
  for (int t = 1; t <= 3; ++t) {
    adam.Step(p, Vector<double>(p), lr, wd, o);
    for (int i = 0; i < 2; ++i) {
      const double g = ref[i] + wd * ref[i];
      m[i] = o.beta1 * m[i] + (1 - o.beta1) * g;
      v[i] = o.beta2 * v[i] + (1 - o.beta2) * g * g;
      const double m_hat = m[i] / (1 - std::pow(o.beta1, t));
      const double denom =
          std::sqrt(v[i]) / std::sqrt(1 - std::pow(o.beta2, t)) + o.eps;
      ref[i] -= lr * m_hat / denom;
    }
    REQUIRE(p[0] == Approx(ref[0]).epsilon(1e-12));
    REQUIRE(p[1] == Approx(ref[1]).epsilon(1e-12));
  }
  REQUIRE(adam.steps() == 3);
  // The first step has length lr in every coordinate (m_hat / sqrt(v_hat)).
  Vector<double> q(1);
  q << 5.0;
  AdamState<Vector<double>> fresh;
  fresh.Step(q, Vector<double>(q), lr, 0, o);
  REQUIRE(q[0] == Approx(5.0 - lr).epsilon(1e-9));
}

TEST_CASE("Torch's uniform initialisation: U(-s, s), s = scale / sqrt(d)",
          "[model]") {
  MoeTopkConfig c;
  c.num_experts = 1;
  c.neurons = 400;
  c.bias = true;
  c.init = MoeTopkInit::kTorchUniform;
  Rng rng(3);
  MoeTopk<double> model(c, 4, 50, rng);
  const double s = 1 / std::sqrt(50.0);
  const auto& w = model.mutable_hidden();
  REQUIRE(w.maxCoeff() <= s);
  REQUIRE(w.minCoeff() >= -s);
  const double var = w.array().square().mean();
  REQUIRE(var == Approx(s * s / 3).epsilon(0.03));
  REQUIRE(model.mutable_bias().cwiseAbs().maxCoeff() <= s);
  REQUIRE(model.mutable_bias().cwiseAbs().maxCoeff() > 0.5 * s);
}

TEST_CASE("The code's single-model recipe: Adam, and a stop after epoch 500",
          "[train]") {
  RunConfig c;
  c.data.source = ClusterConfig{};
  c.data.num_patches = 4;
  c.data.train_size = 2000;
  c.data.test_size = 2000;
  MoeTopkConfig single;
  single.neurons = 80;
  single.num_experts = 1;
  single.bias = true;
  single.init = MoeTopkInit::kTorchUniform;
  c.model = single;
  c.train.batch_size = 2000;  // full batch: one step per epoch
  c.train.epochs = 60;
  c.train.learning_rate = 0.01;
  c.train.expert_update = ExpertUpdate::kAdam;
  c.train.weight_decay = 5e-4;
  c.train.eval_every = 20;
  c.seeds = SeedsFromMaster(4);
  const TrainResult adam = RunOne(c, nullptr);
  REQUIRE(adam.status == RunStatus::kOk);
  // It fits much of the training set in 60 full-batch steps.
  REQUIRE(adam.final_train_error < 0.35);
  // A tiny tolerance stops at the first rise, but only after epoch 30.
  c.train.early_stop_rise = 1e-12;
  c.train.early_stop_after_epochs = 30;
  const TrainResult stopped = RunOne(c, nullptr);
  REQUIRE(stopped.stopped_early == (stopped.steps < 60));
  REQUIRE(stopped.steps > 30);
  c.train.early_stop_after_epochs = 0;  // from the start
  REQUIRE(RunOne(c, nullptr).steps <= stopped.steps);
  // Weight decay belongs to Adam only.
  c.train.expert_update = ExpertUpdate::kNormalized;
  REQUIRE_THROWS_WITH(ValidateRunConfig(c),
                      Catch::Contains("training.weight_decay"));
}
