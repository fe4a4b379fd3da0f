#include "sim/models/patch/patch_model.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "sim/core/check.h"
#include "sim/models/patch/row_kernels.h"
#include "sim/models/patch/top_l.h"

namespace sim {

template <typename Scalar>
PatchModel<Scalar>::PatchModel(const PatchArchitecture& config,
                               int num_patches,
                               int patch_dim,
                               Rng& rng)
    : arch_(config),
      routed_(config.routed),
      soft_gates_(config.routed && config.soft_gates),
      n_(num_patches),
      d_(patch_dim) {
  ValidateArchitecture(config, num_patches);
  k_ = routed_ ? config.experts : 1;
  l_ = routed_ ? config.top_l : num_patches;
  const int m = config.neurons;
  per_expert_ = m / k_;
  row_kernels_ = routed_ || d_ >= kRowKernelsMinDim;
  const bool pool_all = !routed_ || config.pooling == Pooling::kAllPatches;
  scale_ = Scalar(1) / Scalar(pool_all ? n_ : l_);

  output_.resize(m);
  for (int i = 0; i < m; ++i) {
    if (config.output_init == OutputInit::kGaussian) {
      output_[i] = Scalar(rng.Normal());
    } else {
      const int group = routed_ ? i / per_expert_ : (2 * i) / m;
      output_[i] = group % 2 == 0 ? Scalar(1) : Scalar(-1);
    }
  }
  const double hidden_std = config.hidden_init_std >= 0
                                ? config.hidden_init_std
                                : 1.0 / std::sqrt(double(m));
  hidden_.resize(m, d_);
  for (int i = 0; i < m; ++i)
    for (int c = 0; c < d_; ++c)
      hidden_(i, c) = Scalar(hidden_std * rng.Normal());
  if (routed_) {
    const double router_std =
        config.router_init_std >= 0
            ? config.router_init_std
            : 1.0 / (double(n_) * n_ * std::log(double(std::max(n_, 2))) *
                     std::sqrt(double(d_)));
    router_.resize(k_, d_);
    for (int s = 0; s < k_; ++s)
      for (int c = 0; c < d_; ++c)
        router_(s, c) = Scalar(router_std * rng.Normal());
  }
}

template <typename Scalar>
Workspace<Scalar> PatchModel<Scalar>::MakeWorkspace(int batch) const {
  Workspace<Scalar> ws;
  ws.capacity = batch;
  const int rows = batch * l_;
  ws.patch_rows.resize(size_t(batch) * n_);
  if (routed_) {
    ws.scores.resize(k_, batch * n_);
    ws.selected.resize(size_t(batch) * k_ * l_);
    ws.gates.resize(size_t(batch) * k_ * l_);
    if (arch_.gate == GateVariant::kSoftmaxAllPatches) {
      ws.all_probs.resize(size_t(batch) * k_ * n_);
    }
  }
  ws.expert_rows.assign(k_, std::vector<const Scalar*>(rows));
  ws.grad_rows.resize(per_expert_ + 1);
  ws.pre.assign(k_, RowMatrix<Scalar>(rows, per_expert_));
  ws.dpre.assign(k_, RowMatrix<Scalar>(rows, per_expert_ + soft_gates_));
  ws.expert_out.assign(k_, Vector<Scalar>(rows));
  ws.coef.resize(batch * n_);
  ws.coef_all.resize(batch * n_);
  ws.f.resize(batch);
  return ws;
}

template <typename Scalar>
Gradient<Scalar> PatchModel<Scalar>::MakeGradient() const {
  Gradient<Scalar> grad;
  grad.hidden = RowMatrix<Scalar>::Zero(hidden_.rows(), d_);
  grad.router = RowMatrix<Scalar>::Zero(router_.rows(), d_);
  return grad;
}

template <typename Scalar>
void PatchModel<Scalar>::Route(int batch, Workspace<Scalar>& ws) const {
  const int rows = batch * n_;
  // scores row s holds g_{j,s} for every patch of the batch, contiguously.
  RowDots(ws.patch_rows.data(), rows, router_.data(), d_, k_, d_,
          ws.scores.data(), 1, ws.scores.cols());
  SIM_CHECK(l_ <= 1024);
  int top[1024];
  for (int b = 0; b < batch; ++b) {
    for (int s = 0; s < k_; ++s) {
      const Scalar* g = ws.scores.row(s).data() + b * n_;
      TopL(g, n_, l_, top);
      const size_t base = (size_t(b) * k_ + s) * l_;
      for (int t = 0; t < l_; ++t) {
        ws.selected[base + t] = top[t];
        ws.expert_rows[s][b * l_ + t] = ws.patch_rows[b * n_ + top[t]];
      }
      if (!soft_gates_) {
        std::fill_n(ws.gates.begin() + base, l_, Scalar(1));
        continue;
      }
      const Scalar best = g[top[0]];  // the largest value: stable softmax
      if (arch_.gate == GateVariant::kSoftmaxTopL) {
        Scalar sum = 0;
        for (int t = 0; t < l_; ++t) {
          ws.gates[base + t] = std::exp(g[top[t]] - best);
          sum += ws.gates[base + t];
        }
        for (int t = 0; t < l_; ++t) ws.gates[base + t] /= sum;
      } else {
        Scalar* probs = ws.all_probs.data() + (size_t(b) * k_ + s) * n_;
        Scalar sum = 0;
        for (int j = 0; j < n_; ++j) {
          probs[j] = std::exp(g[j] - best);
          sum += probs[j];
        }
        for (int j = 0; j < n_; ++j) probs[j] /= sum;
        for (int t = 0; t < l_; ++t) ws.gates[base + t] = probs[top[t]];
      }
    }
  }
}

template <typename Scalar>
void PatchModel<Scalar>::Forward(const Eigen::Ref<const RowMatrix<Scalar>>& x,
                                 int batch,
                                 Workspace<Scalar>& ws) const {
  SIM_CHECK(batch <= ws.capacity && x.rows() >= batch * n_ && x.cols() == d_);
  if (row_kernels_) PointAtRows(x, batch, ws);
  Propagate(x, batch, ws);
}

template <typename Scalar>
void PatchModel<Scalar>::ForwardRows(int batch, Workspace<Scalar>& ws) const {
  SIM_CHECK(ReadsRowsInPlace() && batch <= ws.capacity);
  Propagate(RowMatrix<Scalar>(0, d_), batch, ws);
}

template <typename Scalar>
void PatchModel<Scalar>::Propagate(const Eigen::Ref<const RowMatrix<Scalar>>& x,
                                   int batch,
                                   Workspace<Scalar>& ws) const {
  if (routed_) {
    Route(batch, ws);
  } else if (row_kernels_) {
    std::copy_n(ws.patch_rows.begin(), size_t(batch) * n_,
                ws.expert_rows[0].begin());
  }
  ExpertsForward(x, batch, ws);
}

template <typename Scalar>
void PatchModel<Scalar>::ForwardSelected(int batch,
                                         Workspace<Scalar>& ws) const {
  SIM_CHECK(CanReuseRoutes() && batch <= ws.capacity);
  std::fill_n(ws.gates.begin(), size_t(batch) * k_ * l_, Scalar(1));
  ExpertsForward(RowMatrix<Scalar>(0, d_), batch, ws);
}

template <typename Scalar>
void PatchModel<Scalar>::ExpertsForward(
    const Eigen::Ref<const RowMatrix<Scalar>>& x,
    int batch,
    Workspace<Scalar>& ws) const {
  const int rows = batch * l_;
  ws.f.head(batch).setZero();
  for (int s = 0; s < k_; ++s) {
    const auto weights = hidden_.middleRows(s * per_expert_, per_expert_);
    const auto a = output_.segment(s * per_expert_, per_expert_);
    auto& pre = ws.pre[s];
    if (row_kernels_) {
      RowDots(ws.expert_rows[s].data(), rows, weights.data(), d_, per_expert_,
              d_, pre.data(), pre.cols(), 1);
    } else {
      pre.topRows(rows).noalias() = x.topRows(rows) * weights.transpose();
    }
    for (int i = 0; i < rows; ++i) {
      // h_{j,s} = sum_r a_{r,s} ReLU(<w_{r,s}, x^(j)>), before 1/l and G.
      ws.expert_out[s][i] = pre.row(i).cwiseMax(Scalar(0)).dot(a.transpose());
    }
    for (int b = 0; b < batch; ++b) {
      const Scalar* gate = ws.gates.data() + (size_t(b) * k_ + s) * l_;
      Scalar sum = 0;
      for (int t = 0; t < l_; ++t) {
        sum += (routed_ ? gate[t] : Scalar(1)) * ws.expert_out[s][b * l_ + t];
      }
      ws.f[b] += scale_ * sum;
    }
  }
}

template <typename Scalar>
void PatchModel<Scalar>::Backward(const Eigen::Ref<const RowMatrix<Scalar>>& x,
                                  int batch,
                                  const Vector<Scalar>& dloss_df,
                                  Trainable which,
                                  Workspace<Scalar>& ws,
                                  Gradient<Scalar>& grad) const {
  const int rows = batch * l_;
  const bool experts = which != Trainable::kRouter;
  const bool router = soft_gates_ && which != Trainable::kExperts;
  for (int s = 0; s < k_; ++s) {
    auto& dpre = ws.dpre[s];
    if (experts) ExpertCoefficients(s, batch, dloss_df, ws);
    if (router) RouterCoefficients(s, batch, dloss_df, ws);
    if (!row_kernels_) {  // Eigen's product: the CNN on short patches
      if (!experts) continue;
      auto grad_s = grad.hidden.middleRows(s * per_expert_, per_expert_);
      grad_s.noalias() += dpre.topRows(rows).transpose() * x.topRows(rows);
      continue;
    }
    // One pass over the expert's selected patches for the weight gradients
    // of its neurons and of its router row (the columns of dpre).
    auto& out = ws.grad_rows;
    for (int r = 0; r < per_expert_; ++r)
      out[r] = grad.hidden.row(s * per_expert_ + r).data();
    if (routed_) out[per_expert_] = grad.router.row(s).data();
    const int first = experts ? 0 : per_expert_;
    const int last = router ? per_expert_ + 1 : per_expert_;
    AddWeightedRows(dpre.data() + first, int(dpre.cols()), last - first, rows,
                    ws.expert_rows[s].data(), d_, out.data() + first);
    if (router && arch_.gate == GateVariant::kSoftmaxAllPatches) {
      grad.router.row(s).noalias() +=
          ws.coef_all.head(batch * n_).transpose() * x.topRows(batch * n_);
    }
  }
}

// dL/dpre_{j,r} = dL/df * (1/l) * G_j * a_r * 1[pre >= 0]  [eqs. 13, 19, 21]
template <typename Scalar>
void PatchModel<Scalar>::ExpertCoefficients(int s,
                                            int batch,
                                            const Vector<Scalar>& dloss_df,
                                            Workspace<Scalar>& ws) const {
  const int rows = batch * l_;
  const auto a = output_.segment(s * per_expert_, per_expert_);
  auto& coef = ws.coef;
  for (int i = 0; i < rows; ++i) {
    const int b = i / l_;
    const Scalar gate =
        routed_ ? ws.gates[(size_t(b) * k_ + s) * l_ + i % l_] : Scalar(1);
    coef[i] = dloss_df[b] * scale_ * gate;
  }
  auto dpre = ws.dpre[s].topLeftCorner(rows, per_expert_);
  dpre.noalias() = coef.head(rows) * a.transpose();
  dpre.array() *=
      (ws.pre[s].topRows(rows).array() >= Scalar(0)).template cast<Scalar>();
}

// df/dw_s = sum_{j in J_s} (1/l) h_j G_j (x^(j) - xbar_s)  [eq. 26], with
// xbar_s = sum_{i in J_s} G_i x^(i) (softmax over the top l) or
// sum_{i in [n]} P_i x^(i) (softmax over all n patches, in ws.coef_all): the
// coefficients of the selected patches into dpre's last column.
template <typename Scalar>
void PatchModel<Scalar>::RouterCoefficients(int s,
                                            int batch,
                                            const Vector<Scalar>& dloss_df,
                                            Workspace<Scalar>& ws) const {
  const bool all = arch_.gate == GateVariant::kSoftmaxAllPatches;
  auto& dpre = ws.dpre[s];
  for (int b = 0; b < batch; ++b) {
    const Scalar* gate = ws.gates.data() + (size_t(b) * k_ + s) * l_;
    Scalar coef[1024];
    Scalar total = 0;
    for (int t = 0; t < l_; ++t) {
      coef[t] = dloss_df[b] * scale_ * ws.expert_out[s][b * l_ + t] * gate[t];
      total += coef[t];
    }
    if (all) {
      const Scalar* probs = ws.all_probs.data() + (size_t(b) * k_ + s) * n_;
      for (int j = 0; j < n_; ++j) ws.coef_all[b * n_ + j] = -total * probs[j];
    } else {
      for (int t = 0; t < l_; ++t) coef[t] -= gate[t] * total;
    }
    for (int t = 0; t < l_; ++t) dpre(b * l_ + t, per_expert_) = coef[t];
  }
}

template <typename Scalar>
void PatchModel<Scalar>::ApplyUpdate(const Gradient<Scalar>& grad,
                                     Scalar step,
                                     Trainable which) {
  if (which != Trainable::kRouter) hidden_.noalias() -= step * grad.hidden;
  if (routed_ && which != Trainable::kExperts) {
    router_.noalias() -= step * grad.router;
  }
}

template <typename Scalar>
double PatchModel<Scalar>::ForwardFlops(int batch) const {
  const double m = arch_.neurons;
  double flops = 2.0 * batch * l_ * d_ * m + 2.0 * batch * l_ * m;
  if (routed_) flops += 2.0 * batch * n_ * d_ * k_;
  return flops;
}

template <typename Scalar>
double PatchModel<Scalar>::BackwardFlops(int batch, Trainable which) const {
  const double m = arch_.neurons;
  double flops = 0;
  if (which != Trainable::kRouter)
    flops += 2.0 * batch * l_ * m * d_ + 2.0 * batch * l_ * m;
  if (soft_gates_ && which != Trainable::kExperts) {
    flops += 2.0 * batch * k_ * l_ * d_;
    if (arch_.gate == GateVariant::kSoftmaxAllPatches)
      flops += 2.0 * batch * k_ * n_ * d_;
  }
  return flops;
}

template class PatchModel<float>;
template class PatchModel<double>;

}  // namespace sim
