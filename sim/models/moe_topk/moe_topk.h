// The sample-level sparse mixture of experts of Chen et al. 2022
// (other-seeds.md §1.2; top_k = 1) and Zhao et al. 2024 (§3; top_k >= 1):
// M experts, each a two-layer CNN with J filters and fixed output signs s_j
// (half +1, half -1),
//   f_m(x) = sum_j s_j sum_p sigma(<w_{m,j}, x^(p)> + b_{m,j}),
// sigma(z) = z^3 (cubic) or z (linear); a linear router on the patch sum,
// h_m(x) = <theta_m, sum_p x^(p)>; the k experts with the largest noisy
// scores h_m + r_m, r_m ~ U[0, noise) fresh per call, are active; output
// F(x) = sum_{m active} g_m(x) f_m(x) with g_m = softmax(h)_m over all M
// experts (Chen et al.'s paper) or g_m = h_m + r_m (their code). With M = 1
// it is the single-model baseline (g = 1). The router starts at zero, as in
// the paper and the code.
//
// Legend: B = batch, P = patches per sample, d = patch dimension,
// M = experts, J = filters per expert, k = active experts.
#pragma once

#include <vector>

#include "sim/core/rng.h"
#include "sim/data/dataset.h"
#include "sim/models/moe_topk/moe_topk_config.h"

namespace sim {

template <typename Scalar>
struct MoeTopkGradient {
  RowMatrix<Scalar> hidden;  // (M*J, d)
  Vector<Scalar> bias;       // (M*J)
  RowMatrix<Scalar> router;  // (M, d)
  void SetZero() {
    hidden.setZero();
    bias.setZero();
    router.setZero();
  }
};

template <typename Scalar>
struct MoeTopkWorkspace {
  RowMatrix<Scalar> sums;    // (B, d) sum_p x^(p)
  RowMatrix<Scalar> scores;  // (B, M) h
  RowMatrix<Scalar> noise;   // (B, M) r
  std::vector<int> expert;   // (B, k) active experts, best first
  std::vector<Scalar> gate;  // (B, k) g
  std::vector<Scalar> out;   // (B, k) f_m of the active experts
  Vector<Scalar> f;          // (B) F
  // Per expert: (sample, slot) pairs routed to it, its gathered patches
  // (n_m*P, d) and pre-activations (n_m*P, J).
  std::vector<std::vector<std::pair<int, int>>> members;
  std::vector<RowMatrix<Scalar>> gathered;
  std::vector<RowMatrix<Scalar>> pre;
};

template <typename Scalar>
class MoeTopk {
 public:
  MoeTopk(const MoeTopkConfig& config,
          int num_patches,
          int patch_dim,
          Rng& rng);

  // F for a batch x (B*P, d); routing noise drawn from `noise`.
  void Forward(const Eigen::Ref<const RowMatrix<Scalar>>& x,
               int batch,
               Rng& noise,
               MoeTopkWorkspace<Scalar>& ws) const;
  // Adds dL/dtheta given dL/dF (B) after Forward on the same ws. The noise
  // and the choice of experts are constants (no gradient through them).
  void Backward(int batch,
                const Vector<Scalar>& dloss_df,
                MoeTopkWorkspace<Scalar>& ws,
                MoeTopkGradient<Scalar>& grad) const;
  // Experts: W_m -= step * grad_m / ||grad_m|| per expert when `normalized`
  // (Chen et al.'s Algorithm 1; the norm is ||dW_m||_F + ||db_m||, as their
  // code), else plain GD. Router: theta -= router_step * grad.
  void ApplyUpdate(const MoeTopkGradient<Scalar>& grad,
                   Scalar step,
                   Scalar router_step,
                   bool normalized);

  MoeTopkGradient<Scalar> MakeGradient() const;
  double ForwardFlops(int batch) const;
  double BackwardFlops(int batch) const;
  bool ParametersFinite() const {
    return hidden_.allFinite() && bias_.allFinite() && router_.allFinite();
  }
  int num_experts() const { return M_; }
  int top_k() const { return k_; }

  RowMatrix<Scalar>& mutable_hidden() { return hidden_; }
  RowMatrix<Scalar>& mutable_router() { return router_; }
  Vector<Scalar>& mutable_bias() { return bias_; }

 private:
  Scalar Activate(Scalar z) const { return cubic_ ? z * z * z : z; }
  Scalar Derivative(Scalar z) const { return cubic_ ? 3 * z * z : Scalar(1); }

  MoeTopkConfig config_;
  int P_, d_, M_, J_, k_;
  bool cubic_;
  RowMatrix<Scalar> hidden_;  // (M*J, d), row m*J + j = w_{m,j}
  Vector<Scalar> bias_;       // (M*J), zero and frozen unless config.bias
  Vector<Scalar> sign_;       // (J) s_j: +1 for the first half, -1 after
  RowMatrix<Scalar> router_;  // (M, d), row m = theta_m, starts at zero
};

}  // namespace sim
