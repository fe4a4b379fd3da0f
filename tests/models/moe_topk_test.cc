// The top-1 MoE of Chen et al. 2022: gradients against finite differences
// (routing noise fixed, so the dispatch is a constant), and routing.
#include "sim/models/moe_topk/moe_topk.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "sim/train/run_config.h"

using namespace sim;

namespace {

struct Problem {
  RowMatrix<double> x;
  std::vector<int> y;
  int batch;
};

Problem RandomProblem(int batch, int P, int d, uint64_t seed) {
  Rng rng(seed);
  Problem p{RowMatrix<double>(batch * P, d), std::vector<int>(batch), batch};
  for (int i = 0; i < p.x.rows(); ++i)
    for (int c = 0; c < d; ++c) p.x(i, c) = rng.Normal();
  for (int b = 0; b < batch; ++b) p.y[b] = rng.Sign();
  return p;
}

double Loss(const MoeTopk<double>& model, const Problem& p) {
  MoeTopkWorkspace<double> ws;
  Rng noise(99);  // the same routing noise at every evaluation
  model.Forward(p.x, p.batch, noise, ws);
  double loss = 0;
  for (int b = 0; b < p.batch; ++b)
    loss += std::log1p(std::exp(-p.y[b] * ws.f[b]));
  return loss / p.batch;
}

template <typename Block>
double MaxError(MoeTopk<double>& model,
                const Problem& p,
                Block& block,
                const Block& analytic) {
  const double h = 1e-6;
  double worst = 0;
  for (int i = 0; i < block.size(); ++i) {
    const double saved = block.data()[i];
    block.data()[i] = saved + h;
    const double up = Loss(model, p);
    block.data()[i] = saved - h;
    const double down = Loss(model, p);
    block.data()[i] = saved;
    const double numeric = (up - down) / (2 * h);
    const double a = analytic.data()[i];
    worst =
        std::max(worst, std::abs(numeric - a) /
                            std::max(1e-4, std::abs(numeric) + std::abs(a)));
  }
  return worst;
}

void Check(MoeTopkConfig c) {
  c.hidden_init_std = 0.3;
  Rng rng(4);
  MoeTopk<double> model(c, 4, 5, rng);
  // A non-zero router, so routing and gates depend on it.
  Rng r(8);
  for (int i = 0; i < model.mutable_router().size(); ++i) {
    model.mutable_router().data()[i] = 0.3 * r.Normal();
  }
  const Problem p = RandomProblem(6, 4, 5, 11);
  MoeTopkWorkspace<double> ws;
  Rng noise(99);
  model.Forward(p.x, p.batch, noise, ws);
  Vector<double> dloss(p.batch);
  for (int b = 0; b < p.batch; ++b) {
    dloss[b] = -p.y[b] / (1 + std::exp(p.y[b] * ws.f[b])) / p.batch;
  }
  auto grad = model.MakeGradient();
  model.Backward(p.batch, dloss, ws, grad);
  REQUIRE(grad.hidden.norm() > 0);
  CHECK(MaxError(model, p, model.mutable_hidden(), grad.hidden) < 1e-5);
  if (c.bias) CHECK(MaxError(model, p, model.mutable_bias(), grad.bias) < 1e-5);
  if (c.num_experts > 1) {
    REQUIRE(grad.router.norm() > 0);
    CHECK(MaxError(model, p, model.mutable_router(), grad.router) < 1e-5);
  }
}

}  // namespace

TEST_CASE("Top-1 MoE gradients match finite differences", "[model]") {
  MoeTopkConfig c;
  c.num_experts = 3;
  c.neurons = 12;
  SECTION("cubic, softmax gate (paper)") { Check(c); }
  SECTION("linear, noisy-score gate, bias (code)") {
    c.activation = Activation::kLinear;
    c.gate = MoeTopkGate::kNoisyScore;
    c.bias = true;
    Check(c);
  }
  SECTION("cubic with bias, noisy-score gate") {
    c.gate = MoeTopkGate::kNoisyScore;
    c.bias = true;
    Check(c);
  }
  SECTION("top-2 of 4 experts, softmax gate (Zhao et al.)") {
    c.num_experts = 4;
    c.neurons = 16;
    c.top_k = 2;
    Check(c);
  }
  SECTION("top-3 of 3, noisy-score gate with bias") {
    c.top_k = 3;
    c.gate = MoeTopkGate::kNoisyScore;
    c.bias = true;
    Check(c);
  }
  SECTION("single expert (no router)") {
    c.num_experts = 1;
    c.neurons = 8;
    Check(c);
  }
}

TEST_CASE("Top-1 routing picks the largest noisy score; zero router is uniform",
          "[model]") {
  MoeTopkConfig c;
  c.num_experts = 4;
  c.neurons = 8;
  Rng rng(1);
  MoeTopk<float> model(c, 3, 6, rng);
  const int batch = 4000;
  RowMatrix<float> x = RowMatrix<float>::Ones(batch * 3, 6);
  MoeTopkWorkspace<float> ws;
  Rng noise(3);
  model.Forward(x, batch, noise, ws);
  std::vector<int> load(4, 0);
  for (int b = 0; b < batch; ++b) {
    int best = 0;
    for (int m = 1; m < 4; ++m) {
      if (ws.noise(b, m) > ws.noise(b, best)) best = m;
    }
    REQUIRE(ws.expert[b] == best);         // top_k = 1: one slot per sample
    REQUIRE(ws.gate[b] == Approx(0.25f));  // softmax of a zero router
    load[best]++;
  }
  for (int l : load) REQUIRE(std::abs(l - batch / 4) < 150);
  MoeTopkConfig bad = c;
  bad.neurons = 12;  // 3 filters per expert: no equal +1 / -1 split
  REQUIRE_THROWS_WITH(
      bad.Validate(RunConfig{}),
      Catch::Contains("model.neurons: must be a multiple of 2 * num_experts"));
}
