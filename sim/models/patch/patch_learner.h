// One learner per model family; see learner.h for the contract.
#pragma once

#include <vector>

#include "sim/models/patch/activation_coupling.h"
#include "sim/models/patch/patch_evaluation.h"
#include "sim/models/patch/patch_model.h"
#include "sim/models/patch/route_cache.h"
#include "sim/models/patch/router_phase.h"
#include "sim/models/patch/signal_rank.h"
#include "sim/train/batch_io.h"
#include "sim/train/learner.h"
#include "sim/train/run_config.h"

namespace sim {

// The pMoE/CNN kernel as a Learner (learner.h): Algorithm 1 (separate
// training: router phase, then the experts with frozen routers), Algorithm 2
// (joint: routers and experts together) and the CNN.
template <typename Scalar>
class PatchLearner : public LearnerBase<Scalar> {
 public:
  using Config = PatchArchitecture;
  PatchLearner(const LearnerSetup& setup, const PatchArchitecture& arch)
      : cfg_(setup.config.train),
        model_(arch, setup.num_patches, setup.patch_dim, setup.init),
        ws_(model_.MakeWorkspace(setup.batch)),
        grad_(model_.MakeGradient()),
        which_(arch.soft_gates ? Trainable::kAll : Trainable::kExperts),
        router_phase_(arch.routed && !arch.soft_gates) {}
  bool routed() const { return model_.routed(); }
  // Joint training moves the routers with the experts (Assumption 4.4).
  bool RoutersTrain() const {
    return model_.routed() && which_ == Trainable::kAll;
  }
  void Prepare(const DataBundle<Scalar>& data,
               Rng& shuffle,
               TrainResult& result) {
    // The experts' weights are still the initial ones (the router phase
    // leaves them alone): the coupling's reference.
    coupling_ = ActivationCoupling<Scalar>(model_, data.test);
    signal_set_ = &data.test;
    if (router_phase_) {
      const bool own_split = data.router.num_samples > 0;
      result.router_flops = TrainRouters(
          cfg_, own_split ? data.router : data.train, shuffle, model_);
      result.train_flops += result.router_flops;
      if (cfg_.cache_routes && model_.CanReuseRoutes()) {
        // Online training draws fresh samples: only fixed sets are cached.
        if (cfg_.protocol != Protocol::kOnline) {
          routes_ = SelectAll(model_, data.train, ws_);
          train_ = &data.train;
        }
        test_routes_ = SelectAll(model_, data.test, EvalWorkspace());
        test_ = &data.test;
      }
    }
  }
  // The minibatch of samples order[first .. first + size): all n patches of
  // each into x, or, with cached routes, only the selected ones into the
  // experts' inputs.
  void LoadBatch(const Dataset<Scalar>& train,
                 const std::vector<int>& order,
                 int first,
                 int size,
                 RowMatrix<Scalar>& x,
                 std::vector<int>& y) {
    if (routes_.empty() && model_.ReadsRowsInPlace()) {
      // Read in place: the same values as a gathered copy, without the copy.
      const int n = train.num_patches;
      for (int b = 0; b < size; ++b) {
        const int i = order[first + b];
        y[b] = train.labels[i];
        for (int j = 0; j < n; ++j)
          ws_.patch_rows[b * n + j] =
              train.patches.row(Eigen::Index(i) * n + j).data();
      }
      in_place_ = true;
      return;
    }
    if (routes_.empty()) {
      GatherBatch(train, order, first, size, x, y);
      return;
    }
    for (int b = 0; b < size; ++b) y[b] = train.labels[order[first + b]];
    LoadRoutedBatch(
        train, routes_, model_.num_experts(), model_.top_l(),
        [&](int b) { return order[first + b]; }, size, ws_);
    const int next = std::min(size, int(order.size()) - (first + size));
    PrefetchRoutedRows(
        train, routes_, model_.num_experts() * model_.top_l(),
        [&](int b) { return order[first + size + b]; }, next);
  }
  const Vector<Scalar>& Forward(const RowMatrix<Scalar>& x, int size) {
    if (in_place_) {
      model_.ForwardRows(size, ws_);
    } else if (routes_.empty()) {
      model_.Forward(x, size, ws_);
    } else {
      model_.ForwardSelected(size, ws_);
    }
    return ws_.f;
  }
  void Step(const RowMatrix<Scalar>& x, int size, const Vector<Scalar>& dloss) {
    grad_.SetZero();
    if (routes_.empty() && !in_place_) {
      model_.Backward(x, size, dloss, which_, ws_, grad_);
    } else {
      model_.Backward(x.topRows(0), size, dloss, which_, ws_, grad_);
    }
    model_.ApplyUpdate(grad_, Scalar(cfg_.learning_rate), which_);
  }
  bool Finite() const { return model_.ParametersFinite(); }
  double StepFlops(int size) const {
    return model_.ForwardFlops(size) + model_.BackwardFlops(size, which_);
  }
  void Annotate(CurvePoint& point) const {
    point.sign_changed = coupling_.ChangedFraction(model_);
  }
  void Finish(const Dataset<Scalar>&, TrainResult& result) {
    if (result.router && signal_set_ != nullptr)
      result.router->signal_rank = SignalRanks(model_, *signal_set_);
  }
  double Evaluate(const Dataset<Scalar>& data,
                  double& loss,
                  double& error,
                  RouterDiagnostics* router) {
    const std::vector<int>* routes = &data == train_  ? &routes_
                                     : &data == test_ ? &test_routes_
                                                      : nullptr;
    return sim::Evaluate(model_, data, loss, error, router, routes,
                         EvalWorkspace());
  }

 private:
  // Buffers for whole-set blocks of EvalBlock samples, made at the first
  // evaluation and kept for the run's others.
  Workspace<Scalar>& EvalWorkspace() {
    if (eval_ws_.capacity == 0)
      eval_ws_ = model_.MakeWorkspace(EvalBlock(model_, kEvalBatch));
    return eval_ws_;
  }

  const TrainConfig& cfg_;
  PatchModel<Scalar> model_;
  Workspace<Scalar> ws_, eval_ws_;
  Gradient<Scalar> grad_;
  Trainable which_;
  bool router_phase_;      // Algorithm 1: routers first, then frozen
  bool in_place_ = false;  // minibatches of a fixed set read in place
  // Frozen routers' selections (N, k, l), computed once per run: for the
  // training set (empty = route at every step) and the test set.
  std::vector<int> routes_, test_routes_;
  const Dataset<Scalar>* train_ = nullptr;
  const Dataset<Scalar>* test_ = nullptr;
  ActivationCoupling<Scalar> coupling_;
  const Dataset<Scalar>* signal_set_ = nullptr;  // the test set
};

}  // namespace sim
