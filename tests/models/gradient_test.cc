// Every model's analytic gradient against central finite differences.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "sim/models/patch/patch_model.h"

using namespace sim;

namespace {

struct Problem {
  RowMatrix<double> x;  // (B*n, d)
  std::vector<int> y;   // (B)
  int batch;
};

Problem RandomProblem(int batch, int n, int d, uint64_t seed) {
  Rng rng(seed);
  Problem p{RowMatrix<double>(batch * n, d), std::vector<int>(batch), batch};
  for (int i = 0; i < p.x.rows(); ++i)
    for (int c = 0; c < d; ++c) p.x(i, c) = rng.Normal();
  for (int b = 0; b < batch; ++b) p.y[b] = rng.Sign();
  return p;
}

double Loss(const PatchModel<double>& model, const Problem& p) {
  auto ws = model.MakeWorkspace(p.batch);
  model.Forward(p.x, p.batch, ws);
  double loss = 0;
  for (int b = 0; b < p.batch; ++b)
    loss += std::log1p(std::exp(-p.y[b] * ws.f[b]));
  return loss / p.batch;
}

Gradient<double> Analytic(const PatchModel<double>& model,
                          const Problem& p,
                          Trainable which) {
  auto ws = model.MakeWorkspace(p.batch);
  model.Forward(p.x, p.batch, ws);
  Vector<double> dloss(p.batch);
  for (int b = 0; b < p.batch; ++b) {
    const double v = 1.0 / (1.0 + std::exp(p.y[b] * ws.f[b]));  // Def. F.1
    dloss[b] = -p.y[b] * v / p.batch;
  }
  auto grad = model.MakeGradient();
  model.Backward(p.x, p.batch, dloss, which, ws, grad);
  return grad;
}

// Max relative error over every entry of `block` (hidden or router).
double MaxError(PatchModel<double>& model,
                const Problem& p,
                RowMatrix<double>& block,
                const RowMatrix<double>& analytic) {
  const double h = 1e-6;
  double worst = 0;
  for (int i = 0; i < block.rows(); ++i) {
    for (int c = 0; c < block.cols(); ++c) {
      const double saved = block(i, c);
      block(i, c) = saved + h;
      const double up = Loss(model, p);
      block(i, c) = saved - h;
      const double down = Loss(model, p);
      block(i, c) = saved;
      const double numeric = (up - down) / (2 * h);
      const double err =
          std::abs(numeric - analytic(i, c)) /
          std::max(1e-3, std::abs(numeric) + std::abs(analytic(i, c)));
      worst = std::max(worst, err);
    }
  }
  return worst;
}

void CheckModel(PatchArchitecture config, int n, int d, uint64_t seed) {
  Rng rng(seed);
  config.router_init_std = 0.5;  // spread routing values: no near-ties
  PatchModel<double> model(config, n, d, rng);
  const Problem p = RandomProblem(5, n, d, seed + 1);
  const Gradient<double> grad = Analytic(model, p, Trainable::kAll);
  REQUIRE(grad.hidden.norm() > 0);
  CHECK(MaxError(model, p, model.mutable_hidden(), grad.hidden) < 1e-5);
  if (model.routed()) {
    // A softmax over one selected value is constant: no router gradient.
    const bool moves =
        config.top_l > 1 || config.gate == GateVariant::kSoftmaxAllPatches;
    if (config.soft_gates) REQUIRE((grad.router.norm() > 0) == moves);
    // Hard gates: f is piecewise constant in w_s, so both sides are 0.
    CHECK(MaxError(model, p, model.mutable_router(), grad.router) < 1e-5);
  }
}

}  // namespace

TEST_CASE("CNN gradient matches finite differences (eq. 21)", "[model]") {
  PatchArchitecture c;  // the CNN
  c.neurons = 6;
  CheckModel(c, 5, 4, 1);
  c.output_init = OutputInit::kSignPerExpert;
  CheckModel(c, 7, 3, 2);
}

TEST_CASE("Separate pMoE expert gradient matches finite differences (eq. 13)",
          "[model]") {
  PatchArchitecture c;  // separate pMoE
  c.routed = true;
  c.experts = 2;
  c.neurons = 6;
  c.top_l = 3;
  CheckModel(c, 6, 4, 3);
  c.pooling = Pooling::kAllPatches;
  c.output_init = OutputInit::kSignPerExpert;
  CheckModel(c, 6, 4, 4);
  c.neurons = 8;  // 4 per expert on d = 300: experts read patches in place
  CheckModel(c, 4, 300, 10);
}

