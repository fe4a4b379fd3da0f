#include "sim/models/moe_topk/moe_topk.h"

#include <algorithm>
#include <cmath>

#include "sim/core/check.h"

namespace sim {
namespace {

// softmax(h)_m over M values, stable.
template <typename Scalar>
Scalar SoftmaxAt(const Scalar* h, int M, int m) {
  Scalar top = h[0];
  for (int i = 1; i < M; ++i) top = std::max(top, h[i]);
  Scalar z = 0;
  for (int i = 0; i < M; ++i) z += std::exp(h[i] - top);
  return std::exp(h[m] - top) / z;
}

}  // namespace

template <typename Scalar>
MoeTopk<Scalar>::MoeTopk(const MoeTopkConfig& config,
                         int num_patches,
                         int patch_dim,
                         Rng& rng)
    : config_(config),
      P_(num_patches),
      d_(patch_dim),
      M_(config.num_experts),
      J_(config.neurons / config.num_experts),
      k_(config.top_k),
      cubic_(config.activation == Activation::kCubic) {
  // Code-scale initialisation: PyTorch's default conv init times 0.001 has
  // standard deviation about 1e-4 for d = 50.
  const double std =
      config.hidden_init_std >= 0 ? config.hidden_init_std : 1e-4;
  const double bound = config.init_scale / std::sqrt(double(d_));
  auto draw = [&] {
    return config.init == MoeTopkInit::kTorchUniform
               ? Scalar(bound * (2 * rng.Uniform() - 1))
               : Scalar(std * rng.Normal());
  };
  hidden_.resize(M_ * J_, d_);
  for (int i = 0; i < hidden_.rows(); ++i)
    for (int c = 0; c < d_; ++c) hidden_(i, c) = draw();
  bias_ = Vector<Scalar>::Zero(M_ * J_);
  if (config.bias) {
    for (int i = 0; i < bias_.size(); ++i) bias_[i] = draw();
  }
  sign_.resize(J_);
  for (int j = 0; j < J_; ++j) sign_[j] = j < J_ / 2 ? Scalar(1) : Scalar(-1);
  router_ = RowMatrix<Scalar>::Zero(M_, d_);
}

template <typename Scalar>
MoeTopkGradient<Scalar> MoeTopk<Scalar>::MakeGradient() const {
  MoeTopkGradient<Scalar> grad;
  grad.hidden = RowMatrix<Scalar>::Zero(hidden_.rows(), d_);
  grad.bias = Vector<Scalar>::Zero(bias_.size());
  grad.router = RowMatrix<Scalar>::Zero(M_, d_);
  return grad;
}

template <typename Scalar>
void MoeTopk<Scalar>::Forward(const Eigen::Ref<const RowMatrix<Scalar>>& x,
                              int batch,
                              Rng& noise,
                              MoeTopkWorkspace<Scalar>& ws) const {
  SIM_CHECK(x.rows() >= batch * P_ && x.cols() == d_);
  ws.sums.resize(batch, d_);
  for (int b = 0; b < batch; ++b) {
    ws.sums.row(b) = x.middleRows(b * P_, P_).colwise().sum();
  }
  ws.scores.noalias() = ws.sums * router_.transpose();
  ws.noise.resize(batch, M_);
  ws.expert.assign(size_t(batch) * k_, 0);
  ws.gate.assign(size_t(batch) * k_, Scalar(1));
  ws.out.assign(size_t(batch) * k_, Scalar(0));
  ws.members.assign(M_, {});
  std::vector<int> order(M_);
  for (int b = 0; b < batch; ++b) {
    for (int m = 0; m < M_; ++m) {
      ws.noise(b, m) = Scalar(config_.router_noise * noise.Uniform());
      order[m] = m;
    }
    // The k largest noisy scores; ties to the lower expert index.
    auto noisy = [&](int m) { return ws.scores(b, m) + ws.noise(b, m); };
    std::partial_sort(
        order.begin(), order.begin() + k_, order.end(), [&](int i, int j) {
          return noisy(i) > noisy(j) || (noisy(i) == noisy(j) && i < j);
        });
    for (int t = 0; t < k_; ++t) {
      const int m = order[t];
      const size_t slot = size_t(b) * k_ + t;
      ws.expert[slot] = m;
      ws.members[m].push_back({b, t});
      if (M_ == 1) {
        ws.gate[slot] = 1;
      } else if (config_.gate == MoeTopkGate::kSoftmax) {
        ws.gate[slot] = SoftmaxAt(ws.scores.row(b).data(), M_, m);
      } else {
        ws.gate[slot] = noisy(m);
      }
    }
  }
  ws.f = Vector<Scalar>::Zero(batch);
  ws.gathered.resize(M_);
  ws.pre.resize(M_);
  for (int m = 0; m < M_; ++m) {
    const auto& members = ws.members[m];
    const int rows = static_cast<int>(members.size()) * P_;
    ws.gathered[m].resize(rows, d_);
    for (size_t i = 0; i < members.size(); ++i) {
      ws.gathered[m].middleRows(i * P_, P_) =
          x.middleRows(members[i].first * P_, P_);
    }
    ws.pre[m].noalias() =
        ws.gathered[m] * hidden_.middleRows(m * J_, J_).transpose();
    ws.pre[m].rowwise() += bias_.segment(m * J_, J_).transpose();
    for (size_t i = 0; i < members.size(); ++i) {
      Scalar sum = 0;
      for (int p = 0; p < P_; ++p) {
        for (int j = 0; j < J_; ++j) {
          sum += sign_[j] * Activate(ws.pre[m](i * P_ + p, j));
        }
      }
      const auto [b, t] = members[i];
      const size_t slot = size_t(b) * k_ + t;
      ws.out[slot] = sum;
      ws.f[b] += ws.gate[slot] * sum;
    }
  }
}

template <typename Scalar>
void MoeTopk<Scalar>::Backward(int batch,
                               const Vector<Scalar>& dloss_df,
                               MoeTopkWorkspace<Scalar>& ws,
                               MoeTopkGradient<Scalar>& grad) const {
  for (int m = 0; m < M_; ++m) {
    const auto& members = ws.members[m];
    if (members.empty()) continue;
    // dL/dz_{p,j} = dL/dF * g_m * s_j * sigma'(z_{p,j}); pre becomes dL/dz.
    RowMatrix<Scalar>& dz = ws.pre[m];
    for (size_t i = 0; i < members.size(); ++i) {
      const auto [b, t] = members[i];
      const Scalar coef = dloss_df[b] * ws.gate[size_t(b) * k_ + t];
      for (int p = 0; p < P_; ++p) {
        for (int j = 0; j < J_; ++j) {
          Scalar& z = dz(i * P_ + p, j);
          z = coef * sign_[j] * Derivative(z);
        }
      }
    }
    grad.hidden.middleRows(m * J_, J_).noalias() +=
        dz.transpose() * ws.gathered[m];
    if (config_.bias) {
      grad.bias.segment(m * J_, J_) += dz.colwise().sum().transpose();
    }
  }
  if (M_ == 1) return;
  // Router. Softmax gate: dF/dh_{m'} = sum_{m active} f_m g_m (delta_{m m'}
  // - pi_{m'}); noisy-score gate: dF/dh_m = f_m for active m.
  // dh_m/dtheta_m = sum_p x^(p).
  RowMatrix<Scalar> dh = RowMatrix<Scalar>::Zero(batch, M_);
  for (int b = 0; b < batch; ++b) {
    for (int t = 0; t < k_; ++t) {
      const size_t slot = size_t(b) * k_ + t;
      const int m = ws.expert[slot];
      const Scalar df = dloss_df[b] * ws.out[slot];
      if (config_.gate == MoeTopkGate::kSoftmax) {
        for (int other = 0; other < M_; ++other) {
          const Scalar pi = SoftmaxAt(ws.scores.row(b).data(), M_, other);
          dh(b, other) +=
              df * ws.gate[slot] * ((other == m ? Scalar(1) : Scalar(0)) - pi);
        }
      } else {
        dh(b, m) += df;
      }
    }
  }
  grad.router.noalias() += dh.transpose() * ws.sums;
}

template <typename Scalar>
void MoeTopk<Scalar>::ApplyUpdate(const MoeTopkGradient<Scalar>& grad,
                                  Scalar step,
                                  Scalar router_step,
                                  bool normalized) {
  for (int m = 0; m < M_; ++m) {
    const auto g = grad.hidden.middleRows(m * J_, J_);
    const auto gb = grad.bias.segment(m * J_, J_);
    Scalar scale = step;
    if (normalized) {
      const Scalar norm = g.norm() + (config_.bias ? gb.norm() : Scalar(0));
      if (norm == 0) continue;  // the expert received no sample
      scale = step / norm;
    }
    hidden_.middleRows(m * J_, J_) -= scale * g;
    if (config_.bias) bias_.segment(m * J_, J_) -= scale * gb;
  }
  if (M_ > 1) router_ -= router_step * grad.router;
}

template <typename Scalar>
double MoeTopk<Scalar>::ForwardFlops(int batch) const {
  return 2.0 * batch * k_ * P_ * d_ * J_ + 2.0 * batch * d_ * M_;
}

template <typename Scalar>
double MoeTopk<Scalar>::BackwardFlops(int batch) const {
  return 2.0 * batch * k_ * P_ * d_ * J_ + 2.0 * batch * d_ * M_;
}

template class MoeTopk<float>;
template class MoeTopk<double>;

}  // namespace sim
