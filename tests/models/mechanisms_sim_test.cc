// The mechanisms' measurements in the core: Lemma G.1's activation
// coupling, the discriminative patch's rank under each router, and Lemma
// 4.1's router schedule.
#include <catch2/catch.hpp>
#include <cmath>

#include "sim/core/rng.h"
#include "sim/models/patch/activation_coupling.h"
#include "sim/models/patch/router_phase.h"
#include "sim/models/patch/signal_rank.h"
#include "sim/train/run_config.h"

using namespace sim;

namespace {

PatchModel<double> Model(bool routed, int n, int d, int l) {
  PatchArchitecture c;
  c.routed = routed;
  c.soft_gates = false;
  c.experts = routed ? 2 : 1;
  c.neurons = 4;
  c.top_l = routed ? l : n;
  Rng rng(3);
  return PatchModel<double>(c, n, d, rng);
}

// N samples of n Gaussian patches; sample i's patch i % n is its signal,
// set to 5 e_0 for y = +1 and 5 e_1 for y = -1.
Dataset<double> SignalSet(int N, int n, int d) {
  Rng rng(11);
  Dataset<double> data;
  data.num_samples = N;
  data.num_patches = n;
  data.patch_dim = d;
  data.patches.resize(Eigen::Index(N) * n, d);
  for (Eigen::Index r = 0; r < data.patches.rows(); ++r)
    for (int c = 0; c < d; ++c) data.patches(r, c) = 0.1 * rng.Normal();
  for (int i = 0; i < N; ++i) {
    const int y = i % 2 == 0 ? 1 : -1;
    data.labels.push_back(y);
    data.signal_position.push_back(i % n);
    data.patches.row(Eigen::Index(i) * n + i % n).setZero();
    data.patches(Eigen::Index(i) * n + i % n, y > 0 ? 0 : 1) = 5;
  }
  return data;
}

}  // namespace

TEST_CASE(
    "Activation coupling is 0 at initialisation and 1 for flipped "
    "weights",
    "[model][mechanisms]") {
  for (bool routed : {false, true}) {
    auto model = Model(routed, 6, 5, 2);
    const Dataset<double> data = SignalSet(10, 6, 5);
    const ActivationCoupling<double> coupling(model, data);
    CHECK(coupling.ChangedFraction(model) == 0);
    // Every pre-activation changes sign (none is exactly 0 here).
    model.mutable_hidden() *= -1;
    CHECK(coupling.ChangedFraction(model) == 1);
    // Half the neurons flipped back: half the pairs changed.
    model.mutable_hidden().topRows(2) *= -1;
    CHECK(coupling.ChangedFraction(model) == Approx(0.5));
  }
}

TEST_CASE("A router aligned with the signal ranks it first",
          "[model][mechanisms]") {
  auto model = Model(true, 6, 5, 2);
  model.mutable_router().setZero();
  model.mutable_router()(0, 0) = 1;  // expert 0 looks for e_0 (y = +1)
  model.mutable_router()(1, 1) = 1;  // expert 1 for e_1 (y = -1)
  const Dataset<double> data = SignalSet(20, 6, 5);
  const auto ranks = SignalRanks(model, data);
  REQUIRE(ranks.size() == 2);
  REQUIRE(ranks[0][0].size() == 6);
  CHECK(ranks[0][0][0] == 10);  // class +1, all at rank 1 under expert 0
  CHECK(ranks[1][1][0] == 10);  // class -1, all at rank 1 under expert 1
  // Under the other expert the signal patch scores 0, among noise of
  // either sign: rarely first.
  long total = 0;
  for (long c : ranks[0][1]) total += c;
  CHECK(total == 10);
  CHECK(ranks[0][1][0] < 10);
  // The CNN has no routers.
  CHECK(SignalRanks(Model(false, 6, 5, 2), data).empty());
}

TEST_CASE(
    "Lemma 4.1's router schedule is the fixed one at step/n and "
    "batch*n^2",
    "[model][mechanisms]") {
  const int n = 4, d = 3;
  const Dataset<double> data = SignalSet(200, n, d);
  TrainConfig lemma;
  lemma.router_schedule = RouterSchedule::kLemma41;
  lemma.router_learning_rate = 0.8;
  lemma.router_batch_size = 2;
  lemma.router_epochs = 3;
  TrainConfig fixed = lemma;
  fixed.router_schedule = RouterSchedule::kFixed;
  fixed.router_learning_rate = 0.8 / n;
  fixed.router_batch_size = 2 * n * n;
  auto a = Model(true, n, d, 2), b = Model(true, n, d, 2);
  Rng ra(5), rb(5);
  const double flops_a = TrainRouters(lemma, data, ra, a);
  const double flops_b = TrainRouters(fixed, data, rb, b);
  CHECK(flops_a == flops_b);
  CHECK(a.router() == b.router());
  // The default schedule at the same constants differs.
  auto c = Model(true, n, d, 2);
  Rng rc(5);
  TrainConfig plain = lemma;
  plain.router_schedule = RouterSchedule::kFixed;
  TrainRouters(plain, data, rc, c);
  CHECK(!(a.router() == c.router()));
}
