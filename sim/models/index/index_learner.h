// The single-index students (index_configs.h) as learners of the SGD loop
// (learner.h): one sample per step, on the correlation loss -y f. The MoE
// trains in three stages over its N * epochs steps: 40% with uniformly
// random routing (experts weakly recover the local directions w*_c), 20%
// training the router with the experts frozen (by online competitive
// learning of one prototype per expert, theta_m <- theta_m + eta_r (x -
// theta_m) for the nearest, or from the task's loss, loss_router.h), 40%
// with the learned routing (within a cluster the global term s_c g* no
// longer cancels, so w*_g becomes learnable). Curve and final
// "errors" are 1 - alignment: test_error = 1 - global, train_error = 1 -
// local, so N*(eps) is the number of samples needed to recover the global
// (or local) direction to 1 - eps. Losses are not measured (null).
#pragma once

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <vector>

#include "sim/data/generator.h"
#include "sim/data/single_index/single_index_config.h"
#include "sim/models/index/index_configs.h"
#include "sim/models/index/index_network.h"
#include "sim/train/learner.h"
#include "sim/train/run_config.h"

namespace sim {

// Options: the student, and whether to reshuffle the samples after the
// first epoch (the loop's own feed runs in order).
struct IndexLearnerConfig {
  IndexStudent student;
  bool reshuffle = true;
};

template <typename Scalar>
class IndexLearner : public LearnerBase<Scalar> {
 public:
  using Config = IndexLearnerConfig;
  static constexpr bool kMeasuresLoss = false;

  IndexLearner(const LearnerSetup& setup, const IndexLearnerConfig& options)
      : cfg_(setup.config.train),
        reshuffle_(options.reshuffle),
        moe_(options.student.moe),
        k_(setup.config.data.source.As<SingleIndexConfig>()->info_exponent),
        net_(options.student.neurons,
             options.student.experts,
             setup.patch_dim,
             setup.init),
        seed_(setup.config.seeds.shuffle),
        order_rng_(setup.config.seeds.shuffle),
        route_rng_(DeriveSeed(setup.config.seeds.shuffle, "random_routing")),
        x_(setup.patch_dim) {
    const IndexStudent& s = options.student;
    if (s.moe && s.router != IndexRouterRule::kCompetitive) {
      router_.emplace(s.experts, s.neurons / s.experts, setup.patch_dim,
                      s.router, s.ridge);
      rounds_ = s.router_rounds;
    }
  }

  void Prepare(const DataBundle<Scalar>& data, Rng&, TrainResult&) {
    data_ = &data;
    const int N = data.train.num_samples;
    order_.resize(N);
    std::iota(order_.begin(), order_.end(), 0);
    const long total = long(N) * cfg_.epochs;
    stage1_ = moe_ ? long(0.4 * total) : total;
    stage2_ = moe_ ? long(0.6 * total) : total;
    round_length_ = std::max(1L, (stage2_ - stage1_) / (rounds_ + 1));
  }
  void LoadBatch(const Dataset<Scalar>& set,
                 const std::vector<int>&,
                 int first,
                 int,
                 RowMatrix<Scalar>&,
                 std::vector<int>& y) {
    if (first == 0 && step_ > 0 && reshuffle_) order_rng_.Shuffle(order_);
    sample_ = order_[first];
    x_ = set.patches.row(sample_).template cast<double>().transpose();
    target_ = set.targets[sample_];
    y[0] = set.labels[sample_];
  }
  const Vector<Scalar>& Forward(const RowMatrix<Scalar>&, int) {
    f_.resize(1);
    f_[0] = 0;
    if (step_ < stage1_) {
      expert_ =
          moe_ ? static_cast<int>(route_rng_.UniformInt(net_.experts())) : 0;
    } else if (step_ < stage2_) {
      expert_ = router_ ? RouteInRound() : StartOrNearest();
      return f_;  // the router's stage: no expert output
    } else {
      expert_ = Routed(x_, route_rng_);
    }
    f_[0] = Scalar(net_.Forward(expert_, x_, k_));
    return f_;
  }
  double Loss(const Vector<Scalar>& f,
              const std::vector<int>&,
              int,
              Vector<Scalar>& dloss,
              double&) const {
    dloss.resize(1);
    dloss[0] = Scalar(-target_);
    return -target_ * double(f[0]);
  }
  void Step(const RowMatrix<Scalar>&, int, const Vector<Scalar>&) {
    if (step_ >= stage1_ && step_ < stage2_ && router_) {
      router_->Learn(net_, expert_, x_, target_, k_, cfg_.router_learning_rate,
                     Round() > 0);
    } else if (step_ >= stage1_ && step_ < stage2_) {
      net_.MovePrototype(expert_, x_, cfg_.router_learning_rate);
    } else {
      net_.SphericalStep(expert_, x_, target_, k_, cfg_.learning_rate);
    }
    ++step_;
  }
  bool Finite() const { return net_.Finite(); }
  double StepFlops(int) const { return 4.0 * net_.per_expert() * x_.size(); }
  double Evaluate(const Dataset<Scalar>&,
                  double& loss,
                  double& error,
                  RouterDiagnostics*) {
    double local = 0, global = 0;
    net_.Alignments(data_->teacher, local, global);
    loss = std::nan("");
    error = 1 - global;
    return 0;
  }
  void Annotate(CurvePoint& point) const {
    net_.Alignments(data_->teacher, point.local_alignment,
                    point.global_alignment);
    point.test_error = 1 - point.global_alignment;
    point.train_error = 1 - point.local_alignment;
    point.train_loss = point.test_loss = std::nan("");
  }
  // Alignments, and router purity and dispatch on the test set.
  void Finish(const Dataset<Scalar>&, TrainResult& result) {
    Alignment& a = result.alignment.emplace();
    net_.Alignments(data_->teacher, a.local, a.global);
    result.final_test_error = 1 - a.global;
    result.final_train_error = 1 - a.local;
    result.final_train_loss = result.final_test_loss = std::nan("");
    const Dataset<Scalar>& test = data_->test;
    const int C = static_cast<int>(data_->teacher.rows()) - 1;
    Dispatch dispatch;
    dispatch.matrix.assign(C, std::vector<int>(net_.experts(), 0));
    Rng ties(DeriveSeed(seed_, "evaluation_routing"));
    for (int i = 0; i < test.num_samples; ++i) {
      x_ = test.patches.row(i).template cast<double>().transpose();
      dispatch.matrix[test.cluster[i]][moe_ ? Routed(x_, ties) : 0]++;
    }
    double pure = 0;
    dispatch.entropy = DispatchEntropy(dispatch.matrix, test.num_samples, pure);
    a.router_purity = moe_ ? pure / test.num_samples : 1.0;
    if (moe_) result.dispatch = std::move(dispatch);
  }

