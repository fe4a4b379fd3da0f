// The two-layer patch models of the paper, one kernel for all three:
//
//   f_M(theta, x) = sum_s sum_r (a_{r,s} / l) sum_{j in J_s(x)}
//                   ReLU(<w_{r,s}, x^(j)>) G_{j,s}(x)             [P eq. 1]
//
// with J_s the top-l patches by g_{j,s} = <w_s, x^(j)> (expert-choice
// routing, ties to the lower index) and G = 1 (separate training) or a
// softmax over the selected g (joint training). The CNN f_C [P eq. 5] is
// exactly eq. (1) with k = 1, l = n, G = 1 and no router; it takes the same
// code path without the gather. Gradients follow pmoe-paper.md §2.5 (eqs. 13,
// 19, 21, 26); top-l selection is a constant (no gradient through the
// choice); ReLU'(0) = 1 as in the paper.
//
// Legend: B = batch size, n = patches per sample, d = patch dimension,
// k = experts, l = selected patches per expert, m = neurons (m/k per expert).
//
// Thread safety: const methods may run concurrently on one object; all
// scratch memory lives in the caller-owned Workspace, sized once.
#pragma once

#include <vector>

#include "sim/core/rng.h"
#include "sim/data/dataset.h"
#include "sim/models/patch/patch_configs.h"

namespace sim {

// Which parameter blocks a backward pass or update touches.
enum class Trainable { kExperts, kRouter, kAll };

template <typename Scalar>
struct Gradient {
  RowMatrix<Scalar> hidden;  // (m, d)
  RowMatrix<Scalar> router;  // (k, d), empty for the CNN
  void SetZero() {
    hidden.setZero();
    router.setZero();
  }
};

template <typename Scalar>
struct Workspace {
  int capacity = 0;               // largest batch B the buffers hold
  RowMatrix<Scalar> scores;       // (k, B*n) routing values g_{j,s}
  std::vector<int> selected;      // (B, k, l) patch index j, best first
  std::vector<Scalar> gates;      // (B, k, l) G_{j,s}
  std::vector<Scalar> all_probs;  // (B, k, n) softmax over all n (variant)
  // Where the patches are, read in place: every patch of the batch (B*n,
  // for routing) and each expert's selected ones (k x B*l, best first).
  std::vector<const Scalar*> patch_rows;
  std::vector<std::vector<const Scalar*>> expert_rows;
  std::vector<Scalar*> grad_rows;      // (m/k + 1) one expert's gradient rows
  std::vector<RowMatrix<Scalar>> pre;  // k x (B*l, m/k) <w_{r,s}, x^(j)>
  // k x (B*l, m/k [+ 1]): dL/dpre, and with trained gates a last column of
  // the router's coefficients, so one pass over the inputs serves both.
  std::vector<RowMatrix<Scalar>> dpre;
  std::vector<Vector<Scalar>> expert_out;  // k x (B*l) h_{j,s} (without G)
  Vector<Scalar> coef;                     // (B*n) scratch for eq. 26
  Vector<Scalar> coef_all;                 // (B*n) scratch for eq. 26
  Vector<Scalar> f;                        // (B) model outputs
};

template <typename Scalar>
class PatchModel {
 public:
  // Draws a, w_{r,s}, w_s from `rng` (Gaussians of §2.3 or the configured
  // variants). Throws ConfigError unless ValidateArchitecture passes.
  PatchModel(const PatchArchitecture& arch,
             int num_patches,
             int patch_dim,
             Rng& rng);

  // Buffers for batches of up to `batch` samples.
  Workspace<Scalar> MakeWorkspace(int batch) const;
  Gradient<Scalar> MakeGradient() const;

  // f(theta, x_b) for a batch. x: (B*n, d), sample b in rows b*n..b*n+n-1.
  // Leaves f in ws.f and the routing in ws.selected / ws.gates.
  void Forward(const Eigen::Ref<const RowMatrix<Scalar>>& x,
               int batch,
               Workspace<Scalar>& ws) const;

  // Frozen hard routes (the separate pMoE after its router phase): a
  // sample's top-l patches never change, so they can be chosen once per run.
  // SelectPatches writes ws.selected for a batch as Forward would;
  // CanReuseRoutes says whether ForwardSelected applies (hard gates);
  // ForwardSelected then computes f from ws.selected and ws.expert_rows,
  // filled by the caller, without reading the other patches.
  // Backward (with an x of no rows) follows it as it follows Forward.
  void SelectPatches(const Eigen::Ref<const RowMatrix<Scalar>>& x,
                     int batch,
                     Workspace<Scalar>& ws) const {
    PointAtRows(x, batch, ws);
    Route(batch, ws);
  }
  bool CanReuseRoutes() const { return routed_ && !soft_gates_; }
  void ForwardSelected(int batch, Workspace<Scalar>& ws) const;