TEST_CASE(
    "Joint pMoE expert and router gradients match finite differences (eqs. 19; "
    "26)",
    "[model]") {
  PatchArchitecture c;  // joint pMoE
  c.routed = c.soft_gates = true;
  c.experts = 3;
  c.neurons = 6;
  c.top_l = 3;
  SECTION("softmax over the top l (paper)") { CheckModel(c, 7, 4, 5); }
  SECTION("softmax over all patches (deep-model code)") {
    c.gate = GateVariant::kSoftmaxAllPatches;
    CheckModel(c, 7, 4, 6);
  }
  SECTION("router or experts alone: the blocks of the joint gradient") {
    // The router row is one more output of the experts' pass: training
    // either block alone gives that block of the whole gradient, bit for
    // bit, and leaves the other untouched.
    for (int d : {5, 300}) {
      Rng rng(12);
      const PatchModel<double> model(c, 7, d, rng);
      const Problem p = RandomProblem(4, 7, d, 13);
      const Gradient<double> all = Analytic(model, p, Trainable::kAll);
      const Gradient<double> router = Analytic(model, p, Trainable::kRouter);
      const Gradient<double> experts = Analytic(model, p, Trainable::kExperts);
      REQUIRE(router.router == all.router);
      REQUIRE(router.hidden.isZero(0));
      REQUIRE(experts.hidden == all.hidden);
      REQUIRE(experts.router.isZero(0));
    }
  }
  SECTION("few neurons on long patches: experts read patches in place") {
    c.neurons = 6;
    CheckModel(c, 5, 300, 8);
  }
  SECTION("many neurons per expert: gathered patches") {
    c.neurons = 30;
    CheckModel(c, 5, 300, 9);
  }
  SECTION("pooling over all n and l = 1") {
    c.pooling = Pooling::kAllPatches;
    c.top_l = 1;
    CheckModel(c, 5, 3, 7);
  }
}

TEST_CASE("A CNN asked for its router gradient leaves its weights alone",
          "[model]") {
  PatchArchitecture c;  // CNN: no router
  c.neurons = 6;
  for (int d : {5, 300}) {  // Eigen's product, then the row kernels
    Rng rng(3);
    const PatchModel<double> model(c, 4, d, rng);
    const Problem p = RandomProblem(3, 4, d, 4);
    REQUIRE(Analytic(model, p, Trainable::kRouter).hidden.isZero(0));
    REQUIRE(Analytic(model, p, Trainable::kExperts).hidden.norm() > 0);
  }
}

TEST_CASE("Float and double models agree", "[model]") {
  PatchArchitecture c;  // joint pMoE
  c.routed = c.soft_gates = true;
  c.experts = 2;
  c.neurons = 4;
  c.top_l = 2;
  c.router_init_std = 0.5;
  Rng r1(3), r2(3);
  PatchModel<double> md(c, 5, 6, r1);
  PatchModel<float> mf(c, 5, 6, r2);
  const Problem p = RandomProblem(3, 5, 6, 9);
  auto wd = md.MakeWorkspace(3);
  auto wf = mf.MakeWorkspace(3);
  md.Forward(p.x, 3, wd);
  const RowMatrix<float> xf = p.x.cast<float>();
  mf.Forward(xf, 3, wf);
  for (int b = 0; b < 3; ++b) REQUIRE(wf.f[b] == Approx(wd.f[b]).epsilon(1e-4));
}

TEST_CASE("CNN forward on a hand-computed case (eq. 5)", "[model]") {
  PatchArchitecture c;  // the CNN
  c.neurons = 2;
  Rng rng(1);
  PatchModel<double> model(c, 2, 2, rng);
  model.mutable_hidden() << 1, 0, 0, 1;  // w_1 = e1, w_2 = e2
  const double a1 = model.output()[0], a2 = model.output()[1];
  RowMatrix<double> x(2, 2);
  x << 2, -1,  // patch 1: ReLU(2) = 2 for w1, ReLU(-1) = 0 for w2
      -3, 4;   // patch 2: 0 for w1, 4 for w2
  auto ws = model.MakeWorkspace(1);
  model.Forward(x, 1, ws);
  REQUIRE(ws.f[0] == Approx(a1 * (2 + 0) / 2.0 + a2 * (0 + 4) / 2.0));
}

TEST_CASE("A model's parameters are finite until one entry is not", "[model]") {
  PatchArchitecture c;
  c.routed = c.soft_gates = true;
  c.experts = 2;
  c.neurons = 4;
  c.top_l = 2;
  Rng rng(8);
  PatchModel<float> model(c, 4, 40, rng);
  REQUIRE(model.ParametersFinite());
  model.mutable_hidden()(3, 7) = 3e38f;  // large is still finite
  model.mutable_router()(1, 39) = -3e38f;
  REQUIRE(model.ParametersFinite());
  for (float bad : {std::numeric_limits<float>::quiet_NaN(),
                    std::numeric_limits<float>::infinity(),
                    -std::numeric_limits<float>::infinity()}) {
    model.mutable_hidden()(1, 2) = bad;
    REQUIRE_FALSE(model.ParametersFinite());
    model.mutable_hidden()(1, 2) = 0;
    model.mutable_router()(0, 5) = bad;
    REQUIRE_FALSE(model.ParametersFinite());
    model.mutable_router()(0, 5) = 0;
  }
  REQUIRE(model.ParametersFinite());
}