 private:
  // Stage 2's round (loss-trained routers): 0 routes at random and fits
  // the heads only.
  long Round() const {
    return std::min<long>((step_ - stage1_) / round_length_, rounds_);
  }
  // Stage 2 with a loss-trained router: heads refitted at each round's
  // start, then routing at random (round 0) or by the logits.
  int RouteInRound() {
    if (step_ > stage1_ && (step_ - stage1_) % round_length_ == 0 &&
        Round() <= rounds_)
      router_->RefitHeads();
    if (Round() == 0)
      return static_cast<int>(route_rng_.UniformInt(net_.experts()));
    return router_->Route(x_, route_rng_);
  }
  // Stage 2 with competitive learning: prototypes start at its first step.
  int StartOrNearest() {
    if (step_ == stage1_) StartPrototypes();
    return net_.NearestPrototype(x_);
  }
  // The learned routing of a sample (stage 3, test dispatch).
  int Routed(const Eigen::VectorXd& x, Rng& ties) const {
    return router_ ? router_->Route(x, ties) : net_.NearestPrototype(x);
  }
  // Every prototype starts at a different sample of the router's stage.
  void StartPrototypes() {
    const int N = static_cast<int>(order_.size());
    for (int m = 0; m < net_.experts(); ++m) {
      net_.SetPrototype(
          m, data_->train.patches.row(order_[(sample_ + m * 7919) % N])
                 .template cast<double>()
                 .transpose());
    }
  }
  // Entropy of the expert loads' cluster mix; `pure` gets the samples that
  // share their expert with the majority of their cluster.
  static double DispatchEntropy(const std::vector<std::vector<int>>& matrix,
                                int total,
                                double& pure) {
    double entropy = 0;
    const int C = static_cast<int>(matrix.size());
    for (size_t m = 0; m < matrix.front().size(); ++m) {
      int load = 0, top = 0;
      for (int c = 0; c < C; ++c) {
        load += matrix[c][m];
        top = std::max(top, matrix[c][m]);
      }
      pure += top;
      for (int c = 0; c < C && load > 0; ++c) {
        const double p = double(matrix[c][m]) / load;
        if (p > 0) entropy -= double(load) / total * p * std::log(p);
      }
    }
    return entropy;
  }

  const TrainConfig& cfg_;
  const bool reshuffle_, moe_;
  const int k_;
  IndexNetwork net_;
  std::optional<LossRouter> router_;  // null: competitive learning
  int rounds_ = 4;
  long round_length_ = 1;
  uint64_t seed_;
  Rng order_rng_, route_rng_;
  const DataBundle<Scalar>* data_ = nullptr;
  std::vector<int> order_;
  long step_ = 0, stage1_ = 0, stage2_ = 0;
  int sample_ = 0, expert_ = 0;
  double target_ = 0;
  Eigen::VectorXd x_;
  Vector<Scalar> f_;
};

}  // namespace sim