  // Forward on patches read in place from where the caller keeps them
  // (a fixed set's minibatch, without gathering a copy): ws.patch_rows[b*n
  // + j] points to sample b's patch j. Where ReadsRowsInPlace; Backward
  // (with an x of no rows) follows it as it follows Forward.
  bool ReadsRowsInPlace() const {
    return row_kernels_ && arch_.gate != GateVariant::kSoftmaxAllPatches;
  }
  void ForwardRows(int batch, Workspace<Scalar>& ws) const;

  // Adds dL/dtheta for the blocks in `which` to `grad`, given dL/df_b in
  // `dloss_df` (B), after Forward on the same x and ws.
  void Backward(const Eigen::Ref<const RowMatrix<Scalar>>& x,
                int batch,
                const Vector<Scalar>& dloss_df,
                Trainable which,
                Workspace<Scalar>& ws,
                Gradient<Scalar>& grad) const;

  // theta <- theta - step * grad on the blocks in `which`.
  void ApplyUpdate(const Gradient<Scalar>& grad, Scalar step, Trainable which);

  // Analytic multiply-add FLOPs (2 per multiply-add) of one Forward and one
  // Backward over `batch` samples (pmoe-paper.md §4, Table 1 / App. N).
  double ForwardFlops(int batch) const;
  double BackwardFlops(int batch, Trainable which) const;

  // False once any weight is NaN or infinite (ReLU's max(x, 0) would hide a
  // NaN pre-activation from the loss, so the trainer checks the weights).
  bool ParametersFinite() const {
    return AllFinite(hidden_) && (!routed_ || AllFinite(router_));
  }

  bool routed() const { return routed_; }
  bool uses_row_kernels() const { return row_kernels_; }
  int num_experts() const { return k_; }
  int top_l() const { return l_; }
  int num_patches() const { return n_; }
  int patch_dim() const { return d_; }
  const PatchArchitecture& architecture() const { return arch_; }

  RowMatrix<Scalar>& mutable_router() { return router_; }
  RowMatrix<Scalar>& mutable_hidden() { return hidden_; }
  const RowMatrix<Scalar>& router() const { return router_; }  // (k, d)
  const RowMatrix<Scalar>& hidden() const { return hidden_; }  // (m, d)
  const Vector<Scalar>& output() const { return output_; }     // (m), fixed

 private:
  // Every entry finite: x * 0 is 0 for a finite x and NaN for an infinite
  // or NaN one, so the sum is 0 exactly when all are finite. The same answer
  // as allFinite(), in one vectorised pass (allFinite compares entry by
  // entry, which took 7% of a separate pMoE's run, checked every step).
  static bool AllFinite(const RowMatrix<Scalar>& m) {
    return (m.array() * Scalar(0)).sum() == Scalar(0);
  }
  // ws.patch_rows at the batch's rows of x.
  void PointAtRows(const Eigen::Ref<const RowMatrix<Scalar>>& x,
                   int batch,
                   Workspace<Scalar>& ws) const {
    for (int i = 0; i < batch * n_; ++i)
      ws.patch_rows[i] = x.data() + x.outerStride() * Eigen::Index(i);
  }
  // Routing from ws.patch_rows.
  void Route(int batch, Workspace<Scalar>& ws) const;
  // Forward after ws.patch_rows is set (x: the batch, for Eigen's product).
  void Propagate(const Eigen::Ref<const RowMatrix<Scalar>>& x,
                 int batch,
                 Workspace<Scalar>& ws) const;
  // The experts' part of Forward, after the routing is in ws.
  void ExpertsForward(const Eigen::Ref<const RowMatrix<Scalar>>& x,
                      int batch,
                      Workspace<Scalar>& ws) const;
  // The backward pass's coefficients of expert s: dL/dpre (Backward's
  // experts) and the router's (trained gates), into ws.dpre[s].
  void ExpertCoefficients(int s,
                          int batch,
                          const Vector<Scalar>& dloss_df,
                          Workspace<Scalar>& ws) const;
  void RouterCoefficients(int s,
                          int batch,
                          const Vector<Scalar>& dloss_df,
                          Workspace<Scalar>& ws) const;

  PatchArchitecture arch_;
  bool routed_;      // false for the CNN
  bool soft_gates_;  // joint training
  // The products through row_kernels.h: always for routed models (they read
  // their selected patches in place); for the CNN on patches of at least
  // kRowKernelsMinDim, where the kernels beat Eigen's product (on smaller
  // patches the lanes' reductions cost more than the product saves;
  // measured with bench/, docs/performance.md).
  static constexpr int kRowKernelsMinDim = 256;
  bool row_kernels_;
  int n_, d_, k_, l_, per_expert_;
  Scalar scale_;  // 1/l (paper, pMoE), 1/n (CNN or Pooling::kAllPatches)
  RowMatrix<Scalar> router_;  // (k, d), row s = w_s
  RowMatrix<Scalar> hidden_;  // (m, d), row s*(m/k) + r = w_{r,s}
  Vector<Scalar> output_;     // (m), a_{r,s} aligned with hidden_
};

}  // namespace sim
