// The top-k MoE (Chen et al. 2022, Zhao et al. 2024) as a Learner
// (learner.h).
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

#include "sim/models/moe_topk/moe_topk.h"
#include "sim/train/batch_io.h"
#include "sim/train/learner.h"
#include "sim/train/run_config.h"

namespace sim {

// The same loop for the top-k MoE (Chen et al. 2022): routing noise from
// its own stream, experts by (normalised) GD, router by GD.
template <typename Scalar>
class MoeTopkLearner : public LearnerBase<Scalar> {
 public:
  using Config = MoeTopkConfig;
  MoeTopkLearner(const LearnerSetup& setup, const MoeTopkConfig& options)
      : cfg_(setup.config.train),
        model_(options, setup.num_patches, setup.patch_dim, setup.init),
        grad_(model_.MakeGradient()),
        bias_(options.bias),
        noise_(DeriveSeed(setup.config.seeds.shuffle, "routing_noise")),
        eval_noise_(DeriveSeed(setup.config.seeds.shuffle, "eval_noise")) {}
  void LoadBatch(const Dataset<Scalar>& train,
                 const std::vector<int>& order,
                 int first,
                 int size,
                 RowMatrix<Scalar>& x,
                 std::vector<int>& y) {
    GatherBatch(train, order, first, size, x, y);
  }
  const Vector<Scalar>& Forward(const RowMatrix<Scalar>& x, int size) {
    model_.Forward(x, size, noise_, ws_);
    return ws_.f;
  }
  void Step(const RowMatrix<Scalar>&, int size, const Vector<Scalar>& dloss) {
    grad_.SetZero();
    model_.Backward(size, dloss, ws_, grad_);
    if (cfg_.expert_update == ExpertUpdate::kAdam) {
      hidden_adam_.Step(model_.mutable_hidden(), grad_.hidden,
                        cfg_.learning_rate, cfg_.weight_decay, cfg_.adam);
      if (bias_) {
        bias_adam_.Step(model_.mutable_bias(), grad_.bias, cfg_.learning_rate,
                        cfg_.weight_decay, cfg_.adam);
      }
      if (model_.num_experts() > 1) {
        model_.mutable_router() -=
            Scalar(cfg_.router_learning_rate) * grad_.router;
      }
      return;
    }
    model_.ApplyUpdate(grad_, Scalar(cfg_.learning_rate),
                       Scalar(cfg_.router_learning_rate),
                       cfg_.expert_update == ExpertUpdate::kNormalized);
  }
  bool Finite() const { return model_.ParametersFinite(); }
  double StepFlops(int size) const {
    return model_.ForwardFlops(size) + model_.BackwardFlops(size);
  }
  double Evaluate(const Dataset<Scalar>& data,
                  double& loss,
                  double& error,
                  RouterDiagnostics*) {
    MoeTopkWorkspace<Scalar> ws;
    double sum = 0, errors = 0;
    const int n = data.num_patches;
    for (int first = 0; first < data.num_samples; first += kEvalBatch) {
      const int size = std::min(kEvalBatch, data.num_samples - first);
      model_.Forward(data.patches.middleRows(Eigen::Index(first) * n, size * n),
                     size, eval_noise_, ws);
      for (int b = 0; b < size; ++b) {
        const double margin = data.labels[first + b] * double(ws.f[b]);
        sum += Softplus(-margin);
        errors += margin <= 0;
      }
    }
    loss = sum / data.num_samples;
    error = errors / data.num_samples;
    return model_.ForwardFlops(data.num_samples);
  }
  // Dispatch of the training set (cluster x expert) under noisy routing,
  // and its entropy H = sum_m (n_m/n) (-sum_k (n_km/n_m) ln(n_km/n_m)).
  void Finish(const Dataset<Scalar>& train, TrainResult& result) {
    // Only cluster data label each sample's cluster; other sources have no
    // dispatch to measure.
    if (train.num_samples == 0 ||
        train.cluster.size() != size_t(train.num_samples))
      return;
    const int K =
        1 + *std::max_element(train.cluster.begin(), train.cluster.end());
    const int M = model_.num_experts();
    Dispatch& dispatch = result.dispatch.emplace();
    dispatch.matrix.assign(K, std::vector<int>(M, 0));
    MoeTopkWorkspace<Scalar> ws;
    const int n = train.num_patches;
    for (int first = 0; first < train.num_samples; first += kEvalBatch) {
      const int size = std::min(kEvalBatch, train.num_samples - first);
      model_.Forward(
          train.patches.middleRows(Eigen::Index(first) * n, size * n), size,
          eval_noise_, ws);
      for (int b = 0; b < size; ++b)
        dispatch.matrix[train.cluster[first + b]][ws.expert[b]]++;
    }
    double entropy = 0;
    for (int m = 0; m < M; ++m) {
      double load = 0;
      for (int k = 0; k < K; ++k) load += dispatch.matrix[k][m];
      for (int k = 0; k < K && load > 0; ++k) {
        const double p = dispatch.matrix[k][m] / load;
        if (p > 0) entropy -= load / train.num_samples * p * std::log(p);
      }
    }
    dispatch.entropy = entropy;
  }

 private:
  const TrainConfig& cfg_;
  MoeTopk<Scalar> model_;
  MoeTopkWorkspace<Scalar> ws_;
  MoeTopkGradient<Scalar> grad_;
  const bool bias_;
  // Adam's moments (expert_update "adam"); the router keeps plain GD.
  AdamState<RowMatrix<Scalar>> hidden_adam_;
  AdamState<Vector<Scalar>> bias_adam_;
  Rng noise_, eval_noise_;
};

}  // namespace sim
